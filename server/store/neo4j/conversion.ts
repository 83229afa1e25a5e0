import neo4j, { type Integer } from 'neo4j-driver';
import { ConflictError, InputError, NotFoundError } from '../../domain/errors.js';
import type { MappingPath } from '../../domain/graph.js';
import { inverseRelationship } from '../../domain/relationships.js';
import type { Evidence, EvidenceLink } from '../../domain/schemas/evidence.js';
import type { Framework } from '../../domain/schemas/framework.js';
import type { HarmonizedClause } from '../../domain/schemas/harmonizedClause.js';
import type { Mapping, NoCounterpart, Provenance, Relationship } from '../../domain/schemas/mapping.js';
import type { OrgControl } from '../../domain/schemas/orgControl.js';
import type { Requirement } from '../../domain/schemas/requirement.js';
import type { SoaEntry } from '../../domain/schemas/soa.js';
import type { ReviewDecision, StoredEmbedding } from '../types.js';

/**
 * Property maps as stored on nodes and relationships, and back. Absent optional values are never stored (a `null`
 * in a `SET x = $map` removes the property) and come back as absent keys, never `null` or `undefined` values.
 * Whole numbers go to the server as Integer, so `order` and `strength` are INTEGER properties, not FLOAT.
 */
export type Props = Record<string, unknown>;

/** Every property key the store writes or reads, per element; the Cypher lint test checks queries against them. */
export const PROPERTY_KEYS = {
  Framework: ['id', 'name', 'edition', 'publisher', 'url', 'licence', 'description', 'family', 'order', 'shortName'],
  Requirement: ['id', 'frameworkId', 'ref', 'refKey', 'kind', 'title', 'summary', 'parentId', 'order', 'tags', 'fileSourced'],
  MAPS_TO: [
    'id', 'relationship', 'rationale', 'strength', 'method', 'status', 'origin', 'provenanceSource', 'provenanceUrl',
    'provenanceAuthor', 'provenanceReviewer', 'provenanceCreated', 'provenanceReviewed', 'note', 'reviewNote', 'alsoStatedBy',
    'alsoStatedRelationships',
  ],
  NoCounterpart: [
    'requirementId', 'otherFrameworkId', 'note', 'status', 'origin', 'provenanceSource', 'provenanceUrl', 'provenanceAuthor',
    'provenanceReviewer', 'provenanceCreated', 'provenanceReviewed',
  ],
  HarmonizedClause: ['id', 'title', 'summary', 'order'],
  REALISES: ['order'],
  Review: ['mappingId', 'seq', 'status', 'reviewer', 'at', 'note', 'edits', 'replaced'],
  ContentState: ['id', 'fingerprint', 'revision'],
  Migration: ['id', 'appliedAt'],
  Embedding: ['modelId', 'requirementId', 'frameworkId', 'textHash', 'pooling', 'prefix', 'dimension', 'vector'],
  Evidence: ['id', 'title', 'type', 'owner', 'locationUri', 'collected', 'expires', 'scope', 'description'],
  SUPPORTS: ['note'],
  OrgControl: ['id', 'title', 'description', 'origin', 'createdAt', 'updatedAt', 'position'],
  CITES: ['position'],
  SoaEntry: ['frameworkId', 'requirementId', 'applicable', 'justification', 'implementationStatus', 'updatedAt'],
} as const;

/** A JavaScript whole number as a Cypher INTEGER parameter (plain numbers are sent as FLOAT). */
export function toInteger(value: number): Integer {
  if (!Number.isSafeInteger(value)) throw new TypeError(`expected a whole number for an INTEGER parameter, received ${value}`);
  return neo4j.int(value);
}

/** A Cypher INTEGER (or FLOAT) as a JavaScript number; refuses values a number cannot hold exactly. */
export function toNumber(value: unknown, what = 'value'): number {
  if (neo4j.isInt(value)) {
    if (!neo4j.integer.inSafeRange(value)) throw new RangeError(`${what}: ${value.toString()} is outside the safe integer range`);
    return value.toNumber();
  }
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) throw new RangeError(`${what}: ${value} is outside the safe integer range`);
    return Number(value);
  }
  if (typeof value === 'number') return value;
  throw new TypeError(`${what}: expected a number, received ${describe(value)}`);
}

const describe = (value: unknown) => (value === null ? 'null' : value === undefined ? 'nothing' : `${typeof value} ${JSON.stringify(value)}`);

/** Drops keys whose value is undefined, so optional properties are absent rather than present-and-undefined. */
export const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** Reads typed values out of one stored property map, naming the element in every error. */
function reader(props: Props, element: string) {
  const name = `${element} ${JSON.stringify(props.id ?? props.mappingId ?? props.requirementId ?? '?')}`;
  const present = (key: string) => props[key] !== undefined && props[key] !== null;
  return {
    string(key: string): string {
      const value = props[key];
      if (typeof value !== 'string') throw new TypeError(`${name}: property "${key}" should be a string, found ${describe(value)}`);
      return value;
    },
    optionalString(key: string): string | undefined {
      if (!present(key)) return undefined;
      return this.string(key);
    },
    number(key: string): number {
      if (!present(key)) throw new TypeError(`${name}: property "${key}" is missing`);
      return toNumber(props[key], `${name}.${key}`);
    },
    boolean(key: string): boolean {
      const value = props[key];
      if (typeof value !== 'boolean') throw new TypeError(`${name}: property "${key}" should be a boolean, found ${describe(value)}`);
      return value;
    },
    strings(key: string): string[] {
      const value = props[key];
      if (!present(key)) return [];
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new TypeError(`${name}: property "${key}" should be a list of strings, found ${describe(value)}`);
      return [...value];
    },
  };
}

type Read = ReturnType<typeof reader>;

export const toFramework = (props: Props): Framework => {
  const r = reader(props, 'Framework');
  return defined({
    id: r.string('id'), name: r.string('name'), edition: r.string('edition'), publisher: r.string('publisher'), url: r.optionalString('url'),
    licence: r.string('licence'), description: r.optionalString('description'), family: r.optionalString('family'),
    shortName: r.optionalString('shortName'),
  });
};

/** `order` is the framework's position in the loaded bundle; it takes part in change detection as in the SQLite store. */
export const fromFramework = (f: Framework, order: number): Props => ({
  id: f.id, name: f.name, edition: f.edition, publisher: f.publisher, url: f.url ?? null, licence: f.licence,
  description: f.description ?? null, family: f.family ?? null, order: toInteger(order), shortName: f.shortName ?? null,
});

export const frameworkOrder = (props: Props): number => reader(props, 'Framework').number('order');

export const toRequirement = (props: Props): Requirement => {
  const r = reader(props, 'Requirement');
  return defined({
    id: r.string('id'), frameworkId: r.string('frameworkId'), ref: r.string('ref'), kind: r.string('kind'), title: r.string('title'),
    summary: r.optionalString('summary'), parentId: r.optionalString('parentId'), order: r.number('order'), tags: r.strings('tags'),
  });
};

/** A ref in lower case: stored as `refKey`, and what SEARCH_EXACT looks the typed text up as (one folding for both). */
export const refKeyOf = (ref: string) => ref.toLowerCase();

/**
 * `fileSourced` marks content that came from the catalog files (all requirements do, today). No tags are stored as
 * no `tags` property (read back as []), so the store never depends on how a server keeps an empty list. `refKey`,
 * the ref in lower case, is what search looks a ref up by, through an index (migrations/0004_ref_lookup.cypher).
 */
export const fromRequirement = (req: Requirement): Props => ({
  id: req.id, frameworkId: req.frameworkId, ref: req.ref, refKey: refKeyOf(req.ref), kind: req.kind, title: req.title, summary: req.summary ?? null,
  parentId: req.parentId ?? null, order: toInteger(req.order), tags: req.tags.length ? [...req.tags] : null, fileSourced: true,
});

const toProvenance = (r: Read): Provenance =>
  defined({
    source: r.string('provenanceSource'), url: r.optionalString('provenanceUrl'), author: r.string('provenanceAuthor'),
    reviewer: r.optionalString('provenanceReviewer'), created: r.string('provenanceCreated'), reviewed: r.optionalString('provenanceReviewed'),
  });

const fromProvenance = (p: Provenance): Props => ({
  provenanceSource: p.source, provenanceUrl: p.url ?? null, provenanceAuthor: p.author, provenanceReviewer: p.reviewer ?? null,
  provenanceCreated: p.created, provenanceReviewed: p.reviewed ?? null,
});

/** Further sources are a list of maps, which a property cannot hold: they are stored as JSON text. */
const alsoStatedByOf = (json: string | undefined): Mapping['alsoStatedBy'] => (json ? (JSON.parse(json) as Mapping['alsoStatedBy']) : undefined);

/** A MAPS_TO relationship's properties plus `source` and `target`, the ids of its end nodes (see MAPPING_PROJECTION). */
export const toMapping = (props: Props): Mapping => {
  const r = reader(props, 'MAPS_TO');
  return defined({
    id: r.string('id'), source: r.string('source'), target: r.string('target'),
    relationship: r.string('relationship') as Mapping['relationship'], rationale: r.string('rationale') as Mapping['rationale'],
    strength: r.number('strength'), method: r.string('method') as Mapping['method'], status: r.string('status') as Mapping['status'],
    origin: r.string('origin') as Mapping['origin'], provenance: toProvenance(r), note: r.optionalString('note'), reviewNote: r.optionalString('reviewNote'),
    alsoStatedBy: alsoStatedByOf(r.optionalString('alsoStatedBy')),
  });
};

export interface MappingRow {
  source: string;
  target: string;
  /** The relationship's own properties; its ends are the nodes `source` and `target`. */
  props: Props;
}

export const fromMapping = (m: Mapping): MappingRow => ({
  source: m.source,
  target: m.target,
  props: {
    id: m.id, relationship: m.relationship, rationale: m.rationale, strength: toInteger(m.strength), method: m.method, status: m.status,
    origin: m.origin, ...fromProvenance(m.provenance), note: m.note ?? null, reviewNote: m.reviewNote ?? null,
    alsoStatedBy: m.alsoStatedBy?.length ? JSON.stringify(m.alsoStatedBy) : null,
    // A list of strings, which a property can hold, so the "disputed" filter needs no JSON parsing in Cypher.
    alsoStatedRelationships: m.alsoStatedBy?.length ? m.alsoStatedBy.map((s) => s.relationship) : null,
  },
});

export const toNoCounterpart = (props: Props): NoCounterpart => {
  const r = reader(props, 'NoCounterpart');
  return {
    requirementId: r.string('requirementId'), otherFrameworkId: r.string('otherFrameworkId'), note: r.string('note'),
    status: r.string('status') as NoCounterpart['status'], origin: r.string('origin') as NoCounterpart['origin'], provenance: toProvenance(r),
  };
};

export const fromNoCounterpart = (n: NoCounterpart): Props => ({
  requirementId: n.requirementId, otherFrameworkId: n.otherFrameworkId, note: n.note, status: n.status, origin: n.origin, ...fromProvenance(n.provenance),
});

/** `members` are the REALISES relationships of the clause: requirement id and position, in any order. */
export const toHarmonizedClause = (props: Props, members: Props[]): HarmonizedClause => {
  const r = reader(props, 'HarmonizedClause');
  const sorted = members
    .map((m) => ({ id: reader(m, 'REALISES').string('id'), order: reader(m, 'REALISES').number('order') }))
    .sort((a, b) => a.order - b.order);
  return { id: r.string('id'), title: r.string('title'), summary: r.string('summary'), order: r.number('order'), requirementIds: sorted.map((m) => m.id) };
};

export const fromHarmonizedClause = (c: HarmonizedClause): Props => ({ id: c.id, title: c.title, summary: c.summary, order: toInteger(c.order) });

export const toReview = (props: Props): ReviewDecision => {
  const r = reader(props, 'Review');
  const edits = r.optionalString('edits');
  const replaced = r.optionalString('replaced');
  return defined({
    mappingId: r.string('mappingId'), status: r.string('status') as ReviewDecision['status'], reviewer: r.string('reviewer'), at: r.string('at'),
    note: r.optionalString('note'), edits: edits === undefined ? undefined : (JSON.parse(edits) as ReviewDecision['edits']),
    replaced: replaced === undefined ? undefined : (JSON.parse(replaced) as ReviewDecision['replaced']),
  });
};

/** Edits (and what they replaced) are kept as JSON text: a property cannot hold a map. `seq` is assigned by the query that stores it. */
export const fromReview = (d: ReviewDecision): Props => ({
  mappingId: d.mappingId, status: d.status, reviewer: d.reviewer, at: d.at, note: d.note ?? null, edits: d.edits ? JSON.stringify(d.edits) : null,
  replaced: d.replaced ? JSON.stringify(d.replaced) : null,
});

/** An empty scope (every framework) is stored as no `scope` property, as no tags are; read back as []. */
export const toEvidence = (props: Props): Evidence => {
  const r = reader(props, 'Evidence');
  return defined({
    id: r.string('id'), title: r.string('title'), type: r.string('type') as Evidence['type'], owner: r.string('owner'),
    locationUri: r.string('locationUri'), collected: r.string('collected'), expires: r.optionalString('expires'), scope: r.strings('scope'),
    description: r.string('description'),
  });
};

export const fromEvidence = (e: Evidence): Props => ({
  id: e.id, title: e.title, type: e.type, owner: e.owner, locationUri: e.locationUri, collected: e.collected, expires: e.expires ?? null,
  scope: e.scope.length ? [...e.scope] : null, description: e.description,
});

/** A row of LIST_EVIDENCE_LINKS: the item, the kind and id of what it supports, and the SUPPORTS note. */
export const toEvidenceLink = (row: Props): EvidenceLink => {
  const r = reader(row, 'SUPPORTS');
  const evidenceId = r.string('evidenceId');
  const targetId = r.string('targetId');
  const note = r.optionalString('note');
  const kind = r.string('kind');
  if (kind === 'requirement') return defined({ kind, evidenceId, requirementId: targetId, note });
  if (kind === 'org-control') return defined({ kind, evidenceId, orgControlId: targetId, note });
  throw new TypeError(`SUPPORTS from ${JSON.stringify(evidenceId)}: unknown link kind ${JSON.stringify(kind)}`);
};

/** A link as the UPSERT_*_LINKS statements take it (the kind picks the statement). */
export const fromEvidenceLink = (l: EvidenceLink): Props => ({
  evidenceId: l.evidenceId, targetId: l.kind === 'requirement' ? l.requirementId : l.orgControlId, note: l.note ?? null,
});

/** `position` is the control's place in the set; its citations are CITES relationships (see toOrgControl). */
export const fromOrgControl = (c: OrgControl, position: number): Props => ({
  id: c.id, title: c.title, description: c.description, origin: c.origin, createdAt: c.createdAt, updatedAt: c.updatedAt, position: toInteger(position),
});

/** `citations` are the control's CITES relationships: requirement id and position, in any order. */
export const toOrgControl = (props: Props, citations: Props[]): OrgControl => {
  const r = reader(props, 'OrgControl');
  const cited = citations
    .map((c) => ({ id: reader(c, 'CITES').string('id'), position: reader(c, 'CITES').number('position') }))
    .sort((a, b) => a.position - b.position);
  return {
    id: r.string('id'), title: r.string('title'), description: r.string('description'), requirementIds: cited.map((c) => c.id),
    origin: r.string('origin') as OrgControl['origin'], createdAt: r.string('createdAt'), updatedAt: r.string('updatedAt'),
  };
};

export const toSoaEntry = (props: Props): SoaEntry => {
  const r = reader(props, 'SoaEntry');
  return defined({
    frameworkId: r.string('frameworkId'), requirementId: r.string('requirementId'), applicable: r.boolean('applicable'),
    justification: r.string('justification'), implementationStatus: r.string('implementationStatus') as SoaEntry['implementationStatus'],
    updatedAt: r.optionalString('updatedAt'),
  });
};

export const fromSoaEntry = (e: SoaEntry): Props => ({
  frameworkId: e.frameworkId, requirementId: e.requirementId, applicable: e.applicable, justification: e.justification,
  implementationStatus: e.implementationStatus, updatedAt: e.updatedAt ?? null,
});

/**
 * The framework an embedding is searched under, from its requirement id exactly as the SQLite store derives its
 * `framework_id` column (the text before the first colon).
 */
export const embeddingFrameworkOf = (requirementId: string) => requirementId.slice(0, requirementId.indexOf(':'));

/** A row of GET_EMBEDDINGS. The stored vector holds float32 values, so it comes back exactly. */
export const toStoredEmbedding = (row: Props): StoredEmbedding => {
  const r = reader(row, 'Embedding');
  const vector = row.vector;
  if (!Array.isArray(vector) || !vector.every((x) => typeof x === 'number'))
    throw new TypeError(`Embedding ${JSON.stringify(row.requirementId)}: property "vector" should be a list of numbers, found ${describe(vector)}`);
  return { requirementId: r.string('requirementId'), textHash: r.string('textHash'), vector: Float32Array.from(vector) };
};

const CONSTRAINT_VIOLATION = 'Neo.ClientError.Schema.ConstraintValidationFailed';

/**
 * The one place Neo4j errors become business errors: a uniqueness violation is a ConflictError; domain errors thrown
 * inside a transaction function pass through; everything else is rethrown as it is (an internal error).
 */
export function rethrowNeo4jError(error: unknown): never {
  if (error instanceof NotFoundError || error instanceof InputError || error instanceof ConflictError) throw error;
  if (error instanceof Error && (error as { code?: unknown }).code === CONSTRAINT_VIOLATION)
    throw new ConflictError(`the change conflicts with stored data: ${error.message}`);
  throw error;
}

/** Mapping origins that come from content files; the others (user, suggestion) are people's work and survive loads. */
export const FILE_ORIGINS = ['reference', 'import'] as const;

/** One step of a PATHS_UP_TO row: the relationship as stored, and whether the path travels along it. */
export interface StoredPathStep {
  mappingId: string;
  from: string;
  to: string;
  relationship: Relationship;
  forward: boolean;
}

/** A path as the domain reads it: each relationship in the direction of travel (inverted where the path goes against it). */
export const toMappingPath = (steps: StoredPathStep[]): MappingPath =>
  steps.map((s) => ({ mappingId: s.mappingId, from: s.from, to: s.to, relationship: s.forward ? s.relationship : inverseRelationship(s.relationship) }));
