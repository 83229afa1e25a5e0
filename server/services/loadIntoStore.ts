import { contentDirs, dataDirFrom } from '../config.js';
import { errorsIn, loadContent } from '../content/loadContent.js';
import { DataFileError } from '../domain/errors.js';
import type { GraphStore, LoadProgress } from '../store/types.js';

/** Reads and checks every content file, then loads them into the store in one transaction; a broken file loads nothing. */
export async function loadIntoStore(store: GraphStore, { dataDir = dataDirFrom(), onProgress }: { dataDir?: string; onProgress?: (p: LoadProgress) => void } = {}) {
  const content = loadContent(contentDirs({ dataDir }));
  const errors = errorsIn(content.problems);
  if (errors.length) throw new DataFileError(errors);
  return store.loadContent(content.bundle, { onProgress });
}

