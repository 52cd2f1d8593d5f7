// API benchmark on PostgreSQL with 1,000,000 opportunities and 100,000 accounts: filtered,
// sorted list p99, single read p99, sustained list throughput, and the same query in plain SQL.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { prepareBenchData, BENCH_EMAIL, BENCH_PASSWORD } from './bench-db.ts';
import { summarize, timeMany, round } from './stats.ts';
import { runLoad } from './load-generator.ts';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const OPPORTUNITIES = Number(process.env.BENCH_OPPORTUNITIES ?? 1_000_000);
/** app processes (`serve --workers`); default one per core, as a 2-core deployment would run */
const WORKERS = Number(process.env.BENCH_WORKERS ?? os.availableParallelism());
const log = (m: string) => process.stderr.write(`[bench:api] ${m}\n`);

/** Starts a server process and waits for the line it prints once it listens. */
async function spawnServer(args: string[], env: Record<string, string>, ready: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes(ready)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return child;
}

const startServer = (url: string, port: number) =>
  spawnServer(
    ['bin/sightline.mjs', 'serve', '--no-seed', '--workers', String(WORKERS)],
    { DATABASE_URL: withAppName(url), PORT: String(port), HOST: '127.0.0.1', SIGHTLINE_DATA_DIR: path.join(os.tmpdir(), 'sightline-bench') },
    'is running',
  );

const startFloorServer = (url: string, port: number, tenantId: string, ownerId: string) =>
  spawnServer(
    ['--import', 'tsx', 'bench/http-floor-server.ts'],
    { DATABASE_URL: withAppName(url), PORT: String(port), TENANT_ID: tenantId, OWNER_ID: ownerId, WORKERS: String(WORKERS) },
    'floor server is running',
  );

/** a random port in the bench's range (3900–3989) for each server it starts */
const benchPort = () => 3900 + Math.floor(Math.random() * 90);

const APP_NAME = 'sightline-bench-api';
const withAppName = (url: string) => {
  const u = new URL(url);
  u.searchParams.set('application_name', APP_NAME);
  return u.toString();
};

/** /proc/<pid>/stat after the command name: [0] state, [1] ppid, [11] utime, [12] stime (clock ticks) */
const statFields = (pid: number | string) => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');

const ticks = (pid: number) => {
  try {
    const fields = statFields(pid);
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
};

/** CPU seconds of the server: its primary process and the workers it forked. */
function serverTreeSeconds(pid: number): number | null {
  const own = ticks(pid);
  if (own === null) return null;
  let sum = own;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (Number(statFields(entry)[1]) === pid) sum += ticks(Number(entry)) ?? 0;
    } catch {
      // the process ended while we looked
    }
  }
  return sum;
}

/** Whole-machine CPU seconds busy and in total since boot (/proc/stat), to tell how much of the cores others used meanwhile. */
function machineSeconds(): { busy: number; total: number } | null {
  try {
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
    const idle = cpu[3] + cpu[4];
    const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: (total - idle) / 100, total: total / 100 };
  } catch {
    return null;
  }
}

/** CPU seconds used so far by the server (all its processes) and by each PostgreSQL backend it has open (empty off Linux or off this host). */
async function cpuSeconds(pool: pg.Pool, serverPid: number | undefined): Promise<{ server: number | null; backends: Map<number, number>; machine: { busy: number; total: number } | null }> {
  const backends = new Map<number, number>();
  for (const { pid } of (await pool.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [APP_NAME])).rows) {
    const t = ticks(pid);
    if (t !== null) backends.set(pid, t);
  }
  return { server: serverPid ? serverTreeSeconds(serverPid) : null, backends, machine: machineSeconds() };
}

/** PostgreSQL CPU seconds between two snapshots (a backend opened in between counts from zero). */
function postgresSeconds(before: Map<number, number>, after: Map<number, number>): number | null {
  if (after.size === 0) return null;
  let sum = 0;
  for (const [pid, t] of after) sum += t - (before.get(pid) ?? 0);
  return sum;
}

/**
 * GET over one kept-alive connection with node:http, checked to answer 200: the latencies are the
 * API's, not a heavy client's (fetch added 0.3–0.7 ms at p50 and ~1.5 ms at p99 to a read here).
 */
function keepAliveGetter(port: number, headers: Record<string, string>): (path: string) => Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return (p) =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: p, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${p} answered ${res.statusCode}: ${Buffer.concat(chunks).toString()}`))));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
}

interface LoadTarget {
  url: string;
  headers: Record<string, string>;
}

/** 10 s of requests over 32 connections (after 2 s that fill the pools), with the CPU each party spent per request. */
async function sustainedLoad(pool: pg.Pool, serverPid: number | undefined, target: LoadTarget) {
  const opts = { ...target, connections: 32 };
  await runLoad({ ...opts, seconds: 2 });
  const loadBefore = os.loadavg();
  const before = await cpuSeconds(pool, serverPid);
  const load = await runLoad({ ...opts, seconds: 10 });
  const after = await cpuSeconds(pool, serverPid);
  const perRequest = (seconds: number | null) => (seconds === null ? null : round((seconds * 1000) / load.requests, 3));
  const serverMs = perRequest(before.server === null || after.server === null ? null : after.server - before.server);
  const postgresMs = perRequest(postgresSeconds(before.backends, after.backends));
  const generatorMs = perRequest(load.cpuSeconds);
  const wall = before.machine && after.machine ? (after.machine.total - before.machine.total) / os.cpus().length : null;
  const busyCores = wall && before.machine && after.machine ? (after.machine.busy - before.machine.busy) / wall : null;
  const oursCores = wall && serverMs !== null && postgresMs !== null && generatorMs !== null ? ((serverMs + postgresMs + generatorMs) * load.requests) / 1000 / wall : null;
  const otherCores = busyCores === null || oursCores === null ? null : Math.max(0, busyCores - oursCores);
  return { load, serverMs, postgresMs, generatorMs, busyCores, otherCores, loadBefore, loadAfter: os.loadavg() };
}

async function measureFloor(pool: pg.Pool, url: string, tenantId: string, ownerId: string) {
  const port = benchPort();
  const floor = await startFloorServer(url, port, tenantId, ownerId);
  try {
    return await sustainedLoad(pool, floor.pid, { url: `http://127.0.0.1:${port}/list`, headers: {} });
  } finally {
    await stop(floor);
  }
}

/** ends a server and waits until it has, so its processes and backends are gone before the next measurement */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export async function benchApi() {
  const data = await prepareBenchData({ accounts: ACCOUNTS, opportunities: OPPORTUNITIES, log });
  const port = benchPort();
  const server = await startServer(data.url, port);
  const base = `http://127.0.0.1:${port}`;
  try {
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: BENCH_EMAIL, password: BENCH_PASSWORD }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const headers = { cookie };
    const ids = (await data.db.pool.query<{ id: string }>('select id from opportunities where tenant_id = $1 order by random() limit 500', [data.tenantId])).rows.map((r) => r.id);
    const owner = (await data.db.pool.query<{ owner_id: string }>('select owner_id from opportunities where tenant_id = $1 limit 1', [data.tenantId])).rows[0].owner_id;

    const listPath = `/api/opportunities?stage=negotiation&ownerId=${owner}&sort=-expectedCloseDate&limit=50`;
    const get = keepAliveGetter(port, headers);
    const list = summarize(await timeMany(500, 50, () => get(listPath)));
    const read = summarize(await timeMany(500, 50, (i) => get(`/api/opportunities/${ids[i % ids.length]}`)));

    const sqlText = `select * from opportunities where tenant_id = $1 and stage = 'negotiation' and owner_id = $2 order by expected_close_date desc, id desc limit 51`;
    const direct = summarize(await timeMany(500, 50, async () => void (await data.db.pool.query(sqlText, [data.tenantId, owner]))));
    const readSql = summarize(await timeMany(500, 50, async (i) => void (await data.db.pool.query('select * from opportunities where tenant_id = $1 and id = $2', [data.tenantId, ids[i % ids.length]]))));

    log(`throughput: 10 s of list requests over 32 connections, ${WORKERS} server worker(s)`);
    const app = await sustainedLoad(data.db.pool, server.pid, { url: base + listPath, headers });
    await stop(server);
    log(`the same for a bare Fastify + node-postgres server running the list's SQL (the floor of this machine)`);
    const floor = await measureFloor(data.db.pool, data.url, data.tenantId, owner);
    const { load, serverMs, postgresMs, generatorMs } = app;
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
        requests_per_s: round(load.requests / load.seconds, 0),
        requests: load.requests,
        non2xx: load.non2xx,
        errors: load.errors,
        p99_ms: round(load.p99_ms),
        target_rps: 2000,
        server_workers: WORKERS,
        generator: load.generator,
        // CPU time per request is steadier than req/s on a shared machine: the server's processes,
        // its PostgreSQL backends and the load generator (Linux /proc); the ceiling is what the
        // idle cores could carry for all three
        cpu_ms_per_request: { server: serverMs, postgres: postgresMs, generator: generatorMs },
        cpu_bound_ceiling_rps: serverMs !== null && postgresMs !== null && generatorMs !== null ? round((os.cpus().length * 1000) / (serverMs + postgresMs + generatorMs), 0) : null,
        // how busy the machine's cores were during the 10 s, and how much of that was not this bench (other work on a shared machine)
        machine_busy_cores: app.busyCores === null ? null : round(app.busyCores, 2),
        other_work_cores: app.otherCores === null ? null : round(app.otherCores, 2),
        load_average_before: app.loadBefore.map((l) => round(l, 1)),
        load_average: app.loadAfter.map((l) => round(l, 1)),
        // the same page's SQL behind a bare Fastify + node-postgres server on the same cores: what
        // this machine gives at best today (it varies by ±30% between days), and Sightline's share
        bare_floor: {
          requests_per_s: round(floor.load.requests / floor.load.seconds, 0),
          cpu_ms_per_request: { server: floor.serverMs, postgres: floor.postgresMs, generator: floor.generatorMs },
        },
        app_over_floor_server_cpu_ratio: serverMs !== null && floor.serverMs !== null ? round(serverMs / floor.serverMs) : null,
      },
    };
  } finally {
    await stop(server);
    await data.db.close();
  }
}
