import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allCypherVersions, lintCypherQuery, testData, type DbSchema } from '@neo4j-cypher/language-support';
import { describe, expect, it } from 'vitest';
import { GRAPH_MODEL } from '../../server/store/neo4j/graphModel.js';
import { MIGRATIONS_DIR, readMigrations, splitCypherStatements } from '../../server/store/neo4j/migrations.js';
import * as Q from '../../server/store/neo4j/queries.js';

/**
 * No Neo4j server runs in CI, so every statement the Neo4j store can send is checked here instead: parsed and
 * semantically analysed by Neo4j's own Cypher front end (as shipped in @neo4j-cypher/language-support), under both
 * Cypher 5 and Cypher 25, against the store's graph model. Any diagnostic fails: syntax and semantic errors,
 * undefined variables, unknown functions, procedures, labels, relationship types, properties, parameters and
 * relationship directions the model does not have, and deprecations.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NEO4J_DIR = path.join(ROOT, 'server/store/neo4j');

interface Statement {
  name: string;
  text: string;
}

function queryStatements(): Statement[] {
  const statements: Statement[] = [];
  for (const [name, value] of Object.entries(Q)) {
    if (typeof value === 'string') statements.push({ name, text: value });
    else if (Array.isArray(value)) value.forEach((text: unknown, i) => statements.push({ name: `${name}[${i}]`, text: String(text) }));
  }
  return statements;
}

const migrationStatements = (): Statement[] =>
  readMigrations().flatMap((m) => m.statements.map((text, i) => ({ name: `migrations/${m.id}.cypher statement ${i + 1}`, text })));

const STATEMENTS = [...queryStatements(), ...migrationStatements()];

/** The store's graph model plus the real function and procedure signatures of Neo4j (from the language-support test data). */
const schemaFor = (version: (typeof allCypherVersions)[number]): DbSchema => ({
  functions: testData.mockSchema.functions,
  procedures: testData.mockSchema.procedures,
  labels: [...GRAPH_MODEL.labels],
  relationshipTypes: [...GRAPH_MODEL.relationshipTypes],
  propertyKeys: [...GRAPH_MODEL.propertyKeys],
  graphSchema: [...GRAPH_MODEL.graphSchema],
  parameters: Object.fromEntries(GRAPH_MODEL.parameters.map((p) => [p, null])),
  defaultLanguage: version,
});

/** Every diagnostic, under every Cypher version, as "CYPHER n: message". */
function lint(text: string): string[] {
  return allCypherVersions.flatMap((version) =>
    lintCypherQuery(text, schemaFor(version)).diagnostics.map((d) => `${version}: ${d.message} (at offset ${d.offsets.start})`));
}

/**
 * What the linter leaves out, checked against the graph model directly: labels and relationship types in write
 * clauses (the linter accepts any there, since writing may introduce them) and the direction of every pattern
 * segment whose end labels are known, subqueries included (the linter checks read patterns of the outer query).
 */
function modelProblems(text: string): string[] {
  const problems: string[] = [];
  const labels = new Set<string>(GRAPH_MODEL.labels);
  const types = new Set<string>(GRAPH_MODEL.relationshipTypes);
  const labelOf = new Map<string, string>();
  // `(r:Requirement`, `(:Requirement`, `node:Requirement`; not `[m:MAPS_TO` (a type) nor map entries (lower case).
  for (const [, variable, label] of text.matchAll(/(?<![[\w])(\w*)\s*:\s*([A-Z][A-Za-z0-9]*)(?!\w)/g)) {
    if (!labels.has(label!)) problems.push(`unknown label :${label}`);
    if (variable && !labelOf.has(variable)) labelOf.set(variable, label!);
  }
  for (const [, type] of text.matchAll(/\[\s*\w*\s*:\s*([A-Za-z_]\w*)/g)) if (!types.has(type!)) problems.push(`unknown relationship type :${type}`);
  const element = (inside: string) => {
    const [, variable = '', name] = /^\s*(\w*)\s*(?::\s*(\w+))?/.exec(inside)!;
    return { variable, name };
  };
  // Every `(…)-[…]-(…)` segment, overlapping, so chains are checked hop by hop.
  for (const [, left, arrowIn, rel, arrowOut, right] of text.matchAll(/\(([^()]*)\)\s*(<?)-\[([^\]]*)\]-(>?)\s*(?=\(([^()]*)\))/g)) {
    const a = element(left!);
    const b = element(right!);
    const type = element(rel!).name;
    const from = a.name ?? labelOf.get(a.variable);
    const to = b.name ?? labelOf.get(b.variable);
    if (!type || !from || !to) continue;
    const allowed = (x: string, y: string) => GRAPH_MODEL.graphSchema.some((s) => s.from === x && s.relType === type && s.to === y);
    const ok = arrowOut ? allowed(from, to) : arrowIn ? allowed(to, from) : allowed(from, to) || allowed(to, from);
    if (!ok) problems.push(`(:${from})${arrowIn}-[:${type}]-${arrowOut}(:${to}) is not in the graph model`);
  }
  return problems;
}

describe('every Cypher statement of the Neo4j store', () => {
  it('is enumerated: queries.ts exports only statements (and numbers that size them), migrations have statements', () => {
    for (const [name, value] of Object.entries(Q)) {
      const ok = typeof value === 'string' || typeof value === 'number' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
      expect(ok, `queries.ts export ${name} is neither a statement nor a list of statements`).toBe(true);
    }
    expect(queryStatements().length).toBeGreaterThan(40);
    expect(Q.PATHS_UP_TO).toHaveLength(Q.PATHS_NATIVE_MAX_LENGTH);
    expect(migrationStatements().length).toBeGreaterThanOrEqual(14);
    for (const { name, text } of STATEMENTS) expect(text.trim(), `${name} is empty`).not.toBe('');
  });

  it.each(STATEMENTS.map((s) => [s.name, s.text] as const))('%s lints clean under Cypher 5 and Cypher 25', (name, text) => {
    const problems = lint(text);
    expect(problems, `${name}:\n${problems.join('\n')}\n--- statement ---\n${text}`).toEqual([]);
  });

  it.each(STATEMENTS.map((s) => [s.name, s.text] as const))('%s uses only the labels, types and directions of the graph model', (name, text) => {
    const problems = modelProblems(text);
    expect(problems, `${name}:\n${problems.join('\n')}\n--- statement ---\n${text}`).toEqual([]);
  });

  it('the model check sees the patterns it should (so a clean result means something)', () => {
    const segments = STATEMENTS.flatMap((s) => [...s.text.matchAll(/\)\s*<?-\[[^\]]*\]->?\s*\(/g)]);
    expect(segments.length).toBeGreaterThanOrEqual(40);
  });

  it('the migration files split into the statements the store runs (one per semicolon, comments dropped)', () => {
    for (const file of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.cypher'))) {
      const text = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
      const statements = splitCypherStatements(text);
      expect(statements.length, file).toBe(text.split(';').filter((part) => part.split('\n').some((l) => l.trim() && !l.trim().startsWith('//'))).length);
      // Idempotent, so a migration interrupted half-way can simply run again: schema statements guarded by IF (NOT)
      // EXISTS, and backfills that set a property only where it is still missing.
      const schema = /^(CREATE (CONSTRAINT|INDEX|FULLTEXT INDEX|VECTOR INDEX) \w+ IF NOT EXISTS\b|DROP INDEX \w+ IF EXISTS$)/;
      const backfill = /^MATCH \((\w+):\w+\)\s+WHERE \1\.(\w+) IS NULL\s+SET \1\.\2 = [^;]+$/;
      for (const s of statements) expect({ file, s, idempotent: schema.test(s) || backfill.test(s) }).toMatchObject({ idempotent: true });
    }
    expect(splitCypherStatements('// a; b\nCREATE INDEX a IF NOT EXISTS FOR (n:X) ON (n.y);\n\n// c\nRETURN 1;')).toEqual([
      'CREATE INDEX a IF NOT EXISTS FOR (n:X) ON (n.y)',
      'RETURN 1',
    ]);
  });

  it('the schema has what the queries rely on: unique ids, the full-text and vector indexes', () => {
    const all = migrationStatements().map((s) => s.text.replace(/\s+/g, ' ')).join('\n');
    expect(all).toContain('FOR (f:Framework) REQUIRE f.id IS UNIQUE');
    expect(all).toContain('FOR (r:Requirement) REQUIRE r.id IS UNIQUE');
    expect(all).toContain('FOR ()-[m:MAPS_TO]-() REQUIRE m.id IS UNIQUE');
    expect(all).toContain('FOR ()-[m:MAPS_TO]-() ON (m.status)');
    expect(all).toContain('FOR (r:Requirement) ON (r.refKey)');
    expect(all).toMatch(/CREATE FULLTEXT INDEX requirement_text IF NOT EXISTS FOR \(r:Requirement\) ON EACH \[r\.id, r\.ref, r\.title, r\.summary\]/);
    expect(Q.SEARCH_FULLTEXT).toContain(`'requirement_text'`);
    // Vectors: one node per model and requirement, one cosine index over them; the unused Requirement.embedding index goes.
    expect(all).toContain('FOR (e:Embedding) REQUIRE (e.modelId, e.requirementId) IS UNIQUE');
    expect(all).toContain('FOR (e:Embedding) ON (e.modelId, e.frameworkId)');
    expect(all).toMatch(/CREATE VECTOR INDEX embedding_vector IF NOT EXISTS FOR \(e:Embedding\) ON \(e\.vector\) .*`vector\.dimensions`: 384, `vector\.similarity_function`: 'cosine'/);
    expect(all.indexOf('DROP INDEX requirement_embedding IF EXISTS')).toBeGreaterThan(all.indexOf('CREATE VECTOR INDEX requirement_embedding'));
    expect(Q.NEAREST_BY_INDEX).toContain(`db.index.vector.queryNodes('embedding_vector'`);
    expect(Q.EMBEDDING_INDEX_STATE).toContain(`name = 'embedding_vector'`);
    // What people make: unique by the keys the SQLite tables have.
    expect(all).toContain('FOR (e:Evidence) REQUIRE e.id IS UNIQUE');
    expect(all).toContain('FOR (c:OrgControl) REQUIRE c.id IS UNIQUE');
    expect(all).toContain('FOR (s:SoaEntry) REQUIRE (s.frameworkId, s.requirementId) IS UNIQUE');
  });

  it('emptying the database ends: DELETE_ALL_BATCH spares the node that every write transaction re-creates', () => {
    // deleteAllData runs DELETE_ALL_BATCH in write transactions until a batch deletes nothing, and every write
    // transaction ends with BUMP_REVISION. A batch that could delete the revision node would always find the one the
    // previous batch's bump re-created, and the loop would never end (every contract test's reset would hang).
    const bumped = /MERGE \((\w+):(\w+) \{id: '([^']+)'\}\)/.exec(Q.BUMP_REVISION);
    expect(bumped, 'BUMP_REVISION merges one node by label and id').not.toBeNull();
    const [, , label, id] = bumped!;
    expect(Q.DELETE_ALL_BATCH.replace(/\s+/g, ' ')).toContain(`NOT (n:${label} AND n.id = '${id}')`);
    expect(Q.REVISION).toContain(`(state:${label} {id: '${id}'})`);
  });

  it('a load keeps a requirement for everything the SQLite load keeps it for, and for nothing else', () => {
    // The SQLite guard: one NOT EXISTS per table that may point at a requirement.
    const sqliteLoad = fs.readFileSync(path.join(ROOT, 'server/store/sqlite/operations/loadContent.ts'), 'utf8');
    const sqliteGuard = /DELETE FROM requirements WHERE id = @id([\s\S]*?)`/.exec(sqliteLoad)?.[1] ?? '';
    const sqliteTables = [...sqliteGuard.matchAll(/NOT EXISTS \(SELECT 1 FROM (\w+)/g)].map((m) => m[1]);
    expect(sqliteTables).toEqual(['mappings', 'no_counterparts', 'harmonized_members', 'evidence_links', 'org_control_citations', 'soa_entries']);
    const guards = [...Q.REMOVE_UNUSED_REQUIREMENTS.matchAll(/NOT EXISTS \{ ([^}]*) \}/g)].map((m) => m[1]!.trim());
    expect(guards).toEqual([
      '(r)-[:MAPS_TO]-(:Requirement)', // mappings
      '(:NoCounterpart)-[:ABOUT]->(r)', // no_counterparts
      '(r)-[:REALISES]->(:HarmonizedClause)', // harmonized_members
      '(:Evidence)-[:SUPPORTS]->(r)', // evidence_links to a requirement
      '(:OrgControl)-[:CITES]->(r)', // org_control_citations
      '(:SoaEntry)-[:ABOUT]->(r)', // soa_entries
    ]);
    expect(guards).toHaveLength(sqliteTables.length);
  });
});

describe('the Cypher check itself', () => {
  // If the linter stopped analysing (an upgrade, a broken import), every statement would "pass"; these prove it fails.
  it.each([
    ['an undefined variable', 'MATCH (r:Requirement) RETURN missing', /Variable `missing` not defined/],
    ['an undefined variable in a list comprehension', 'MATCH (r:Requirement) RETURN [x IN r.tags | y]', /Variable `y` not defined/],
    ['a syntax error', 'MATCH (r:Requirement RETURN r', /Invalid input/],
    ['a misspelt label', 'MATCH (r:Requirment) RETURN r.id', /Label Requirment is not present/],
    ['a misspelt relationship type', 'MATCH (a:Requirement)-[m:MAPS]->(b:Requirement) RETURN m.id', /Relationship type MAPS is not present/],
    ['a misspelt property', 'MATCH (r:Requirement) RETURN r.titel', /titel is not present/],
    ['an unknown parameter', 'MATCH (r:Requirement {id: $requirement}) RETURN r.id', /Parameter \$requirement is not defined/],
    ['an unknown function', 'MATCH (r:Requirement) RETURN sha256(r.id)', /Function sha256 is not present/],
    ['an unknown procedure output', "CALL db.index.fulltext.queryNodes('requirement_text', $query) YIELD nodes RETURN nodes", /Unknown procedure output/],
    ['a relationship against the model direction', 'MATCH (f:Framework)-[:IN_FRAMEWORK]->(r:Requirement) RETURN r.id', /has no/],
    ['a type error', 'MATCH (r:Requirement) SET r = 5', /Type mismatch/],
  ])('fails on %s', (_what, text, message) => {
    const problems = lint(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(message);
  });

  it.each([
    // [what, statement, expected problem, whether the linter alone lets it through]
    ['a misspelt relationship type in MERGE', 'MATCH (r:Requirement {id: $id}) MATCH (f:Framework {id: $frameworkId}) MERGE (r)-[:IN_FRAMWORK]->(f)', /unknown relationship type :IN_FRAMWORK/, true],
    ['a misspelt label in CREATE', 'CREATE (:Reveiw {mappingId: $mappingId})', /unknown label :Reveiw/, true],
    ['a reversed direction inside EXISTS', 'MATCH (r:Requirement) WHERE NOT EXISTS { (r)<-[:IN_FRAMEWORK]-(:Framework) } RETURN r.id', /\(:Requirement\)<-\[:IN_FRAMEWORK\]-\(:Framework\) is not in the graph model/, true],
    ['a reversed direction in MERGE, labels from elsewhere in the statement', 'MATCH (c:HarmonizedClause) MATCH (r:Requirement) MERGE (c)-[:REALISES]->(r)', /is not in the graph model/, true],
    ['a wrong end in a chain', 'MATCH (a:Requirement)-[:MAPS_TO]->(b:Requirement)-[:ABOUT]->(c:Requirement) RETURN c.id', /\(:Requirement\)-\[:ABOUT\]->\(:Requirement\)/, false],
  ] as const)('the model check fails on %s', (_what, text, message, linterMisses) => {
    expect(lint(text).length === 0).toBe(linterMisses);
    expect(modelProblems(text).join('\n')).toMatch(message);
  });

  it('accepts a well-formed statement over the model', () => {
    expect(modelProblems('MATCH (r:Requirement {id: $id})-[:IN_FRAMEWORK]->(f:Framework) WHERE NOT r:Review RETURN r.title, f.name')).toEqual([]);
    expect(lint('MATCH (r:Requirement {id: $id})-[:IN_FRAMEWORK]->(f:Framework) RETURN r.title, f.name')).toEqual([]);
  });
});

describe('Cypher reaches the driver only from queries.ts', () => {
  const tsFiles = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
  const neo4jFiles = tsFiles(NEO4J_DIR).filter((f) => path.basename(f) !== 'queries.ts');
  /** Code without comments, so documentation may quote Cypher. */
  const code = (file: string) => fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  /** A method call `.run(…)` (session, transaction) or `executeQuery(…)` (driver), capturing its first argument. */
  const CALL = /(?:\.run|\bexecuteQuery)\(\s*([^,)]+)/g;
  /** Where a statement that is not a queries.ts constant is allowed, and why. */
  const EXCEPTIONS: Record<string, { argument: string; why: string }> = {
    'migrations.ts': { argument: 'statement', why: 'schema statements read from migrations/*.cypher, linted above' },
  };

  it('finds the calls it checks', () => {
    const calls = neo4jFiles.flatMap((file) => [...code(file).matchAll(CALL)]);
    expect(calls.length).toBeGreaterThan(40);
  });

  it.each(neo4jFiles.map((f) => [path.relative(ROOT, f), f] as const))('%s runs only Q.* constants', (_name, file) => {
    for (const match of code(file).matchAll(CALL)) {
      const argument = match[1]!.trim();
      if (/^Q\.[A-Z][A-Z0-9_]*(\[[^\]]+\])?!?$/.test(argument)) continue;
      const exception = EXCEPTIONS[path.basename(file)];
      expect(exception && argument === exception.argument, `${path.relative(ROOT, file)}: "${match[0]}" does not run a constant from queries.ts`).toBe(true);
    }
  });

  it.each(neo4jFiles.map((f) => [path.relative(ROOT, f), f] as const))('%s holds no Cypher text of its own', (_name, file) => {
    const strings = [...code(file).matchAll(/(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)].map((m) => m[2]!);
    for (const text of strings) expect(text, `${path.relative(ROOT, file)} has a string that looks like Cypher`).not.toMatch(/\b(MATCH|MERGE|UNWIND|DETACH DELETE|RETURN|CREATE (CONSTRAINT|INDEX))\b/);
  });

  it('nothing outside server/store/neo4j talks to Neo4j', () => {
    const outside = tsFiles(path.join(ROOT, 'server')).filter((f) => !f.startsWith(NEO4J_DIR + path.sep));
    for (const file of outside) expect(fs.readFileSync(file, 'utf8'), path.relative(ROOT, file)).not.toMatch(/from 'neo4j-driver'/);
  });

  it('every statement in queries.ts is used by the store', () => {
    const source = neo4jFiles.map(code).join('\n');
    for (const name of Object.keys(Q).filter((k) => typeof (Q as Record<string, unknown>)[k] !== 'number'))
      expect(source, `queries.ts: ${name} is never used`).toMatch(new RegExp(`\\bQ\\.${name}\\b`));
  });
});
