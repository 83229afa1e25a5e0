import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { ConflictError, InputError, NotFoundError } from '../../server/domain/errors.js';
import { adjacencyOf, pathsVia } from '../../server/domain/graphAlgorithms.js';
import {
  defined, fromFramework, fromHarmonizedClause, fromMapping, fromNoCounterpart, fromRequirement, fromReview, frameworkOrder, rethrowNeo4jError,
  toFramework, toHarmonizedClause, toInteger, toMapping, toMappingPath, toNoCounterpart, toNumber, toRequirement, toReview, type Props,
} from '../../server/store/neo4j/conversion.js';
import { edge, smallBundle } from '../fixtures/smallBundle.js';

/**
 * Pure conversions between domain objects and the property maps Neo4j stores. Values are built with the driver's
 * own value types (Integer), exactly what records carry; no driver or server is involved.
 */

/** What a stored map looks like when read back: nulls are never stored, whole numbers come back as Integer. */
const asStored = (props: Props): Props => Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null));

describe('numbers', () => {
  it('reads Integer, bigint and number values as numbers', () => {
    expect(toNumber(neo4j.int(42))).toBe(42);
    expect(toNumber(neo4j.int(-7))).toBe(-7);
    expect(toNumber(12n)).toBe(12);
    expect(toNumber(3.5)).toBe(3.5);
  });

  it('refuses what a number cannot hold or what is not a number, naming the value', () => {
    expect(() => toNumber(neo4j.int('9007199254740993'), 'order')).toThrow(/order: 9007199254740993 is outside the safe integer range/);
    expect(() => toNumber(2n ** 60n, 'seq')).toThrow(/seq: .* outside the safe integer range/);
    expect(() => toNumber('5', 'strength')).toThrow(/strength: expected a number, received string "5"/);
    expect(() => toNumber(null, 'strength')).toThrow(/received null/);
  });

  it('sends whole numbers as Integer and refuses anything else', () => {
    const value = toInteger(10_000);
    expect(neo4j.isInt(value)).toBe(true);
    expect(value.toNumber()).toBe(10_000);
    expect(() => toInteger(2.5)).toThrow(/whole number/);
    expect(() => toInteger(Number.MAX_SAFE_INTEGER + 1)).toThrow(/whole number/);
  });
});

describe('absent properties', () => {
  it('come back as absent keys, never null or undefined values', () => {
    const requirement = toRequirement({ id: 'fw-a:3', frameworkId: 'fw-a', ref: '3', kind: 'clause', title: 'Isolated', order: neo4j.int(4) });
    expect(requirement).toEqual({ id: 'fw-a:3', frameworkId: 'fw-a', ref: '3', kind: 'clause', title: 'Isolated', order: 4, tags: [] });
    expect(requirement).not.toHaveProperty('summary');
    expect(requirement).not.toHaveProperty('parentId');
    const framework = toFramework({ id: 'fw-b', name: 'B', edition: '2', publisher: 'Tests', licence: 'test', url: null, order: neo4j.int(1) });
    expect(framework).not.toHaveProperty('url');
    expect(framework).not.toHaveProperty('description');
    expect(Object.values(framework)).not.toContain(undefined);
  });

  it('are written as null, which Cypher SET n = $map turns into no property', () => {
    const props = fromRequirement({ id: 'fw-a:3', frameworkId: 'fw-a', ref: '3', kind: 'clause', title: 'Isolated', order: 4, tags: [] });
    expect(props).toMatchObject({ summary: null, parentId: null, tags: null, fileSourced: true });
    const mapping = fromMapping(edge('fw-a:1', 'fw-b:B-1', 'equal-to'));
    expect(mapping.props).toMatchObject({ note: null, reviewNote: null, provenanceUrl: null, provenanceReviewer: null, provenanceReviewed: null });
  });

  it('a requirement is stored with its ref in lower case, the key search finds a ref by through an index', () => {
    const props = fromRequirement({ id: 'fw-a:A.5.2', frameworkId: 'fw-a', ref: 'A.5.2', kind: 'control', title: 'T', order: 0, tags: [] });
    expect(props.refKey).toBe('a.5.2');
    expect(toRequirement(props)).not.toHaveProperty('refKey');
  });

  it('a required property that is missing or mistyped is an error naming the element and the key', () => {
    expect(() => toRequirement({ id: 'fw-a:1', frameworkId: 'fw-a', ref: '1', kind: 'clause', order: neo4j.int(0) })).toThrow(/Requirement "fw-a:1": property "title" should be a string, found nothing/);
    expect(() => toRequirement({ id: 'fw-a:1', frameworkId: 'fw-a', ref: '1', kind: 'clause', title: 'T', order: neo4j.int(0), tags: 'x' })).toThrow(/"tags" should be a list of strings/);
    expect(() => toMapping({ id: 'm', source: 'a:1', target: 'b:1' })).toThrow(/MAPS_TO "m": property "relationship"/);
  });

  it('defined() drops undefined keys only', () => {
    expect(defined({ a: 1, b: undefined, c: null, d: '' })).toEqual({ a: 1, c: null, d: '' });
    expect(Object.keys(defined({ a: 1, b: undefined }))).toEqual(['a']);
  });
});

describe('round trips through stored properties', () => {
  const bundle = smallBundle();

  it('frameworks, with their bundle order', () => {
    bundle.frameworks.forEach((f, i) => {
      const stored = asStored(fromFramework(f, i));
      expect(neo4j.isInt(stored.order)).toBe(true);
      expect(toFramework(stored)).toStrictEqual(f);
      expect(frameworkOrder(stored)).toBe(i);
    });
  });

  it('requirements, tags included', () => {
    for (const r of [...bundle.requirements, { ...bundle.requirements[0]!, tags: ['role:provider', 'ai'] }]) expect(toRequirement(asStored(fromRequirement(r)))).toStrictEqual(r);
  });

  it('mappings, with provenance flattened into provenance* properties and strength as Integer', () => {
    const full = edge('fw-a:1', 'fw-b:B-1', 'subset-of', {
      note: 'n', reviewNote: 'r', provenance: { source: 'S', url: 'https://example.org', author: 'A', reviewer: 'R', created: '2026-01-01', reviewed: '2026-01-02' },
      alsoStatedBy: [{ relationship: 'intersects-with', strength: 4, note: 'x', provenance: { source: 'T', author: 'B', created: '2026-01-03' } }],
    });
    expect(typeof fromMapping(full).props.alsoStatedBy).toBe('string');
    expect(fromMapping(bundle.mappings[0]!).props.alsoStatedBy).toBeNull();
    for (const m of [...bundle.mappings, full]) {
      const { source, target, props } = fromMapping(m);
      expect(neo4j.isInt(props.strength)).toBe(true);
      expect(Object.keys(props).filter((k) => k.startsWith('provenance')).sort()).toEqual(
        ['provenanceAuthor', 'provenanceCreated', 'provenanceReviewed', 'provenanceReviewer', 'provenanceSource', 'provenanceUrl']);
      expect(toMapping({ ...asStored(props), source, target })).toStrictEqual(m);
    }
  });

  it('no-counterpart records and harmonized clauses (members in any order come back by position)', () => {
    for (const n of bundle.noCounterparts) expect(toNoCounterpart(asStored(fromNoCounterpart(n)))).toStrictEqual(n);
    const clause = { ...bundle.harmonizedClauses[0]!, requirementIds: ['fw-b:B-1', 'fw-a:1.1', 'fw-c:GOVERN 1.1'] };
    const members = [{ id: 'fw-c:GOVERN 1.1', order: neo4j.int(2) }, { id: 'fw-b:B-1', order: neo4j.int(0) }, { id: 'fw-a:1.1', order: neo4j.int(1) }];
    expect(toHarmonizedClause(asStored(fromHarmonizedClause(clause)), members)).toStrictEqual(clause);
  });

  it('reviews, edits kept as JSON text', () => {
    const decision = { mappingId: 'x -> y', status: 'approved' as const, reviewer: 'ana', at: '2026-02-03T10:00:00Z', note: 'ok', edits: { strength: 6, relationship: 'subset-of' as const } };
    const stored = asStored(fromReview(decision));
    expect(typeof stored.edits).toBe('string');
    expect(toReview({ ...stored, seq: neo4j.int(1) })).toStrictEqual(decision);
    const bare = { mappingId: 'x -> y', status: 'rejected' as const, reviewer: 'bo', at: '2026-02-04T10:00:00Z' };
    expect(toReview(asStored(fromReview(bare)))).toStrictEqual(bare);
  });
});

describe('paths as the native query returns them', () => {
  it('reads each step in the direction of travel, as pathsVia does', () => {
    const bundle = smallBundle();
    const expected = pathsVia(adjacencyOf(bundle.mappings, {}), { from: 'fw-a:1.1', to: 'fw-c:GOVERN 1.1', maxLength: 3 });
    const byId = new Map(bundle.mappings.map((m) => [m.id, m]));
    // What PATHS_UP_TO returns for the same paths: the stored relationship, and whether the path goes source → target.
    const rows = expected.map((path) => path.map((s) => {
      const m = byId.get(s.mappingId)!;
      return { mappingId: s.mappingId, from: s.from, to: s.to, relationship: m.relationship, forward: m.source === s.from };
    }));
    expect(rows.some((row) => row.some((s) => !s.forward && s.relationship === 'superset-of'))).toBe(true);
    expect(rows.map(toMappingPath)).toEqual(expected);
  });
});

describe('errors', () => {
  it('a uniqueness violation becomes a ConflictError; domain errors pass; others are rethrown as they are', () => {
    const violation = new neo4j.Neo4jError(
      'Node(1) already exists with label `Requirement` and property `id` = \'a:1\'', 'Neo.ClientError.Schema.ConstraintValidationFailed', '22N41', 'constraint violation');
    expect(() => rethrowNeo4jError(violation)).toThrow(ConflictError);
    expect(() => rethrowNeo4jError(violation)).toThrow(/already exists/);
    for (const e of [new NotFoundError('x'), new InputError('y'), new ConflictError('z')]) expect(() => rethrowNeo4jError(e)).toThrow(e);
    const other = new neo4j.Neo4jError('Invalid input', 'Neo.ClientError.Statement.SyntaxError', '42001', 'syntax error');
    expect(() => rethrowNeo4jError(other)).toThrow(other);
    const plain = new TypeError('boom');
    expect(() => rethrowNeo4jError(plain)).toThrow(plain);
  });
});
