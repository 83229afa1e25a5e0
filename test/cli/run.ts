import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

/** Runs the real `crosswalk` command as a user would, in a given data folder. */
export function crosswalk(args: string[], { dataDir, cwd = ROOT, env = {} }: { dataDir?: string; cwd?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/crosswalk.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...(dataDir ? { CROSSWALK_DATA_DIR: dataDir } : {}), NEO4J_URI: '', ...env },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
