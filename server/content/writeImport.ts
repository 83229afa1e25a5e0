import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { contentDirs } from '../config.js';
import { DataFileError, formatProblem, InputError, type Problem } from '../domain/errors.js';
import type { CatalogFile, MappingFile } from './fileSchemas.js';
import { errorsIn, loadContent, type ParsedFiles, type PendingFile } from './loadContent.js';

export interface ImportedContent {
  catalogs: CatalogFile[];
  mappingFiles: MappingFile[];
  problems: Problem[];
}

export interface WriteImportOptions {
  imported: ImportedContent;
  dataDir: string;
  /** The file the content came from; names the written mapping files and heads every file. */
  sourceName: string;
  format: string;
  /** Overwrite files written by an earlier import of the same thing. */
  replace?: boolean;
  /** Files already parsed in this operation (see loadContent). */
  parsed?: ParsedFiles;
}

const slug = (name: string) => path.basename(name).replace(/\.[^.]+$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'import';

/** The file an imported crosswalk is written to: one per source file and framework pair, so a re-import replaces it. */
export const importedMappingPath = (dataDir: string, sourceName: string, file: Pick<MappingFile, 'source' | 'target'>) =>
  path.join(contentDirs({ dataDir }).user[1]!, `${slug(sourceName)}__${file.source}__${file.target}.yaml`);

/**
 * Writes imported catalogs and crosswalks into the user's data folder as Crosswalk content files — only when
 * the importer reported no error and every new file passes validation together with everything already there.
 * Files are written to a temporary name and renamed, so a failure leaves no half-written file.
 */
export function writeImport({ imported, dataDir, sourceName, format, replace = false, parsed }: WriteImportOptions): { written: string[] } {
  const errors = errorsIn(imported.problems);
  if (errors.length) throw new DataFileError(errors);
  if (!imported.catalogs.length && !imported.mappingFiles.length) {
    const why = imported.problems.filter((p) => p.severity === 'warning').map((p) => `\n  ${formatProblem(p)}`).join('');
    throw new InputError(`import: ${sourceName} holds no catalog and no mappings that could be imported${why ? `:${why}` : ''}`);
  }
  const dirs = contentDirs({ dataDir });
  const header = `# Imported from ${path.basename(sourceName)} by "crosswalk import --format ${format}".\n`;
  const pending: PendingFile[] = [
    ...imported.catalogs.map((c) => ({ path: path.join(dirs.user[0]!, `${c.framework.id}.yaml`), text: header + stringify(c, { lineWidth: 0 }) })),
    ...imported.mappingFiles.map((m) => ({ path: importedMappingPath(dataDir, sourceName, m), text: header + stringify(m, { lineWidth: 0 }) })),
  ];
  const seen = new Set<string>();
  for (const file of pending) {
    if (seen.has(file.path)) throw new InputError(`import: ${sourceName} would write ${file.path} twice (two catalogs with one framework id?)`);
    seen.add(file.path);
    if (fs.existsSync(file.path) && !replace) throw new InputError(`import: ${path.relative(process.cwd(), file.path)} exists from an earlier import; pass --replace to overwrite it`);
  }
  const shipped = new Set(loadContent({ reference: dirs.reference, user: [] }, { parsed }).bundle.frameworks.map((f) => f.id));
  for (const catalog of imported.catalogs)
    if (shipped.has(catalog.framework.id)) throw new InputError(`import: framework id "${catalog.framework.id}" is already used by a shipped catalog; choose another one with --framework-id (frameworkId in the API)`);

  const newFiles = new Set(pending.map((p) => path.relative(process.cwd(), p.path) || p.path));
  const checked = loadContent(dirs, { pending, parsed });
  const newErrors = errorsIn(checked.problems).filter((p) => newFiles.has(p.file));
  if (newErrors.length) throw new DataFileError(newErrors);

  for (const file of pending) {
    fs.mkdirSync(path.dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, file.text);
    fs.renameSync(temporary, file.path);
  }
  return { written: pending.map((p) => p.path) };
}
