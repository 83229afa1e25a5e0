import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite/SqliteStore.js';
import { smallBundle } from '../fixtures/smallBundle.js';

const MIGRATIONS = path.join(__dirname, '../../server/store/sqlite/migrations');

describe('SQLite migrations', () => {
  it('upgrades a store made before further sources existed, keeping its mappings, and then stores them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-migrate-'));
    const file = path.join(dir, 'crosswalk.db');
    try {
      // A store as the previous release left it: migrations 0001–0003 only, with content loaded.
      const before = openSqliteStore({ file });
      await before.loadContent(smallBundle());
      await before.close();
      const db = new Database(file);
      db.exec('ALTER TABLE mappings DROP COLUMN also_stated_by');
      db.exec('ALTER TABLE reviews DROP COLUMN replaced');
      db.pragma('user_version = 3');
      db.close();
      expect(fs.readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql')).sort().slice(-2)).toEqual(['0004_also_stated_by.sql', '0005_review_replaced.sql']);

      const store = openSqliteStore({ file });
      const bundle = smallBundle();
      const id = bundle.mappings[0]!.id;
      expect(await store.getMapping(id)).toMatchObject({ id, relationship: bundle.mappings[0]!.relationship });
      expect((await store.getMapping(id))!.alsoStatedBy).toBeUndefined();
      const further = [{ relationship: 'intersects-with' as const, provenance: { source: 'Second', author: 'b', created: '2026-01-01' } }];
      bundle.mappings[0] = { ...bundle.mappings[0]!, alsoStatedBy: further };
      expect((await store.loadContent(bundle)).mappings.updated).toBe(1);
      expect((await store.getMapping(id))!.alsoStatedBy).toEqual(further);
      await store.close();
      expect(new Database(file, { readonly: true }).pragma('user_version', { simple: true })).toBe(5);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('upgrades a store whose reviews predate recording what corrections replaced: old reviews read as before, new ones record it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-migrate-'));
    const file = path.join(dir, 'crosswalk.db');
    try {
      const bundle = smallBundle();
      const id = bundle.mappings[0]!.id;
      const before = openSqliteStore({ file });
      await before.loadContent(bundle);
      await before.close();
      // A review as the previous release stored it: no "replaced" column.
      const db = new Database(file);
      db.exec('ALTER TABLE reviews DROP COLUMN replaced');
      db.prepare('INSERT INTO reviews (mapping_id, status, reviewer, at, note, edits) VALUES (?, ?, ?, ?, ?, ?)').run(id, 'approved', 'ana', '2026-01-02T09:00:00Z', null, '{"strength":4}');
      db.pragma('user_version = 4');
      db.close();

      const store = openSqliteStore({ file });
      await store.reviewMapping({ mappingId: id, status: 'approved', reviewer: 'bo', at: '2026-01-03T09:00:00Z', edits: { strength: 3 } });
      expect((await store.reviewHistory(id)).map((r) => [r.reviewer, r.edits, r.replaced])).toEqual([
        ['ana', { strength: 4 }, undefined],
        ['bo', { strength: 3 }, { strength: bundle.mappings[0]!.strength }],
      ]);
      await store.close();
      expect(new Database(file, { readonly: true }).pragma('user_version', { simple: true })).toBe(5);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
