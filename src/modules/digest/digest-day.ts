// What a digest is built from: each seller's touches, notes and tasks of one tenant-local day,
// loaded for all of a tenant's sellers at once (three queries, not three per person).
import { sql } from 'kysely';
import type { Tx } from '../../platform/tenancy/context.ts';

export interface DayTouch {
  id: string;
  type: string;
  occurredAt: Date;
  subject: string;
  body: string | null;
  mood: string | null;
  accountName: string | null;
  opportunityName: string | null;
}
export interface DayNote {
  id: string;
  body: string;
}
export interface DayTask {
  id: string;
  title: string;
  dueAt: Date | null;
  status: string;
  /** completed within the day */
  done: boolean;
}

export interface Seller {
  id: string;
  name: string;
  role: 'rep' | 'manager';
  teamId: string | null;
  locale: string;
}

export interface SellerDay {
  seller: Seller;
  timeZone: string;
  touches: DayTouch[];
  notes: DayNote[];
  /** open tasks due by the end of the next day (overdue ones included), and tasks completed this day */
  tasks: DayTask[];
}

export interface DayWindow {
  timeZone: string;
  start: Date;
  end: Date;
}

/** [00:00, 24:00) of the local date in the tenant's time zone, computed by the database. */
export async function tenantDayWindow(trx: Tx, tenantId: string, localDate: string): Promise<DayWindow> {
  const { rows } = await sql<{ time_zone: string; start: Date; end: Date }>`
    select time_zone,
      (${localDate}::date)::timestamp at time zone time_zone as start,
      (${localDate}::date + 1)::timestamp at time zone time_zone as end
    from tenants where id = ${tenantId}`.execute(trx);
  if (!rows[0]) throw new Error(`Tenant ${tenantId} does not exist.`);
  return { timeZone: rows[0].time_zone, start: rows[0].start, end: rows[0].end };
}

/** Active reps and managers of the tenant: the people a digest is written for. */
export function loadSellers(trx: Tx, tenantId: string): Promise<Seller[]> {
  return trx
    .selectFrom('users')
    .select(['id', 'name', 'role', 'team_id as teamId', 'locale'])
    .where('tenant_id', '=', tenantId)
    .where('active', '=', true)
    .where('role', 'in', ['rep', 'manager'])
    .orderBy('id')
    .execute() as Promise<Seller[]>;
}

const group = <T>(rows: (T & { ownerId: string | null })[]) => {
  const out = new Map<string, T[]>();
  for (const { ownerId, ...rest } of rows) {
    if (!ownerId) continue;
    const list = out.get(ownerId) ?? [];
    list.push(rest as T);
    out.set(ownerId, list);
  }
  return out;
};

/** The day of each given seller; sellers with nothing recorded are left out. */
export async function loadSellerDays(trx: Tx, tenantId: string, window: DayWindow, sellers: Seller[]): Promise<SellerDay[]> {
  if (sellers.length === 0) return [];
  const ids = sellers.map((s) => s.id);
  const touches = await trx
    .selectFrom('activities as a')
    .leftJoin('accounts as ac', (j) => j.onRef('ac.id', '=', 'a.account_id').onRef('ac.tenant_id', '=', 'a.tenant_id'))
    .leftJoin('opportunities as o', (j) => j.onRef('o.id', '=', 'a.opportunity_id').onRef('o.tenant_id', '=', 'a.tenant_id'))
    .select(['a.id', 'a.owner_id as ownerId', 'a.type', 'a.occurred_at as occurredAt', 'a.subject', 'a.body', 'a.mood', 'ac.name as accountName', 'o.name as opportunityName'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.owner_id', 'in', ids)
    .where('a.occurred_at', '>=', window.start)
    .where('a.occurred_at', '<', window.end)
    .orderBy('a.occurred_at')
    .orderBy('a.id')
    .execute();
  const notes = await trx
    .selectFrom('notes')
    .select(['id', 'author_id as ownerId', 'body'])
    .where('tenant_id', '=', tenantId)
    .where('author_id', 'in', ids)
    .where('created_at', '>=', window.start)
    .where('created_at', '<', window.end)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const dueBy = new Date(window.end.getTime() + 24 * 3600_000);
  const tasks = await trx
    .selectFrom('tasks')
    .select(['id', 'owner_id as ownerId', 'title', 'due_at as dueAt', 'status', sql<boolean>`status = 'done' and completed_at >= ${window.start} and completed_at < ${window.end}`.as('done')])
    .where('tenant_id', '=', tenantId)
    .where('owner_id', 'in', ids)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'open'), eb('due_at', '<', dueBy)]),
        eb.and([eb('status', '=', 'done'), eb('completed_at', '>=', window.start), eb('completed_at', '<', window.end)]),
      ]),
    )
    .orderBy('due_at')
    .orderBy('id')
    .execute();
  const byTouch = group<DayTouch>(touches);
  const byNote = group<DayNote>(notes);
  const byTask = group<DayTask>(tasks);
  return sellers
    .map((seller) => ({ seller, timeZone: window.timeZone, touches: byTouch.get(seller.id) ?? [], notes: byNote.get(seller.id) ?? [], tasks: byTask.get(seller.id) ?? [] }))
    .filter((d) => d.touches.length + d.notes.length + d.tasks.length > 0);
}
