import fs from 'node:fs';
import path from 'node:path';
import { contentDirs, dataDirFrom } from '../config.js';
import { errorsIn, loadContent } from '../content/loadContent.js';
import { DataFileError, InputError } from '../domain/errors.js';
import type { ContentBundle } from '../domain/schemas/content.js';
import { STATUSES, type Status } from '../domain/schemas/mapping.js';
import { loadIfEmpty } from '../services/loadIntoStore.js';
import { createStore, describeStore, storeConfigFrom } from '../store/createStore.js';
import { supportsEvidence, type EvidenceStore, type GraphStore } from '../store/types.js';

/** The shipped and imported content files, checked; a broken file stops the command with every problem listed. */
export function contentFromFiles({ dataDir = dataDirFrom() } = {}): ContentBundle {
  const content = loadContent(contentDirs({ dataDir }));
  const errors = errorsIn(content.problems);
  if (errors.length) throw new DataFileError(errors);
  return content.bundle;
}

export { contentFromStore } from '../services/analysis.js';

/** Opens the configured store, runs `work` with it and closes it. */
export async function withStore<T>(work: (store: GraphStore) => Promise<T>): Promise<T> {
  const store = await createStore(storeConfigFrom());
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** withStore, loading the shipped content (and the user's imports) first when the store is empty, and saying so. */
export async function withLoadedStore<T>(work: (store: GraphStore) => Promise<T>): Promise<T> {
  const config = storeConfigFrom();
  const store = await createStore(config);
  try {
    if (await loadIfEmpty(store)) console.error(`crosswalk: the ${describeStore(config)} was empty: loaded the shipped content (and your imported catalogs) first`);
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Opens the configured store and runs `work` with it; refuses a store without the evidence capability. */
export async function withEvidenceStore<T>(command: string, work: (store: GraphStore & EvidenceStore) => Promise<T>): Promise<T> {
  const config = storeConfigFrom();
  const store = await createStore(config);
  try {
    if (!supportsEvidence(store)) throw new InputError(`${command}: the ${config.engine} store does not support evidence`);
    return await work(store);
  } finally {
    await store.close();
  }
}

export const CONTENT_SOURCES = ['files', 'store'] as const;
export type ContentSource = (typeof CONTENT_SOURCES)[number];

export function maybeSource(command: string, value: unknown, fallback: ContentSource): ContentSource {
  if (value === undefined) return fallback;
  if (!(CONTENT_SOURCES as readonly unknown[]).includes(value)) throw new InputError(`${command}: invalid source: "${String(value)}" (expected: ${CONTENT_SOURCES.join(', ')})`);
  return value as ContentSource;
}

/**
 * Said (on stderr) when an analysis reads the content files by default while a store exists: the reviews, suggestions
 * and mappings made through the service are only in the store.
 */
export function noteFilesRead(command: string, given: unknown) {
  if (given !== undefined) return;
  const config = storeConfigFrom();
  if (config.engine === 'sqlite' && !fs.existsSync(config.file)) return;
  console.error(`crosswalk: ${command} read the content files; add --source store to include the reviews and mappings made in the service`);
}

/** Comma-separated and repeated flags alike: `--standards a,b --standards c` → [a, b, c]. */
export const listOption = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);

export function maybeMaxPath(command: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InputError(`${command}: invalid --max-path: "${String(value)}" (expected a whole number from 1 to 6)`);
  return n;
}

export function maybeStatuses(includeProposed: unknown): Status[] {
  return includeProposed ? ['approved', 'proposed'] : ['approved'];
}

export function maybeFormat<F extends string>(command: string, value: unknown, allowed: readonly F[]): F | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly unknown[]).includes(value)) throw new InputError(`${command}: invalid format: "${String(value)}" (expected: ${allowed.join(', ')})`);
  return value as F;
}

/** Writes text or a workbook to `out`, or text to stdout; binary formats need a file. */
export function writeOutput(command: string, { out, data, binary = false }: { out?: string; data: string | Buffer; binary?: boolean }) {
  if (!out) {
    if (binary) throw new InputError(`${command}: this format is binary; give --out FILE`);
    process.stdout.write(data);
    return;
  }
  const temporary = `${out}.${process.pid}.tmp`;
  const folder = path.dirname(path.resolve(out));
  let created: string | undefined;
  try {
    created = fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, out);
  } catch (error) {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // Nothing was written where the path cannot hold a file.
    }
    const code = (error as NodeJS.ErrnoException).code;
    const why = OUTPUT_PROBLEMS[code ?? ''];
    if (!why) throw error;
    throw new InputError(`${command}: cannot write --out "${out}": ${why} (${code}); give a file path in a folder you can write to`);
  }
  console.error(`Wrote ${out}${created ? ` (created the folder ${folder})` : ''}`);
}

const OUTPUT_PROBLEMS: Record<string, string> = {
  ENOENT: 'the folder cannot hold files',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the file system is read-only',
  EISDIR: 'it is a folder',
  ENOTDIR: 'part of the path is a file, not a folder',
  EEXIST: 'part of the path is a file, not a folder',
  ENOSPC: 'the disk is full',
  ENAMETOOLONG: 'the path is too long',
};

export const today = () => new Date().toISOString().slice(0, 10);
export const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
export { STATUSES };
