/**
 * Public notice (公示) of assessment results, issue 23, ADR 0021: a leader publishes the ranking of a level for a
 * period; the results are frozen as published, shown without personal data beyond names and posts, printable,
 * with a notice period during which appeals are open.
 */
import { z } from 'zod';
import { isoInstantSchema } from './api';
import { ASSESSMENT_GRADES, ASSESSMENT_LEVELS } from './assessment';

const localDate = z.iso.date();

/** POST /api/assessment/publications — a leader (assessor, admin) publishes a period's results of a level for notice. */
export const createPublicationSchema = z
  .object({
    level: z.enum(ASSESSMENT_LEVELS),
    from: localDate,
    to: localDate,
    /** Days the results stay on notice, during which appeals are open (公示期). */
    noticeDays: z.number().int().min(1).max(30).default(5),
  })
  .superRefine((p, ctx) => {
    if (p.to < p.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  });
export type CreatePublicationRequest = z.input<typeof createPublicationSchema>;

/** One line of a published ranking: no personal data beyond the name and the post. */
export const publishedRowSchema = z.object({
  rank: z.number().int(),
  unitName: z.string(),
  unitCode: z.string(),
  /** The post (role) of a person, null for other units. */
  post: z.string().nullable(),
  grade: z.enum(ASSESSMENT_GRADES).nullable(),
  stars: z.number().nullable(),
  composite: z.number().nullable(),
  score: z.number().nullable(),
  bottom: z.boolean(),
});

export const publicationDtoSchema = z
  .object({
    id: z.uuid(),
    level: z.enum(ASSESSMENT_LEVELS),
    from: z.string(),
    to: z.string(),
    configVersion: z.number().int(),
    publishedBy: z.string(),
    publishedAt: isoInstantSchema,
    /** The last local day of the notice period (inclusive). */
    noticeUntil: z.string(),
    /** The notice period has not ended: appeals are open. */
    onNotice: z.boolean(),
    rows: z.array(publishedRowSchema),
  })
  .meta({ id: 'AssessmentPublication' });
export type PublicationDto = z.infer<typeof publicationDtoSchema>;

export const publicationListSchema = z.array(publicationDtoSchema.omit({ rows: true })).meta({ id: 'AssessmentPublicationList' });
export type PublicationSummary = z.infer<typeof publicationListSchema>[number];
