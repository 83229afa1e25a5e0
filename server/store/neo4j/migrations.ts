import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BookmarkManager, Driver } from 'neo4j-driver';
import { toInteger } from './conversion.js';
import * as Q from './queries.js';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  /** The file name without extension, e.g. "0001_constraints"; recorded as (:Migration {id}) once applied. */
  id: string;
  statements: string[];
}

/**
 * Splits a .cypher file into statements: whole-line `//` comments are dropped, then the text is cut at every `;`.
 * Migration files must therefore not put a semicolon inside a string or an inline comment.
 */
export function splitCypherStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(';')
    .map((statement) => statement.trim())
    .filter(Boolean);
}

/** The numbered migrations in `dir`, in order. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{4}_.*\.cypher$/.test(file))
    .sort()
    .map((file) => ({ id: file.replace(/\.cypher$/, ''), statements: splitCypherStatements(fs.readFileSync(path.join(dir, file), 'utf8')) }));
}

/** How long opening the store waits for new indexes to come online. */
const INDEX_WAIT_SECONDS = 300;

/**
 * Applies the migrations not yet recorded, each statement in its own write transaction (Neo4j does not let schema
 * and data changes share one), then records the migration and waits for its indexes. Every statement is
 * IF NOT EXISTS (or, to drop an index, IF EXISTS), so a migration interrupted half-way is simply applied again.
 */
export async function applyMigrations(
  { driver, database, bookmarkManager }: { driver: Driver; database?: string; bookmarkManager: BookmarkManager },
): Promise<string[]> {
  const session = driver.session({ database, bookmarkManager });
  try {
    const applied = new Set(await session.executeRead(async (tx) => (await tx.run(Q.MIGRATIONS_APPLIED)).records.map((r) => r.get('id') as string)));
    const pending = readMigrations().filter((m) => !applied.has(m.id));
    for (const migration of pending) {
      // These statements come from migrations/*.cypher, which the Cypher lint test checks like queries.ts.
      for (const statement of migration.statements) await session.executeWrite((tx) => tx.run(statement));
      await session.executeWrite((tx) => tx.run(Q.MIGRATION_RECORD, { id: migration.id }));
    }
    await session.executeWrite((tx) => tx.run(Q.AWAIT_INDEXES, { timeoutSeconds: toInteger(INDEX_WAIT_SECONDS) }), { timeout: (INDEX_WAIT_SECONDS + 30) * 1000 });
    return pending.map((m) => m.id);
  } finally {
    await session.close();
  }
}
