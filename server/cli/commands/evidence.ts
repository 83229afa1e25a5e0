import fs from 'node:fs';
import { describePath } from '../../domain/analysis/coverage.js';
import { rowLabel } from '../../domain/analysis/rowLabel.js';
import { evidenceReach, type EvidenceReach } from '../../domain/analysis/evidenceReach.js';
import { InputError, NotFoundError } from '../../domain/errors.js';
import { exportEvidenceCsv } from '../../exports/evidenceCsv.js';
import { importEvidenceRegister } from '../../services/importRegisters.js';
import { parseCommandArgs, requireOption } from '../args.js';
import { contentFromStore, maybeFormat, maybeMaxPath, maybeStatuses, today, withEvidenceStore, writeOutput } from '../analysisSupport.js';
import { printWarning } from '../errors.js';

const SUBCOMMANDS = ['import', 'export', 'list', 'reach'] as const;

/** Imports an evidence CSV into the store: every row checked against the store's requirements and controls; all or nothing. */
export async function importEvidenceCsv(file: string) {
  if (!fs.existsSync(file)) throw new InputError(`evidence import: no such file: ${file}`);
  return withEvidenceStore('evidence import', (store) => importEvidenceRegister(store, fs.readFileSync(file), file));
}

export async function reachOfEvidence(id: string, options: { asOf?: string; maxPathLength?: number; includeProposed?: boolean }): Promise<EvidenceReach> {
  return withEvidenceStore('evidence reach', async (store) => {
    const item = await store.getEvidence(id);
    if (!item) throw new NotFoundError(`evidence reach: unknown evidence item "${id}"`);
    const bundle = await contentFromStore(store);
    return evidenceReach(bundle, {
      evidence: item, links: await store.listEvidenceLinks({ evidenceId: id }), orgControls: await store.listOrgControls(),
      asOf: options.asOf ?? today(), maxPathLength: options.maxPathLength, statuses: maybeStatuses(options.includeProposed),
    });
  });
}

export function formatReach(reach: EvidenceReach): string {
  const lines = [
    `Evidence ${reach.evidenceId} as of ${reach.asOf}${reach.expired ? ' — EXPIRED' : ''}: paths of at most ${reach.maxPathLength} mapping${reach.maxPathLength === 1 ? '' : 's'}`,
    ...reach.warnings.map((w) => `warning: ${w}`),
    `Enters through: ${reach.sources.map((s) => `${s.requirementId}${s.orgControlId ? ` (control ${s.orgControlId})` : ''}${s.inScope ? '' : ' [out of scope]'}`).join(', ') || 'nothing'}`,
    `Supports: ${reach.byFramework.map((f) => `${f.frameworkId} ${f.full} full, ${f.partial} partial`).join('; ') || 'nothing'}`,
    '',
  ];
  let framework = '';
  for (const r of reach.reached) {
    if (r.frameworkId !== framework) lines.push((framework = r.frameworkId));
    const best = r.contributions[0];
    lines.push(`  ${r.coverage.padEnd(7)} ${r.ref} ${rowLabel(r)}`);
    lines.push(`          ${r.basis === 'parent' ? r.reason : best && best.path.length ? describePath(best.sourceId, best.path) : r.reason}${r.contributions.length > 1 ? ` (+${r.contributions.length - 1} more source${r.contributions.length > 2 ? 's' : ''})` : ''}`);
  }
  if (reach.outOfScope.length) lines.push('', 'Out of scope (not counted):', ...reach.outOfScope.map((o) => `  ${o.coverage.padEnd(7)} ${o.frameworkId} ${o.ref} ${o.title}`));
  if (reach.blocked.length) lines.push('', 'Ruled out by reviewed records:', ...reach.blocked.map((b) => `  ${b.requirementId}: ${b.detail}`));
  return lines.join('\n');
}

export async function evidenceCommand(argv: string[]) {
  const [sub, ...rest] = argv;
  if (!(SUBCOMMANDS as readonly string[]).includes(sub ?? '')) throw new InputError(`evidence: invalid subcommand: "${sub ?? ''}" (expected: ${SUBCOMMANDS.join(', ')})`);
  const command = `evidence ${sub}`;
  if (sub === 'import') {
    const { values, positionals } = parseCommandArgs(command, rest, { format: { type: 'string' } }, { positionals: true });
    maybeFormat(command, requireOption(command, values, 'format'), ['csv'] as const);
    if (positionals.length !== 1) throw new InputError(`${command}: give exactly one FILE to import`);
    const summary = await importEvidenceCsv(positionals[0]!);
    summary.warnings.forEach(printWarning);
    console.log(`Imported ${summary.added + summary.updated} evidence items (${summary.added} new, ${summary.updated} replaced) with ${summary.links} links.`);
  } else if (sub === 'export') {
    const { values } = parseCommandArgs(command, rest, { format: { type: 'string' }, out: { type: 'string' } });
    maybeFormat(command, values.format ?? 'csv', ['csv'] as const);
    const text = await withEvidenceStore(command, async (store) => exportEvidenceCsv(await store.listEvidence(), await store.listEvidenceLinks()));
    writeOutput(command, { out: values.out as string | undefined, data: text });
  } else if (sub === 'list') {
    const { values } = parseCommandArgs(command, rest, { json: { type: 'boolean' }, 'as-of': { type: 'string' } });
    const asOf = (values['as-of'] as string | undefined) ?? today();
    const { items, links } = await withEvidenceStore(command, async (store) => ({ items: await store.listEvidence(), links: await store.listEvidenceLinks() }));
    if (values.json) console.log(JSON.stringify({ evidence: items, links }, null, 2));
    else {
      console.log(`${items.length} evidence items`);
      for (const e of items) {
        const count = links.filter((l) => l.evidenceId === e.id).length;
        console.log(`  ${e.id.padEnd(16)} ${e.type.padEnd(13)} ${e.title} — ${count} link${count === 1 ? '' : 's'}${e.expires && e.expires < asOf ? `, EXPIRED ${e.expires}` : ''}${e.scope.length ? `, scope ${e.scope.join(', ')}` : ''}`);
      }
    }
  } else {
    const { values, positionals } = parseCommandArgs(
      command, rest, { 'as-of': { type: 'string' }, 'max-path': { type: 'string' }, 'include-proposed': { type: 'boolean' }, json: { type: 'boolean' } }, { positionals: true },
    );
    if (positionals.length !== 1) throw new InputError(`${command}: give exactly one evidence id`);
    const reach = await reachOfEvidence(positionals[0]!, {
      asOf: values['as-of'] as string | undefined, maxPathLength: maybeMaxPath(command, values['max-path']), includeProposed: Boolean(values['include-proposed']),
    });
    console.log(values.json ? JSON.stringify(reach, null, 2) : formatReach(reach));
  }
}
