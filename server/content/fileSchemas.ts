import { z } from 'zod';
import { FrameworkIdSchema, IsoDateSchema, RefSchema, TagSchema } from '../domain/schemas/common.js';
import { FrameworkSchema } from '../domain/schemas/framework.js';
import { MethodSchema, ProvenanceSchema, RationaleSchema, RelationshipSchema, StatusSchema } from '../domain/schemas/mapping.js';
import { RequirementKindSchema } from '../domain/schemas/requirement.js';

/** On-disk shapes of the content files. Refs are local to the file's framework(s); ids are built on load. */

export const CatalogEntrySchema = z.strictObject({
  ref: RefSchema,
  kind: RequirementKindSchema,
  title: z.string(),
  summary: z.string().optional(),
  parent: RefSchema.optional(),
  tags: z.array(TagSchema).optional(),
});

export const CatalogFileSchema = z.strictObject({
  framework: FrameworkSchema.strict(),
  requirements: z.array(CatalogEntrySchema),
});

const ProvenanceRefSchema = z.union([
  z.string().min(1).describe('a key of the file\'s "sources"'),
  ProvenanceSchema.partial().strict(),
]);

export const MappingEntrySchema = z.strictObject({
  source: RefSchema,
  target: RefSchema,
  relationship: RelationshipSchema,
  rationale: RationaleSchema.optional(),
  strength: z.number().int().min(0).max(10),
  method: MethodSchema.optional(),
  status: StatusSchema.optional(),
  provenance: ProvenanceRefSchema.optional(),
  note: z.string().optional(),
  /** Why a reviewer rejected or edited it (kept so exports and imports round-trip every field). */
  reviewNote: z.string().optional(),
});

/**
 * A pair this file's source also states but Crosswalk holds as a mapping elsewhere (a second crosswalk that overlaps the
 * first): attached on load to that mapping as a further source, never a mapping of its own.
 */
export const AlsoStatedEntrySchema = z.strictObject({
  source: RefSchema,
  target: RefSchema,
  relationship: RelationshipSchema,
  strength: z.number().int().min(0).max(10).optional(),
  provenance: ProvenanceRefSchema.optional(),
  note: z.string().optional(),
});

export const NoCounterpartEntrySchema = z.strictObject({
  ref: RefSchema,
  /** Which framework of the file the ref belongs to. */
  side: z.enum(['source', 'target']).default('source'),
  note: z.string().min(1),
  status: StatusSchema.optional(),
  provenance: ProvenanceRefSchema.optional(),
});

export const MappingFileSchema = z.strictObject({
  source: FrameworkIdSchema,
  target: FrameworkIdSchema,
  description: z.string().optional(),
  /** Named provenance records that entries refer to by key. */
  sources: z.record(z.string(), ProvenanceSchema.strict()).default({}),
  defaults: z
    .strictObject({
      rationale: RationaleSchema.optional(),
      method: MethodSchema.optional(),
      status: StatusSchema.optional(),
      provenance: ProvenanceRefSchema.optional(),
    })
    .default({}),
  mappings: z.array(MappingEntrySchema).default([]),
  noCounterpart: z.array(NoCounterpartEntrySchema).default([]),
  alsoStated: z.array(AlsoStatedEntrySchema).optional(),
});

export const HarmonizedFileSchema = z.strictObject({
  description: z.string().optional(),
  harmonizedClauses: z.array(
    z
      .strictObject({
        id: z.string(),
        /** Given where the concept is defined; left out to add clauses of another standard to a concept defined elsewhere. */
        title: z.string().min(1).optional(),
        summary: z.string().min(1).optional(),
        /** framework id → refs of the clauses that realise the concept in that standard. */
        clauses: z.record(FrameworkIdSchema, z.array(RefSchema).min(1)),
      })
      .refine((c) => (c.title === undefined) === (c.summary === undefined), {
        message: 'give a title and a summary to define a concept, or neither to add clauses to a concept defined in another file',
      }),
  ),
});

export { IsoDateSchema };
export type CatalogFile = z.infer<typeof CatalogFileSchema>;
export type MappingFile = z.infer<typeof MappingFileSchema>;
export type HarmonizedFile = z.infer<typeof HarmonizedFileSchema>;
