import { contentDirs, dataDirFrom } from '../../config.js';
import { loadContent } from '../../content/loadContent.js';
import { differingSources } from '../../domain/disputed.js';
import { InputError } from '../../domain/errors.js';
import type { ContentBundle } from '../../domain/schemas/content.js';
import { findUnmapped } from '../../domain/unmapped.js';
import { loadIfEmpty } from '../../services/loadIntoStore.js';
import { withStore } from '../analysisSupport.js';
import { parseCommandArgs, requireOption } from '../args.js';

const REPORTS = ['unmapped', 'disputed'] as const;

export async function reportCommand(argv: string[]) {
  const [name, ...rest] = argv;
  if (name === 'unmapped') return unmappedReport(rest);
  if (name === 'disputed') return disputedReport(rest);
  throw new InputError(`report: invalid report: "${name ?? ''}" (expected: ${REPORTS.join(', ')})`);
}

function filesBundle(command: string, frameworks: string[]): ContentBundle {
  const { bundle } = loadContent(contentDirs({ dataDir: dataDirFrom() }));
  for (const id of frameworks)
    if (!bundle.frameworks.some((f) => f.id === id))
      throw new InputError(`${command}: unknown framework "${id}" (known: ${bundle.frameworks.map((f) => f.id).sort().join(', ')})`);
  return bundle;
}

function unmappedReport(argv: string[]) {
  const { values } = parseCommandArgs('report unmapped', argv, { from: { type: 'string' }, to: { type: 'string' }, kind: { type: 'string', multiple: true }, json: { type: 'boolean' } });
  const from = requireOption('report unmapped', values, 'from');
  const to = requireOption('report unmapped', values, 'to');
  const bundle = filesBundle('report unmapped', [from, to]);
  const report = findUnmapped(bundle, { from, to, kinds: (values.kind as string[] | undefined) ?? [] });
  if (values.json) {
    console.log(JSON.stringify({ ...report, unmapped: report.unmapped.map(({ id, ref, kind, title }) => ({ id, ref, kind, title })) }, null, 2));
    return;
  }
  console.log(`${from} → ${to}: ${report.total} requirements, ${report.mapped} with an approved mapping, ${report.noCounterpart} marked "no counterpart", ${report.unmapped.length} not mapped yet`);
  for (const r of report.unmapped) console.log(`  ${r.ref.padEnd(14)} ${r.kind.padEnd(12)} ${r.title}`);
}

async function disputedReport(argv: string[]) {
  const { values } = parseCommandArgs('report disputed', argv, { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } });
  if (Boolean(values.from) !== Boolean(values.to)) throw new InputError('report disputed: give both --from and --to, or neither for every framework pair');
  const between = values.from && values.to ? ([values.from, values.to] as const) : undefined;
  // From the store, so a mapping a reviewer has since edited is read as it now stands.
  const disputed = await withStore(async (store) => {
    await loadIfEmpty(store);
    const known = (await store.listFrameworks()).map((f) => f.id);
    for (const id of between ?? []) if (!known.includes(id)) throw new InputError(`report disputed: unknown framework "${id}" (known: ${known.sort().join(', ')})`);
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
