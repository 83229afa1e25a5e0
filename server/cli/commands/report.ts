import { contentDirs, dataDirFrom } from '../../config.js';
import { loadContent } from '../../content/loadContent.js';
import { InputError } from '../../domain/errors.js';
import { findUnmapped } from '../../domain/unmapped.js';
import { parseCommandArgs, requireOption } from '../args.js';

const REPORTS = ['unmapped'] as const;

export async function reportCommand(argv: string[]) {
  const [name, ...rest] = argv;
  if (name !== 'unmapped') throw new InputError(`report: invalid report: "${name ?? ''}" (expected: ${REPORTS.join(', ')})`);
  const { values } = parseCommandArgs('report unmapped', rest, { from: { type: 'string' }, to: { type: 'string' }, kind: { type: 'string', multiple: true }, json: { type: 'boolean' } });
  const from = requireOption('report unmapped', values, 'from');
  const to = requireOption('report unmapped', values, 'to');
  const { bundle } = loadContent(contentDirs({ dataDir: dataDirFrom() }));
  for (const id of [from, to])
    if (!bundle.frameworks.some((f) => f.id === id))
      throw new InputError(`report unmapped: unknown framework "${id}" (known: ${bundle.frameworks.map((f) => f.id).sort().join(', ')})`);
  const report = findUnmapped(bundle, { from, to, kinds: (values.kind as string[] | undefined) ?? [] });
  if (values.json) {
    console.log(JSON.stringify({ ...report, unmapped: report.unmapped.map(({ id, ref, kind, title }) => ({ id, ref, kind, title })) }, null, 2));
    return;
  }
  console.log(`${from} → ${to}: ${report.total} requirements, ${report.mapped} with an approved mapping, ${report.noCounterpart} marked "no counterpart", ${report.unmapped.length} not mapped yet`);
  for (const r of report.unmapped) console.log(`  ${r.ref.padEnd(14)} ${r.kind.padEnd(12)} ${r.title}`);
}
