// The HTTP load generator of the API bench: wrk when installed (a C program costing a fraction of
// autocannon's CPU per request, which the server on the same cores then keeps), else autocannon.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

export interface LoadResult {
  generator: 'wrk' | 'autocannon';
  requests: number;
  seconds: number;
  /** responses with a status other than 200 (wrk) / outside 2xx (autocannon) */
  non2xx: number;
  errors: number;
  p99_ms: number;
  /** CPU seconds the generator itself used */
  cpuSeconds: number;
}

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
}

const hasWrk = () => process.env.BENCH_GENERATOR !== 'autocannon' && spawnSync('wrk', ['--version']).error === undefined;

/** Sustained load on one URL with the same headers on every request. */
export function runLoad(opts: LoadOptions): Promise<LoadResult> {
  return hasWrk() ? runWrk(opts) : runAutocannon(opts);
}

async function runAutocannon({ url, headers, connections, seconds }: LoadOptions): Promise<LoadResult> {
  const cpu0 = process.cpuUsage();
  const r = await autocannon({ url, connections, duration: seconds, headers });
  const cpu = process.cpuUsage(cpu0);
  return { generator: 'autocannon', requests: r.requests.total, seconds: r.duration, non2xx: r.non2xx, errors: r.errors, p99_ms: r.latency.p99, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

// wrk's summary as JSON from its Lua `done` hook, with every response's status checked to be 200
// (counted per thread in `response`, collected through `setup`'s thread handles)
const REPORT = `
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) not200 = 0 end
function response(status, headers, body) if status ~= 200 then not200 = not200 + 1 end end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("not200") end
  local e = summary.errors
  io.write(string.format('\\nWRK_JSON {"requests":%d,"duration_us":%d,"not200":%d,"errors":%d,"p99_us":%d}\\n',
    summary.requests, summary.duration, bad, e.connect + e.read + e.write + e.timeout, latency:percentile(99)))
end
`;

async function runWrk({ url, headers, connections, seconds }: LoadOptions): Promise<LoadResult> {
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-wrk-')), 'report.lua');
  fs.writeFileSync(script, REPORT);
  const headerArgs = Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  const reaped0 = reapedChildrenCpuSeconds();
  const child = spawn('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '-s', script, ...headerArgs, url], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const cpu = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(reapedChildrenCpuSeconds() - reaped0) : reject(new Error(`wrk exited with ${code}: ${out}`))));
  });
  const line = out.split('\n').find((l) => l.startsWith('WRK_JSON '));
  if (!line) throw new Error(`wrk printed no summary: ${out}`);
  const r = JSON.parse(line.slice('WRK_JSON '.length)) as { requests: number; duration_us: number; not200: number; errors: number; p99_us: number };
  return { generator: 'wrk', requests: r.requests, seconds: r.duration_us / 1e6, non2xx: r.not200, errors: r.errors, p99_ms: r.p99_us / 1000, cpuSeconds: cpu };
}

/** CPU seconds of this process's children that have exited (/proc/self/stat cutime + cstime); 0 off Linux. */
function reapedChildrenCpuSeconds(): number {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}
