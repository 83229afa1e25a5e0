import fs from 'node:fs';
import { hasColumns, onSheetRows, readTable } from '../../interop/xlsxSheet.js';
import { mergeOrgControls, proposeUnifiedControls, renameOrgControl, splitOrgControl, type ControlSetChange, type ProposedControlSet } from '../../domain/analysis/unifiedControlSet.js';
import { ConflictError, DataFileError, InputError } from '../../domain/errors.js';
import { importControlMatrix, isControlMatrixHeader } from '../../exports/controlMatrix.js';
import { readCsv } from '../../interop/csv.js';
import { refsByFramework } from '../../interop/refResolver.js';
import type { ContentBundle } from '../../domain/schemas/content.js';
import type { OrgControl } from '../../domain/schemas/orgControl.js';
import {
  exportControlSetCsv, exportControlSetJson, exportControlSetOscal, exportControlSetXlsx, importControlSetCsv, importControlSetJson,
} from '../../exports/controlSetExport.js';
import type { EvidenceStore, GraphStore } from '../../store/types.js';
import { parseCommandArgs, requireOption } from '../args.js';
import {
  contentFromFiles, contentFromStore, listOption, maybeFormat, maybeSource, maybeStatuses, now, withEvidenceStore, withStore, writeOutput,
} from '../analysisSupport.js';
import { printWarning } from '../errors.js';

export const CONTROL_SET_FORMATS = ['csv', 'xlsx', 'json', 'oscal'] as const;
type ControlSetFormat = (typeof CONTROL_SET_FORMATS)[number];
const SUBCOMMANDS = ['propose', 'list', 'import', 'merge', 'split', 'rename'] as const;

export async function proposeControls(options: { frameworks: string[]; includeProposed?: boolean; singletons?: boolean; source?: 'files' | 'store' }): Promise<{ set: ProposedControlSet; bundle: ContentBundle }> {
  if (!options.frameworks.length) throw new InputError('controls propose: --frameworks is required, e.g. --frameworks iso42001-2023,iso27001-2022');
  const bundle = options.source === 'store' ? await withStore(contentFromStore) : contentFromFiles();
  const set = proposeUnifiedControls(bundle, { frameworks: options.frameworks, statuses: maybeStatuses(options.includeProposed), includeSingletons: options.singletons ?? true, at: now(), harmonizedClauses: bundle.harmonizedClauses });
  return { set, bundle };
}

async function render(format: ControlSetFormat, controls: OrgControl[], bundle: ContentBundle): Promise<string | Buffer> {
  const input = { controls, requirements: bundle.requirements, frameworks: bundle.frameworks, generatedAt: now() };
  switch (format) {
    case 'csv':
      return exportControlSetCsv(input);
    case 'json':
      return exportControlSetJson(input);
    case 'oscal':
      return exportControlSetOscal(input);
    case 'xlsx':
      return exportControlSetXlsx(input);
  }
}

function formatControls(controls: readonly OrgControl[], bundle: ContentBundle): string {
  const byId = new Map(bundle.requirements.map((r) => [r.id, r]));
  const lines: string[] = [];
  for (const c of controls) {
    lines.push(`${c.id}  ${c.title}${c.origin === 'user' ? ' (edited)' : ''}`);
    for (const id of c.requirementIds) lines.push(`    ${id}  ${byId.get(id)?.title ?? '(not in the content)'}`);
  }
  return lines.join('\n');
}

/** Applies an edit to the stored set in one transaction (moved evidence links included). */
async function applyChange(store: GraphStore & EvidenceStore, change: (controls: OrgControl[]) => ControlSetChange): Promise<ControlSetChange> {
  const result = change(await store.listOrgControls());
  await store.saveOrgControls(result.controls, { remove: result.removed, moveLinks: result.moveLinks });
  return result;
}

/**
 * A control set from a file: Crosswalk's JSON, its CSV or workbook (a row per control and requirement, the workbook's
 * "Citations" sheet), or another tool's control matrix (a column per framework), which is looked for when no sheet
 * has Crosswalk's own columns.
 */
async function readControlSetFile(file: string, format: 'json' | 'csv', bundle: ContentBundle) {
  const knownRequirementIds = new Set(bundle.requirements.map((r) => r.id));
  const bytes = fs.readFileSync(file);
  if (format === 'json') return importControlSetJson(bytes.toString('utf8'), { file, knownRequirementIds });
  const ownTable = hasColumns(['control_id', 'requirement_id']);
  const own = await readTable(bytes, file, { accepts: ownTable });
  if (ownTable(readCsv(own.text, own.file).header)) {
    const read = importControlSetCsv(own.text, { file: own.file, knownRequirementIds });
    return { ...read, problems: onSheetRows(read.problems, own) };
  }
  const table = await readTable(bytes, file, { accepts: isControlMatrixHeader });
  const refs = refsByFramework(bundle.requirements);
  const read = importControlMatrix(table.text, { file: table.file, frameworks: bundle.frameworks, refsOf: (id) => refs.get(id) ?? [], now: now() });
  return { ...read, problems: onSheetRows(read.problems, table) };
}

export async function controlsCommand(argv: string[]) {
  const [sub, ...rest] = argv;
  if (!(SUBCOMMANDS as readonly string[]).includes(sub ?? '')) throw new InputError(`controls: invalid subcommand: "${sub ?? ''}" (expected: ${SUBCOMMANDS.join(', ')})`);
  const command = `controls ${sub}`;
  const output = { json: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' } } as const;

  if (sub === 'propose') {
    const { values } = parseCommandArgs(command, rest, {
      frameworks: { type: 'string', multiple: true }, 'include-proposed': { type: 'boolean' }, 'no-singletons': { type: 'boolean' }, source: { type: 'string' },
      save: { type: 'boolean' }, replace: { type: 'boolean' }, ...output,
    });
    const format = maybeFormat(command, values.format, CONTROL_SET_FORMATS);
    const { set, bundle } = await proposeControls({
      frameworks: listOption(values.frameworks), includeProposed: Boolean(values['include-proposed']), singletons: !values['no-singletons'],
      source: maybeSource(command, values.source, 'files'),
    });
    const controls = set.controls.map((p) => p.control);
    if (values.save)
      await withEvidenceStore(command, async (store) => {
        const existing = await store.listOrgControls();
        if (existing.length && !values.replace)
          throw new ConflictError(`${command}: the store already holds a control set of ${existing.length} controls (maybe edited); pass --replace to overwrite it`);
        await store.saveOrgControls(controls, { remove: existing.map((c) => c.id).filter((id) => !controls.some((c) => c.id === id)) });
        console.error(`Saved ${controls.length} controls to the store.`);
      });
    const out = values.out as string | undefined;
    if (format) writeOutput(command, { out, data: await render(format, controls, bundle), binary: format === 'xlsx' });
    else if (values.json) console.log(JSON.stringify(set, null, 2));
    else {
      const s = set.summary;
      console.log(`${s.controls} controls for ${s.requirements} assessable requirements of ${set.frameworks.join(', ')}: ${s.crossFramework} span several frameworks, ${s.singletons} cite one requirement, ${s.citedMoreThanOnce} requirements are cited by more than one control.\n`);
      console.log(formatControls(controls, bundle));
    }
    return;
  }

  if (sub === 'list') {
    const { values } = parseCommandArgs(command, rest, output);
    const format = maybeFormat(command, values.format, CONTROL_SET_FORMATS);
    const { controls, bundle } = await withEvidenceStore(command, async (store) => ({ controls: await store.listOrgControls(), bundle: await contentFromStore(store) }));
    if (format) writeOutput(command, { out: values.out as string | undefined, data: await render(format, controls, bundle), binary: format === 'xlsx' });
    else if (values.json) console.log(JSON.stringify(controls, null, 2));
    else console.log(controls.length ? formatControls(controls, bundle) : 'No control set saved yet: run "crosswalk controls propose --frameworks … --save".');
    return;
  }

  if (sub === 'import') {
    const { values, positionals } = parseCommandArgs(command, rest, { format: { type: 'string' } }, { positionals: true });
    const format = maybeFormat(command, requireOption(command, values, 'format'), ['json', 'csv'] as const)!;
    if (positionals.length !== 1) throw new InputError(`${command}: give exactly one FILE to import`);
    const file = positionals[0]!;
    if (!fs.existsSync(file)) throw new InputError(`${command}: no such file: ${file}`);
    const count = await withEvidenceStore(command, async (store) => {
      const bundle = await contentFromStore(store);
      const { controls, problems } = await readControlSetFile(file, format, bundle);
      if (problems.some((p) => p.severity === 'error')) throw new DataFileError(problems);
      problems.filter((p) => p.severity === 'warning').forEach(printWarning);
      // The file is the whole set: controls not in it go (with their evidence links).
      const existing = await store.listOrgControls();
      await store.saveOrgControls(controls, { remove: existing.map((c) => c.id).filter((id) => !controls.some((c) => c.id === id)) });
      return controls.length;
    });
    console.log(`Imported a control set of ${count} controls.`);
    return;
  }

  const at = now();
  if (sub === 'merge') {
    const { values, positionals } = parseCommandArgs(command, rest, { title: { type: 'string' }, into: { type: 'string' } }, { positionals: true });
    const change = await withEvidenceStore(command, (store) =>
      applyChange(store, (controls) => mergeOrgControls(controls, { ids: positionals, id: values.into as string | undefined, title: values.title as string | undefined, at })),
    );
    console.log(`Merged ${positionals.length} controls; ${change.moveLinks.length ? `evidence links moved from ${change.removed.join(', ')}` : 'no evidence links to move'}.`);
  } else if (sub === 'split') {
    const { values, positionals } = parseCommandArgs(command, rest, { part: { type: 'string', multiple: true } }, { positionals: true });
    if (positionals.length !== 1) throw new InputError(`${command}: give exactly one control id`);
    const parts = ((values.part as string[] | undefined) ?? []).map((spec) => {
      const eq = spec.lastIndexOf('=');
      if (eq < 0) throw new InputError(`${command}: invalid --part "${spec}" (expected "Title=requirement-id; requirement-id")`);
      return { title: spec.slice(0, eq).trim(), requirementIds: spec.slice(eq + 1).split(';').map((s) => s.trim()).filter(Boolean) };
    });
    const change = await withEvidenceStore(command, (store) => applyChange(store, (controls) => splitOrgControl(controls, { id: positionals[0]!, parts, at })));
    console.log(`Split ${positionals[0]} into ${parts.length} controls (${change.controls.length} in the set).`);
  } else {
    const { values, positionals } = parseCommandArgs(command, rest, { title: { type: 'string' }, description: { type: 'string' } }, { positionals: true });
    if (positionals.length !== 1) throw new InputError(`${command}: give exactly one control id`);
    await withEvidenceStore(command, (store) =>
      applyChange(store, (controls) => renameOrgControl(controls, { id: positionals[0]!, title: requireOption(command, values, 'title'), description: values.description as string | undefined, at })),
    );
    console.log(`Renamed ${positionals[0]}.`);
  }
}
