// `sightline serve --workers 2` on PostgreSQL: each worker answers on the shared port (the other
// keeps serving while one is killed, and a killed one is replaced), and the once-a-minute
// schedule tick both workers' pg-boss clocks run is queued and run once per minute.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDb } from '../testing/harness.ts';
import { createTenant } from '../platform/tenancy/create-tenant.ts';
import { waitFor } from '../platform/jobs/jobs-test-server.ts';
import type { Db } from '../platform/db/connection.ts';
import { workerCount } from './serve-workers.ts';
import { loadConfig } from '../platform/config.ts';

const onPostgres = inject('engine') === 'postgres';

/** one request on a connection of its own, so the shared port hands it to whichever worker accepts */
const get = (port: number, urlPath: string, cookie: string) =>
  new Promise<number>((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false, headers: { cookie } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
  });

describe('how many workers serve', () => {
  const embedded = loadConfig({});
  const postgres = loadConfig({ DATABASE_URL: 'postgres://127.0.0.1/sightline' });
  it('is one process unless asked, and one per core for "auto" on PostgreSQL', () => {
    expect(workerCount(undefined, embedded)).toBe(1);
    expect(workerCount('3', postgres)).toBe(3);
    expect(workerCount('auto', postgres)).toBe(os.availableParallelism());
  });
  it('refuses more than one process on the embedded database, and counts that are not counts', () => {
    expect(() => workerCount('2', embedded)).toThrow(/needs DATABASE_URL/);
    expect(() => workerCount('two', postgres)).toThrow(/number from 1 to 64/);
    expect(() => workerCount('0', postgres)).toThrow(/number from 1 to 64/);
  });
});

describe.skipIf(!onPostgres)('serve --workers 2 (skipped on PGlite: the embedded database belongs to one process)', () => {
  let db: Db;
  let server: ChildProcess;
  let output = '';
  let cookie = '';
  const port = 4100 + Math.floor(Math.random() * 800);
  const startedAt = new Date();
  const workerPids = () => [...output.matchAll(/worker \d+ \(pid (\d+)\) listening/g)].map((m) => Number(m[1]));

  beforeAll(async () => {
    db = await openTestDb();
    const email = `workers.${Date.now()}@example.com`;
    await createTenant(db.kysely, { name: '多进程租户', adminEmail: email, password: 'correct-horse-42' });
    server = spawn(process.execPath, ['bin/sightline.mjs', 'serve', '--no-seed', '--workers', '2'], {
      env: { ...process.env, DATABASE_URL: inject('databaseUrl'), PORT: String(port), HOST: '127.0.0.1', SIGHTLINE_DATA_DIR: path.join(os.tmpdir(), `sightline-workers-${process.pid}`) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    server.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await waitFor(() => output.includes('Sightline is running'), 60_000);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct-horse-42' }) });
    expect(login.status).toBe(200);
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  }, 90_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await db?.close();
  });

  it('starts two workers on one port; each keeps answering while the other is killed, and a killed worker is replaced', async () => {
    expect(output).toContain('(database: PostgreSQL, 2 workers)');
    const [first, second] = workerPids();
    expect(new Set([first, second]).size).toBe(2);
    const answers = async () => Promise.all(Array.from({ length: 6 }, () => get(port, '/api/accounts?limit=5', cookie)));
    expect(await answers()).toEqual(Array(6).fill(200));

    process.kill(first, 'SIGKILL'); // the second alone answers now
    await waitFor(() => output.includes(`(pid ${first}) exited`));
    expect(await answers()).toEqual(Array(6).fill(200));

    await waitFor(() => workerPids().length === 3, 60_000);
    const replacement = workerPids()[2];
    process.kill(second, 'SIGKILL'); // and now the replacement alone
    await waitFor(() => output.includes(`(pid ${second}) exited`));
    expect(await answers()).toEqual(Array(6).fill(200));
    expect(server.exitCode).toBeNull();
    expect(replacement).not.toBe(first);
  }, 120_000);

  it('runs the once-a-minute schedule tick once per minute, though both workers keep its clock', async () => {
    const ticks = () =>
      sql<{ minute: string; runs: number; completed: number }>`
        select date_trunc('minute', created_on)::text as minute, count(*)::int as runs, count(*) filter (where state = 'completed')::int as completed
        from (select created_on, state from pgboss.job where name = 'sightline.schedule-tick'
              union all select created_on, state from pgboss.archive where name = 'sightline.schedule-tick') j
        where created_on >= ${startedAt}
        group by 1 order by 1`.execute(db.kysely);
    const pause = () => new Promise((r) => setTimeout(r, 500));
    await waitFor(async () => (await ticks()).rows.some((t) => t.completed > 0) || (await pause(), false), 110_000);
    const rows = (await ticks()).rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const t of rows) expect(t.runs, `ticks queued for ${t.minute}`).toBe(1);
  }, 120_000);
});
