// API benchmark on PostgreSQL with 1,000,000 opportunities and 100,000 accounts: filtered,
// sorted list p99, single read p99, sustained list throughput, and the same query in plain SQL.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type pg from 'pg';
import { prepareBenchData, BENCH_EMAIL, BENCH_PASSWORD } from './bench-db.ts';
import { summarize, timeMany, round } from './stats.ts';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const OPPORTUNITIES = Number(process.env.BENCH_OPPORTUNITIES ?? 1_000_000);
const log = (m: string) => process.stderr.write(`[bench:api] ${m}\n`);

async function startServer(url: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/sightline.mjs', 'serve', '--no-seed'], {
    env: { ...process.env, DATABASE_URL: withAppName(url), PORT: String(port), HOST: '127.0.0.1', SIGHTLINE_DATA_DIR: path.join(os.tmpdir(), 'sightline-bench') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('is running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return child;
}

const APP_NAME = 'sightline-bench-api';
const withAppName = (url: string) => {
  const u = new URL(url);
  u.searchParams.set('application_name', APP_NAME);
  return u.toString();
};

/** CPU seconds used so far by the server process and by each PostgreSQL backend it has open (empty off Linux or off this host). */
async function cpuSeconds(pool: pg.Pool, serverPid: number | undefined): Promise<{ server: number | null; backends: Map<number, number> }> {
  const ticks = (pid: number) => {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return null;
    }
  };
  const backends = new Map<number, number>();
  for (const { pid } of (await pool.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [APP_NAME])).rows) {
    const t = ticks(pid);
    if (t !== null) backends.set(pid, t);
  }
  return { server: serverPid ? ticks(serverPid) : null, backends };
}

/** PostgreSQL CPU seconds between two snapshots (a backend opened in between counts from zero). */
function postgresSeconds(before: Map<number, number>, after: Map<number, number>): number | null {
  if (after.size === 0) return null;
  let sum = 0;
  for (const [pid, t] of after) sum += t - (before.get(pid) ?? 0);
  return sum;
}

export async function benchApi() {
  const data = await prepareBenchData({ accounts: ACCOUNTS, opportunities: OPPORTUNITIES, log });
  const port = 3900 + Math.floor(Math.random() * 90);
  const server = await startServer(data.url, port);
  const base = `http://127.0.0.1:${port}`;
  try {
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: BENCH_EMAIL, password: BENCH_PASSWORD }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const headers = { cookie };
    const ids = (await data.db.pool.query<{ id: string }>('select id from opportunities where tenant_id = $1 order by random() limit 500', [data.tenantId])).rows.map((r) => r.id);
    const owner = (await data.db.pool.query<{ owner_id: string }>('select owner_id from opportunities where tenant_id = $1 limit 1', [data.tenantId])).rows[0].owner_id;

    const listPath = `/api/opportunities?stage=negotiation&ownerId=${owner}&sort=-expectedCloseDate&limit=50`;
    const get = async (p: string) => {
      const res = await fetch(base + p, { headers });
      if (res.status !== 200) throw new Error(`${p} answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    const list = summarize(await timeMany(500, 50, () => get(listPath)));
    const read = summarize(await timeMany(500, 50, (i) => get(`/api/opportunities/${ids[i % ids.length]}`)));

    const sqlText = `select * from opportunities where tenant_id = $1 and stage = 'negotiation' and owner_id = $2 order by expected_close_date desc, id desc limit 51`;
    const direct = summarize(await timeMany(500, 50, async () => void (await data.db.pool.query(sqlText, [data.tenantId, owner]))));
    const readSql = summarize(await timeMany(500, 50, async (i) => void (await data.db.pool.query('select * from opportunities where tenant_id = $1 and id = $2', [data.tenantId, ids[i % ids.length]]))));

    log('throughput: 10 s of list requests over 32 connections');
    await autocannon({ url: base + listPath, connections: 32, duration: 2, headers }); // fills both pools
    const cpuBefore = await cpuSeconds(data.db.pool, server.pid);
    const load = await autocannon({ url: base + listPath, connections: 32, duration: 10, headers });
    const cpuAfter = await cpuSeconds(data.db.pool, server.pid);
    const perRequest = (seconds: number | null) => (seconds === null ? null : round((seconds * 1000) / load.requests.total, 3));
    const serverMs = perRequest(cpuBefore.server === null || cpuAfter.server === null ? null : cpuAfter.server - cpuBefore.server);
    const postgresMs = perRequest(postgresSeconds(cpuBefore.backends, cpuAfter.backends));
    return {
      scenario: 'api',
      machine: `${os.cpus().length} cores, ${round(os.totalmem() / 2 ** 30, 0)} GiB`,
      engine: 'postgres',
      opportunities: data.opportunities,
      accounts: data.accounts,
      list_page50: { ...list, target_p99_ms: 25 },
      list_sql_direct: direct,
      list_api_overhead_ratio_p50: round(list.p50_ms / direct.p50_ms),
      read_one: { ...read, target_p99_ms: 10 },
      read_sql_direct: readSql,
      list_throughput: {
        requests_per_s: round(load.requests.average, 0),
        non2xx: load.non2xx,
        errors: load.errors,
        p99_ms: load.latency.p99,
        target_rps: 2000,
        // CPU time per request is steadier than req/s on a shared machine: the server process and
        // its PostgreSQL backends (Linux /proc); the ceiling is what 2 idle cores could carry
        cpu_ms_per_request: { server: serverMs, postgres: postgresMs },
        cpu_bound_ceiling_rps: serverMs !== null && postgresMs !== null ? round((os.cpus().length * 1000) / (serverMs + postgresMs), 0) : null,
        load_average: os.loadavg().map((l) => round(l, 1)),
      },
    };
  } finally {
    server.kill('SIGTERM');
    await data.db.close();
  }
}
