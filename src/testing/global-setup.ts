// Starts the test database once per run and hands its URL to the test workers: an in-memory
// PGlite behind its socket server, or a fresh database on the PostgreSQL in DATABASE_URL.
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openDatabase, type Db } from '../platform/db/connection.ts';
import { migrate } from '../platform/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    engine: 'pglite' | 'postgres';
  }
}

export default async function setup(project: TestProject) {
  const engine = process.env.SIGHTLINE_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
  let db: Db;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (engine === 'postgres') {
    const adminUrl = process.env.DATABASE_URL;
    if (!adminUrl) throw new Error('SIGHTLINE_TEST_ENGINE=postgres needs DATABASE_URL (e.g. postgres://127.0.0.1:5432/test)');
    const name = `sightline_test_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    db = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    db = await openDatabase({ dataDir: 'memory://', poolSize: 4 });
  }
  await migrate(db.pool);
  project.provide('databaseUrl', db.connectionString);
  project.provide('engine', engine);
  return async () => {
    await db.close();
    await dropDatabase?.();
  };
}
