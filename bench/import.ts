// Import benchmark: writes N opportunity rows as a Chinese-header CSV to a temp file and times
// `runImport` on the configured database (DATABASE_URL, else embedded PGlite), in a throwaway
// tenant that is removed afterwards. CLI: `node --import tsx bench/import.ts [rows]`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type pg from 'pg';
import { openDatabase } from '../src/platform/db/connection.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { createTenant } from '../src/platform/tenancy/create-tenant.ts';
import { inTenant } from '../src/platform/tenancy/context.ts';
import { newId } from '../src/platform/ids.ts';
import { runImport } from '../src/modules/imports/run-import.ts';

export interface ImportBenchResult {
  scenario: 'import';
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  engine: 'pglite' | 'postgres';
  fileMb: number;
  peakRssMb: number;
  /** the same number of rows inserted by one INSERT … SELECT in SQL (rolled back): the floor the table's indexes and foreign keys set */
  sqlInsertSeconds?: number;
  /** import time over that floor */
  importOverSqlRatio?: number;
  /** CPU seconds the import took in this process, and in its PostgreSQL backends (read from /proc; null when the server is not local) */
  nodeCpuSeconds: number;
  backendCpuSeconds: number | null;
  walMb?: number;
  checkpoints?: number;
  /** 1-minute load average before and after the import: the machine is shared, so wall time is noisy */
  loadAverage: [number, number];
}

const ACCOUNTS = 1000;
const OWNERS = 20;

export async function benchImport(rows = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000), databaseUrl = process.env.DATABASE_URL): Promise<ImportBenchResult> {
  const appName = `sightline-import-bench-${process.pid}`;
  const db = await openDatabase(databaseUrl ? { databaseUrl: withAppName(databaseUrl, appName), poolSize: 2 } : { dataDir: 'memory://', poolSize: 2 });
  const file = path.join(os.tmpdir(), `sightline-import-bench-${process.pid}.csv`);
  let tenantId: string | undefined;
  try {
    await migrate(db.pool);
    const tenant = await createTenant(db.kysely, { name: '导入压测', adminEmail: `import.bench.${process.pid}.${Date.now()}@bench.local`, password: 'bench-password-1' });
    tenantId = tenant.tenantId;
    const stamp = Date.now();
    const emails = Array.from({ length: OWNERS }, (_, i) => `import.rep${i}.${stamp}@bench.local`);
    await inTenant(db.kysely, tenant.tenantId, async (trx) => {
      const now = new Date();
      await trx.insertInto('users').values(emails.map((email, i) => ({ id: newId(), tenant_id: tenant.tenantId, email, name: `销售${i}`, role: 'rep', updated_at: now }))).execute();
      await trx.insertInto('accounts').values(Array.from({ length: ACCOUNTS }, (_, i) => ({ id: newId(), tenant_id: tenant.tenantId, name: `压测客户${i}`, updated_at: now }))).execute();
    });
    await writeCsv(file, rows, emails);
    const fileMb = fs.statSync(file).size / 1e6;
    let peakRss = process.memoryUsage().rss;
    const measured = db.kind === 'postgres' ? await startServerMeasure(db.pool, appName) : null;
    const load0 = os.loadavg()[0];
    const cpu0 = process.cpuUsage();
    const result = await runImport({
      db: db.kysely,
      tenantId: tenant.tenantId,
      actor: { userId: null, role: 'admin', teamId: null, name: 'bench' },
      entity: 'opportunities',
      file,
      onProgress: () => void (peakRss = Math.max(peakRss, process.memoryUsage().rss)),
    });
    const cpu = process.cpuUsage(cpu0);
    const load1 = os.loadavg()[0];
    const server = measured ? await measured() : null;
    if (result.status !== 'succeeded') throw new Error(`import failed: ${JSON.stringify(result.badRows.slice(0, 3))}`);
    const sqlInsertSeconds = db.kind === 'postgres' && process.env.BENCH_IMPORT_SQL !== 'off' ? await sqlInsertFloor(db.pool, tenant.tenantId, rows) : undefined;
    process.stderr.write(`[bench:import] ${rows} rows in ${round(result.seconds)} s (SQL insert of the same rows: ${sqlInsertSeconds === undefined ? 'not measured' : `${round(sqlInsertSeconds)} s`}); removing the bench tenant\n`);
    return {
      scenario: 'import',
      rows: result.insertedRows,
      seconds: round(result.seconds),
      rowsPerSecond: Math.round(result.insertedRows / result.seconds),
      engine: db.kind,
      fileMb: round(fileMb),
      peakRssMb: Math.round(peakRss / 1e6),
      ...(sqlInsertSeconds === undefined ? {} : { sqlInsertSeconds: round(sqlInsertSeconds), importOverSqlRatio: round(result.seconds / sqlInsertSeconds) }),
      nodeCpuSeconds: round((cpu.user + cpu.system) / 1e6),
      backendCpuSeconds: server?.backendCpuSeconds ?? null,
      ...(server ? { walMb: server.walMb, checkpoints: server.checkpoints } : {}),
      loadAverage: [round(load0), round(load1)],
    };
  } finally {
    fs.rmSync(file, { force: true });
    if (tenantId) await removeTenant(db, tenantId);
    await db.close();
  }
}

/**
 * Drops the throwaway tenant. Its opportunities go first with foreign-key triggers off when the
 * connection may do that (superuser, as on the bench machine): the tenant is fresh, so nothing
 * references them, and a cascade that probes an unindexed referencing column once per deleted
 * row (seen with another module's table on the shared bench database) cannot stall the bench.
 * Then the table is vacuumed (outside the timings): each run leaves twice its rows dead (the
 * rolled-back SQL floor and the import), and twenty runs had left 15 million dead rows and 20 GB,
 * which slowed the next runs' inserts.
 */
async function removeTenant(db: Awaited<ReturnType<typeof openDatabase>>, tenantId: string): Promise<void> {
  if (db.kind === 'postgres') {
    const client = await db.pool.connect();
    try {
      await client.query('begin');
      await client.query('set local session_replication_role = replica');
      await client.query('delete from opportunities where tenant_id = $1', [tenantId]);
      await client.query('commit');
    } catch {
      await client.query('rollback');
    } finally {
      client.release();
    }
  }
  await db.kysely.deleteFrom('tenants').where('id', '=', tenantId).execute();
  if (db.kind === 'postgres') await db.pool.query('vacuum opportunities');
}

function withAppName(url: string, appName: string): string {
  const u = new URL(url);
  u.searchParams.set('application_name', appName);
  return u.toString();
}

/**
 * Starts measuring the server side of the import: CPU of this bench's backends (by
 * application_name, from /proc, so only when PostgreSQL runs on this machine), WAL written and
 * checkpoints taken (both server-wide: other work on the server counts too).
 */
async function startServerMeasure(pool: pg.Pool, appName: string): Promise<() => Promise<{ backendCpuSeconds: number | null; walMb: number; checkpoints: number }>> {
  const snapshot = async () => {
    const { rows } = await pool.query<{ pids: number[]; lsn: string; checkpoints: number }>(
      `select array(select pid from pg_stat_activity where application_name = $1) as pids, pg_current_wal_lsn()::text as lsn,
         (select checkpoints_timed + checkpoints_req from pg_stat_bgwriter)::int as checkpoints`,
      [appName],
    );
    const cpu = new Map(rows[0].pids.map((pid) => [pid, procCpuSeconds(pid)]));
    return { ...rows[0], cpu };
  };
  const before = await snapshot();
  return async () => {
    const after = await snapshot();
    let backendCpuSeconds: number | null = 0;
    for (const [pid, seconds] of after.cpu) {
      if (seconds === null) backendCpuSeconds = null;
      else if (backendCpuSeconds !== null) backendCpuSeconds += seconds - (before.cpu.get(pid) ?? 0);
    }
    const { rows } = await pool.query<{ bytes: string }>('select ($1::pg_lsn - $2::pg_lsn)::text as bytes', [after.lsn, before.lsn]);
    return { backendCpuSeconds: backendCpuSeconds === null ? null : round(backendCpuSeconds), walMb: Math.round(Number(rows[0].bytes) / 1e6), checkpoints: after.checkpoints - before.checkpoints };
  };
}

/** /proc counts CPU time in clock ticks: USER_HZ, 100 on Linux */
const CLOCK_TICKS = 100;

/** user + system CPU seconds of a local process, or null when it is not on this machine */
function procCpuSeconds(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/**
 * Times inserting `rows` rows of the same shape straight in SQL (ids ascending like UUIDv7, the
 * tenant's accounts and owners, same column set), inside a transaction that is rolled back: what
 * the opportunities table's heap, indexes and foreign keys cost without any application work.
 */
async function sqlInsertFloor(pool: pg.Pool, tenantId: string, rows: number): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const t0 = performance.now();
    await client.query(
      `with a as (select id, row_number() over (order by id) as n from accounts where tenant_id = $1),
            u as (select array_agg(id order by id) as ids from users where tenant_id = $1 and role = 'rep')
       insert into opportunities (id, tenant_id, account_id, name, amount_cents, stage, expected_close_date, owner_id, custom, updated_at)
       select lpad(to_hex(g), 32, '0')::uuid, $1, a.id, '商机 ' || g, (g % 997) * 100000 + 50, case when g % 3 = 0 then 'qualified' else 'lead' end,
         date '2027-01-01' + (g % 252), u.ids[1 + g % array_length(u.ids, 1)], '{}', now()
       from generate_series(1, $2::int) g join a on a.n = 1 + g % ${ACCOUNTS}, u`,
      [tenantId, rows],
    );
    return (performance.now() - t0) / 1000;
  } finally {
    await client.query('rollback');
    client.release();
  }
}

async function writeCsv(file: string, rows: number, emails: string[]): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  await write('\ufeff商机名称,客户名称,金额,预计成交日期,阶段,负责人邮箱\n');
  for (let i = 0; i < rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    await write(`"商机 ${i}",压测客户${i % ACCOUNTS},${(i % 997) * 1000 + 0.5},2027-0${1 + (i % 9)}-${day},${i % 3 ? 'lead' : 'qualified'},${emails[i % emails.length]}\n`);
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

const round = (n: number) => Math.round(n * 100) / 100;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = process.argv[2] ? Number(process.argv[2]) : undefined;
  console.log(JSON.stringify(await benchImport(rows)));
}
