import type { CatalogFile, MappingFile } from '../content/fileSchemas.js';
import type { Problem } from '../domain/errors.js';

/**
 * What every importer returns: Crosswalk's on-disk shapes, ready to be written as YAML into the user's data folder
 * and validated together with the loaded content. With any `error` problem the lists are empty, so nothing
 * half-made is written; `warning` problems (defaults applied, items skipped) come with the data.
 */
export interface ImportResult {
  catalogs: CatalogFile[];
  mappingFiles: MappingFile[];
  problems: Problem[];
}

export interface ImportOptions {
  /** Shown in every problem; the file name (without folders) is the default provenance source. */
  file: string;
  /** `YYYY-MM-DD`, the provenance date when the file states none; defaults to the current date. */
  today?: string;
}

/** Where in the input something was found: a line (CSV, YAML) and/or a path (`mappings[0].maps[3]`). */
export interface InputLocation {
  line?: number;
  path?: string;
}

export const emptyImport = (problems: Problem[]): ImportResult => ({ catalogs: [], mappingFiles: [], problems });

export const hasErrors = (problems: readonly Problem[]) => problems.some((p) => p.severity === 'error');

/**
 * Returns the data only when no problem is an error, conflicting statements aside: their pairs are already left out,
 * and the caller decides whether they refuse the file (the default) or only warn (`--skip-conflicts`).
 */
export const finishImport = (result: ImportResult): ImportResult => (hasBlockingErrors(result.problems) ? emptyImport(result.problems) : result);

export const hasBlockingErrors = (problems: readonly Problem[]) => hasErrors(problems.filter((p) => p.code !== 'conflicting-statement'));
