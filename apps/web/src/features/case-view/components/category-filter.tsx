import { useTranslation } from 'react-i18next';
import { useCategories } from '../../../cases/use-reference-data';
import form from '../../../ui/form.module.css';

/** A category filter: any, a whole parent category (大类), or one category (小类), indented under its parent. */
export function CategoryFilter({ value, onChange }: { value: string | null; onChange: (code: string | null) => void }) {
  const { t } = useTranslation();
  const categories = useCategories();
  return (
    <select className={form.select} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} aria-label={t('desk.category')}>
      <option value="">{t('desk.allCategories')}</option>
      {categories.all.map((c) => (
        <option key={c.code} value={c.code}>
          {c.parentCode ? '\u3000' : ''}
          {categories.shortName(c.code)}
        </option>
      ))}
    </select>
  );
}
