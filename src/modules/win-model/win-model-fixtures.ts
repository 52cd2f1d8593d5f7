// Test factories for the win model: deals with a past (stage moves in the audit log, touches,
// the account's decision chain) inserted in bulk, and a tenant's closed history with a signal
// (deals that were touched often and reached the decision maker won more often).
import type { Insertable } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { newId } from '../../platform/ids.ts';
import type { TestServer } from '../../testing/harness.ts';
import { backfillHistory, type PastChange } from '../../platform/events/backfill-history.ts';
import { OPEN_STAGE_ORDER } from './deal-features.ts';

const DAY = 86_400_000;

export interface PastDeal {
  ownerId: string;
  createdAt: Date;
  /** the stages walked after 'lead', with when; a final 'won'/'lost' closes the deal */
  moves: { at: Date; to: string }[];
  amountYuan?: number;
  touches?: Date[];
  /** touches that include the account's decision maker */
  decisionMakerTouches?: Date[];
  decisionMaker?: boolean;
  industry?: string;
  expectedCloseDate?: string | null;
}

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

export function winFixtures(server: TestServer, tenantId: string) {
  const run = <T>(fn: Parameters<typeof inTenant<T>>[2]) => inTenant(server.db.kysely, tenantId, fn);

  async function deals(list: PastDeal[]): Promise<string[]> {
    const accounts: Insertable<Database['accounts']>[] = [];
    const contacts: Insertable<Database['contacts']>[] = [];
    const opportunities: Insertable<Database['opportunities']>[] = [];
    const activities: Insertable<Database['activities']>[] = [];
    const changes: PastChange[] = [];
    const ids: string[] = [];
    for (const d of list) {
      const accountId = newId();
      const id = newId();
      ids.push(id);
      accounts.push({ id: accountId, tenant_id: tenantId, name: `客户${id.slice(-6)}`, industry: d.industry ?? '医疗器械', size: 'medium', region: '华东', custom: '{}', created_at: new Date(d.createdAt.getTime() - 30 * DAY), updated_at: d.createdAt });
      const contactId = newId();
      contacts.push({ id: contactId, tenant_id: tenantId, account_id: accountId, name: '联系人', decision_role: d.decisionMaker ? 'decision_maker' : 'user', custom: '{}', created_at: new Date(d.createdAt.getTime() - 10 * DAY), updated_at: d.createdAt });
      let stage = 'lead';
      for (const m of d.moves) {
        changes.push({ at: m.at, action: 'opportunity.stage_changed', entity: 'opportunities', entityId: id, actorId: d.ownerId, before: { stage }, after: { stage: m.to } });
        stage = m.to;
      }
      const last = d.moves.at(-1);
      const closed = stage === 'won' || stage === 'lost';
      opportunities.push({
        id,
        tenant_id: tenantId,
        account_id: accountId,
        name: `商机${id.slice(-6)}`,
        amount_cents: Math.round((d.amountYuan ?? 100_000) * 100),
        stage,
        expected_close_date: d.expectedCloseDate === undefined ? new Date(d.createdAt.getTime() + 90 * DAY).toISOString().slice(0, 10) : d.expectedCloseDate,
        owner_id: d.ownerId,
        stage_changed_at: last?.at ?? d.createdAt,
        closed_at: closed ? (last?.at ?? null) : null,
        forecast_category: stage === 'won' ? 'closed' : stage === 'lost' ? 'omitted' : 'pipeline',
        custom: '{}',
        created_at: d.createdAt,
        updated_at: last?.at ?? d.createdAt,
      });
      const touch = (at: Date, withDm: boolean) =>
        activities.push({ id: newId(), tenant_id: tenantId, type: 'visit', occurred_at: at, logged_at: at, subject: '拜访客户', body: null, mood: null, account_id: accountId, opportunity_id: id, contact_ids: withDm ? [contactId] : [], owner_id: d.ownerId, created_at: at, updated_at: at });
      for (const at of d.touches ?? []) touch(at, false);
      for (const at of d.decisionMakerTouches ?? []) touch(at, true);
    }
    await run(async (trx) => {
      for (let i = 0; i < list.length; i += 500) {
        await trx.insertInto('accounts').values(accounts.slice(i, i + 500)).execute();
        await trx.insertInto('contacts').values(contacts.slice(i, i + 500)).execute();
        await trx.insertInto('opportunities').values(opportunities.slice(i, i + 500)).execute();
      }
      for (let i = 0; i < activities.length; i += 1000) await trx.insertInto('activities').values(activities.slice(i, i + 1000)).execute();
      await backfillHistory(trx, tenantId, changes);
    });
    return ids;
  }

  /** `n` closed deals over the past year: winners were touched often and met the decision maker, with some noise. */
  function closedHistory(n: number, ownerId: string, seed = 7, now = new Date()): PastDeal[] {
    const random = lcg(seed);
    return Array.from({ length: n }, (_, i) => {
      const won = i % 2 === 0;
      const engaged = random() < (won ? 0.8 : 0.25);
      const createdAt = new Date(now.getTime() - (100 + random() * 250) * DAY);
      const cycle = 40 + random() * 50;
      const closedAt = new Date(createdAt.getTime() + cycle * DAY);
      // losses happen at every stage, late ones too
      const reached = won ? 4 : Math.floor(random() * 5);
      const moves: PastDeal['moves'] = OPEN_STAGE_ORDER.slice(1, reached + 1).map((to, k) => ({ at: new Date(createdAt.getTime() + ((k + 1) / (reached + 2)) * cycle * DAY), to }));
      moves.push({ at: closedAt, to: won ? 'won' : 'lost' });
      const count = engaged ? 6 + Math.floor(random() * 6) : Math.floor(random() * 3);
      const touches = Array.from({ length: count }, () => new Date(closedAt.getTime() - (15 + random() * 40) * DAY)).filter((t) => t > createdAt);
      return { ownerId, createdAt, moves, touches, decisionMaker: engaged, decisionMakerTouches: engaged ? [new Date(closedAt.getTime() - 20 * DAY)] : [], amountYuan: 50_000 + Math.round(random() * 200_000) };
    });
  }

  return { deals, closedHistory };
}
