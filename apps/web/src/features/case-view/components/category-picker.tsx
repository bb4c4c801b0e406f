import { useTranslation } from 'react-i18next';
import { useCategories } from '../../../cases/use-reference-data';
import form from '../../../ui/form.module.css';

/** Choosing the category a case is filed under: one of the second level (小类), grouped by the first. */
export function CategoryPicker({ value, onChange, label, testId }: { value: string | null; onChange: (code: string | null) => void; label: string; testId?: string }) {
  const categories = useCategories();
  const { t } = useTranslation();
  return (
    <select className={form.select} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} aria-label={label} data-testid={testId}>
      <option value="">{t('report.allCategories')}</option>
      {categories.all
        .filter((c) => c.parentCode === null)
        .map((parent) => (
          <optgroup key={parent.code} label={categories.shortName(parent.code)}>
            {categories.leaves
              .filter((c) => c.parentCode === parent.code)
              .map((c) => (
                <option key={c.code} value={c.code}>
                  {categories.shortName(c.code)}
                </option>
              ))}
          </optgroup>
        ))}
    </select>
  );
}
