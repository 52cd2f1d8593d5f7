// The 18:00 digest for 1,000 reps, offline (no model): a tenant whose reps each logged five
// touches, a note and two tasks that day, digested on the embedded database (PGlite) and on
// PostgreSQL (the bench database, where the tenant is kept for the next run).
import os from 'node:os';
import { openDatabase, type Db } from '../src/platform/db/connection.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { createTenant } from '../src/platform/tenancy/create-tenant.ts';
import { OfflineProvider } from '../src/platform/llm/provider.ts';
import { generateDailyDigests } from '../src/modules/digest/generate-digests.ts';
import { ensureBenchDatabase } from './bench-db.ts';
import { round } from './stats.ts';

const REPS = Number(process.env.BENCH_DIGEST_REPS ?? 1000);
const DATE = '2026-11-20';
const log = (m: string) => process.stderr.write(`[bench:digest] ${m}\n`);

async function seedDay(db: Db, tenantId: string): Promise<void> {
  const q = (text: string, params: unknown[] = [tenantId, DATE]) => db.pool.query(text, params);
  await q(
    `insert into users (id, tenant_id, email, name, role, updated_at)
    select gen_random_uuid(), $1::uuid, 'digest.' || $1::text || '.' || g || '@bench.local', '销售' || g, 'rep', now() from generate_series(1, $2::int) g`,
    [tenantId, REPS],
  );
  await q(
    `insert into accounts (id, tenant_id, name, owner_id, custom, updated_at)
    select gen_random_uuid(), $1, '客户' || u.name, u.id, '{}', now() from users u where u.tenant_id = $1 and u.role = 'rep'`,
    [tenantId],
  );
  await q(`insert into activities (id, tenant_id, type, occurred_at, logged_at, subject, body, mood, account_id, owner_id, updated_at)
    select gen_random_uuid(), $1, (array['visit','call','wechat','email','meeting'])[k],
      ($2::date + make_interval(hours => 8 + k * 2))::timestamp at time zone 'Asia/Shanghai', now(),
      '第' || k || '次跟进' || a.name, '客户关注交付周期和售后。需要技术支持部门提供参数对比表。预算在年底前审批。',
      (array['positive','neutral','hesitant','negative','neutral'])[k], a.id, a.owner_id, now()
    from accounts a cross join generate_series(1, 5) k where a.tenant_id = $1`);
  await q(`insert into notes (id, tenant_id, entity, entity_id, body, author_id, created_at, updated_at)
    select gen_random_uuid(), $1, 'accounts', a.id, '竞品报价比我们低，客户希望下周再谈一次。', a.owner_id,
      ($2::date + interval '17 hours')::timestamp at time zone 'Asia/Shanghai', now()
    from accounts a where a.tenant_id = $1`);
  await q(`insert into tasks (id, tenant_id, title, due_at, owner_id, account_id, updated_at)
    select gen_random_uuid(), $1, (array['发送报价单','安排演示'])[k], ($2::date + k)::timestamp at time zone 'Asia/Shanghai', a.owner_id, a.id, now()
    from accounts a cross join generate_series(1, 2) k where a.tenant_id = $1`);
}

const ADMIN_EMAIL = 'digest.bench.admin@bench.local';

/** The digest tenant, seeded once and kept (removing 1,000 users from the big bench database takes minutes); earlier runs' digests are cleared. */
async function digestTenant(db: Db): Promise<string> {
  const existing = await db.kysely.selectFrom('users').select('tenant_id').where('email', '=', ADMIN_EMAIL).executeTakeFirst();
  if (existing) {
    await db.pool.query('delete from daily_digests where tenant_id = $1', [existing.tenant_id]);
    await db.pool.query("delete from ai_suggestions where tenant_id = $1 and feature = 'daily_digest'", [existing.tenant_id]);
    return existing.tenant_id;
  }
  const { tenantId } = await createTenant(db.kysely, { name: '摘要压测', adminEmail: ADMIN_EMAIL, timeZone: 'Asia/Shanghai' });
  await seedDay(db, tenantId);
  return tenantId;
}

async function digestOn(engine: 'pglite' | 'postgres'): Promise<number> {
  const db = await openDatabase(engine === 'postgres' ? { databaseUrl: await ensureBenchDatabase(), poolSize: 8 } : { dataDir: 'memory://' });
  try {
    await migrate(db.pool);
    const tenantId = await digestTenant(db);
    log(`${engine}: ${REPS} reps with their day; digesting ${DATE}`);
    const t0 = performance.now();
    const run = await generateDailyDigests({ db, llm: new OfflineProvider() }, tenantId, DATE);
    const seconds = round((performance.now() - t0) / 1000);
    if (run.created !== REPS) throw new Error(`expected ${REPS} digests, wrote ${run.created}`);
    log(`${engine}: ${seconds} s`);
    return seconds;
  } finally {
    await db.close();
  }
}

export async function benchDigest() {
  const pglite = await digestOn('pglite');
  const postgres = await digestOn('postgres');
  return {
    scenario: 'digest',
    reps: REPS,
    seconds: Math.max(pglite, postgres),
    engines: { pglite, postgres },
    perRepDay: { touches: 5, notes: 1, tasks: 2 },
    provider: 'offline',
    machine: `${os.cpus().length} cores`,
    targetSeconds: 60,
  };
}
