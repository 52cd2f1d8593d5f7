// Forecast on a large tenant (BENCH_ONLY=forecast_large): GET /api/forecast (the roll-up and the
// neutral forecast) for a tenant with 20,000 deals over two years and their stage moves and
// close-date pushes in the audit log, generated once in SQL in the PostgreSQL bench database;
// p50/p99 and CPU ms per request (with the kept deal records, and right after a deal changed so
// they are read again), and the request's parts timed apart to show what dominates.
// CLI: `node --import tsx bench/forecast-large.ts`.
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { prepareBenchData } from './bench-db.ts';
import { round, summarize, timeMany } from './stats.ts';
import type { Db } from '../src/platform/db/connection.ts';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createTenant } from '../src/platform/tenancy/create-tenant.ts';
import { inTenant } from '../src/platform/tenancy/context.ts';
import { loadDealRecords } from '../src/modules/forecast/deal-history.ts';
import { keptDealRecords } from '../src/modules/forecast/kept-deal-records.ts';
import { categorySumsAt, loadRollup } from '../src/modules/forecast/forecast-data.ts';
import { credibilityWeightedByOwner } from '../src/modules/forecast/credibility-weighted.ts';
import { neutralForecast } from '../src/modules/forecast/neutral-forecast.ts';
import { parsePeriod, periodInstants, periodOf } from '../src/modules/forecast/periods.ts';
import { localDateAt } from '../src/platform/tenancy/tenant-clock.ts';

const ADMIN = 'forecast.large.admin@bench.local';
const PASSWORD = 'bench-password-1';
const DEALS = 20_000;
const RUNS = Number(process.env.BENCH_FORECAST_RUNS ?? 20);
const log = (m: string) => console.error(`bench forecast_large: ${m}`);
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

/**
 * 100 reps in 10 teams; 20,000 deals created evenly over 730 days, older ones mostly closed (won or
 * lost after 20–120 days), each with its stage moves from 线索 as moveStage records them and one in
 * three with a close-date push; made once.
 */
async function generate(db: Db, tenantId: string): Promise<void> {
  const have = (await db.pool.query<{ n: number }>('select count(*)::int as n from opportunities where tenant_id = $1', [tenantId])).rows[0].n;
  if (have >= DEALS) return;
  log(`generating ${DEALS} deals and their history (once; kept in the bench database)`);
  const t0 = performance.now();
  await db.kysely.transaction().execute(async (trx) => {
    const q = (text: ReturnType<typeof sql>) => text.execute(trx);
    await q(sql`insert into teams (id, tenant_id, name, updated_at) select gen_random_uuid(), ${tenantId}, '预测大区' || g, now() from generate_series(1, 10) g`);
    await q(sql`insert into users (id, tenant_id, email, name, role, team_id, updated_at)
      select gen_random_uuid(), ${tenantId}, 'forecast.rep' || g || '@bench.local', '预测销售' || g, 'rep', (select id from teams where tenant_id = ${tenantId} order by name offset g % 10 limit 1), now()
      from generate_series(1, 100) g`);
    await q(sql`create temp table reps on commit drop as select id, row_number() over (order by email) as n from users where tenant_id = ${tenantId} and role = 'rep'`);
    await q(sql`insert into accounts (id, tenant_id, name, owner_id, custom, updated_at)
      select gen_random_uuid(), ${tenantId}, '预测客户' || g, (select id from reps where n = 1 + g % 100), '{}', now() from generate_series(1, 2000) g`);
    await q(sql`create temp table accts on commit drop as select id, owner_id, row_number() over (order by name) as n from accounts where tenant_id = ${tenantId}`);
    // the deal's life: created, its outcome (won / lost / open), when it closed, the stage it reached
    await q(sql`create temp table life on commit drop as
      select g, gen_random_uuid() as id, c.created, c.h,
        case when c.h % 100 < (case when c.created < now() - interval '150 days' then 35 else 12 end) then 'won'
             when c.h % 100 < (case when c.created < now() - interval '150 days' then 85 else 30 end) then 'lost' else 'open' end as outcome,
        least(now() - interval '1 hour', c.created + ((20 + c.h % 100) || ' days')::interval + ((c.h % 23) || ' hours')::interval) as closed
      from generate_series(1, ${DEALS}::int) g
      cross join lateral (select now() - ((g * 7919) % 730 || ' days')::interval - ((g % 24) || ' hours')::interval as created, abs(hashtext(g::text))::bigint as h) c`);
    await q(sql`alter table life add column reached int, add column ends timestamptz`);
    await q(sql`update life set reached = case when outcome = 'won' then 4 else h % 5 end, ends = case when outcome = 'open' then now() - ((h % 20) || ' days')::interval else closed end`);
    await q(sql`update life set ends = created + interval '1 hour' where ends <= created`);
    await q(sql`insert into opportunities (id, tenant_id, account_id, name, amount_cents, stage, expected_close_date, forecast_category, owner_id, closed_at, created_at, stage_changed_at, custom, updated_at)
      select l.id, ${tenantId}, a.id, '预测商机' || l.g, (10000 + (l.h * 7) % 1990000) * 100,
        case when l.outcome = 'open' then (array['lead', 'qualified', 'solution', 'quoted', 'negotiation'])[1 + l.reached] else l.outcome end,
        case when l.outcome = 'open' then (now() + ((l.h % 210 - 30) || ' days')::interval)::date else l.closed::date end,
        case when l.outcome = 'won' then 'closed' when l.outcome = 'lost' then 'omitted' else (array['pipeline', 'pipeline', 'best_case', 'best_case', 'commit'])[1 + l.reached] end,
        a.owner_id, case when l.outcome = 'open' then null else l.closed end, l.created, l.ends, '{}', now()
      from life l join accts a on a.n = 1 + l.g % 2000`);
    // stage moves 线索 → the stage reached, evenly over the deal's life, then the close (bench data: hashes not chained)
    await q(sql`insert into audit_log (tenant_id, seq, event_id, action, entity, entity_id, before, after, at, prev_hash, hash)
      select ${tenantId}, (select coalesce(max(seq), 0) from audit_log where tenant_id = ${tenantId}) + row_number() over (order by m.at), gen_random_uuid(), m.action, 'opportunities', m.id, m.before, m.after, m.at, 'bench', 'bench'
      from (
        select l.id, 'opportunity.stage_changed' as action, l.created + (l.ends - l.created) * s / (l.reached + 2) as at,
          jsonb_build_object('stage', (array['lead', 'qualified', 'solution', 'quoted', 'negotiation'])[s], 'forecastCategory', 'pipeline', 'closedAt', null) as before,
          jsonb_build_object('stage', (array['lead', 'qualified', 'solution', 'quoted', 'negotiation'])[s + 1], 'forecastCategory', (array['pipeline', 'pipeline', 'best_case', 'best_case', 'commit'])[s + 1], 'closedAt', null) as after
        from life l cross join lateral generate_series(1, l.reached) s
        union all
        select l.id, 'opportunity.stage_changed', l.closed,
          jsonb_build_object('stage', (array['lead', 'qualified', 'solution', 'quoted', 'negotiation'])[1 + l.reached], 'forecastCategory', 'commit', 'closedAt', null),
          jsonb_build_object('stage', l.outcome, 'forecastCategory', case when l.outcome = 'won' then 'closed' else 'omitted' end, 'closedAt', to_char(l.closed at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
        from life l where l.outcome <> 'open'
        union all
        select l.id, 'opportunity.updated', l.created + (l.ends - l.created) * 0.6,
          jsonb_build_object('expectedCloseDate', to_char(o.expected_close_date - 30, 'YYYY-MM-DD')), jsonb_build_object('expectedCloseDate', to_char(o.expected_close_date, 'YYYY-MM-DD'))
        from life l join opportunities o on o.tenant_id = ${tenantId} and o.id = l.id where l.h % 3 = 0
      ) m`);
    await q(sql`insert into audit_heads (tenant_id, seq, hash) select ${tenantId}, max(seq), 'bench' from audit_log where tenant_id = ${tenantId}
      on conflict (tenant_id) do update set seq = excluded.seq, hash = excluded.hash`);
  });
  await db.pool.query('analyze');
  log(`generated in ${Math.round((performance.now() - t0) / 1000)} s`);
}

/** The request's parts one after another, as loadForecastView runs them: CPU milliseconds each. */
async function parts(db: Db, tenantId: string, periodKey: string) {
  return inTenant(db.kysely, tenantId, async (trx) => {
    const period = parsePeriod(periodKey);
    const now = new Date();
    const { from, to } = await periodInstants(trx, 'Asia/Shanghai', period);
    const asOf = now < to ? now : new Date(to.getTime() - 1);
    // CPU milliseconds of this process per part (steadier than wall time on a shared machine; the database's own work is not in it)
    let c = process.cpuUsage();
    const step = () => {
      const ms = round(cpuMs(process.cpuUsage(c)), 1);
      c = process.cpuUsage();
      return ms;
    };
    const deals = await loadDealRecords(trx, tenantId);
    const loadDealsMs = step();
    await keptDealRecords(trx, tenantId);
    const keptMs = step();
    const sums = categorySumsAt(deals, period, from, to, asOf);
    await loadRollup(trx, tenantId, 'Asia/Shanghai', period, sums);
    const rollupMs = step();
    const neutral = neutralForecast(deals, { start: period.start, end: period.end, from, to }, asOf, 'Asia/Shanghai', { drivers: 200 });
    const neutralMs = step();
    await credibilityWeightedByOwner(trx, tenantId, deals, period, asOf);
    const weightedMs = step();
    const changes = deals.reduce((s, d) => s + d.changes.length, 0);
    return { deals: deals.length, auditChanges: changes, learningWindows: neutral.learning.windows, load_deals_and_history_cpu_ms: loadDealsMs, kept_deal_records_cpu_ms: keptMs, rollup_cpu_ms: rollupMs, neutral_forecast_cpu_ms: neutralMs, credibility_weighted_cpu_ms: weightedMs };
  });
}

export async function benchForecastLarge() {
  const { db } = await prepareBenchData({ accounts: 0, opportunities: 0, log });
  const running = await createApp(db, { ...loadConfig({}), dataDir: path.join(os.tmpdir(), 'sightline-bench') });
  try {
    const existing = await db.kysely.selectFrom('users').select('tenant_id').where('email', '=', ADMIN).executeTakeFirst();
    const tenantId = existing?.tenant_id ?? (await createTenant(db.kysely, { name: '预测压测', adminEmail: ADMIN, password: PASSWORD })).tenantId;
    await generate(db, tenantId);
    await running.app.ready();
    const login = await running.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: ADMIN, password: PASSWORD } });
    const cookie = login.cookies.find((c) => c.name === 'sl_session');
    if (!cookie) throw new Error(`sign-in failed: ${login.body}`);
    const today = localDateAt(new Date(), 'Asia/Shanghai');
    const out: Record<string, unknown> = {};
    for (const kind of ['quarter', 'month'] as const) {
      const period = periodOf(today, kind).key;
      let neutral: unknown = null;
      const get = async () => {
        const res = await running.app.inject({ method: 'GET', url: `/api/forecast?period=${period}`, headers: { cookie: `sl_session=${cookie.value}` } });
        if (res.statusCode !== 200) throw new Error(`GET /api/forecast: ${res.statusCode} ${res.body}`);
        neutral = res.json<{ neutral: { amount: string | null } }>().neutral.amount;
      };
      const loadBefore = load();
      let cpu0 = process.cpuUsage();
      const samples = await timeMany(RUNS, 2, get);
      const cpu = cpuMs(process.cpuUsage(cpu0)) / (RUNS + 2);
      // each request right after a deal changed: the kept deal records are read again
      const touch = () => db.pool.query(`update opportunities set updated_at = now() where id = (select id from opportunities where tenant_id = $1 order by id limit 1)`, [tenantId]);
      const changed: number[] = [];
      let changedCpu = 0;
      for (let i = 0; i < Math.ceil(RUNS / 2); i++) {
        await touch();
        cpu0 = process.cpuUsage();
        changed.push((await timeMany(1, 0, get))[0]);
        changedCpu += cpuMs(process.cpuUsage(cpu0));
      }
      out[kind] = { period, neutral, get_forecast: summarize(samples), node_cpu_ms_per_request: round(cpu, 1), get_forecast_after_a_change: summarize(changed), after_a_change_node_cpu_ms_per_request: round(changedCpu / changed.length, 1), parts: await parts(db, tenantId, period), load_before: loadBefore, load_after: load() };
    }
    return { scenario: 'forecast_large', ...out, machine: `${os.cpus().length} cores` };
  } finally {
    await running.close();
    await db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchForecastLarge(), null, 2));
}
