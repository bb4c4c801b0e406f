import type { CategoryExtraField, ExtraFieldValues } from '@grid/contracts';
import { checkExtraFields } from '@grid/domain';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCategories, useEnglish } from '../../../cases/use-reference-data';
import form from '../../../ui/form.module.css';

export interface ExtraFieldsProps {
  fields: readonly CategoryExtraField[];
  values: ExtraFieldValues;
  onChange: (values: ExtraFieldValues) => void;
}

/**
 * The questions a category asks beyond the common ones (a pothole's size, a facility's number): one input
 * per field of its type, in the category's order. Nothing is shown for a category without any.
 */
export function ExtraFields({ fields, values, onChange }: ExtraFieldsProps) {
  const { t } = useTranslation();
  const english = useEnglish();
  if (!fields.length) return null;
  const set = (code: string, value: string | string[]) => onChange({ ...values, [code]: value });
  return (
    <fieldset className={form.fieldset} data-testid="extra-fields">
      {fields.map((field) => {
        const label = english ? field.nameEn : field.name;
        const value = values[field.code];
        const one = typeof value === 'string' ? value : '';
        const optionName = (o: { name: string; nameEn: string }) => (english ? o.nameEn : o.name);
        const caption = (
          <span className={form.label}>
            {label} {field.required ? '' : t('common.optional')}
          </span>
        );
        if (field.type === 'multivaluelist') {
          const chosen = new Set(Array.isArray(value) ? value : []);
          return (
            <div key={field.code} className={form.field} role="group" aria-label={label}>
              {caption}
              <div className={form.chips}>
                {(field.options ?? []).map((o) => (
                  <label key={o.key} className={form.chip}>
                    <input
                      type="checkbox"
                      checked={chosen.has(o.key)}
                      onChange={(e) => set(field.code, (field.options ?? []).map((x) => x.key).filter((k) => (k === o.key ? e.target.checked : chosen.has(k))))}
                    />
                    {optionName(o)}
                  </label>
                ))}
              </div>
            </div>
          );
        }
        return (
          <label key={field.code} className={form.field}>
            {caption}
            {field.type === 'singlevaluelist' ? (
              <select className={form.select} value={one} onChange={(e) => set(field.code, e.target.value)} required={field.required} data-field={field.code}>
                <option value="">{t('extraFields.choose')}</option>
                {(field.options ?? []).map((o) => (
                  <option key={o.key} value={o.key}>
                    {optionName(o)}
                  </option>
                ))}
              </select>
            ) : field.type === 'text' ? (
              <textarea className={form.textarea} value={one} onChange={(e) => set(field.code, e.target.value)} maxLength={500} rows={2} data-field={field.code} />
            ) : (
              <input
                className={form.input}
                type={field.type === 'number' ? 'number' : field.type === 'datetime' ? 'datetime-local' : 'text'}
                inputMode={field.type === 'number' ? 'decimal' : undefined}
                value={field.type === 'datetime' ? one.slice(0, 16) : one}
                onChange={(e) => set(field.code, field.type === 'datetime' && e.target.value ? new Date(e.target.value).toISOString() : e.target.value)}
                maxLength={500}
                data-field={field.code}
              />
            )}
            {field.description && <span className={form.hint}>{field.description}</span>}
          </label>
        );
      })}
    </fieldset>
  );
}

/**
 * A report form's category and the answers to its questions: choosing another category clears them.
 * `problem()` names the first answer that would be refused (null when all will be accepted); `request`
 * is what to add to the report.
 */
export function useCategoryQuestions() {
  const { t } = useTranslation();
  const english = useEnglish();
  const categories = useCategories();
  const [categoryCode, setCategory] = useState<string | null>(null);
  const [values, setValues] = useState<ExtraFieldValues>({});
  const fields = (categoryCode && categories.byCode.get(categoryCode)?.extraFields) || [];
  return {
    categoryCode,
    setCategoryCode(code: string | null) {
      if (code !== categoryCode) setValues({});
      setCategory(code);
    },
    inputs: { fields, values, onChange: setValues },
    problem: () => extraFieldsProblem(fields, values, t, english),
    request: fields.length ? { extraFields: values } : {},
  };
}

function extraFieldsProblem(fields: readonly CategoryExtraField[], values: ExtraFieldValues, t: TFunction, english: boolean): string | null {
  const checked = checkExtraFields(fields, values, (code) => code);
  if (checked.ok) return null;
  const field = fields.find((f) => f.code === checked.refusal.field);
  const name = field ? (english ? field.nameEn : field.name) : (checked.refusal.field ?? '');
  return checked.refusal.code === 'missing_field' ? t('extraFields.required', { name }) : t('extraFields.invalid', { name });
}
