import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the shipped reference content lives: next to the package, wherever the command is run from. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ContentDirs {
  /** Shipped catalogs and crosswalks. */
  reference: string[];
  /** What the user imported; loaded beside the reference content. */
  user: string[];
}

export function dataDirFrom(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.CROSSWALK_DATA_DIR || 'data');
}

export function contentDirs({ dataDir = dataDirFrom(), packageRoot = PACKAGE_ROOT } = {}): ContentDirs {
  return {
    reference: [path.join(packageRoot, 'seeds'), path.join(packageRoot, 'mappings')],
    user: [path.join(dataDir, 'catalogs'), path.join(dataDir, 'mappings')],
  };
}
