import { frameworkCitation } from '../domain/citation.js';
import { InputError } from '../domain/errors.js';
import {
  exportControlSetCsv, exportControlSetJson, exportControlSetOscal, exportControlSetXlsx, exportGapCsv, exportGapXlsx, exportImsMarkdown, exportImsXlsx,
  exportSoaCsv, exportSoaXlsx,
} from '../exports/index.js';
import type { GraphStore } from '../store/types.js';
import { evidenceStoreOf, gapFor, imsPlanFor, proposeControls, soaFor, type AnalysisContent, type GapArgs } from './analysis.js';
import type { ExportedFile } from './exportContent.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV = 'text/csv; charset=utf-8';
const JSON_TYPE = 'application/json';

function pick<F extends string>(report: string, format: string, allowed: readonly F[]): F {
  if ((allowed as readonly string[]).includes(format)) return format as F;
  throw new InputError(`invalid format for the ${report} report: "${format}" (expected: ${allowed.join(', ')})`);
}

/** Gap analysis as CSV, XLSX or JSON. */
export async function gapReportFile(content: AnalysisContent, store: GraphStore, args: GapArgs & { format: string }, now = new Date()): Promise<ExportedFile> {
  const format = pick('gap', args.format, ['csv', 'xlsx', 'json'] as const);
  const report = await gapFor(content, store, args);
  const base = `gap-${args.target}`;
  if (format === 'csv') return { body: exportGapCsv(report), contentType: CSV, fileName: `${base}.csv` };
  if (format === 'xlsx') return { body: await exportGapXlsx(report, { generatedAt: now.toISOString() }), contentType: XLSX, fileName: `${base}.xlsx` };
  return { body: JSON.stringify(report, null, 2), contentType: JSON_TYPE, fileName: `${base}.json` };
}

/** The saved unified control set, or a fresh proposal for `frameworks`, as CSV, XLSX, JSON or an OSCAL catalog. */
export async function controlSetFile(content: AnalysisContent, store: GraphStore, { format: raw, frameworks }: { format: string; frameworks?: string[] }, now = new Date()): Promise<ExportedFile> {
  const format = pick('unified control set', raw, ['csv', 'xlsx', 'json', 'oscal-catalog'] as const);
  const controls = frameworks?.length
    ? (await proposeControls(content, frameworks, false, now.toISOString())).controls.map((p) => p.control)
    : await evidenceStoreOf(store).listOrgControls();
  const { bundle } = await content.get();
  const input = { controls, requirements: bundle.requirements, frameworks: bundle.frameworks, generatedAt: now.toISOString() };
  switch (format) {
    case 'csv':
      return { body: exportControlSetCsv(input), contentType: CSV, fileName: 'unified-controls.csv' };
    case 'xlsx':
      return { body: await exportControlSetXlsx(input), contentType: XLSX, fileName: 'unified-controls.xlsx' };
    case 'json':
      return { body: exportControlSetJson(input), contentType: JSON_TYPE, fileName: 'unified-controls.json' };
    case 'oscal-catalog':
      return { body: exportControlSetOscal(input), contentType: JSON_TYPE, fileName: 'unified-controls.oscal-catalog.json' };
  }
}

export async function imsPlanFile(content: AnalysisContent, { format: raw, standards }: { format: string; standards: string[] }, now = new Date()): Promise<ExportedFile> {
  const format = pick('IMS plan', raw, ['md', 'xlsx', 'json'] as const);
  const plan = await imsPlanFor(content, standards);
  const { bundle } = await content.get();
  const options = { frameworks: bundle.frameworks, generatedAt: now.toISOString() };
  if (format === 'md') return { body: exportImsMarkdown(plan, options), contentType: 'text/markdown; charset=utf-8', fileName: 'ims-plan.md' };
  if (format === 'xlsx') return { body: await exportImsXlsx(plan, options), contentType: XLSX, fileName: 'ims-plan.xlsx' };
  return { body: JSON.stringify(plan, null, 2), contentType: JSON_TYPE, fileName: 'ims-plan.json' };
}

export async function soaFile(content: AnalysisContent, store: GraphStore, { format: raw, framework, asOf }: { format: string; framework: string; asOf?: string }, now = new Date()): Promise<ExportedFile> {
  const format = pick('Statement of Applicability', raw, ['csv', 'xlsx', 'json'] as const);
  const soa = await soaFor(content, store, framework, asOf);
  const { bundle } = await content.get();
  const name = bundle.frameworks.find((f) => f.id === framework);
  if (format === 'csv') return { body: exportSoaCsv(soa), contentType: CSV, fileName: `soa-${framework}.csv` };
  if (format === 'xlsx') return { body: await exportSoaXlsx(soa, { generatedAt: now.toISOString(), frameworkName: name ? frameworkCitation(name) : framework }), contentType: XLSX, fileName: `soa-${framework}.xlsx` };
  return { body: JSON.stringify(soa, null, 2), contentType: JSON_TYPE, fileName: `soa-${framework}.json` };
}
