// Builds the whole demo tenant in memory from a seed and a clock: pure, no database, so the
// same inputs always give the same rows (only the UUIDv7 ids differ).
import type { Clock } from './demo-calendar.ts';
import type { BuildContext, DemoUser, Row } from './demo-model.ts';
import { Random } from './demo-random.ts';
import { buildAccounts } from './seed-accounts.ts';
import { buildActivities } from './seed-activities.ts';
import { buildContracts } from './seed-contracts.ts';
import { buildLeads } from './seed-leads.ts';
import { buildNotes } from './seed-notes.ts';
import { buildOrg, type DemoOrg } from './seed-org.ts';
import type { DealPast } from './seed-deal-history.ts';
import { buildPipeline } from './seed-pipeline.ts';
import { buildTasks } from './seed-tasks.ts';
import { buildTickets } from './seed-tickets.ts';

export interface DemoRows {
  org: DemoOrg;
  accounts: Row<'accounts'>[];
  contacts: Row<'contacts'>[];
  products: Row<'products'>[];
  leads: Row<'leads'>[];
  opportunities: Row<'opportunities'>[];
  orderLines: Row<'order_lines'>[];
  /** what the deal history needs of each deal's life beyond its row */
  pasts: Map<string, DealPast>;
  contracts: Row<'contracts'>[];
  payments: Row<'payments'>[];
  serviceTickets: Row<'service_tickets'>[];
  activities: Row<'activities'>[];
  tasks: Row<'tasks'>[];
  notes: Row<'notes'>[];
}

export function buildDemo(opts: { tenantId: string; clock: Clock; emailDomain: string; passwordHash: string; seed: number }): DemoRows {
  const { tenantId, clock } = opts;
  const root = new Random(opts.seed);
  const part = (label: string): BuildContext => ({ rng: root.fork(label), clock, tenantId });
  const org = buildOrg(opts);
  const managerByTeam = new Map(org.managers.map((m) => [m.team.id, m]));
  const managerOf = (rep: DemoUser) => managerByTeam.get(rep.team.id) ?? org.executive;
  // customers and leads never share a company name
  const takenNames = new Set<string>();
  const customers = buildAccounts(part('accounts'), org.reps, takenNames);
  const pipeline = buildPipeline(part('pipeline'), customers.accounts);
  const deals = pipeline.opportunities;
  const leads = buildLeads(part('leads'), deals, pipeline.opportunityRows, org.reps, takenNames);
  const { contractRows, paymentRows } = buildContracts(part('contracts'), deals);
  const people = [...org.reps.map((user) => ({ user, manager: managerOf(user) })), ...org.managers.map((user) => ({ user, manager: null }))];
  return {
    org,
    accounts: customers.accountRows,
    contacts: customers.contactRows,
    products: pipeline.productRows,
    leads,
    opportunities: pipeline.opportunityRows,
    orderLines: pipeline.orderLineRows,
    pasts: new Map(deals.map((d) => [d.id, { reachedStage: d.reachedStage, firstClose: d.slippedFrom }])),
    contracts: contractRows,
    payments: paymentRows,
    serviceTickets: buildTickets(part('tickets'), deals),
    activities: buildActivities(part('activities'), deals, customers.accounts, managerOf),
    tasks: buildTasks(part('tasks'), people, deals, customers.accounts),
    notes: buildNotes(part('notes'), customers.accounts, deals),
  };
}
