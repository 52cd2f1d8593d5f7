// The demo tenant: a deterministic (seeded random), realistic Chinese B2B sales organisation
// with twelve months of history, built in memory and written with bulk inserts in one transaction.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { createTenant } from '../../platform/tenancy/create-tenant.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { addMonths, makeClock } from './demo-calendar.ts';
import { insertRows } from './demo-insert.ts';
import { buildDemo } from './build-demo.ts';
import { seedDealEvidence } from '../deal-evidence/seed-deal-evidence.ts';
import { seedDealHistory } from './seed-deal-history.ts';
import { seedWarningShowcase } from './seed-warning-showcase.ts';

export const DEMO_PASSWORD = 'sightline-demo';
export const DEMO_LOGINS = ['admin@demo.local', 'exec@demo.local', 'manager.east@demo.local', 'rep.east1@demo.local'];
const DEMO_SEED = 20261122;

export interface SeedOptions {
  log?: (message: string) => void;
  /** defaults make the real demo; tests pass their own to seed twice into one database */
  tenantName?: string;
  slug?: string;
  emailDomain?: string;
  /** the moment the twelve months of history end; fixed in tests so two seeds match */
  now?: Date;
  seed?: number;
}

export type SeedCounts = Record<'teams' | 'users' | 'accounts' | 'contacts' | 'products' | 'leads' | 'opportunities' | 'orderLines' | 'contracts' | 'payments' | 'serviceTickets' | 'activities' | 'tasks' | 'notes', number>;

export interface SeededDemo {
  tenantId: string;
  counts: SeedCounts;
  milliseconds: number;
}

export async function seedDemo(db: Kysely<Database>, opts: SeedOptions = {}): Promise<SeededDemo> {
  const log = opts.log ?? (() => undefined);
  const started = performance.now();
  const emailDomain = opts.emailDomain ?? 'demo.local';
  const { tenantId, adminId } = await createTenant(db, {
    name: opts.tenantName ?? '演示公司 Demo Co.',
    adminEmail: `admin@${emailDomain}`,
    adminName: '系统管理员',
    password: DEMO_PASSWORD,
    slug: opts.slug ?? 'demo',
  });
  try {
    const seeded = await buildAndInsert(db, { tenantId, adminId, emailDomain, opts, log });
    const milliseconds = Math.round(performance.now() - started);
    log(`demo tenant seeded in ${milliseconds} ms: ${Object.entries(seeded).map(([k, v]) => `${v} ${k}`).join(', ')}`);
    return { tenantId, counts: seeded, milliseconds };
  } catch (err) {
    // nothing but the empty tenant exists at this point: the inserts ran in one transaction
    await db.deleteFrom('tenants').where('id', '=', tenantId).execute();
    throw err;
  }
}

interface SeedTarget {
  tenantId: string;
  adminId: string;
  emailDomain: string;
  opts: SeedOptions;
  log: (message: string) => void;
}

async function buildAndInsert(db: Kysely<Database>, { tenantId, adminId, emailDomain, opts, log }: SeedTarget): Promise<SeedCounts> {
  const started = performance.now();
  // everyone shares the admin's password: reuse its hash instead of paying for argon2 again
  const admin = await db.selectFrom('users').select('password_hash').where('id', '=', adminId).executeTakeFirstOrThrow();
  const passwordHash = admin.password_hash ?? (await hashPassword(DEMO_PASSWORD));
  const clock = makeClock(opts.now ?? new Date());
  const demo = buildDemo({ tenantId, clock, emailDomain, passwordHash, seed: opts.seed ?? DEMO_SEED });
  const { org } = demo;
  log(`demo data built in memory (${Math.round(performance.now() - started)} ms)`);

  return inTenant(db, tenantId, async (trx): Promise<SeedCounts> => {
    const teams = await insertRows(trx, 'teams', org.teamRows);
    const users = await insertRows(trx, 'users', org.userRows);
    for (const team of [org.company, ...org.teams]) await trx.updateTable('teams').set({ manager_id: team.managerId }).where('tenant_id', '=', tenantId).where('id', '=', team.id).execute();
    await trx.updateTable('users').set({ team_id: org.company.id, hired_on: addMonths(clock.today, -96) }).where('tenant_id', '=', tenantId).where('id', '=', adminId).execute();
    // parents before children: leads before the deals that name them, deals before their lines and touches
    const seeded: SeedCounts = {
      teams,
      users: users + 1,
      accounts: await insertRows(trx, 'accounts', demo.accounts),
      contacts: await insertRows(trx, 'contacts', demo.contacts),
      products: await insertRows(trx, 'products', demo.products),
      leads: await insertRows(trx, 'leads', demo.leads),
      opportunities: await insertRows(trx, 'opportunities', demo.opportunities),
      orderLines: await insertRows(trx, 'order_lines', demo.orderLines),
      contracts: await insertRows(trx, 'contracts', demo.contracts),
      payments: await insertRows(trx, 'payments', demo.payments),
      serviceTickets: await insertRows(trx, 'service_tickets', demo.serviceTickets),
      activities: await insertRows(trx, 'activities', demo.activities),
      tasks: await insertRows(trx, 'tasks', demo.tasks),
      notes: await insertRows(trx, 'notes', demo.notes),
    };
    log(`deal evidence seeded: ${JSON.stringify(await seedDealEvidence(trx, { tenantId, now: clock.now }))}`);
    const showcase = await seedWarningShowcase(trx, tenantId, clock);
    seeded.accounts += showcase.accountsAdded;
    const pastChanges = await seedDealHistory(trx, tenantId, [...demo.opportunities, ...showcase.deals], clock.now, opts.seed ?? DEMO_SEED, { scripted: showcase.scripted, pasts: demo.pasts });
    log(`deal history: ${pastChanges} past changes; ${showcase.deals.length} deals showing the named warnings`);
    await recordEvent(trx, { tenantId, actor: { userId: adminId, role: 'admin', teamId: org.company.id } }, { type: 'demo.seeded', entity: 'tenants', entityId: tenantId, after: seeded, payload: { counts: seeded } });
    return seeded;
  });
}
