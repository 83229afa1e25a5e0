import { z } from 'zod';
import { FrameworkIdSchema, IsoDateSchema, RequirementIdSchema } from './common.js';

/** Ids people give to the things they make (evidence items, organisation controls): short, no spaces. */
export const UserIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, 'an id starts with a letter or digit and has no spaces, e.g. "EV-0012" or "policy/ai-2026"')
  .max(200, 'an id is at most 200 characters');

export const EVIDENCE_TYPES = [
  'policy', 'procedure', 'record', 'report', 'log', 'configuration', 'screenshot', 'certificate', 'attestation', 'contract', 'training', 'other',
] as const;
export const EvidenceTypeSchema = z.enum(EVIDENCE_TYPES);

/**
 * Something an organisation keeps to show it meets requirements: a document, a record, an export. It is collected
 * once and counts, through the mappings, wherever it reaches (see server/domain/analysis/evidenceReach.ts).
 */
export const EvidenceSchema = z
  .object({
    id: UserIdSchema,
    title: z.string().trim().min(1, 'an evidence item needs a title'),
    type: EvidenceTypeSchema,
    /** The person or team answerable for keeping it current. */
    owner: z.string().trim().min(1, 'an evidence item needs an owner'),
    /** Where it lives: a web page or document store (https://…, a SharePoint link), a file share, a file or a bucket; never a scheme that runs script. */
    locationUri: z.url({ protocol: /^(https?|file|smb|s?ftp|ftps|s3)$/, message: 'the location must be a URI such as "https://…", "file:///…", "smb://…" or "s3://…"' }),
    collected: IsoDateSchema,
    expires: IsoDateSchema.optional(),
    /** Frameworks it may count for; empty means every framework. */
    scope: z.array(FrameworkIdSchema).default([]),
    description: z.string().default(''),
  })
  .refine((e) => e.expires === undefined || e.expires >= e.collected, { message: 'expires is before collected', path: ['expires'] })
  .refine((e) => new Set(e.scope).size === e.scope.length, { message: 'a framework appears twice in the scope', path: ['scope'] });

/** An evidence item supports a requirement directly, or an organisation control (and so every requirement it cites). */
export const EvidenceLinkSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('requirement'), evidenceId: UserIdSchema, requirementId: RequirementIdSchema, note: z.string().optional() }),
  z.object({ kind: z.literal('org-control'), evidenceId: UserIdSchema, orgControlId: UserIdSchema, note: z.string().optional() }),
]);

export type EvidenceType = z.infer<typeof EvidenceTypeSchema>;
export type Evidence = z.infer<typeof EvidenceSchema>;
/** What a caller may pass: scope and description can be left out. */
export type EvidenceInput = z.input<typeof EvidenceSchema>;
export type EvidenceLink = z.infer<typeof EvidenceLinkSchema>;

/** The thing a link points at, as one string: a requirement id or "org-control:<id>". */
export const linkTargetOf = (link: EvidenceLink): string => (link.kind === 'requirement' ? link.requirementId : `org-control:${link.orgControlId}`);

/** Expired on `asOf` (an ISO date): the expiry date has passed. An item expiring today still counts today. */
export const isExpired = (evidence: Pick<Evidence, 'expires'>, asOf: string): boolean => evidence.expires !== undefined && evidence.expires < asOf;

/** Whether an item may count for a framework: its scope is empty (everything) or names the framework. */
export const inScope = (evidence: Pick<Evidence, 'scope'>, frameworkId: string): boolean => evidence.scope.length === 0 || evidence.scope.includes(frameworkId);
