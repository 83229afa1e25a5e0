import { z } from 'zod';
import { FrameworkIdSchema, WebUrlSchema } from './common.js';

export const FrameworkSchema = z.object({
  id: FrameworkIdSchema,
  name: z.string().min(1),
  edition: z.string().min(1),
  publisher: z.string().min(1),
  url: WebUrlSchema.optional(),
  /** Who owns the text and what Crosswalk may ship of it. */
  licence: z.string().min(1),
  description: z.string().optional(),
  /** Ids of other editions of the same standard, oldest first; used to catch edition mix-ups. */
  family: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/).optional(),
});

export type Framework = z.infer<typeof FrameworkSchema>;
