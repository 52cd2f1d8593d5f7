// The statement-naming wrapper every pooled client gets: queries answer exactly as node-postgres
// would (rows, errors with their codes, callback and promise styles), hot parameterised texts
// are named on PostgreSQL, and a statement made stale by a schema change costs one failed call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openTestDb } from '../../testing/harness.ts';
import { namePreparedStatements } from './prepared-statements.ts';
import type { Db } from './connection.ts';

let db: Db;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db?.close();
});

describe('queries through the statement-naming wrapper', () => {
  it('answers promise-style calls with their rows, with and without parameters', async () => {
    const withParams = await db.pool.query<{ n: number; s: string }>('select $1::int + 1 as n, $2::text as s', [41, '客户 😀']);
    expect(withParams.rows).toEqual([{ n: 42, s: '客户 😀' }]);
    const plain = await db.pool.query<{ one: number }>('select 1 as one');
    expect(plain.rows).toEqual([{ one: 1 }]);
  });

  it('still answers callback-style calls', async () => {
    const client = await db.pool.connect();
    try {
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        void client.query('select $1::text as s', ['回调'], (err, res) => (err ? reject(err) : resolve(res.rows)));
      });
      expect(rows).toEqual([{ s: '回调' }]);
    } finally {
      client.release();
    }
  });

  it('rejects with the database error and its code, and the connection keeps working', async () => {
    const client = await db.pool.connect();
    try {
      await expect(client.query('select $1::int as n', ['not a number'])).rejects.toMatchObject({ code: '22P02' });
      await expect(client.query('select * from no_such_table_here')).rejects.toMatchObject({ code: '42P01' });
      expect((await client.query<{ n: number }>('select $1::int as n', [7])).rows).toEqual([{ n: 7 }]);
    } finally {
      client.release();
    }
  });

  it('names a parameterised statement on PostgreSQL, so the server parses and plans it once per connection', async () => {
    if (db.kind !== 'postgres') return; // PGlite's socket connections share one session: nothing is named there
    const client = await db.pool.connect();
    try {
      const text = 'select $1::int * 2 as doubled -- naming test';
      await client.query(text, [2]);
      await new Promise((resolve, reject) => void client.query(text, [3], (err, res) => (err ? reject(err) : resolve(res))));
      const { rows } = await client.query<{ n: string }>("select count(*)::text as n from pg_prepared_statements where statement = 'select $1::int * 2 as doubled -- naming test'");
      expect(rows[0].n).toBe('1');
    } finally {
      client.release();
    }
  });

  it("names the statements of the pool's own query(), which calls its client back", async () => {
    if (db.kind !== 'postgres') return;
    const single = new pg.Pool({ connectionString: db.connectionString, max: 1 });
    namePreparedStatements(single);
    try {
      const text = 'select $1::int * 3 as tripled -- pool naming test';
      expect((await single.query(text, [1])).rows).toEqual([{ tripled: 3 }]);
      expect((await single.query(text, [2])).rows).toEqual([{ tripled: 6 }]);
      const { rows } = await single.query<{ n: string }>("select count(*)::text as n from pg_prepared_statements where statement = 'select $1::int * 3 as tripled -- pool naming test'");
      expect(rows[0].n).toBe('1');
    } finally {
      await single.end();
    }
  });

  it('after a table gains a column, fails that one call and serves the next on a fresh connection', async () => {
    if (db.kind !== 'postgres') return; // statements are named on PostgreSQL only
    const table = `prepared_stale_${Date.now()}`;
    await db.pool.query(`create table ${table} (id int primary key)`);
    try {
      await db.pool.query(`insert into ${table} values (1)`);
      const client = await db.pool.connect();
      const text = `select * from ${table} where id = $1`;
      await client.query(text, [1]);
      await db.pool.query(`alter table ${table} add column label text`);
      const stale = await client.query(text, [1]).then(
        () => null,
        (err: { code?: string }) => err.code,
      );
      client.release();
      // PostgreSQL either re-plans quietly or refuses with "cached plan must not change result type"
      expect([null, '0A000']).toContain(stale);
      const fresh = await db.pool.query<{ id: number; label: string | null }>(text, [1]);
      expect(fresh.rows).toEqual([{ id: 1, label: null }]);
    } finally {
      await db.pool.query(`drop table ${table}`);
    }
  });
});
