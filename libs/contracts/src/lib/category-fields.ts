/**
 * Extra fields a category asks of a report beyond the common ones (e.g. a pothole's size), as data on
 * the responsibility list. Open311 publishes them as a service definition's attributes.
 */
import { z } from 'zod';

export const EXTRA_FIELD_TYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
export type ExtraFieldType = (typeof EXTRA_FIELD_TYPES)[number];

const extraFieldOptionSchema = z.object({
  key: z.string(),
  name: z.string(),
  nameEn: z.string(),
});
export type ExtraFieldOption = z.infer<typeof extraFieldOptionSchema>;

export const categoryExtraFieldSchema = z.object({
  /** Unique within the category: letters, digits and underscores. */
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  type: z.enum(EXTRA_FIELD_TYPES),
  required: z.boolean(),
  /** Help for the person reporting. */
  description: z.string().optional(),
  /** The choices of a single or multiple value list. */
  options: z.array(extraFieldOptionSchema).optional(),
});
export type CategoryExtraField = z.infer<typeof categoryExtraFieldSchema>;

/** Values given for a category's extra fields: one string, or several for a multiple value list. */
export type ExtraFieldValues = Record<string, string | string[]>;
