import { gapAnalysis, type GapHave, type GapReport, type GapRow } from '../../domain/analysis/gapAnalysis.js';
import { overlapPhrase } from '../../domain/analysis/overlapBands.js';
import { rowLabel } from '../../domain/analysis/rowLabel.js';
import { InputError } from '../../domain/errors.js';
import type { ContentBundle } from '../../domain/schemas/content.js';
import { exportGapCsv, exportGapXlsx } from '../../exports/gapExport.js';
import { parseCommandArgs, requireOption } from '../args.js';
import {
  contentFromFiles, contentFromStore, listOption, maybeFormat, maybeMaxPath, maybeSource, maybeStatuses, noteFilesRead, now, today, withEvidenceStore, withStore, writeOutput,
} from '../analysisSupport.js';

export const GAP_FORMATS = ['csv', 'xlsx'] as const;

export interface GapOptions {
  target: string;
  /** Framework ids the organisation satisfies in full. */
  have?: string[];
  /** Requirement ids it satisfies. */
  haveRequirements?: string[];
  /** Use the evidence held in the store instead. */
  evidence?: boolean;
  asOf?: string;
  maxPathLength?: number;
  includeProposed?: boolean;
  /** Where content comes from: files (default; no store needed) or the store (with people's mappings and reviews). */
  source?: 'files' | 'store';
  /** Only the target's requirements within these tags ("role:deployer"). */
  scope?: string[];
}

/** Runs the gap analysis as the command would and returns the report (printing is separate). */
export async function gap(options: GapOptions): Promise<GapReport> {
  const modes = [options.have?.length, options.haveRequirements?.length, options.evidence].filter(Boolean).length;
  if (modes !== 1) throw new InputError('gap: say what you have with exactly one of --have FRAMEWORK, --have-requirements ID,… or --evidence');
  const query = { target: options.target, maxPathLength: options.maxPathLength, statuses: maybeStatuses(options.includeProposed), ...(options.scope?.length ? { scope: options.scope } : {}) };
  if (options.evidence)
    return withEvidenceStore('gap', async (store) => {
      const bundle = await contentFromStore(store);
      const have: GapHave = {
        kind: 'evidence', evidence: await store.listEvidence(), links: await store.listEvidenceLinks(), orgControls: await store.listOrgControls(), asOf: options.asOf ?? today(),
      };
      return gapAnalysis(bundle, { ...query, have });
    });
  const bundle: ContentBundle = options.source === 'store' ? await withStore(contentFromStore) : contentFromFiles();
  const have: GapHave = options.have?.length ? { kind: 'frameworks', frameworkIds: options.have } : { kind: 'requirements', requirementIds: options.haveRequirements! };
  return gapAnalysis(bundle, { ...query, have });
}

const MARK = { covered: '✓ covered  ', partial: '◐ partial  ', uncovered: '✗ uncovered' } as const;

export function formatGap(report: GapReport): string {
  const s = report.summary;
  const lines = [
    `Gap analysis: ${report.have.description} → ${report.target}${report.asOf ? ` (evidence as of ${report.asOf})` : ''}`,
    ...(report.scope ? [`Only requirements tagged ${report.scope.tags.join(' or ')} (${report.scope.leftOut} others left out).`] : []),
    `Following ${report.statuses.join(' and ')} mappings, paths of at most ${report.maxPathLength} mapping${report.maxPathLength === 1 ? '' : 's'}.`,
    `${s.assessable} assessable requirements: ${s.covered} covered, ${s.partial} partial, ${s.uncovered} uncovered ` +
      `(${s.uncoveredNoCounterpart} with a reviewed "no counterpart" record, ${s.uncoveredNotMapped} not mapped yet); ${s.notAssessable} not counted (parents, informative, withdrawn).`,
    ...(s.partial ? [`Of the ${s.partial} partial, by the strength of the best path: ${overlapPhrase(s.partialByOverlap)}.`] : []),
    ...(report.openByDate ? [`Not yet covered, by the date they apply from: ${report.openByDate.map((d) => `${d.appliesFrom} ${d.uncovered} uncovered, ${d.partial} partial`).join('; ')}.`] : []),
    ...(!report.scope && report.scopeTags.length ? [`Narrow it to whom or what it is for with --scope TAG (its tags: ${report.scopeTags.join(', ')}).`] : []),
    ...report.warnings.map((w) => `warning: ${w}`),
    '',
  ];
  for (const row of report.rows) lines.push(...formatRow(row));
  return lines.join('\n');
}

function formatRow(row: GapRow): string[] {
  const indent = '  '.repeat(row.depth);
  const label = `${row.ref} ${rowLabel(row)}`.trimEnd();
  if (!row.assessable) {
    const rollup = row.rollup ? ` — ${row.rollup.covered} covered, ${row.rollup.partial} partial, ${row.rollup.uncovered} uncovered` : ' — not counted';
    return [`${indent}${label}${rollup}`];
  }
  // The reviewer's note says what each side adds: the caveat behind an "equivalent" clause of another standard.
  const notes = row.reasons.filter((r) => r.startsWith('note on ')).map((r) => `why: ${r.slice(r.indexOf(': ') + 2)}`);
  const reasons = row.reasons.filter((r) => !r.startsWith('note on '));
  // A covered row shows its best path, and whether another source reads a step of it as carrying less.
  const shown = row.status === 'covered' ? [...reasons.slice(0, 1), ...reasons.slice(1).filter((r) => r.startsWith('contested: '))] : reasons;
  const applies = row.appliesFrom && row.status !== 'covered' ? ` (applies from ${row.appliesFrom})` : '';
  return [`${indent}${MARK[row.status]} ${label}${applies}`, ...[...shown, ...notes.slice(0, 1)].map((r) => `${indent}    ${r}`)];
}

export async function gapCommand(argv: string[]) {
  const { values } = parseCommandArgs('gap', argv, {
    have: { type: 'string', multiple: true },
    'have-requirements': { type: 'string', multiple: true },
    evidence: { type: 'boolean' },
    target: { type: 'string' },
    'as-of': { type: 'string' },
    'max-path': { type: 'string' },
    'include-proposed': { type: 'boolean' },
    scope: { type: 'string', multiple: true },
    source: { type: 'string' },
    json: { type: 'boolean' },
    format: { type: 'string' },
    out: { type: 'string' },
  });
  const format = maybeFormat('gap', values.format, GAP_FORMATS);
  if (values['as-of'] !== undefined && !values.evidence)
    throw new InputError('gap: --as-of is the date the evidence register is read at (what has expired by then); it goes with --evidence, not --have');
  const report = await gap({
    target: requireOption('gap', values, 'target'),
    have: listOption(values.have),
    haveRequirements: listOption(values['have-requirements']),
    evidence: Boolean(values.evidence),
    asOf: values['as-of'] as string | undefined,
    maxPathLength: maybeMaxPath('gap', values['max-path']),
    includeProposed: Boolean(values['include-proposed']),
    source: maybeSource('gap', values.source, 'files'),
    scope: listOption(values.scope),
  });
  const out = values.out as string | undefined;
  if (format === 'csv') writeOutput('gap', { out, data: exportGapCsv(report) });
  else if (format === 'xlsx') writeOutput('gap', { out, data: await exportGapXlsx(report, { generatedAt: now() }), binary: true });
  else if (values.json) console.log(JSON.stringify(report, null, 2));
  else console.log(formatGap(report));
  if (!values.evidence) noteFilesRead('gap', values.source);
}
