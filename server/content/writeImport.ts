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
  /** The problems of the content already in place, when the caller has just loaded it (saves loading it again). */
  existingProblems?: Problem[];
}

const slug = (name: string) => path.basename(name).replace(/\.[^.]+$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'import';

/** The file an imported crosswalk is written to: one per source file and framework pair, so a re-import replaces it. */
export const importedMappingPath = (dataDir: string, sourceName: string, file: Pick<MappingFile, 'source' | 'target'>) =>
  path.join(contentDirs({ dataDir }).user[1]!, `${slug(sourceName)}__${file.source}__${file.target}.yaml`);

export interface WrittenImport {
  written: string[];
  /** Puts the data folder back as it was: removes the new files and restores the ones this import overwrote. */
  undo: () => void;
}

/** The ids of the catalogs Crosswalk ships (not the user's imports), which an import may not take. */
export function shippedFrameworkIds(parsed?: ParsedFiles): Set<string> {
  return new Set(loadContent({ reference: contentDirs().reference, user: [] }, { parsed }).bundle.frameworks.map((f) => f.id));
}

/**
 * Writes imported catalogs and crosswalks into the user's data folder as Crosswalk content files — only when
 * the importer reported no error and every new file passes validation together with everything already there.
 * Files are written to a temporary name and renamed, so a failure leaves no half-written file; `undo` restores the
 * folder if what follows (loading into the store) fails.
 */
export function writeImport({ imported, dataDir, sourceName, format, replace = false, parsed, existingProblems }: WriteImportOptions): WrittenImport {
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
  const shipped = shippedFrameworkIds(parsed);
  for (const catalog of imported.catalogs)
    if (shipped.has(catalog.framework.id)) throw new InputError(`import: framework id "${catalog.framework.id}" is already used by a shipped catalog; choose another one with --framework-id (frameworkId in the API)`);

  // Errors anywhere count, not only in the new files: a replaced catalog that lacks a requirement breaks the
  // crosswalks that cite it. Errors that were there before the import are not this import's to report.
  const key = (p: Problem) => `${p.file}\u0000${p.line ?? ''}\u0000${p.message}`;
  const before = new Set(errorsIn(existingProblems ?? loadContent(dirs, { parsed }).problems).map(key));
  const caused = errorsIn(loadContent(dirs, { pending, parsed }).problems).filter((p) => !before.has(key(p)));
  const newFiles = new Set(pending.map((p) => path.relative(process.cwd(), p.path) || p.path));
  const elsewhere = caused.filter((p) => !newFiles.has(p.file));
  if (elsewhere.length)
    caused.push({ file: sourceName, message: `importing this${replace ? ' over the earlier import' : ''} would break ${elsewhere.length} reference(s) in content already in place (listed above); nothing was written`, severity: 'error' });
  if (caused.length) throw new DataFileError(caused);

  const replaced = new Map<string, string>();
  const written: string[] = [];
  const undo = () => {
    for (const file of written) {
      const previous = replaced.get(file);
      if (previous === undefined) fs.rmSync(file, { force: true });
      else fs.writeFileSync(file, previous);
    }
  };
  try {
    for (const file of pending) {
      fs.mkdirSync(path.dirname(file.path), { recursive: true });
      if (fs.existsSync(file.path)) replaced.set(file.path, fs.readFileSync(file.path, 'utf8'));
      const temporary = `${file.path}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, file.text);
      fs.renameSync(temporary, file.path);
      written.push(file.path);
    }
  } catch (e) {
    undo(); // the files written before the failure go back too
    throw e;
  }
  return { written, undo };
}
