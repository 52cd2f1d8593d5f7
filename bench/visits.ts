// Fake-visit analysis benchmark: 1,000,000 check-ins (500 reps, 4 visits a day in their own
// territory for 500 days, some planted fakes), generated once in SQL in the PostgreSQL bench
// database, then every rule run over the whole history. CLI: `node --import tsx bench/visits.ts`.
import { pathToFileURL } from 'node:url';
import { prepareBenchData } from './bench-db.ts';
import { createTenant } from '../src/platform/tenancy/create-tenant.ts';
import { inTenant } from '../src/platform/tenancy/context.ts';
import { systemActor } from '../src/platform/events/dispatcher.ts';
import { analyzeVisits } from '../src/modules/visits/analyze-visits.ts';

export interface VisitsBenchResult {
  scenario: 'visits';
  checkins: number;
  seconds: number;
  flags: number;
  byRule: Record<string, number>;
}

const ADMIN_EMAIL = 'visits.bench.admin@bench.local';
const REPS = 500;
const VISITS_PER_REP = 2000;
const log = (m: string) => console.error(`bench visits: ${m}`);

export async function benchVisits(): Promise<VisitsBenchResult> {
  const { db } = await prepareBenchData({ accounts: 0, opportunities: 0, log });
  try {
    const existing = await db.kysely.selectFrom('users').select('tenant_id').where('email', '=', ADMIN_EMAIL).executeTakeFirst();
    const tenantId = existing?.tenant_id ?? (await createTenant(db.kysely, { name: '拜访压测', adminEmail: ADMIN_EMAIL, password: 'bench-password-1' })).tenantId;
    await generate(db.pool, tenantId);
    // each run starts from no flags, so it pays for raising and alerting them
    await db.pool.query(`delete from alerts where tenant_id = $1 and kind = 'visit.fake_suspected'`, [tenantId]);
    await db.pool.query('delete from visit_flags where tenant_id = $1', [tenantId]);

    const started = performance.now();
    const result = await inTenant(db.kysely, tenantId, (trx) => analyzeVisits(trx, systemActor(tenantId), { from: new Date('2000-01-01T00:00:00Z'), to: new Date(), ruleSet: 'all' }));
    const seconds = (performance.now() - started) / 1000;
    const byRule = await db.pool.query<{ rule: string; n: number }>('select rule, count(*)::int as n from visit_flags where tenant_id = $1 group by rule order by rule', [tenantId]);
    return { scenario: 'visits', checkins: result.checkins, seconds: Math.round(seconds * 100) / 100, flags: result.flagsRaised, byRule: Object.fromEntries(byRule.rows.map((r) => [r.rule, r.n])) };
  } finally {
    await db.close();
  }
}

/** Reps, accounts and visits, generated in SQL only when missing. */
async function generate(pool: { query: (text: string, values?: unknown[]) => Promise<{ rows: Array<Record<string, unknown>> }> }, tenantId: string): Promise<void> {
  const have = Number((await pool.query('select count(*)::int as n from visits where tenant_id = $1', [tenantId])).rows[0].n);
  if (have >= REPS * VISITS_PER_REP) return;
  log(`generating ${REPS * VISITS_PER_REP} visits (once; kept in the bench database)`);
  const t0 = Date.now();
  await pool.query('delete from visits where tenant_id = $1', [tenantId]);
  await pool.query(
    `insert into users (id, tenant_id, email, name, role, updated_at)
     select gen_random_uuid(), $1, 'visits.rep' || g || '@bench.local', '外勤' || g, 'rep', now() from generate_series(1, $2::int) g
     on conflict do nothing`,
    [tenantId, REPS],
  );
  // each rep's 10 accounts sit within ~5 km of a territory centre somewhere in the Yangtze delta
  await pool.query(
    `insert into accounts (id, tenant_id, name, lat, lng, custom, updated_at)
     select gen_random_uuid(), $1, '拜访客户' || lpad(g::text, 5, '0'),
       30.7 + (abs(hashtext('c' || (g / 10))) % 10000) / 10000.0 * 1.2 + (abs(hashtext('a' || g)) % 1000 - 500) / 1000.0 * 0.09,
       120.9 + (abs(hashtext('d' || (g / 10))) % 10000) / 10000.0 * 1.2 + (abs(hashtext('b' || g)) % 1000 - 500) / 1000.0 * 0.09,
       '{}', now()
     from generate_series(0, $2::int * 10 - 1) g
     where not exists (select 1 from accounts where tenant_id = $1 and name like '拜访客户%')`,
    [tenantId, REPS],
  );
  // four visits a working slot apart each day; fixes scattered ~30 m around the account with a
  // varying accuracy. Planted: reps 0 mod 50 check in 3 km away on every 100th visit, 1 mod 50
  // report accuracy 0 on every 200th, 2 mod 50 use one mocked position at their first account,
  // 3 mod 50 jump to Beijing once a quarter.
  await pool.query(
    `with reps as (select id, row_number() over (order by email) - 1 as r from users where tenant_id = $1 and email like 'visits.rep%'),
     acc as (select id, lat, lng, row_number() over (order by name) - 1 as n from accounts where tenant_id = $1 and name like '拜访客户%'),
     plan as (
       select reps.id as owner_id, reps.r, k, acc.id as account_id, acc.lat, acc.lng, (k % 10 * 7) % 10 as slot_account,
         timestamptz '2025-07-01 01:00:00+00' + (k / 4) * interval '1 day' + (k % 4) * interval '2 hours' + (abs(hashtext('m' || reps.r || ':' || k)) % 30) * interval '1 minute' as in_at,
         (abs(hashtext('x' || reps.r || ':' || k)) % 10000 - 5000) / 10000.0 * 0.0006 as dlat,
         (abs(hashtext('y' || reps.r || ':' || k)) % 10000 - 5000) / 10000.0 * 0.0006 as dlng,
         5 + (abs(hashtext('q' || reps.r || ':' || k)) % 3500) / 100.0 as accuracy
       from reps cross join generate_series(0, $2::int - 1) k
       join acc on acc.n = reps.r * 10 + (k * 7) % 10
     )
     insert into visits (id, tenant_id, owner_id, account_id, account_lat, account_lng, in_at, in_lat, in_lng, in_accuracy_m, out_at, out_lat, out_lng, out_accuracy_m, updated_at)
     select gen_random_uuid(), $1, owner_id, account_id, lat, lng, in_at,
       case when r % 50 = 3 and k % 500 = 250 then 39.9042 + dlat when r % 50 = 2 and slot_account = 0 then round(lat::numeric, 6)::float8 when r % 50 = 0 and k % 100 = 50 then lat + 0.03 + dlat else lat + dlat end,
       case when r % 50 = 3 and k % 500 = 250 then 116.4074 + dlng when r % 50 = 2 and slot_account = 0 then round(lng::numeric, 6)::float8 + 0.0000013 else lng + dlng end,
       case when r % 50 = 1 and k % 200 = 100 then 0 else accuracy end,
       in_at + (40 + abs(hashtext('o' || r || ':' || k)) % 30) * interval '1 minute',
       lat + dlat * 0.9, lng + dlng * 1.1, accuracy + 1.5, now()
     from plan`,
    [tenantId, VISITS_PER_REP],
  );
  await pool.query('analyze visits; analyze accounts; analyze users');
  log(`generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchVisits(), null, 2));
}
