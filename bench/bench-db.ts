// Prepares the benchmark database on PostgreSQL: a dedicated database with one tenant holding
// 100,000 accounts and 1,000,000 opportunities, generated in SQL and kept between runs.
import pg from 'pg';
import { openDatabase, type Db } from '../src/platform/db/connection.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { createTenant } from '../src/platform/tenancy/create-tenant.ts';

export const BENCH_DB = 'sightline_bench';
export const BENCH_EMAIL = 'bench.admin@bench.local';
export const BENCH_PASSWORD = 'bench-password-1';

export interface BenchData {
  db: Db;
  url: string;
  tenantId: string;
  accounts: number;
  opportunities: number;
}

export function benchUrl(): string {
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test');
  base.pathname = `/${BENCH_DB}`;
  return base.toString();
}

/** Creates the benchmark database beside DATABASE_URL's (never benchmarks in the test database). */
export async function ensureBenchDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test' });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [BENCH_DB]);
  if (exists.rowCount === 0) await admin.query(`create database ${BENCH_DB}`);
  await admin.end();
  return benchUrl();
}

export async function prepareBenchData(opts: { accounts: number; opportunities: number; log: (m: string) => void }): Promise<BenchData> {
  const url = await ensureBenchDatabase();
  const db = await openDatabase({ databaseUrl: url, poolSize: 4 });
  await migrate(db.pool);
  let tenant = await db.kysely.selectFrom('users').select('tenant_id').where('email', '=', BENCH_EMAIL).executeTakeFirst();
  if (!tenant) {
    const created = await createTenant(db.kysely, { name: '压测租户', adminEmail: BENCH_EMAIL, password: BENCH_PASSWORD });
    tenant = { tenant_id: created.tenantId };
  }
  const tenantId = tenant.tenant_id;
  const count = async (table: 'accounts' | 'opportunities') =>
    Number((await db.pool.query<{ n: number }>(`select count(*)::int as n from ${table} where tenant_id = $1`, [tenantId])).rows[0].n);

  const haveAccounts = await count('accounts');
  const haveOpportunities = await count('opportunities');
  if (haveAccounts < opts.accounts || haveOpportunities < opts.opportunities) {
    opts.log(`generating ${opts.accounts - haveAccounts} accounts and ${opts.opportunities - haveOpportunities} opportunities (once; kept in database ${BENCH_DB})`);
    const t0 = Date.now();
    await db.pool.query(
      `insert into users (id, tenant_id, email, name, role, updated_at)
       select gen_random_uuid(), $1, 'bench.rep' || g || '@bench.local', '销售' || g, 'rep', now()
       from generate_series(1, 50) g on conflict do nothing`,
      [tenantId],
    );
    await db.pool.query(
      `insert into accounts (id, tenant_id, name, industry, region, size, billing_model, owner_id, custom, created_at, updated_at)
       select gen_random_uuid(), $1, '压测客户' || g,
         (array['医疗器械','SaaS软件','工业制造','商贸分销','新能源','生物医药','教育','金融服务'])[1 + g % 8],
         (array['华东','华南','华北','西南','华中'])[1 + g % 5],
         (array['small','medium','large','enterprise'])[1 + g % 4],
         (array['annual','monthly'])[1 + g % 2],
         u.ids[1 + g % array_length(u.ids, 1)],
         '{}', now() - (g % 365) * interval '1 day', now()
       from generate_series($3::int + 1, $2::int) g,
         (select array_agg(id order by email) as ids from users where tenant_id = $1 and role = 'rep') u`,
      [tenantId, opts.accounts, haveAccounts],
    );
    await db.pool.query(
      `with a as (select id, owner_id, row_number() over (order by id) as n from accounts where tenant_id = $1)
       insert into opportunities (id, tenant_id, account_id, name, amount_cents, stage, expected_close_date, forecast_category, owner_id, custom, created_at, updated_at, stage_changed_at)
       select gen_random_uuid(), $1, a.id, '商机' || g, (10000 + (g::bigint * 7919) % 50000000),
         (array['lead','qualified','solution','quoted','negotiation','won','lost'])[1 + g % 7],
         date '2026-01-01' + (g % 540),
         (array['pipeline','best_case','commit','closed','omitted'])[1 + g % 5],
         a.owner_id, '{}', now() - (g % 400) * interval '1 day', now(), now()
       from generate_series($4::int + 1, $2::int) g join a on a.n = 1 + g % $3`,
      [tenantId, opts.opportunities, opts.accounts, haveOpportunities],
    );
    await db.pool.query('analyze accounts; analyze opportunities; analyze users');
    opts.log(`generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  return { db, url, tenantId, accounts: await count('accounts'), opportunities: await count('opportunities') };
}
