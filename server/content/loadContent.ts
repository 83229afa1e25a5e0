import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Problem } from '../domain/errors.js';
import { emptyBundle, type ContentBundle } from '../domain/schemas/content.js';
import type { Origin } from '../domain/schemas/mapping.js';
import { runRules, type DeclaredPair, type Location } from '../domain/validation/rules.js';
import type { ContentDirs } from '../config.js';
import { readContentFile, type HarmonizedExtension, type Restatement } from './readContentFile.js';
import { attachRestatements } from './restatements.js';

export interface LoadedContent {
  bundle: ContentBundle;
  problems: Problem[];
  files: string[];
  /** Where an item of the bundle was read: its file (relative to `relativeTo`), line and path. */
  locate: (item: object) => Location | undefined;
}

const CONTENT_FILE = /\.ya?ml$/i;

/** The YAML files of a folder (not recursive), sorted; a file path stands for itself. */
export function listContentFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  if (fs.statSync(dir).isFile()) return [dir];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && CONTENT_FILE.test(entry.name))
    .map((entry) => path.join(dir, entry.name))
    .sort();
}

export interface PendingFile {
  /** Where the file will be written. */
  path: string;
  text: string;
}

/**
 * Parsed files by name, origin and a hash of their text. Parsing YAML is most of the cost of reading content, and
 * an import reads everything more than once (to resolve references, to check the new files with the rest, to
 * load): one cache for the whole operation parses each unchanged file once. Short-lived on purpose: the parsed
 * items are shared by every read that hits the cache.
 */
export type ParsedFiles = Map<string, ReturnType<typeof readContentFile>>;

/**
 * Reads every content file, then checks them together. Never throws on bad content: problems are returned.
 * `pending` files are checked as if already written in the user's data folder (replacing a file at the same path).
 */
export function loadContent(dirs: ContentDirs, { relativeTo = process.cwd(), pending = [] as PendingFile[], parsed }: { relativeTo?: string; pending?: PendingFile[]; parsed?: ParsedFiles } = {}): LoadedContent {
  const replaced = new Set(pending.map((p) => path.resolve(p.path)));
  const bundle = emptyBundle();
  const problems: Problem[] = [];
  const locations = new Map<object, Location>();
  const mappingPairs: DeclaredPair[] = [];
  const extensions: HarmonizedExtension[] = [];
  const restatements: Restatement[] = [];
  const files: string[] = [];
  const read = (dir: string, origin: Origin) => {
    for (const file of listContentFiles(dir)) if (!replaced.has(path.resolve(file))) add(file, fs.readFileSync(file, 'utf8'), origin);
  };
  const add = (file: string, text: string, origin: Origin) => {
    const shown = path.relative(relativeTo, file) || file;
    files.push(shown);
    const key = parsed && `${origin}\u0000${shown}\u0000${createHash('sha1').update(text).digest('hex')}`;
    const result = (key && parsed.get(key)) || readContentFile(shown, text, { origin });
    if (key) parsed.set(key, result);
    problems.push(...result.problems);
    for (const key of Object.keys(bundle) as Array<keyof ContentBundle>) (bundle[key] as object[]).push(...result.bundle[key]);
    result.locations.forEach((where, item) => locations.set(item, where));
    mappingPairs.push(...result.mappingPairs);
    extensions.push(...result.harmonizedExtensions);
    restatements.push(...result.restatements);
  };
  dirs.reference.forEach((dir) => read(dir, 'reference'));
  dirs.user.forEach((dir) => read(dir, 'import'));
  pending.forEach((p) => add(p.path, p.text, 'import'));
  problems.push(...extendHarmonizedClauses(bundle, extensions, locations));
  problems.push(...attachRestatements(bundle, restatements, locations));
  problems.push(...runRules({ bundle, mappingPairs, locate: (item) => locations.get(item) ?? { file: '(unknown)' } }));
  return { bundle, problems, files, locate: (item) => locations.get(item) };
}

/**
 * Adds the clauses that files without a concept's title contribute (another standard's realisation, written by the
 * user for a standard Crosswalk does not ship) to the concept defined elsewhere. The merged concept is a new object:
 * parsed files are cached and shared, so none of them is changed.
 */
function extendHarmonizedClauses(bundle: ContentBundle, extensions: HarmonizedExtension[], locations: Map<object, Location>): Problem[] {
  const problems: Problem[] = [];
  const requirementIds = new Set(bundle.requirements.map((r) => r.id));
  for (const extension of extensions) {
    const index = bundle.harmonizedClauses.findIndex((c) => c.id === extension.id);
    const where = { file: extension.at.file, ...(extension.at.line ? { line: extension.at.line } : {}), ...(extension.at.path ? { path: extension.at.path } : {}) };
    if (index < 0) {
      const known = bundle.harmonizedClauses.map((c) => c.id).join(', ');
      problems.push({ ...where, message: `${extension.id} is defined in no harmonized-structure file, so no clauses can be added to it (known: ${known}); give a title and summary to define it`, severity: 'error' });
      continue;
    }
    const unknown = extension.requirementIds.filter((id) => !requirementIds.has(id));
    if (unknown.length) {
      problems.push({ ...where, message: `${extension.id}: unknown requirement(s) ${unknown.join(', ')}`, severity: 'error' });
      continue;
    }
    const base = bundle.harmonizedClauses[index]!;
    const merged = { ...base, requirementIds: [...new Set([...base.requirementIds, ...extension.requirementIds])] };
    bundle.harmonizedClauses[index] = merged;
    const at = locations.get(base);
    if (at) locations.set(merged, at);
  }
  return problems;
}

export const errorsIn = (problems: Problem[]) => problems.filter((p) => p.severity === 'error');
