import path from 'node:path';
import { loadIntoStore } from './loadIntoStore.js';
import { contentDirs } from '../config.js';
import { csvToCatalog, hasCatalogHeader } from '../content/csvCatalog.js';
import type { MappingFile } from '../content/fileSchemas.js';
import { errorsIn, loadContent, type LoadedContent, type ParsedFiles } from '../content/loadContent.js';
import { withoutStatedPairs } from '../content/statedPairs.js';
import { importedMappingPath, shippedFrameworkIds, writeImport, type ImportedContent } from '../content/writeImport.js';
import { InputError, optionNamed, type Problem } from '../domain/errors.js';
import type { ContentBundle } from '../domain/schemas/content.js';
import { canonicalJson } from '../domain/fingerprint.js';
import type { SourceStatement } from '../domain/schemas/mapping.js';
import {
  importCisoAssistantDocument, importCisoAssistantLibrary, importCprt, importCsvCrosswalk, importJsonBundle, importOlirStrm, importOscalCatalog, importOscalMapping,
  aliasesByFramework, isCrosswalkHeader, isStrmHeader, isWholeId, refResolver, refsByFramework, type BundleReview,
} from '../interop/index.js';
import type { GraphStore, LoadSummary } from '../store/types.js';
import { OSCAL_ID_TAG, oscalIds } from '../interop/oscalCatalog.js';
import { isXlsx, onSheetRows, readTable, type TableText } from '../interop/xlsxSheet.js';
import { readCisoAssistantWorkbook } from '../interop/cisoAssistantWorkbook.js';
import { isCisoAssistantWorkbook, XLSX_CROSSWALK_SHEET, XLSX_FURTHER_SOURCES_SHEET } from '../interop/workbookKinds.js';
import { withFurtherSources } from '../interop/furtherSourcesSheet.js';
import { emptyImport, hasErrors } from '../interop/types.js';
import { proposeHarmonizedAlignment } from '../domain/analysis/harmonizedAlignment.js';
import { frameworkOf } from '../domain/ids.js';
import { pushTo } from '../domain/multimap.js';

export const IMPORT_FORMATS = ['csv', 'csv-crosswalk', 'olir', 'oscal', 'oscal-mapping', 'ciso-assistant', 'cprt', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportRequest {
  format: string;
  /** The file as uploaded or read: text (UTF-8), or an XLSX workbook for the CSV formats. */
  bytes: Uint8Array;
  /** The uploaded or named file; shown in every problem. */
  sourceName: string;
  dataDir: string;
  /** The store to load the result into; without one only the files are written. */
  store?: GraphStore;
  replace?: boolean;
  /** Framework metadata for formats that do not carry it (CSV catalogs) or to override it. */
  frameworkId?: string;
  name?: string;
  edition?: string;
  publisher?: string;
  /** The imported catalog's label for graphs and tables ("NIST CSF 2.0"); any catalog format. */
  shortName?: string;
  /** Which frameworks an OSCAL mapping-collection's (or an OLIR table's focal and reference) documents are. */
  from?: string;
  to?: string;
  /** The workbook sheet to read (a table format), when not the one Crosswalk would choose. */
  sheet?: string;
  /** Import the rest of a file that states some pairs two ways, leaving those pairs out, instead of refusing it. */
  skipConflicts?: boolean;
  /** CPRT: import only elements of these types (the others' children move up to the nearest kept ancestor). */
  elementTypes?: readonly string[];
  today?: string;
}

export interface ImportOutcome {
  written: string[];
  warnings: Problem[];
  load?: LoadSummary;
  reviewsApplied: number;
}

export const maybeImportFormat = (format: string): ImportFormat => {
  if ((IMPORT_FORMATS as readonly string[]).includes(format)) return format as ImportFormat;
  if (format === 'olir-csv') return 'olir'; // the export's name for the same table
  throw new InputError(`invalid format: "${format}" (expected: ${IMPORT_FORMATS.join(', ')})`);
};

const slugOf = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Finds the requirement a CISO Assistant URN names: a URN kept on an imported requirement, or framework + ref slug. */
function urnResolver(bundle: ContentBundle) {
  const byTag = new Map<string, string>();
  const byFrameworkRef = new Map<string, string>();
  for (const r of bundle.requirements) {
    for (const tag of r.tags) if (tag.startsWith('ciso-urn:')) byTag.set(tag.slice('ciso-urn:'.length), r.id);
    byFrameworkRef.set(`${r.frameworkId}\u0000${slugOf(r.ref)}`, r.id);
  }
  return (urn: string) => {
    const lower = urn.toLowerCase();
    if (byTag.has(lower)) return byTag.get(lower);
    const parts = lower.split(':');
    const [framework, node] = parts.slice(-2);
    return framework && node ? byFrameworkRef.get(`${framework}\u0000${slugOf(node)}`) : undefined;
  };
}

/** Resolves cells to refs of the loaded frameworks (see refResolver), building each framework's resolver once. */
function loadedRefResolver(loaded: ContentBundle) {
  const refs = refsByFramework(loaded.requirements);
  const aliases = aliasesByFramework(loaded.requirements);
  const resolvers = new Map<string, ReturnType<typeof refResolver>>();
  return (frameworkId: string, cell: string) => {
    if (!refs.has(frameworkId)) return undefined;
    if (!resolvers.has(frameworkId)) resolvers.set(frameworkId, refResolver(refs.get(frameworkId)!, aliases.get(frameworkId)));
    return resolvers.get(frameworkId)!(cell);
  };
}

/** The formats whose files may also come as an XLSX workbook (one sheet read as CSV). */
const WORKBOOK_FORMATS: readonly ImportFormat[] = ['csv', 'csv-crosswalk', 'olir'];

type ImportSource = TableText & {
  cisoAssistantWorkbook?: Awaited<ReturnType<typeof readCisoAssistantWorkbook>>;
  /** The "Further sources" sheet of Crosswalk's own XLSX crosswalk export, read beside its "Crosswalk" sheet. */
  furtherSources?: TableText;
};

/** The text to import: the file decoded, or (a workbook) its fitting sheet as CSV, or a CISO Assistant library workbook read whole. */
async function importText(request: ImportRequest): Promise<ImportSource> {
  const format = maybeImportFormat(request.format);
  if (request.sheet !== undefined && !WORKBOOK_FORMATS.includes(format))
    throw new InputError(`import: a sheet is named for --format ${WORKBOOK_FORMATS.join(', ')} only (a ${format} file is read whole)`);
  if (request.elementTypes?.length && format !== 'cprt') throw new InputError(`import: element types are chosen for --format cprt only (a ${format} file has none)`);
  if (isXlsx(request.bytes) && format === 'ciso-assistant')
    return { text: '', file: request.sourceName, cisoAssistantWorkbook: await readCisoAssistantWorkbook(request.bytes, request.sourceName) };
  if (isXlsx(request.bytes) && !WORKBOOK_FORMATS.includes(format))
    throw new InputError(`import: ${request.sourceName} is an XLSX workbook; workbooks are read by --format ${WORKBOOK_FORMATS.join(', ')} and ciso-assistant (for ${format}, save the sheet in its own format)`);
  const table = await readTable(request.bytes, request.sourceName, {
    preferred: format === 'csv-crosswalk' ? XLSX_CROSSWALK_SHEET : undefined,
    accepts: format === 'csv' ? hasCatalogHeader : format === 'olir' ? isStrmHeader : isCrosswalkHeader,
    only: request.sheet,
  });
  // Read as one table, a library workbook would lose its hierarchy (depth) and URNs.
  if (table.sheets && isCisoAssistantWorkbook(table.sheets))
    throw new InputError(`import: ${request.sourceName} is a CISO Assistant library workbook (sheets ${table.sheets.map((s) => `"${s}"`).join(', ')}); import it with --format ciso-assistant`);
  const sheetNote: Problem[] = table.sheet ? [{ file: request.sourceName, message: `read sheet "${table.sheet}" of the workbook`, severity: 'warning' }] : [];
  const furtherSources =
    format === 'csv-crosswalk' && table.sheet === XLSX_CROSSWALK_SHEET && table.sheets?.includes(XLSX_FURTHER_SOURCES_SHEET)
      ? await readTable(request.bytes, request.sourceName, { only: XLSX_FURTHER_SOURCES_SHEET })
      : undefined;
  return { ...table, notes: [...sheetNote, ...(table.notes ?? [])], ...(furtherSources ? { furtherSources } : {}) };
}

/** Runs the importer of a format; everything it returns is still unvalidated against the loaded content. */
function runImporter(request: ImportRequest & Pick<ImportSource, 'text' | 'cisoAssistantWorkbook'>, loaded: ContentBundle, shipped: ReadonlySet<string>): ImportedContent & { reviews?: BundleReview[] } {
  const file = request.sourceName;
  const today = request.today;
  switch (maybeImportFormat(request.format)) {
    case 'csv': {
      const missing = (['frameworkId', 'name', 'edition'] as const).filter((option) => !request[option]);
      if (missing.length) throw new InputError(`import of format csv needs ${missing.map(optionNamed).join(', ')} (a table of requirements does not say which framework it is)`);
      const { catalog, problems } = csvToCatalog(request.text, { file, frameworkId: request.frameworkId!, name: request.name!, edition: request.edition!, publisher: request.publisher });
      return { catalogs: catalog ? [catalog] : [], mappingFiles: [], problems };
    }
    case 'csv-crosswalk': {
      const refs = refsByFramework(loaded.requirements);
      return importCsvCrosswalk(request.text, { file, today, sourceFramework: request.from, targetFramework: request.to, resolveRef: loadedRefResolver(loaded), refsOf: (id) => refs.get(id), frameworks: loaded.frameworks });
    }
    case 'olir': {
      for (const option of ['from', 'to'] as const)
        if (!request[option]) throw new InputError(`import of format olir needs ${optionNamed('from')}, the focal document's framework, and ${optionNamed('to')}, the reference document's framework`);
      const refs = refsByFramework(loaded.requirements);
      const aliases = aliasesByFramework(loaded.requirements);
      return importOlirStrm(request.text, { file, today, focal: request.from!, reference: request.to!, refsOf: (id) => refs.get(id), aliasesOf: (id) => aliases.get(id) });
    }
    case 'oscal':
      return importOscalCatalog(request.text, { file, today, frameworkId: request.frameworkId, name: request.name, edition: request.edition, publisher: request.publisher });
    case 'oscal-mapping': {
      const refs = new Map(loaded.requirements.map((r) => [`${r.frameworkId}\u0000${r.ref.toLowerCase()}`, r.ref]));
      // The ids Crosswalk's own OSCAL exports give refs that are no OSCAL token ("govern_1.1" for GOVERN 1.1), so a
      // collection made elsewhere against an exported catalog resolves; a ref that reads the same wins.
      const byFramework = new Map<string, ContentBundle['requirements']>();
      for (const r of loaded.requirements) pushTo(byFramework, r.frameworkId, r);
      for (const [frameworkId, requirements] of byFramework)
        for (const [ref, id] of oscalIds(requirements)) if (!refs.has(`${frameworkId}\u0000${id.toLowerCase()}`)) refs.set(`${frameworkId}\u0000${id.toLowerCase()}`, ref);
      // An OSCAL id kept from the catalog's import wins over a ref that happens to read the same.
      for (const r of loaded.requirements)
        for (const tag of r.tags) if (tag.startsWith(OSCAL_ID_TAG)) refs.set(`${r.frameworkId}\u0000${tag.slice(OSCAL_ID_TAG.length).toLowerCase()}`, r.ref);
      // Else the id as a ref written otherwise ("4-1" for 4.1) or an alias the catalog records ("gv-1.1" for GOVERN 1.1):
      // one whole id, never a ref with its title.
      const loose = loadedRefResolver(loaded);
      // By framework: with several --from or --to frameworks the importer tries each, and only the chosen ones count.
      const readLoosely = new Map<string, Map<string, string>>();
      const imported = importOscalMapping(request.text, {
        file, today, sourceFramework: request.from, targetFramework: request.to,
        refsOf: (frameworkId) => byFramework.get(frameworkId)?.map((r) => r.ref),
        resolveIdRef: (frameworkId, idRef) => {
          const exact = refs.get(`${frameworkId}\u0000${idRef.toLowerCase()}`);
          if (exact !== undefined) return exact;
          const found = loose(frameworkId, idRef);
          if (!found || !isWholeId(found)) return undefined;
          if (!readLoosely.has(frameworkId)) readLoosely.set(frameworkId, new Map());
          readLoosely.get(frameworkId)!.set(idRef, found.ref);
          return found.ref;
        },
      });
      const used = new Set(imported.mappingFiles.flatMap((m) => [m.source, m.target]));
      const loosely = [...readLoosely].filter(([frameworkId]) => used.has(frameworkId)).flatMap(([, read]) => [...read]);
      if (loosely.length) {
        const examples = loosely.slice(0, 3).map(([idRef, ref]) => `"${idRef}" as ${ref}`).join(', ');
        imported.problems.push({ file, message: `${loosely.length} id-ref(s) were read as refs written otherwise (separators, zero padding or an alias the catalog records), e.g. ${examples}; check them`, severity: 'warning' });
      }
      return imported;
    }
    case 'ciso-assistant': {
      const names = new Map(loaded.frameworks.map((f) => [f.id, `${f.name}, edition ${f.edition}`]));
      const options = { file, today, frameworkId: request.frameworkId, edition: request.edition, resolveUrn: urnResolver(loaded), loadedFrameworkName: (id: string) => names.get(id), shippedFrameworkIds: shipped };
      const workbook = request.cisoAssistantWorkbook;
      if (!workbook) return importCisoAssistantLibrary(request.text, options);
      return workbook.document ? importCisoAssistantDocument(workbook.document, options, workbook.problems) : emptyImport(workbook.problems);
    }
    case 'cprt':
      return importCprt(request.text, { file, today, frameworkId: request.frameworkId, publisher: request.publisher, elementTypes: request.elementTypes });
    case 'json':
      return withoutLoadedContent(importJsonBundle(request.text, { file, today }), loaded);
  }
}

/** Gives the one catalog a file holds the short name the request names, whatever the format. */
function withShortName<T extends ImportedContent>(read: T, request: ImportRequest): T {
  const shortName = request.shortName?.trim();
  if (!shortName) return read;
  if (read.catalogs.length !== 1 && !hasErrors(read.problems)) {
    const holds = read.catalogs.length ? `${read.catalogs.length} catalogs (give each its shortName in its file in the data folder)` : 'no catalog';
    throw new InputError(`import: ${optionNamed('shortName')} names the catalog a file holds, and ${request.sourceName} holds ${holds}`);
  }
  return { ...read, catalogs: read.catalogs.map((c) => ({ ...c, framework: { ...c.framework, shortName } })) };
}

/**
 * A bundle exported from Crosswalk carries the shipped content too: what is already loaded is left out, so only
 * what people added (their catalogs, mappings and reviews) is imported.
 */
function withoutLoadedContent(result: ReturnType<typeof importJsonBundle>, loaded: ContentBundle): ImportedContent & { reviews: BundleReview[] } {
  const frameworks = new Set(loaded.frameworks.map((f) => f.id));
  const pairs = new Set(loaded.mappings.flatMap((m) => [`${m.source}\u0000${m.target}`, `${m.target}\u0000${m.source}`]));
  const statementKey = (source: string, target: string, s: Pick<SourceStatement, 'relationship' | 'provenance'>) => canonicalJson([source, target, s.relationship, s.provenance]);
  const attached = new Set(loaded.mappings.flatMap((m) => (m.alsoStatedBy ?? []).map((s) => statementKey(m.source, m.target, s))));
  const mappingFiles = result.mappingFiles
    .map((file) => {
      const alsoStated = (file.alsoStated ?? []).filter((entry) => {
        const provenance = typeof entry.provenance === 'string' ? file.sources[entry.provenance] : undefined;
        return !provenance || !attached.has(statementKey(`${file.source}:${entry.source}`, `${file.target}:${entry.target}`, { relationship: entry.relationship, provenance }));
      });
      const mappings = file.mappings.filter((m) => !pairs.has(`${file.source}:${m.source}\u0000${file.target}:${m.target}`));
      const { alsoStated: _all, ...rest } = file;
      return { ...rest, mappings, noCounterpart: [], ...(alsoStated.length ? { alsoStated } : {}) };
    })
    .filter((file) => file.mappings.length || file.alsoStated?.length);
  return { catalogs: result.catalogs.filter((c) => !frameworks.has(c.framework.id)), mappingFiles, problems: result.problems, reviews: result.reviews };
}

/**
 * The name the written files are named after: the file's, with the sheet when one was named, so each sheet of a
 * workbook imports into files of its own ("crosswalks.xlsx", sheet "CSF" → crosswalks-csf__…).
 */
const writtenAs = ({ sourceName, sheet }: ImportRequest) => {
  if (sheet === undefined) return sourceName;
  const extension = path.extname(sourceName);
  return `${sourceName.slice(0, sourceName.length - extension.length)} (${sheet})${extension}`;
};

/** The imported crosswalks without the pairs already loaded, except those in the files this import replaces. */
function withoutLoadedPairs(mappingFiles: MappingFile[], loaded: LoadedContent, request: ImportRequest) {
  const replacing = new Set(mappingFiles.map((m) => importedMappingPath(request.dataDir, writtenAs(request), m)).map((p) => path.relative(process.cwd(), p) || p));
  const stated = loaded.bundle.mappings.filter((m) => !replacing.has(loaded.locate(m)?.file ?? ''));
  return withoutStatedPairs(mappingFiles, stated, request.sourceName);
}

/**
 * A hint for each imported catalog that follows the harmonized structure of ISO management-system standards (half of
 * its concepts or more found by clause number and title), which IMS plans take in once its clauses are placed.
 */
function harmonizedStructureHints(frameworkIds: string[], bundle: ContentBundle, file: string): Problem[] {
  const total = bundle.harmonizedClauses.length;
  return frameworkIds.flatMap((id) => {
    if (!total || bundle.harmonizedClauses.some((c) => c.requirementIds.some((r) => frameworkOf(r) === id))) return [];
    const found = proposeHarmonizedAlignment(bundle, id).concepts.length;
    if (found * 2 < total) return [];
    const message = `${id} follows the harmonized structure of ISO management-system standards (${found} of ${total} concepts found by clause number and title): "crosswalk ims align --framework ${id}" drafts the file that adds it to IMS plans`;
    return [{ file, message, severity: 'warning' as const }];
  });
}

/**
 * Statements of the file that contradict each other refuse it, with a pointer to `--skip-conflicts`; with it they are
 * warnings, and the pairs they name stay out (the importer never keeps either reading).
 */
function settleConflicts(problems: Problem[], request: ImportRequest): Problem[] {
  const conflicts = problems.filter((p) => p.code === 'conflicting-statement');
  if (!conflicts.length) return problems;
  const others = problems.filter((p) => p.code !== 'conflicting-statement');
  if (!request.skipConflicts) {
    const hint = `${conflicts.length} statement(s) contradict an earlier statement of the same pair in this file; correct the file, or import it again leaving those pairs out for a person to map (--skip-conflicts; skipConflicts=true in the API; "Import the rest" on the explorer's import page)`;
    return [...problems, { file: request.sourceName, message: hint, severity: 'error' }];
  }
  const leftOut = conflicts.map((p) => ({ ...p, message: `${p.message}: pair left out`, severity: 'warning' as const }));
  return [...others, ...leftOut];
}

/**
 * Imports one file: converts it, writes it as content files in the data folder (only if everything validates),
 * and loads the result into the store in one transaction. If the load fails the data folder is put back as it was.
 */
export async function importContent(request: ImportRequest): Promise<ImportOutcome> {
  const dirs = contentDirs({ dataDir: request.dataDir });
  const parsed: ParsedFiles = new Map();
  const loaded = loadContent(dirs, { parsed });
  if (errorsIn(loaded.problems).length) throw new InputError('the content already in place does not validate; run "crosswalk validate" and fix it before importing');
  const source = await importText(request);
  const read = withShortName(runImporter({ ...request, text: source.text, sourceName: source.file, cisoAssistantWorkbook: source.cisoAssistantWorkbook }, loaded.bundle, shippedFrameworkIds(parsed)), request);
  const further = source.furtherSources && read.mappingFiles.length ? withFurtherSources(read.mappingFiles, source.furtherSources.text, source.furtherSources.file) : undefined;
  const furtherProblems = further && source.furtherSources ? onSheetRows(further.problems, source.furtherSources) : [];
  const converted = further ? { ...read, mappingFiles: errorsIn(further.problems).length ? [] : further.mappingFiles } : read;
  const overlap = withoutLoadedPairs(converted.mappingFiles, loaded, request);
  const problems = settleConflicts([...onSheetRows(converted.problems, source), ...furtherProblems, ...overlap.problems], request);
  const imported = { ...converted, mappingFiles: overlap.mappingFiles, problems };
  const warnings = imported.problems.filter((p) => p.severity === 'warning');
  const nothingNew = !imported.catalogs.length && !imported.mappingFiles.length;
  const { written, undo } = nothingNew && imported.reviews?.length ? { written: [], undo: () => {} } : writeImport({ imported, dataDir: request.dataDir, sourceName: writtenAs(request), format: request.format, replace: request.replace, parsed, existingProblems: loaded.problems });
  let load: LoadSummary | undefined;
  let reviewsApplied = 0;
  try {
    if (imported.catalogs.length) warnings.push(...harmonizedStructureHints(imported.catalogs.map((c) => c.framework.id), loadContent(dirs, { parsed }).bundle, request.sourceName));
    if (request.store) load = await loadIntoStore(request.store, { dataDir: request.dataDir, parsed });
  } catch (e) {
    undo();
    throw e;
  }
  if (request.store) {
    for (const review of imported.reviews ?? []) {
      if (!(await request.store.getMapping(review.mappingId))) continue;
      const history = await request.store.reviewHistory(review.mappingId);
      if (history.some((h) => h.at === review.at && h.reviewer === review.reviewer && h.status === review.status)) continue;
      await request.store.reviewMapping(review);
      reviewsApplied++;
    }
  }
  return { written, warnings, load, reviewsApplied };
}

export const describeWritten = (written: string[]) => written.map((file) => path.relative(process.cwd(), file) || file);
