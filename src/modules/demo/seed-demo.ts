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
import type { BuildContext, DemoUser } from './demo-model.ts';
import { Random } from './demo-random.ts';
import { buildAccounts } from './seed-accounts.ts';
import { buildActivities } from './seed-activities.ts';
import { buildContracts } from './seed-contracts.ts';
import { buildLeads } from './seed-leads.ts';
import { buildNotes } from './seed-notes.ts';
import { buildOrg } from './seed-org.ts';
import { buildPipeline } from './seed-pipeline.ts';
import { buildTasks } from './seed-tasks.ts';
import { buildTickets } from './seed-tickets.ts';

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
  // everyone shares the admin's password: reuse its hash instead of paying for argon2 again
  const admin = await db.selectFrom('users').select('password_hash').where('id', '=', adminId).executeTakeFirstOrThrow();
  const passwordHash = admin.password_hash ?? (await hashPassword(DEMO_PASSWORD));
  const root = new Random(opts.seed ?? DEMO_SEED);
  const clock = makeClock(opts.now ?? new Date());
  const part = (label: string): BuildContext => ({ rng: root.fork(label), clock, tenantId });

  const org = buildOrg({ tenantId, clock, emailDomain, passwordHash });
  const managerByTeam = new Map(org.managers.map((m) => [m.team.id, m]));
  const managerOf = (rep: DemoUser) => managerByTeam.get(rep.team.id) ?? org.executive;
  const takenNames = new Set<string>();
  const customers = buildAccounts(part('accounts'), org.reps, takenNames);
  const pipeline = buildPipeline(part('pipeline'), customers.accounts);
  const deals = pipeline.opportunities;
  const leadRows = buildLeads(part('leads'), deals, pipeline.opportunityRows, org.reps, takenNames);
  const { contractRows, paymentRows } = buildContracts(part('contracts'), deals);
  const ticketRows = buildTickets(part('tickets'), deals);
  const activityRows = buildActivities(part('activities'), deals, customers.accounts, managerOf);
  const people = [...org.reps.map((user) => ({ user, manager: managerOf(user) })), ...org.managers.map((user) => ({ user, manager: null }))];
  const taskRows = buildTasks(part('tasks'), people, deals, customers.accounts);
  const noteRows = buildNotes(part('notes'), customers.accounts, deals);
  log(`demo data built in memory (${Math.round(performance.now() - started)} ms)`);

  try {
    const counts = await inTenant(db, tenantId, async (trx): Promise<SeedCounts> => {
      const teams = await insertRows(trx, 'teams', org.teamRows);
      const users = await insertRows(trx, 'users', org.userRows);
      for (const team of [org.company, ...org.teams]) await trx.updateTable('teams').set({ manager_id: team.managerId }).where('tenant_id', '=', tenantId).where('id', '=', team.id).execute();
      await trx.updateTable('users').set({ team_id: org.company.id, hired_on: addMonths(clock.today, -96) }).where('tenant_id', '=', tenantId).where('id', '=', adminId).execute();
      const seeded: SeedCounts = {
        teams,
        users: users + 1,
        accounts: await insertRows(trx, 'accounts', customers.accountRows),
        contacts: await insertRows(trx, 'contacts', customers.contactRows),
        products: await insertRows(trx, 'products', pipeline.productRows),
        leads: await insertRows(trx, 'leads', leadRows),
        opportunities: await insertRows(trx, 'opportunities', pipeline.opportunityRows),
        orderLines: await insertRows(trx, 'order_lines', pipeline.orderLineRows),
        contracts: await insertRows(trx, 'contracts', contractRows),
        payments: await insertRows(trx, 'payments', paymentRows),
        serviceTickets: await insertRows(trx, 'service_tickets', ticketRows),
        activities: await insertRows(trx, 'activities', activityRows),
        tasks: await insertRows(trx, 'tasks', taskRows),
        notes: await insertRows(trx, 'notes', noteRows),
      };
      await recordEvent(trx, { tenantId, actor: { userId: adminId, role: 'admin', teamId: org.company.id } }, { type: 'demo.seeded', entity: 'tenants', entityId: tenantId, after: seeded, payload: { counts: seeded } });
      return seeded;
    });
    const milliseconds = Math.round(performance.now() - started);
    log(`demo tenant seeded in ${milliseconds} ms: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);
    return { tenantId, counts, milliseconds };
  } catch (err) {
    await db.deleteFrom('tenants').where('id', '=', tenantId).execute();
    throw err;
  }
}
