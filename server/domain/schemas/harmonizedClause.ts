import { z } from 'zod';
import { RequirementIdSchema } from './common.js';

/**
 * A clause concept of the harmonized structure (ISO Annex SL). Standards are joined on the concept,
 * never on the clause number: 9001:2015 orders clause 10 differently from 27001:2022 and 42001:2023.
 */
export const HarmonizedClauseSchema = z.object({
  id: z.string().regex(/^hs:[a-z0-9-]+$/, 'a harmonized clause id is "hs:<slug>", e.g. "hs:continual-improvement"'),
  title: z.string().min(1),
  summary: z.string().min(1),
  order: z.number().int().nonnegative(),
  requirementIds: z.array(RequirementIdSchema).min(1),
});

export type HarmonizedClause = z.infer<typeof HarmonizedClauseSchema>;
