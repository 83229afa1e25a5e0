import { z } from 'zod';
import { FrameworkIdSchema, RefSchema, RequirementIdSchema, TagSchema } from './common.js';

/** Kinds are open (imported frameworks bring their own) but must be slugs; these are the ones Crosswalk ships. */
export const KNOWN_REQUIREMENT_KINDS = [
  'clause', 'annex', 'theme', 'objective', 'control', 'guidance',
  'function', 'category', 'subcategory', 'action', 'risk', 'risk-source', 'organizational-objective',
  'chapter', 'section', 'article', 'paragraph', 'point', 'domain', 'requirement',
] as const;

export const RequirementKindSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, `a kind is a lowercase slug such as ${KNOWN_REQUIREMENT_KINDS.slice(0, 5).join(', ')}`);

export const RequirementSchema = z.object({
  id: RequirementIdSchema,
  frameworkId: FrameworkIdSchema,
  ref: RefSchema,
  kind: RequirementKindSchema,
  /** The official short title, exactly as published (empty where the publisher gives none). */
  title: z.string(),
  /** Crosswalk's own words; never the publisher's normative text. */
  summary: z.string().optional(),
  parentId: RequirementIdSchema.optional(),
  order: z.number().int().nonnegative(),
  tags: z.array(TagSchema).default([]),
});

export type Requirement = z.infer<typeof RequirementSchema>;

/** The tag of a requirement its publisher withdrew: kept for its ref and history, never one to meet or cover. */
export const WITHDRAWN_TAG = 'withdrawn';

export const isWithdrawn = (requirement: Pick<Requirement, 'tags'>): boolean => requirement.tags.includes(WITHDRAWN_TAG);

/**
 * Tags that record another identifier for a requirement, as its publisher or other tools write it (the AI RMF's
 * "GV-1.1" for GOVERN 1.1): `alias:GV-1.1`. Files from other tools that use it are read as the requirement.
 */
export const ALIAS_TAG = 'alias:';

export const aliasesOf = (requirement: { tags: readonly string[] }): string[] =>
  requirement.tags.filter((t) => t.startsWith(ALIAS_TAG)).map((t) => t.slice(ALIAS_TAG.length));

/** The tag of guidance (an informative annex): shown, never counted as something to meet or map. */
export const INFORMATIVE_TAG = 'informative';

export const isInformative = (requirement: Pick<Requirement, 'tags'>): boolean => requirement.tags.includes(INFORMATIVE_TAG);
export type RequirementKind = z.infer<typeof RequirementKindSchema>;
