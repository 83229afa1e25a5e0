import { z } from 'zod';
import type { CatalogFile, HarmonizedFile } from '../content/fileSchemas.js';
import { formatPath } from '../content/yamlDocument.js';
import type { Problem } from '../domain/errors.js';
import { splitRequirementId } from '../domain/ids.js';
import type { ContentBundle } from '../domain/schemas/content.js';
import { FrameworkSchema } from '../domain/schemas/framework.js';
import { HarmonizedClauseSchema } from '../domain/schemas/harmonizedClause.js';
import { MappingSchema, NoCounterpartSchema, ProvenanceSchema, RationaleSchema, RelationshipSchema, SourceStatementSchema, StatusSchema } from '../domain/schemas/mapping.js';
import { RequirementSchema } from '../domain/schemas/requirement.js';
import { buildMappingFiles } from './buildMappingFiles.js';
import { issuesToProblems, isRecord, parseJsonInput } from './jsonInput.js';
import { emptyImport, hasBlockingErrors, type ImportOptions, type ImportResult } from './types.js';

export const BUNDLE_FORMAT = 'crosswalk-bundle';
export const BUNDLE_VERSION = 1;

const BundleReviewEditsSchema = z.strictObject({
  relationship: RelationshipSchema.optional(),
  rationale: RationaleSchema.optional(),
  strength: z.number().int().min(0).max(10).optional(),
  note: z.string().optional(),
});

/** A review decision as the store records it (same shape as the store's ReviewDecision). */
export const BundleReviewSchema = z.strictObject({
  mappingId: z.string().min(1),
  status: StatusSchema,
  reviewer: z.string().min(1),
  at: z.string().min(1),
  note: z.string().optional(),
  edits: BundleReviewEditsSchema.optional(),
  /** What the edits replaced, as recorded when the decision was made. */
  replaced: BundleReviewEditsSchema.optional(),
});

export const CrosswalkBundleSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  generatedAt: z.string().optional(),
  frameworks: z.array(FrameworkSchema.strict()),
  requirements: z.array(RequirementSchema.strict()),
  mappings: z.array(MappingSchema.strict()),
  noCounterparts: z.array(NoCounterpartSchema.strict()).default([]),
  harmonizedClauses: z.array(HarmonizedClauseSchema.strict()).default([]),
  reviews: z.array(BundleReviewSchema).optional(),
});

export type BundleReview = z.infer<typeof BundleReviewSchema>;
export type CrosswalkBundle = z.infer<typeof CrosswalkBundleSchema>;

export interface JsonBundleExportOptions {
  /** ISO date-time written as generatedAt; left out when not given, so the output depends on the content only. */
  generatedAt?: string;
  reviews?: readonly BundleReview[];
}

/** The object's fields in the order of its schema (undefined ones left out), so equal content gives equal text. */
const inSchemaOrder = <T extends object>(schema: z.ZodObject, value: T): T => {
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) {
    const field = record[key];
    if (field === undefined) continue;
    const inner = key === 'provenance' ? ProvenanceSchema : key === 'edits' || key === 'replaced' ? BundleReviewEditsSchema : undefined;
    if (key === 'alsoStatedBy' && Array.isArray(field)) out[key] = field.map((s: object) => inSchemaOrder(SourceStatementSchema, s));
    else out[key] = inner && typeof field === 'object' && field !== null ? inSchemaOrder(inner, field) : field;
  }
  return out as T;
};

/**
 * Everything in one JSON document: `{format: "crosswalk-bundle", version: 1, frameworks, requirements, mappings,
 * noCounterparts, harmonizedClauses, reviews?}`. Fields are written in schema order, so the text depends on the content
 * only (and on generatedAt when given).
 */
export function exportJsonBundle(bundle: ContentBundle, options: JsonBundleExportOptions = {}): string {
  const document: CrosswalkBundle = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
    frameworks: bundle.frameworks.map((f) => inSchemaOrder(FrameworkSchema, f)),
    requirements: bundle.requirements.map((r) => inSchemaOrder(RequirementSchema, r)),
    mappings: bundle.mappings.map((m) => inSchemaOrder(MappingSchema, m)),
    noCounterparts: bundle.noCounterparts.map((n) => inSchemaOrder(NoCounterpartSchema, n)),
    harmonizedClauses: bundle.harmonizedClauses.map((c) => inSchemaOrder(HarmonizedClauseSchema, c)),
    ...(options.reviews ? { reviews: options.reviews.map((r) => inSchemaOrder(BundleReviewSchema, r)) } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export interface JsonBundleImportResult extends ImportResult {
  /** The harmonized-structure concepts, when the bundle has any. */
  harmonized?: HarmonizedFile;
  /** Review decisions the bundle carries, for the caller to re-apply. */
  reviews: BundleReview[];
}

/**
 * Reads a bundle back into catalog files (one per framework, requirements in their order), mapping files (one per
 * framework pair, with every mapping field: relationship, rationale, strength, method, status, provenance, note,
 * review note; no-counterpart statements in the file of their pair) and the harmonized structure. The origin of
 * mappings is not kept: the caller sets it when it loads the files.
 */
export function importJsonBundle(text: string, options: ImportOptions): JsonBundleImportResult {
  const { file } = options;
  const none = (problems: Problem[]): JsonBundleImportResult => ({ ...emptyImport(problems), reviews: [] });
  const parsed = parseJsonInput(text, file);
  if (parsed.data === undefined) return none(parsed.problems);
  const data = parsed.data;
  if (!isRecord(data) || data.format !== BUNDLE_FORMAT)
    return none([{ file, message: `not a Crosswalk bundle: expected "format": "${BUNDLE_FORMAT}" at the top level`, severity: 'error' }]);
  if (data.version !== BUNDLE_VERSION)
    return none([{ file, path: 'version', message: `unsupported bundle version ${JSON.stringify(data.version)} (this Crosswalk reads version ${BUNDLE_VERSION})`, severity: 'error' }]);
  const checked = CrosswalkBundleSchema.safeParse(data);
  if (!checked.success) return none(issuesToProblems(checked.error.issues, file));
  const bundle = checked.data;

  const problems: Problem[] = [];
  const fail = (path: string, message: string) => problems.push({ file, path, message, severity: 'error' });
  const known = new Set(bundle.frameworks.map((f) => f.id));
  const ordered = bundle.requirements.map((r, index) => ({ r, index })).sort((a, b) => a.r.order - b.r.order || a.index - b.index);
  const catalogs: CatalogFile[] = bundle.frameworks.map((framework) => ({
    framework,
    requirements: ordered
      .filter(({ r }) => r.frameworkId === framework.id)
      .map(({ r, index }) => {
        const parent = r.parentId === undefined ? undefined : splitRequirementId(r.parentId);
        if (parent && parent.frameworkId !== r.frameworkId) fail(formatPath(['requirements', index, 'parentId']), `parent "${r.parentId}" is in another framework`);
        if (r.id !== `${r.frameworkId}:${r.ref}`) fail(formatPath(['requirements', index, 'id']), `id "${r.id}" does not match "${r.frameworkId}:${r.ref}"`);
        return {
          ref: r.ref,
          kind: r.kind,
          title: r.title,
          ...(r.summary !== undefined ? { summary: r.summary } : {}),
          ...(parent ? { parent: parent.ref } : {}),
          ...(r.tags.length ? { tags: r.tags } : {}),
        };
      }),
  }));
  bundle.requirements.forEach((r, index) => {
    if (!known.has(r.frameworkId)) fail(formatPath(['requirements', index, 'frameworkId']), `framework "${r.frameworkId}" is not in the bundle's frameworks`);
  });

  const built = buildMappingFiles(
    bundle.mappings.map((m, index) => {
      const source = splitRequirementId(m.source);
      const target = splitRequirementId(m.target);
      return {
        sourceFramework: source.frameworkId,
        targetFramework: target.frameworkId,
        source: source.ref,
        target: target.ref,
        relationship: m.relationship,
        rationale: m.rationale,
        strength: m.strength,
        method: m.method,
        status: m.status,
        provenance: m.provenance,
        ...(m.note !== undefined ? { note: m.note } : {}),
        ...(m.reviewNote !== undefined ? { reviewNote: m.reviewNote } : {}),
        ...(m.alsoStatedBy ? { alsoStatedBy: m.alsoStatedBy } : {}),
        at: { path: formatPath(['mappings', index]) },
      };
    }),
    {
      file,
      description: 'Imported from a Crosswalk bundle.',
      noCounterparts: bundle.noCounterparts.map((n, index) => {
        const own = splitRequirementId(n.requirementId);
        return { frameworkId: own.frameworkId, otherFrameworkId: n.otherFrameworkId, ref: own.ref, note: n.note, status: n.status, provenance: n.provenance, at: { path: formatPath(['noCounterparts', index]) } };
      }),
    },
  );
  problems.push(...built.problems);

  const harmonized: HarmonizedFile | undefined = bundle.harmonizedClauses.length
    ? {
        harmonizedClauses: [...bundle.harmonizedClauses]
          .sort((a, b) => a.order - b.order)
          .map((c) => {
            const clauses: Record<string, string[]> = {};
            for (const id of c.requirementIds) {
              const { frameworkId, ref } = splitRequirementId(id);
              (clauses[frameworkId] ??= []).push(ref);
            }
            return { id: c.id, title: c.title, summary: c.summary, clauses };
          }),
      }
    : undefined;

  if (hasBlockingErrors(problems)) return none(problems);
  return { catalogs, mappingFiles: built.mappingFiles, problems, ...(harmonized ? { harmonized } : {}), reviews: bundle.reviews ?? [] };
}
