// Gate check on a stage move at the service layer, on PostgreSQL (the bench database; the
// tenant is kept): 1,000 moves 方案 → 已报价 through moveStage, each in its own tenant
// transaction as a request would make it, refused by the gate (deals without evidence: the
// check is all the work) and accepted (deals with evidence: the check plus the write, its
// event and audit entry, and the commit).
import os from 'node:os';
import { openDatabase, type Db } from '../src/platform/db/connection.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { createTenant } from '../src/platform/tenancy/create-tenant.ts';
import { inTenant, type RequestContext } from '../src/platform/tenancy/context.ts';
import { moveStage } from '../src/modules/pipeline/move-stage.ts';
import { AppError } from '../src/platform/http/errors.ts';
import { ensureBenchDatabase } from './bench-db.ts';
import { summarize, timeMany } from './stats.ts';

const MOVES = Number(process.env.BENCH_GATES_MOVES ?? 1000);
const WARMUP = 20;
const ADMIN_EMAIL = 'gates.bench.admin@bench.local';
const log = (m: string) => process.stderr.write(`[bench:gates] ${m}\n`);

const PER_KIND = MOVES + WARMUP;

/** the bench tenant with PER_KIND deals carrying the default gate's documents and PER_KIND without, all put back in solution */
async function gatesTenant(db: Db): Promise<{ tenantId: string; adminId: string; withEvidence: string[]; without: string[] }> {
  const existing = await db.kysely.selectFrom('users').select(['tenant_id', 'id']).where('email', '=', ADMIN_EMAIL).executeTakeFirst();
  const { tenantId, adminId } = existing ? { tenantId: existing.tenant_id, adminId: existing.id } : await createTenant(db.kysely, { name: '阶段门压测', adminEmail: ADMIN_EMAIL });
  const q = (text: string, params: unknown[] = [tenantId]) => db.pool.query(text, params);
  await q(`insert into accounts (id, tenant_id, name, owner_id, custom, updated_at)
    select gen_random_uuid(), $1, '阶段门客户', $2, '{}', now() where not exists (select 1 from accounts where tenant_id = $1)`, [tenantId, adminId]);
  for (const kind of ['有证据', '无证据']) {
    await q(
      `insert into opportunities (id, tenant_id, account_id, name, amount_cents, stage, forecast_category, owner_id, custom, created_at, updated_at, stage_changed_at)
      select gen_random_uuid(), $1, (select id from accounts where tenant_id = $1 limit 1), $4 || g, 88000000, 'solution', 'pipeline', $2, '{}', now(), now(), now()
      from generate_series((select count(*) from opportunities where tenant_id = $1 and name like $4 || '%') + 1, $3::int) g`,
      [tenantId, adminId, PER_KIND, `阶段门${kind}`],
    );
  }
  await q(`insert into attachments (id, tenant_id, entity, entity_id, document_type, filename, content_type, size_bytes, sha256, storage_key)
    select gen_random_uuid(), $1, 'opportunities', o.id, d, d || '.pdf', 'application/pdf', 1024, repeat('0', 64), 'bench/' || o.id || '/' || d
    from opportunities o cross join unnest(array['price_comparison', 'tech_comparison', 'reference_case']) d
    where o.tenant_id = $1 and o.name like '阶段门有证据%' and not exists (select 1 from attachments a where a.tenant_id = $1 and a.entity_id = o.id)`);
  await q(`update opportunities set stage = 'solution', closed_at = null, forecast_category = 'pipeline' where tenant_id = $1`);
  const ids = async (prefix: string) =>
    (await db.kysely.selectFrom('opportunities').select('id').where('tenant_id', '=', tenantId).where('name', 'like', `${prefix}%`).orderBy('id').limit(PER_KIND).execute()).map((d) => d.id);
  return { tenantId, adminId, withEvidence: await ids('阶段门有证据'), without: await ids('阶段门无证据') };
}

export async function benchGates() {
  const db = await openDatabase({ databaseUrl: await ensureBenchDatabase(), poolSize: 4 });
  try {
    await migrate(db.pool);
    const { tenantId, adminId, withEvidence, without } = await gatesTenant(db);
    const ctx: RequestContext = { tenantId, actor: { userId: adminId, role: 'admin', teamId: null } };
    const timeMoves = (deals: string[], expect: 'gate_failed' | 'quoted') => {
      let next = 0;
      return timeMany(MOVES, WARMUP, async () => {
        let outcome: string;
        try {
          outcome = String((await inTenant(db.kysely, tenantId, (trx) => moveStage(trx, ctx, deals[next++], 'quoted', '压测'))).stage);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          outcome = err.code;
        }
        if (outcome !== expect) throw new Error(`expected ${expect}, got ${outcome}`);
      });
    };
    log(`${MOVES} moves solution → quoted refused by the default gate, then ${MOVES} accepted`);
    const refused = summarize(await timeMoves(without, 'gate_failed'));
    const accepted = summarize(await timeMoves(withEvidence, 'quoted'));
    return {
      scenario: 'gates',
      moves: MOVES,
      p50_ms: refused.p50_ms,
      p99_ms: refused.p99_ms,
      target_p99_ms: 5,
      measured: 'gate check: a move refused by its gate (fetch and lock the deal, tenant rules, evidence) in its own transaction',
      accepted_move: { p50_ms: accepted.p50_ms, p99_ms: accepted.p99_ms, max_ms: accepted.max_ms, measured: 'gate check, update, event, audit entry, commit' },
      engine: 'postgres',
      machine: `${os.cpus().length} cores`,
    };
  } finally {
    await db.close();
  }
}
