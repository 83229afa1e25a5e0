import { z } from 'zod';
import { RequirementIdSchema } from './common.js';
import { UserIdSchema } from './evidence.js';

/** "proposed": as the unified-control-set proposal made it; "user": a person created or edited it. */
export const ORG_CONTROL_ORIGINS = ['proposed', 'user'] as const;
export const OrgControlOriginSchema = z.enum(ORG_CONTROL_ORIGINS);

/**
 * One control of the organisation's unified control set: implemented once, it answers every requirement it cites,
 * across frameworks and editions.
 */
export const OrgControlSchema = z
  .object({
    id: UserIdSchema,
    title: z.string().trim().min(1, 'a control needs a title'),
    description: z.string().default(''),
    /** In the order shown; each requirement at most once. */
    requirementIds: z.array(RequirementIdSchema).min(1, 'a control cites at least one requirement'),
    origin: OrgControlOriginSchema,
    /** ISO date-times. */
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .refine((c) => new Set(c.requirementIds).size === c.requirementIds.length, { message: 'a requirement is cited twice', path: ['requirementIds'] });

export type OrgControlOrigin = z.infer<typeof OrgControlOriginSchema>;
export type OrgControl = z.infer<typeof OrgControlSchema>;
export type OrgControlInput = z.input<typeof OrgControlSchema>;
