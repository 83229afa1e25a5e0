import { contentDirs, dataDirFrom } from '../../config.js';
import { loadContent } from '../../content/loadContent.js';
import { findContradictions } from '../../domain/contradictions.js';
import { differingSources } from '../../domain/disputed.js';
import { InputError } from '../../domain/errors.js';
import { CONTRADICTION_KINDS } from '../../domain/relationships.js';
import type { ContentBundle } from '../../domain/schemas/content.js';
import { rowLabel } from '../../domain/analysis/rowLabel.js';
import { findUnmapped } from '../../domain/unmapped.js';
import { loadIfEmpty } from '../../services/loadIntoStore.js';
import { contentFromStore, maybeSource, noteFilesRead, withStore, type ContentSource } from '../analysisSupport.js';
import { parseCommandArgs, requireOption } from '../args.js';
import { unknownFramework } from '../../domain/likelyMeant.js';

const REPORTS = ['unmapped', 'disputed', 'contradictions'] as const;

export async function reportCommand(argv: string[]) {
  const [name, ...rest] = argv;
  if (name === 'unmapped') return unmappedReport(rest);
  if (name === 'disputed') return disputedReport(rest);
  if (name === 'contradictions') return contradictionsReport(rest);
  throw new InputError(`report: invalid report: "${name ?? ''}" (expected: ${REPORTS.join(', ')})`);
}

async function contentBundle(command: string, frameworks: string[], source: ContentSource): Promise<ContentBundle> {
  const bundle = source === 'store' ? await withStore(contentFromStore) : loadContent(contentDirs({ dataDir: dataDirFrom() })).bundle;
  for (const id of frameworks)
    if (!bundle.frameworks.some((f) => f.id === id))
      throw new InputError(`${command}: ${unknownFramework(id, bundle.frameworks.map((f) => f.id))}`);
  return bundle;
}

async function unmappedReport(argv: string[]) {
  const { values } = parseCommandArgs('report unmapped', argv, { from: { type: 'string' }, to: { type: 'string' }, kind: { type: 'string', multiple: true }, scope: { type: 'string', multiple: true }, source: { type: 'string' }, json: { type: 'boolean' } });
  const from = requireOption('report unmapped', values, 'from');
  const to = requireOption('report unmapped', values, 'to');
  if (from === to) throw new InputError(`report unmapped: --from and --to are the same framework ("${from}")`);
  const bundle = await contentBundle('report unmapped', [from, to], maybeSource('report unmapped', values.source, 'files'));
  const report = findUnmapped(bundle, { from, to, kinds: (values.kind as string[] | undefined) ?? [], scope: (values.scope as string[] | undefined) ?? [] });
  if (values.json) {
    console.log(JSON.stringify({ ...report, unmapped: report.unmapped.map(({ id, ref, kind, title }) => ({ id, ref, kind, title })) }, null, 2));
    return;
  }
  const informative = report.informative ? ` (${report.informative} informative left out)` : '';
  const scoped = report.scope.length ? ` tagged ${report.scope.join(' or ')}` : '';
  console.log(`${from} → ${to}: ${report.total} requirements${scoped}${informative}, ${report.mapped} with an approved mapping, ${report.noCounterpart} marked "no counterpart", ${report.unmapped.length} not mapped yet`);
  for (const r of report.unmapped) console.log(`  ${r.ref.padEnd(14)} ${r.kind.padEnd(12)} ${rowLabel(r)}`);
  noteFilesRead('report unmapped', values.source);
}

async function disputedReport(argv: string[]) {
  const { values } = parseCommandArgs('report disputed', argv, { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } });
  const between = pairOption('report disputed', values);
  // From the store, so a mapping a reviewer has since edited is read as it now stands.
  const disputed = await withStore(async (store) => {
    await loadIfEmpty(store);
    const known = (await store.listFrameworks()).map((f) => f.id);
    for (const id of between ?? []) if (!known.includes(id)) throw new InputError(`report disputed: ${unknownFramework(id, known)}`);
    const mappings = await store.findMappings({ ...(between ? { frameworks: [...between] } : {}), disputed: true, limit: 1_000_000_000 });
    return mappings.map((mapping) => ({ mapping, differing: differingSources(mapping) }));
  });
  if (values.json) {
    console.log(JSON.stringify(disputed.map(({ mapping, differing }) => ({ id: mapping.id, relationship: mapping.relationship, status: mapping.status, provenance: mapping.provenance, differing })), null, 2));
    return;
  }
  console.log(`${disputed.length} mapping(s) that another source states with another relationship${between ? ` (${between[0]} ↔ ${between[1]})` : ''}`);
  for (const { mapping, differing } of disputed) {
    console.log(`  ${mapping.source} → ${mapping.target}: ${mapping.relationship} (${mapping.provenance.source}, ${mapping.status})`);
    for (const s of differing) console.log(`      ${s.provenance.source} says ${s.relationship}${s.strength !== undefined ? `, strength ${s.strength}` : ''}${s.note ? `: ${s.note}` : ''}`);
  }
}

/** The framework pair of a report: both of --from and --to, or neither (every pair). */
function pairOption(command: string, values: { from?: unknown; to?: unknown }): readonly [string, string] | undefined {
  if (Boolean(values.from) !== Boolean(values.to)) throw new InputError(`${command}: give both --from and --to, or neither for every framework pair`);
  return values.from && values.to ? [String(values.from), String(values.to)] : undefined;
}

/**
 * Approved mappings that a two-step path of other approved mappings contradicts: where crosswalks, chained, say
 * two things about the same pair. Read from the store, so decisions made since loading count.
 */
async function contradictionsReport(argv: string[]) {
  const { values } = parseCommandArgs('report contradictions', argv, { from: { type: 'string' }, to: { type: 'string' }, kind: { type: 'string' }, json: { type: 'boolean' } });
  const between = pairOption('report contradictions', values);
  const kind = values.kind as string | undefined;
  if (kind !== undefined && !(CONTRADICTION_KINDS as readonly string[]).includes(kind))
    throw new InputError(`report contradictions: invalid --kind: "${kind}" (expected: ${CONTRADICTION_KINDS.join(', ')})`);
  const found = await withStore(async (store) => {
    await loadIfEmpty(store);
    const known = (await store.listFrameworks()).map((f) => f.id);
    for (const id of between ?? []) if (!known.includes(id)) throw new InputError(`report contradictions: ${unknownFramework(id, known)}`);
    const approved = await store.findMappings({ statuses: ['approved'], limit: 1_000_000_000 });
    return findContradictions(approved, between ? { from: between[0], to: between[1] } : {}).filter((c) => !kind || c.kind === kind);
  });
  if (values.json) {
    console.log(JSON.stringify(found.map(({ mapping, kind: k, composed, path }) => ({ id: mapping.id, kind: k, relationship: mapping.relationship, composed, path, provenance: mapping.provenance.source })), null, 2));
    return;
  }
  const opposite = found.filter((c) => c.kind === 'opposite').length;
  console.log(
    `${found.length} contradiction(s)${between ? ` involving ${between[0]} ↔ ${between[1]}` : ''}: ${opposite} opposite (one of the readings is wrong), ` +
      `${found.length - opposite} strictness (an equivalence against a proper containment: often two conventions, e.g. harmonized-structure clauses of standards with different subjects paired as equivalent)`,
  );
  for (const c of found) {
    const [first, second] = c.path;
    console.log(`  ${c.kind.padEnd(10)} ${c.mapping.source} → ${c.mapping.target}: ${c.mapping.relationship} (${c.mapping.provenance.source})`);
    console.log(`             but ${first.from} ${first.relationship} ${first.to} ${second.relationship} ${second.to} composes to ${c.composed}`);
  }
}
