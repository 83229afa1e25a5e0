import { z } from 'zod';
import { RATIONALES, RELATIONSHIPS, STATUSES } from '../../domain/schemas/mapping.js';
import { WebUrlSchema } from '../../domain/schemas/common.js';
import { SUGGEST_METHODS } from '../../suggest/types.js';

/** Semantic limits on arguments, checked before any store call (GraphQL checks only the types). */
export const Limit = (max: number) => z.number().int().min(1).max(max);
export const Offset = z.number().int().min(0).max(1_000_000);

export const NeighbourhoodArgs = z.object({
  depth: z.number().int().min(0).max(4),
  maxNodes: Limit(5000),
});
export const PathArgs = z.object({
  maxLength: z.number().int().min(1).max(5),
  maxPaths: Limit(200),
});
export const SearchArgs = z.object({ text: z.string().max(200), limit: Limit(100) });
export const PageArgs = z.object({ limit: Limit(1000), offset: Offset });
/** What a person typed to find an evidence item (EvidenceFilter.text): words, matched as plain text. */
export const EvidenceText = z.string().max(200, 'search text is at most 200 characters').optional();

// Inputs are strict: a field the server does not read (a misspelt correction, "dry_run" for "dryRun") is refused,
// not dropped, so a REST caller never gets an approval without its correction or a saved run it meant as a dry run.
export const MappingInputSchema = z.strictObject({
  sourceId: z.string().min(1),
  targetId: z.string().min(1),
  relationship: z.enum(RELATIONSHIPS),
  rationale: z.enum(RATIONALES),
  strength: z.number().int().min(0).max(10),
  note: z.string().max(4000).optional().nullable(),
  provenanceSource: z.string().min(1).max(500).optional().nullable(),
  provenanceUrl: WebUrlSchema.max(2000).optional().nullable(),
});

export const SuggestInputSchema = z.strictObject({
  from: z.string().min(1).max(200),
  to: z.string().min(1).max(200),
  top: z.number().int().min(1).max(100).optional().nullable(),
  method: z.enum(SUGGEST_METHODS).optional().nullable(),
  model: z.string().min(1).max(200).optional().nullable(),
  rerank: z.boolean().optional().nullable(),
  reranker: z.string().min(1).max(200).optional().nullable(),
  dryRun: z.boolean().optional().nullable(),
  scope: z.array(z.string().min(1).max(200)).max(20).optional().nullable(),
});

export const ReviewInputSchema = z.strictObject({
  status: z.enum(STATUSES),
  note: z.string().max(4000).optional().nullable(),
  relationship: z.enum(RELATIONSHIPS).optional().nullable(),
  rationale: z.enum(RATIONALES).optional().nullable(),
  strength: z.number().int().min(0).max(10).optional().nullable(),
  mappingNote: z.string().max(4000).optional().nullable(),
});
