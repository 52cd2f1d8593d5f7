// Applies the SQL migrations that modules keep in their `migrations/` folders, in file-name
// order, each in its own transaction; a failure stops everything with the file and reason.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

const srcRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Migration {
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  constructor(
    public readonly migration: string,
    cause: unknown,
  ) {
    super(`Migration ${migration} failed: ${(cause as Error).message}. Nothing from this run was applied; fix the file or the database and run \`sightline migrate\` again.`);
  }
}

export function discoverMigrations(root = srcRoot): Migration[] {
  const found: Migration[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.sql') && path.basename(dir) === 'migrations') {
        const sql = fs.readFileSync(full, 'utf8');
        found.push({ name: entry.name, file: full, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') });
      }
    }
  };
  walk(root);
  found.sort((a, b) => a.name.localeCompare(b.name));
  const seen = new Set<string>();
  for (const m of found) {
    if (seen.has(m.name)) throw new Error(`Two migrations share the name ${m.name}; rename one.`);
    seen.add(m.name);
  }
  return found;
}

/** Applies pending migrations; returns the names applied. Safe to call from several instances at once. */
export async function migrate(pool: pg.Pool, migrations = discoverMigrations()): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query(`create table if not exists schema_migrations (
      name text primary key, checksum text not null, applied_at timestamptz not null default now())`);
    await client.query('begin');
    // one migrator at a time across instances; the lock ends with this transaction
    await client.query(`select pg_advisory_xact_lock(7301944)`);
    const done = new Map(
      (await client.query<{ name: string; checksum: string }>('select name, checksum from schema_migrations')).rows.map((r) => [r.name, r.checksum]),
    );
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      await client.query(`savepoint m`);
      try {
        await client.query(m.sql);
        await client.query('insert into schema_migrations (name, checksum) values ($1, $2)', [m.name, m.checksum]);
        await client.query(`release savepoint m`);
      } catch (err) {
        await client.query('rollback');
        throw new MigrationError(m.name, err);
      }
      applied.push(m.name);
    }
    await client.query('commit');
    return applied;
  } catch (err) {
    if (!(err instanceof MigrationError)) await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
