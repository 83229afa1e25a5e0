import { z } from 'zod';
import { FrameworkIdSchema, WebUrlSchema } from './common.js';

export const FrameworkSchema = z.object({
  id: FrameworkIdSchema,
  name: z.string().min(1),
  edition: z.string().min(1),
  /** A label for graph nodes and table headers ("NIST AI RMF 1.0"), shown as it is; see frameworkShortLabel. */
  shortName: z.string().trim().min(1).max(32).optional(),
  publisher: z.string().min(1),
  url: WebUrlSchema.optional(),
  /** Who owns the text and what Crosswalk may ship of it. */
  licence: z.string().min(1),
  description: z.string().optional(),
  /** Ids of other editions of the same standard, oldest first; used to catch edition mix-ups. */
  family: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/).optional(),
});

export type Framework = z.infer<typeof FrameworkSchema>;
