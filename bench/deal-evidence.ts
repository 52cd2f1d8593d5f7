// Credibility at forecast scale, on PostgreSQL (the bench database; the tenant is kept): a tenant
// with 20,000 deals, most proven along the four evidence stages by their own activities and a
// share of them committed past their close date; times loadCredibility() for 10,000 deals (what
// a roll-up asks for), the decay board's first page and count, and the daily decay run.
import { openDatabase, type Db } from '../src/platform/db/connection.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { createTenant } from '../src/platform/tenancy/create-tenant.ts';
import { inTenant, type RequestContext } from '../src/platform/tenancy/context.ts';
import { loadCredibility } from '../src/modules/deal-evidence/credibility.ts';
import { decayBoard } from '../src/modules/deal-evidence/decay-board.ts';
import { runDecay } from '../src/modules/deal-evidence/run-decay.ts';
import { ensureBenchDatabase } from './bench-db.ts';
import { round, summarize, timeMany } from './stats.ts';

const DEALS = Number(process.env.BENCH_EVIDENCE_DEALS ?? 20_000);
const ASK = Math.min(DEALS, 10_000);
const ADMIN_EMAIL = 'evidence.bench.admin@bench.local';
const log = (m: string) => process.stderr.write(`[bench:deal-evidence] ${m}\n`);

async function evidenceTenant(db: Db): Promise<{ tenantId: string; adminId: string }> {
  const existing = await db.kysely.selectFrom('users').select(['tenant_id', 'id']).where('email', '=', ADMIN_EMAIL).executeTakeFirst();
  const { tenantId, adminId } = existing ? { tenantId: existing.tenant_id, adminId: existing.id } : await createTenant(db.kysely, { name: '证据压测', adminEmail: ADMIN_EMAIL });
  const have = Number((await db.pool.query<{ n: number }>('select count(*)::int as n from opportunities where tenant_id = $1', [tenantId])).rows[0].n);
  if (have >= DEALS) {
    await db.pool.query('analyze deal_evidence');
    return { tenantId, adminId };
  }
  log(`generating ${DEALS - have} deals with activities and proofs (once)`);
  // the counts are numbers we made, inlined; the ids go as parameters ($2 only where used)
  const q = (text: string) => {
    const sqlText = text.replaceAll('$3::int', String(DEALS)).replaceAll('$4::int', String(have));
    return db.pool.query(sqlText, sqlText.includes('$2') ? [tenantId, adminId] : [tenantId]);
  };
  await q(`insert into accounts (id, tenant_id, name, industry, size, owner_id, custom, updated_at)
    select gen_random_uuid(), $1, '证据客户' || g, (array['medical','saas','manufacturing'])[1 + g % 3], (array['small','large'])[1 + g % 2], $2, '{}', now()
    from generate_series(1, 500) g where $4::int = 0`);
  await q(`insert into contacts (id, tenant_id, account_id, name, decision_role, custom, updated_at)
    select gen_random_uuid(), $1, a.id, '决策人', 'decision_maker', '{}', now() from accounts a where a.tenant_id = $1 and $4::int = 0`);
  await q(`with a as (select id, row_number() over (order by id) as n from accounts where tenant_id = $1)
    insert into opportunities (id, tenant_id, account_id, name, amount_cents, stage, expected_close_date, forecast_category, owner_id, custom, created_at, updated_at, stage_changed_at)
    select gen_random_uuid(), $1, a.id, '证据商机' || g, 100000 + (g * 7919) % 90000000, (array['solution','quoted','negotiation'])[1 + g % 3],
      current_date - 30 + (g % 60), (array['pipeline','best_case','commit','commit'])[1 + g % 4], $2, '{}', now() - interval '120 days', now() - interval '60 days', now() - interval '60 days'
    from generate_series($4::int + 1, $3::int) g join a on a.n = 1 + g % 500`);
  await q(`insert into activities (id, tenant_id, type, occurred_at, logged_at, subject, opportunity_id, account_id, contact_ids, owner_id, updated_at)
    select gen_random_uuid(), $1, 'meeting', now() - (100 - k * 20) * interval '1 day', now(), '跟进' || k, o.id, o.account_id, '{}', $2, now()
    from opportunities o cross join generate_series(1, 4) k where o.tenant_id = $1 and not exists (select 1 from activities x where x.tenant_id = $1 and x.opportunity_id = o.id)`);
  await q(`insert into deal_evidence (id, tenant_id, opportunity_id, stage, activity_id, signer_contact_id, added_by, created_at)
    select gen_random_uuid(), $1, x.opportunity_id, (array['lead','solution_confirmed','commercial_agreed','legal_closed'])[r.k], x.id,
      case when r.k = 4 then (select c.id from contacts c where c.tenant_id = $1 and c.account_id = x.account_id limit 1) end, $2, x.occurred_at + interval '1 hour'
    from (select x.*, row_number() over (partition by x.opportunity_id order by x.occurred_at) as k from activities x where x.tenant_id = $1) x
    cross join lateral (select x.k) r
    where r.k <= 1 + abs(hashtext(x.opportunity_id::text)) % 4 and not exists (select 1 from deal_evidence e where e.tenant_id = $1 and e.opportunity_id = x.opportunity_id)`);
  await db.pool.query('analyze');
  return { tenantId, adminId };
}

export async function benchDealEvidence() {
  const db = await openDatabase({ databaseUrl: await ensureBenchDatabase(), poolSize: 4 });
  try {
    await migrate(db.pool);
    const { tenantId, adminId } = await evidenceTenant(db);
    const ctx: RequestContext = { tenantId, actor: { userId: adminId, role: 'admin', teamId: null } };
    const ids = (await db.kysely.selectFrom('opportunities').select('id').where('tenant_id', '=', tenantId).orderBy('id').limit(ASK).execute()).map((r) => r.id);
    let weighted = 0;
    const credibility = await timeMany(5, 1, async () => {
      const map = await inTenant(db.kysely, tenantId, (trx) => loadCredibility(trx, tenantId, ids, new Date()));
      weighted = [...map.values()].filter((c) => c.weight !== null).length;
    });
    let decayedTotal = 0;
    const board = await timeMany(20, 2, async () => {
      decayedTotal = (await inTenant(db.kysely, tenantId, (trx) => decayBoard(trx, ctx, { limit: 50 }))).total.deals;
    });
    const t0 = performance.now();
    const run = await runDecay(db, tenantId, new Date());
    const runMs = performance.now() - t0;
    return { deals: DEALS, credibility_for: ids.length, with_weight: weighted, load_credibility: summarize(credibility), decay_board_page: summarize(board), decayed_commits: decayedTotal, decay_run_ms: round(runMs), decay_run: run };
  } finally {
    await db.close();
  }
}
