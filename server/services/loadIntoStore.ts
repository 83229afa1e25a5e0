import { contentDirs, dataDirFrom } from '../config.js';
import { errorsIn, loadContent, type ParsedFiles } from '../content/loadContent.js';
import { DataFileError } from '../domain/errors.js';
import type { GraphStore, LoadProgress } from '../store/types.js';

/** Reads and checks every content file, then loads them into the store in one transaction; a broken file loads nothing. */
export async function loadIntoStore(store: GraphStore, { dataDir = dataDirFrom(), onProgress, parsed }: { dataDir?: string; onProgress?: (p: LoadProgress) => void; parsed?: ParsedFiles } = {}) {
  const content = loadContent(contentDirs({ dataDir }), { parsed });
  const errors = errorsIn(content.problems);
  if (errors.length) throw new DataFileError(errors);
  return store.loadContent(content.bundle, { onProgress });
}


/**
 * Loads the content into a store that holds none yet (a first run, a fresh data folder), so commands that read the
 * store work before anyone ran "crosswalk load"; true when it did. A store with content is left as it is.
 */
export async function loadIfEmpty(store: GraphStore, options: { dataDir?: string } = {}): Promise<boolean> {
  if (await store.contentFingerprint()) return false;
  await loadIntoStore(store, options);
  return true;
}
