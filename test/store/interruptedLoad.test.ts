import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprintBundle } from '../../server/domain/fingerprint.js';
import { openSqliteStore } from '../../server/store/sqlite/SqliteStore.js';
import { smallBundle } from '../fixtures/smallBundle.js';

const ROOT = path.resolve(__dirname, '../..');
let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('an interrupted load (kill -9)', () => {
  it('leaves the previous content intact and the database sound', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-kill-'));
    const file = path.join(dir, 'crosswalk.db');
    const before = openSqliteStore({ file });
    await before.loadContent(smallBundle());
    await before.close();

    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/slowLoad.ts'), file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const killedDuring = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        // Kill in the middle of writing mappings, well inside the load's transaction.
        const match = [...output.matchAll(/mappings (\d+)\/(\d+)/g)].at(-1);
        if (match && Number(match[1]) >= 20_000 && child.exitCode === null) {
          child.kill('SIGKILL');
          resolve(match[0]);
        }
      });
      child.on('exit', () => reject(new Error(`the load finished before it could be interrupted:\n${output.slice(-500)}`)));
    });
    await new Promise((resolve) => child.once('close', resolve));
    expect(killedDuring).toMatch(/^mappings/);

    const raw = new Database(file);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    const after = openSqliteStore({ file });
    try {
      expect(await after.contentFingerprint()).toBe(fingerprintBundle(smallBundle()));
      expect((await after.listFrameworks()).map((f) => f.id)).toEqual(['fw-a', 'fw-b', 'fw-c']);
      expect(await after.findMappings({})).toHaveLength(smallBundle().mappings.length);
    } finally {
      await after.close();
    }
  }, 120_000);
});
