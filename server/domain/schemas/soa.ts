import { z } from 'zod';
import { FrameworkIdSchema, RequirementIdSchema } from './common.js';

export const IMPLEMENTATION_STATUSES = ['not-started', 'planned', 'in-progress', 'implemented'] as const;
export const ImplementationStatusSchema = z.enum(IMPLEMENTATION_STATUSES);

/**
 * The organisation's decision on one control of a Statement of Applicability (ISO/IEC 42001 6.1.3,
 * ISO/IEC 27001 6.1.3): whether it applies, why, and how far it is implemented.
 */
export const SoaEntrySchema = z
  .object({
    frameworkId: FrameworkIdSchema,
    requirementId: RequirementIdSchema,
    applicable: z.boolean(),
    justification: z.string().default(''),
    implementationStatus: ImplementationStatusSchema.default('not-started'),
    /** ISO date-time of the last change, when known. */
    updatedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((e) => e.requirementId.startsWith(`${e.frameworkId}:`), { message: 'the requirement is not in this framework', path: ['requirementId'] })
  .refine((e) => e.applicable || e.justification.trim() !== '', { message: 'excluding a control needs a justification', path: ['justification'] });

export type ImplementationStatus = z.infer<typeof ImplementationStatusSchema>;
export type SoaEntry = z.infer<typeof SoaEntrySchema>;
export type SoaEntryInput = z.input<typeof SoaEntrySchema>;
