// Deal-warnings benchmark (BENCH_ONLY=warnings): evaluating every warning for the demo tenant and
// for a tenant with 100,000 open deals (generated once in SQL in the PostgreSQL bench database),
// the first run (which raises what fires) and a steady-state re-run, with the set-based load
// timed apart from the stores. CLI: `node --import tsx bench/warnings.ts`.
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { prepareBenchData } from './bench-db.ts';
import type { Db } from '../src/platform/db/connection.ts';
import { createTenant } from '../src/platform/tenancy/create-tenant.ts';
import { inTenant } from '../src/platform/tenancy/context.ts';
import { systemActor } from '../src/platform/events/dispatcher.ts';
import { seedDemo } from '../src/modules/demo/seed-demo.ts';
import { evaluateWarnings } from '../src/modules/deal-warnings/evaluate-warnings.ts';
import { loadDealFacts } from '../src/modules/deal-warnings/load-deal-facts.ts';
import { loadStageNorms } from '../src/modules/deal-warnings/stage-norms.ts';
import { loadWarningSettings } from '../src/modules/deal-warnings/warning-settings.ts';
import { evaluateDeal } from '../src/modules/deal-warnings/warning-rules.ts';

const BIG_ADMIN = 'warnings.bench.admin2@bench.local';
const OPEN_DEALS = 100_000;
const log = (m: string) => console.error(`bench warnings: ${m}`);
const ms = (t: number) => Math.round(performance.now() - t);

async function timeTenant(db: Db, tenantId: string) {
  const ctx = systemActor(tenantId);
  // read-only: the set-based loads and the pure rules, step by step
  const steps = await inTenant(db.kysely, tenantId, async (trx) => {
    const settings = await loadWarningSettings(trx, tenantId);
    let t = performance.now();
    const norms = await loadStageNorms(trx, tenantId, settings.stallPercentile);
    const normsMs = ms(t);
    t = performance.now();
    const facts = await loadDealFacts(trx, tenantId, {}, settings, new Date());
    const factsMs = ms(t);
    t = performance.now();
    let firing = 0;
    for (const deal of facts) firing += evaluateDeal(deal, { now: new Date(), settings, norms }).filter((o) => o.status === 'fires').length;
    return { deals: facts.length, firing, norms_ms: normsMs, facts_ms: factsMs, rules_ms: ms(t) };
  });
  await db.pool.query(`delete from alerts where tenant_id = $1 and kind like 'deal_warning.%'`, [tenantId]);
  await db.pool.query('delete from deal_warnings where tenant_id = $1', [tenantId]);
  let t = performance.now();
  const first = await inTenant(db.kysely, tenantId, (trx) => evaluateWarnings(trx, ctx));
  const firstMs = ms(t);
  t = performance.now();
  const again = await inTenant(db.kysely, tenantId, (trx) => evaluateWarnings(trx, ctx));
  return { ...steps, first_run: { seconds: firstMs / 1000, ...first }, steady_run: { seconds: ms(t) / 1000, ...again } };
}

export async function benchWarnings() {
  const { db } = await prepareBenchData({ accounts: 0, opportunities: 0, log });
  try {
    let demo = await db.kysely.selectFrom('tenants').select('id').where('slug', '=', 'demo-warnings-bench').executeTakeFirst();
    if (!demo) {
      log('seeding a demo tenant (once; kept in the bench database)');
      demo = { id: (await seedDemo(db.kysely, { tenantName: '演示公司（预警压测）', slug: 'demo-warnings-bench', emailDomain: 'warnings-bench.demo.local' })).tenantId };
    }
    const demoResult = await timeTenant(db, demo.id);
    const existing = await db.kysely.selectFrom('users').select('tenant_id').where('email', '=', BIG_ADMIN).executeTakeFirst();
    const bigId = existing?.tenant_id ?? (await createTenant(db.kysely, { name: '预警压测', adminEmail: BIG_ADMIN, password: 'bench-password-1' })).tenantId;
    await generate(db, bigId);
    const big = await timeTenant(db, bigId);
    return { scenario: 'warnings', demo: demoResult, open_deals_100k: big };
  } finally {
    await db.close();
  }
}

/**
 * 200 reps, 10,000 accounts with a decision maker and two other contacts, 100,000 open deals with
 * touches and some audited changes, made once; a few percent of the deals fire some warning.
 */
async function generate(db: Db, tenantId: string): Promise<void> {
  const have = (await db.pool.query<{ n: number }>('select count(*)::int as n from opportunities where tenant_id = $1', [tenantId])).rows[0].n;
  if (have >= OPEN_DEALS) return;
  log(`generating ${OPEN_DEALS} open deals (once; kept in the bench database)`);
  const t0 = performance.now();
  await db.kysely.transaction().execute(async (trx) => {
    const q = (text: ReturnType<typeof sql>) => text.execute(trx);
    await q(sql`insert into users (id, tenant_id, email, name, role, updated_at)
      select gen_random_uuid(), ${tenantId}, 'warn2.rep' || g || '@bench.local', '销售' || g, 'rep', now() from generate_series(1, 200) g on conflict do nothing`);
    await q(sql`create temp table reps on commit drop as select id, row_number() over (order by email) as n from users where tenant_id = ${tenantId} and role = 'rep'`);
    await q(sql`insert into accounts (id, tenant_id, name, owner_id, custom, updated_at)
      select gen_random_uuid(), ${tenantId}, '预警客户' || lpad(g::text, 5, '0'), (select id from reps where n = 1 + g % 200), '{}', now() from generate_series(1, 10000) g`);
    await q(sql`create temp table accts on commit drop as select id, owner_id, row_number() over (order by name) as n from accounts where tenant_id = ${tenantId}`);
    await q(sql`insert into contacts (id, tenant_id, account_id, name, decision_role, owner_id, custom, updated_at)
      select gen_random_uuid(), ${tenantId}, a.id, r.role || a.n, r.role, a.owner_id, '{}', now() from accts a cross join (values ('decision_maker'), ('influencer'), ('user')) r(role)`);
    await q(sql`insert into opportunities (id, tenant_id, account_id, name, amount_cents, stage, expected_close_date, owner_id, created_at, stage_changed_at, custom, updated_at)
      select gen_random_uuid(), ${tenantId}, a.id, '压测商机' || g, (10000 + (g * 7919) % 990000) * 100,
        (array['lead', 'qualified', 'solution', 'quoted', 'negotiation'])[1 + g % 5], current_date + (g % 120),
        a.owner_id, now() - ((30 + g % 300) || ' days')::interval, now() - ((case when g % 100 = 0 then 60 else g % 28 end) || ' days')::interval, '{}', now()
      from generate_series(1, ${OPEN_DEALS}::int) g join accts a on a.n = 1 + g % 10000`);
    // three touches per deal, the latest with the decision maker; about 1 in 100 deals has gone quiet
    await q(sql`insert into activities (id, tenant_id, type, occurred_at, logged_at, subject, body, account_id, opportunity_id, contact_ids, owner_id, updated_at)
      select gen_random_uuid(), o.tenant_id, 'visit', t.at, t.at, '拜访', case when h % 97 = 0 then '客户提到迈瑞也在报价' end, o.account_id, o.id,
        array[(select k.id from contacts k where k.tenant_id = o.tenant_id and k.account_id = o.account_id and k.decision_role = case when i = 1 then 'decision_maker' else 'influencer' end limit 1)],
        o.owner_id, now()
      from (select o.*, abs(hashtext(o.id::text)) as h from opportunities o where o.tenant_id = ${tenantId}) o
      cross join lateral (select i, now() - (((case when o.h % 100 = 0 then 25 else o.h % 7 end) + (i - 1) * 4) || ' days')::interval as at from generate_series(1, 3) i) t`);
    // some audited close-date pushes and amount cuts (bench data: hashes not chained)
    await q(sql`insert into audit_log (tenant_id, seq, event_id, action, entity, entity_id, before, after, at, prev_hash, hash)
      select o.tenant_id, 1000000 + row_number() over (), gen_random_uuid(), 'opportunity.updated', 'opportunities', o.id,
        case when x % 2 = 0 then jsonb_build_object('expectedCloseDate', to_char(o.expected_close_date - 20 - x, 'YYYY-MM-DD')) else jsonb_build_object('amount', (o.amount_cents * 13 / 1000)::text || '.00') end,
        case when x % 2 = 0 then jsonb_build_object('expectedCloseDate', to_char(o.expected_close_date - x, 'YYYY-MM-DD')) else jsonb_build_object('amount', (o.amount_cents / 100)::text || '.00') end,
        now() - ((5 + x) || ' days')::interval, 'bench', 'bench'
      from (select o.*, abs(hashtext(o.id::text)) % 40 as x from opportunities o where o.tenant_id = ${tenantId}) o where abs(hashtext(o.id::text || 'h')) % 25 = 0`);
    await q(sql`insert into deal_warning_settings (tenant_id, no_activity_days, decision_maker_silent_days, stall_percentile, stall_min_won_deals, stall_fallback_days, close_push_min_count, close_push_lookback_days, amount_cut_min_pct, amount_cut_lookback_days, competitor_lookback_days, competitors)
      values (${tenantId}, 14, 21, 75, 8, 30, 2, 180, 10, 30, 30, ${JSON.stringify([{ name: '迈瑞', aliases: ['Mindray'] }, { name: '联影', aliases: [] }])}) on conflict do nothing`);
  });
  await db.pool.query('analyze');
  log(`generated in ${Math.round((performance.now() - t0) / 1000)} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchWarnings(), null, 2));
}
