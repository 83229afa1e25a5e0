import { z } from 'zod';
import { FrameworkIdSchema, IsoDateSchema, RequirementIdSchema, WebUrlSchema } from './common.js';

/** NIST IR 8477 set-theory relationships, with OSCAL 1.2's names. */
export const RELATIONSHIPS = ['equal-to', 'equivalent-to', 'subset-of', 'superset-of', 'intersects-with', 'no-relationship'] as const;
export const RATIONALES = ['syntactic', 'semantic', 'functional'] as const;
export const METHODS = ['human', 'automation', 'hybrid'] as const;
export const STATUSES = ['proposed', 'approved', 'rejected'] as const;
/** Where a mapping came from: shipped content, a person's edit, an import, or a machine suggestion. */
export const ORIGINS = ['reference', 'user', 'import', 'suggestion'] as const;

export const RelationshipSchema = z.enum(RELATIONSHIPS);
export const RationaleSchema = z.enum(RATIONALES);
export const MethodSchema = z.enum(METHODS);
export const StatusSchema = z.enum(STATUSES);
export const OriginSchema = z.enum(ORIGINS);

export const ProvenanceSchema = z.object({
  /** The public document the pair comes from, or "Crosswalk curation" for the team's own analysis. */
  source: z.string().min(1),
  url: WebUrlSchema.optional(),
  author: z.string().min(1),
  reviewer: z.string().min(1).optional(),
  /** When the pair was recorded (encoded from its source, or made), not when the source was published. */
  created: IsoDateSchema,
  reviewed: IsoDateSchema.optional(),
});

/**
 * Another source's statement of a pair Crosswalk already holds as a mapping: the relationship it states (read in the
 * mapping's own direction), its strength and note if it gives them, and where it comes from. Crosswalk keeps one
 * mapping per pair; further sources corroborate it, or, when their relationship differs, show a person what to review.
 */
export const SourceStatementSchema = z.object({
  relationship: RelationshipSchema,
  strength: z.number().int().min(0).max(10).optional(),
  note: z.string().optional(),
  provenance: ProvenanceSchema,
});

export const MappingSchema = z.object({
  id: z.string().min(1),
  source: RequirementIdSchema,
  target: RequirementIdSchema,
  relationship: RelationshipSchema,
  rationale: RationaleSchema,
  strength: z.number().int().min(0).max(10),
  method: MethodSchema,
  status: StatusSchema,
  origin: OriginSchema,
  provenance: ProvenanceSchema,
  note: z.string().optional(),
  /** Why a reviewer rejected or edited it. */
  reviewNote: z.string().optional(),
  /** Other sources that state the same pair (absent when none do). */
  alsoStatedBy: z.array(SourceStatementSchema).min(1).optional(),
});

/**
 * An explicit, reviewed statement that a requirement has no counterpart in another framework,
 * so that "not covered" can be told apart from "not mapped yet".
 */
export const NoCounterpartSchema = z.object({
  requirementId: RequirementIdSchema,
  otherFrameworkId: FrameworkIdSchema,
  note: z.string().min(1),
  status: StatusSchema,
  origin: OriginSchema,
  provenance: ProvenanceSchema,
});

export type Relationship = z.infer<typeof RelationshipSchema>;
export type Rationale = z.infer<typeof RationaleSchema>;
export type Method = z.infer<typeof MethodSchema>;
export type Status = z.infer<typeof StatusSchema>;
export type Origin = z.infer<typeof OriginSchema>;
export type Provenance = z.infer<typeof ProvenanceSchema>;
export type Mapping = z.infer<typeof MappingSchema>;
export type SourceStatement = z.infer<typeof SourceStatementSchema>;
export type NoCounterpart = z.infer<typeof NoCounterpartSchema>;
