/**
 * Extra fields a category asks of a report beyond the common ones (e.g. a pothole's size), as data on
 * the responsibility list. Open311 publishes them as a service definition's attributes.
 */
export const EXTRA_FIELD_TYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
export type ExtraFieldType = (typeof EXTRA_FIELD_TYPES)[number];

export interface ExtraFieldOption {
  key: string;
  name: string;
  nameEn: string;
}

export interface CategoryExtraField {
  /** Unique within the category: letters, digits and underscores. */
  code: string;
  name: string;
  nameEn: string;
  type: ExtraFieldType;
  required: boolean;
  /** Help for the person reporting. */
  description?: string;
  /** The choices of a single or multiple value list. */
  options?: ExtraFieldOption[];
}

/** Values given for a category's extra fields: one string, or several for a multiple value list. */
export type ExtraFieldValues = Record<string, string | string[]>;
