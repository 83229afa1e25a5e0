import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../server/store/sqlite/SqliteStore.js';
import { smallBundle } from '../fixtures/smallBundle.js';

const MIGRATIONS = path.join(__dirname, '../../server/store/sqlite/migrations');
const LATEST = 6;

/** What each migration past 0003 added, so a current store can be taken back to what an older release left. */
const ADDED_BY: Record<number, string> = {
  4: 'ALTER TABLE mappings DROP COLUMN also_stated_by',
  5: 'ALTER TABLE reviews DROP COLUMN replaced',
  6: 'ALTER TABLE frameworks DROP COLUMN short_name',
};

function downgrade(db: Database.Database, version: number) {
  for (let v = LATEST; v > version; v--) db.exec(ADDED_BY[v]!);
  db.pragma(`user_version = ${version}`);
}

/**
 * Runs `check` on a store that an older release left at `version`, content loaded, after `before` wrote into it
 * as that release would; the store is opened (and so upgraded) for `check`, and must end at the latest version.
 */
async function withOlderStore(version: number, check: (store: SqliteStore) => Promise<void>, before?: (db: Database.Database) => void) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-migrate-'));
  const file = path.join(dir, 'crosswalk.db');
  try {
    const older = openSqliteStore({ file });
    await older.loadContent(smallBundle());
    await older.close();
    const db = new Database(file);
    downgrade(db, version);
    before?.(db);
    db.close();
    const store = openSqliteStore({ file });
    await check(store);
    await store.close();
    expect(new Database(file, { readonly: true }).pragma('user_version', { simple: true })).toBe(LATEST);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('SQLite migrations', () => {
  it('upgrades a store made before further sources existed, keeping its mappings, and then stores them', async () => {
    expect(fs.readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql')).sort().slice(3)).toEqual(['0004_also_stated_by.sql', '0005_review_replaced.sql', '0006_framework_short_name.sql']);
    // A store as the release before 0004 left it: migrations 0001–0003 only.
    await withOlderStore(3, async (store) => {
      const bundle = smallBundle();
      const id = bundle.mappings[0]!.id;
      expect(await store.getMapping(id)).toMatchObject({ id, relationship: bundle.mappings[0]!.relationship });
      expect((await store.getMapping(id))!.alsoStatedBy).toBeUndefined();
      const further = [{ relationship: 'intersects-with' as const, provenance: { source: 'Second', author: 'b', created: '2026-01-01' } }];
      bundle.mappings[0] = { ...bundle.mappings[0]!, alsoStatedBy: further };
      expect((await store.loadContent(bundle)).mappings.updated).toBe(1);
      expect((await store.getMapping(id))!.alsoStatedBy).toEqual(further);
    });
  });

  it('upgrades a store whose reviews predate recording what corrections replaced: old reviews read as before, new ones record it', async () => {
    const bundle = smallBundle();
    const id = bundle.mappings[0]!.id;
    await withOlderStore(
      4,
      async (store) => {
        await store.reviewMapping({ mappingId: id, status: 'approved', reviewer: 'bo', at: '2026-01-03T09:00:00Z', edits: { strength: 3 } });
        expect((await store.reviewHistory(id)).map((r) => [r.reviewer, r.edits, r.replaced])).toEqual([
          ['ana', { strength: 4 }, undefined],
          ['bo', { strength: 3 }, { strength: bundle.mappings[0]!.strength }],
        ]);
      },
      // A review as the previous release stored it: no "replaced" column.
      (db) => db.prepare('INSERT INTO reviews (mapping_id, status, reviewer, at, note, edits) VALUES (?, ?, ?, ?, ?, ?)').run(id, 'approved', 'ana', '2026-01-02T09:00:00Z', null, '{"strength":4}'),
    );
  });

  it('upgrades a store made before frameworks had short names: they read as before, and a catalog that gives one stores it', async () => {
    await withOlderStore(5, async (store) => {
      expect((await store.listFrameworks()).every((f) => !('shortName' in f))).toBe(true);
      const bundle = smallBundle();
      bundle.frameworks[0] = { ...bundle.frameworks[0]!, shortName: 'FW A' };
      // fw-c already had one in the bundle; the downgrade dropped it with the column.
      expect((await store.loadContent(bundle)).frameworks.updated).toBe(2);
      expect((await store.listFrameworks()).map((f) => f.shortName)).toEqual(['FW A', undefined, 'FW C']);
    });
  });
});
