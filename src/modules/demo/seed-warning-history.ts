// The demo's deal histories and its warning showcase, drawn from their own random stream so the
// rest of the demo does not change: every deal's stage changes, and for many open deals pushed
// or pulled close dates and raised or cut amounts, written to the audit log as before/after
// images (as months of real use would have left them, so the pipeline-changes view and the
// stage norms have history); then six deals of rep.east1 that each show one named warning, and
// the tenant's competitor list. No domain events are written: once the app runs, the demo.seeded
// event has the warnings evaluated (deal-warnings/warning-schedule.ts).
import { sql } from 'kysely';
import { entryHash, GENESIS_HASH, type AuditEntry } from '../../platform/events/audit-chain.ts';
import { newId } from '../../platform/ids.ts';
import { fromCents } from '../../platform/money.ts';
import type { Tx } from '../../platform/tenancy/context.ts';
import { addDays, DAY_MS, localDate, type Clock } from './demo-calendar.ts';
import { insertRows } from './demo-insert.ts';
import type { Row } from './demo-model.ts';
import { Random } from './demo-random.ts';

const HISTORY_SEED = 20261201;
const forward = ['lead', 'qualified', 'solution', 'quoted', 'negotiation'];

interface DealRow {
  id: string;
  account_id: string;
  owner_id: string | null;
  stage: string;
  created_at: Date;
  stage_changed_at: Date;
  closed_at: Date | null;
  expected_close_date: string | null;
  amount_cents: string;
}

type Change = { dealId: string; at: Date; action: 'opportunity.stage_changed' | 'opportunity.updated'; before: Record<string, string | null>; after: Record<string, string | null> };

/** instants strictly between a and b, sorted (all at a when the span is empty) */
function spread(rng: Random, from: Date, to: Date, n: number): Date[] {
  const span = Math.max(0, to.getTime() - from.getTime());
  return Array.from({ length: n }, () => new Date(from.getTime() + Math.round(span * (0.05 + 0.9 * rng.next())))).sort((a, b) => a.getTime() - b.getTime());
}

function stageChanges(rng: Random, d: DealRow): Change[] {
  const open = forward.indexOf(d.stage);
  let path: string[];
  let end: Date;
  if (open >= 0) {
    path = forward.slice(0, open + 1);
    end = d.stage_changed_at;
  } else {
    path = d.stage === 'won' ? [...forward, 'won'] : [...forward.slice(0, rng.int(1, 4)), 'lost'];
    end = d.closed_at ?? d.stage_changed_at;
  }
  if (path.length < 2 || end <= d.created_at) return [];
  const times = [...spread(rng, d.created_at, end, path.length - 2), end];
  return times.map((at, i) => ({ dealId: d.id, at, action: 'opportunity.stage_changed' as const, before: { stage: path[i] }, after: { stage: path[i + 1] } }));
}

/** pushed or pulled close dates and changed amounts on open deals, in the last months */
function fieldChanges(rng: Random, d: DealRow, now: Date): Change[] {
  const out: Change[] = [];
  const from = new Date(Math.max(d.created_at.getTime(), now.getTime() - 180 * DAY_MS));
  const until = new Date(now.getTime() - DAY_MS);
  if (forward.includes(d.stage) && d.expected_close_date && until > from) {
    const roll = rng.next();
    const pushes = roll < 0.25 ? 1 : roll < 0.37 ? 2 : 0;
    if (pushes) {
      const times = spread(rng, from, until, pushes);
      let to = d.expected_close_date;
      const steps: Change[] = [];
      for (let i = pushes - 1; i >= 0; i--) {
        const before = addDays(to, -rng.int(7, 35));
        steps.unshift({ dealId: d.id, at: times[i], action: 'opportunity.updated', before: { expectedCloseDate: before }, after: { expectedCloseDate: to } });
        to = before;
      }
      out.push(...steps);
    } else if (roll < 0.45) {
      const [at] = spread(rng, from, until, 1);
      out.push({ dealId: d.id, at, action: 'opportunity.updated', before: { expectedCloseDate: addDays(d.expected_close_date, rng.int(20, 60)) }, after: { expectedCloseDate: d.expected_close_date } });
    }
  }
  const amountFrom = new Date(Math.max(d.created_at.getTime(), now.getTime() - 150 * DAY_MS));
  if (forward.includes(d.stage) && until > amountFrom && rng.chance(0.2)) {
    const current = BigInt(d.amount_cents);
    const factor = rng.chance(0.6) ? rng.between(1.12, 1.5) : rng.between(0.75, 0.92);
    const before = (BigInt(Math.round((Number(current) * factor) / 10_000)) * 10_000n).toString();
    if (before !== d.amount_cents) {
      const [at] = spread(rng, amountFrom, until, 1);
      out.push({ dealId: d.id, at, action: 'opportunity.updated', before: { amount: fromCents(before) }, after: { amount: fromCents(current) } });
    }
  }
  return out;
}

/** appends the changes to the tenant's hash chain in bulk (no outbox events: this is imported history) */
async function appendHistory(trx: Tx, tenantId: string, changes: Change[]): Promise<void> {
  await trx.insertInto('audit_heads').values({ tenant_id: tenantId, seq: 0, hash: GENESIS_HASH }).onConflict((oc) => oc.column('tenant_id').doNothing()).execute();
  const head = await trx.selectFrom('audit_heads').select(['seq', 'hash']).where('tenant_id', '=', tenantId).forUpdate().executeTakeFirstOrThrow();
  let seq = BigInt(head.seq);
  let prev = head.hash;
  const rows: Row<'audit_log'>[] = [];
  for (const c of changes) {
    seq++;
    const entry: AuditEntry = { seq: seq.toString(), event_id: newId(), actor_id: null, action: c.action, entity: 'opportunities', entity_id: c.dealId, before: c.before, after: c.after, at: c.at.toISOString() };
    const hash = entryHash(prev, entry);
    rows.push({ tenant_id: tenantId, seq: entry.seq, event_id: entry.event_id, actor_id: null, action: c.action, entity: 'opportunities', entity_id: c.dealId, before: JSON.stringify(c.before), after: JSON.stringify(c.after), at: entry.at, prev_hash: prev, hash });
    prev = hash;
  }
  await insertRows(trx, 'audit_log', rows);
  await trx.updateTable('audit_heads').set({ seq: seq.toString(), hash: prev }).where('tenant_id', '=', tenantId).execute();
}

const competitors = [
  { name: '迈瑞', aliases: ['迈瑞医疗', 'Mindray'] },
  { name: '联影', aliases: ['联影医疗', 'United Imaging'] },
  { name: '西门子医疗', aliases: ['Siemens Healthineers'] },
  { name: '飞利浦', aliases: ['Philips'] },
  { name: '用友', aliases: ['用友网络', 'Yonyou'] },
  { name: '金蝶', aliases: ['Kingdee'] },
];

interface Showcase {
  suffix: string;
  stage: string;
  createdDaysAgo: number;
  stageDaysAgo: number;
  closeInDays: number;
  amountYuan: number;
  /** days ago of touches: [days, with the decision maker] */
  touches: [number, boolean][];
  changes?: (deal: { id: string; close: string; today: string }) => Omit<Change, 'dealId'>[];
  note?: [number, string];
  needsNewDecisionMaker?: boolean;
}

const showcases: Showcase[] = [
  { suffix: '设备更新项目', stage: 'solution', createdDaysAgo: 50, stageDaysAgo: 18, closeInDays: 48, amountYuan: 420_000, touches: [[24, true]] },
  { suffix: '二期扩容项目', stage: 'negotiation', createdDaysAgo: 70, stageDaysAgo: 6, closeInDays: 45, amountYuan: 860_000, touches: [[34, true], [9, false], [2, false]], needsNewDecisionMaker: true },
  { suffix: '年度框架采购', stage: 'quoted', createdDaysAgo: 95, stageDaysAgo: 64, closeInDays: 52, amountYuan: 530_000, touches: [[3, true]] },
  {
    suffix: '系统集成项目',
    stage: 'negotiation',
    createdDaysAgo: 80,
    stageDaysAgo: 10,
    closeInDays: 40,
    amountYuan: 1_200_000,
    touches: [[2, true]],
    changes: ({ close, today }) => [
      { at: new Date(Date.now()), action: 'opportunity.updated', before: { expectedCloseDate: addDays(today, 5) }, after: { expectedCloseDate: addDays(today, 20) } },
      { at: new Date(Date.now()), action: 'opportunity.updated', before: { expectedCloseDate: addDays(today, 20) }, after: { expectedCloseDate: close } },
    ],
  },
  { suffix: '售后服务续约', stage: 'quoted', createdDaysAgo: 60, stageDaysAgo: 12, closeInDays: 55, amountYuan: 680_000, touches: [[1, true]], changes: () => [{ at: new Date(Date.now()), action: 'opportunity.updated', before: { amount: '960000.00' }, after: { amount: '680000.00' } }] },
  { suffix: '新品导入项目', stage: 'solution', createdDaysAgo: 30, stageDaysAgo: 8, closeInDays: 60, amountYuan: 390_000, touches: [[4, true]], note: [4, '客户透露迈瑞上周也送了样机，报价比我们低约 8%，院方下周会再比较一次参数。'] },
];
/** when each showcase change happened, in days before now */
const showcaseChangeDays = [[50, 15], [6]];

export async function seedDealHistory(trx: Tx, tenantId: string, clock: Clock): Promise<{ changes: number; showcaseDeals: number }> {
  const rng = new Random(HISTORY_SEED);
  const now = clock.now;
  const today = localDate(now);
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);

  // the warning showcase: six deals of rep.east1, on his own customers
  const rep = await trx.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('email', 'like', 'rep.east1@%').executeTakeFirst();
  const showcaseIds = new Set<string>();
  const showcaseChanges: Change[] = [];
  if (rep) {
    const accounts = await sql<{ id: string; name: string; contacts: number; has_dm: boolean }>`
      select a.id, a.name, count(k.id)::int as contacts, coalesce(bool_or(k.decision_role = 'decision_maker'), false) as has_dm
      from accounts a left join contacts k on k.tenant_id = a.tenant_id and k.account_id = a.id
      where a.tenant_id = ${tenantId} and a.owner_id = ${rep.id} group by a.id, a.name order by a.name`.execute(trx);
    const withoutDm = accounts.rows.find((a) => !a.has_dm && a.contacts < 5);
    const others = accounts.rows.filter((a) => a !== withoutDm);
    const contactsOf = async (accountId: string) => trx.selectFrom('contacts').select(['id', 'decision_role']).where('tenant_id', '=', tenantId).where('account_id', '=', accountId).orderBy('name').execute();
    const deals: Row<'opportunities'>[] = [];
    const touches: Row<'activities'>[] = [];
    const notes: Row<'notes'>[] = [];
    let changeSet = 0;
    for (const [i, s] of showcases.entries()) {
      const account = s.needsNewDecisionMaker ? withoutDm : others[i % Math.max(1, others.length)];
      if (!account) continue;
      if (s.needsNewDecisionMaker) await insertRows(trx, 'contacts', [{ id: newId(), tenant_id: tenantId, account_id: account.id, name: '周振华', title: '总经理', decision_role: 'decision_maker', influence: 5, owner_id: rep.id, custom: '{}', created_at: ago(40), updated_at: ago(40) }]);
      const people = await contactsOf(account.id);
      const dm = people.find((p) => p.decision_role === 'decision_maker') ?? people[0];
      const other = people.find((p) => p.decision_role !== 'decision_maker') ?? people[0];
      const id = newId();
      showcaseIds.add(id);
      const close = addDays(today, s.closeInDays);
      const shortName = account.name.replace(/(股份)?有限(责任)?公司$/, '');
      deals.push({ id, tenant_id: tenantId, account_id: account.id, name: `${shortName}${s.suffix}`, stage: s.stage, amount_cents: s.amountYuan * 100, expected_close_date: close, forecast_category: s.stage === 'negotiation' ? 'commit' : 'pipeline', owner_id: rep.id, created_at: ago(s.createdDaysAgo), updated_at: ago(1), stage_changed_at: ago(s.stageDaysAgo), custom: '{}' });
      for (const [days, withDm] of s.touches) {
        const at = new Date(ago(days).getTime() - rng.int(1, 6) * 3_600_000);
        touches.push({ id: newId(), tenant_id: tenantId, type: rng.pick(['visit', 'call', 'wechat', 'meeting']), occurred_at: at, logged_at: new Date(at.getTime() + rng.int(5, 40) * 60_000), subject: withDm ? '与决策人沟通方案与预算' : '与项目对接人确认技术细节', body: null, mood: 'neutral', account_id: account.id, opportunity_id: id, contact_ids: [(withDm ? dm : other).id], owner_id: rep.id, created_at: at, updated_at: at });
      }
      if (s.note) notes.push({ id: newId(), tenant_id: tenantId, entity: 'opportunities', entity_id: id, body: s.note[1], visibility: 'internal', author_id: rep.id, created_at: ago(s.note[0]), updated_at: ago(s.note[0]) });
      if (s.changes) {
        const days = showcaseChangeDays[changeSet++];
        showcaseChanges.push(...s.changes({ id, close, today }).map((c, j) => ({ ...c, dealId: id, at: ago(days[j]) })));
      }
    }
    await insertRows(trx, 'opportunities', deals);
    await insertRows(trx, 'activities', touches);
    await insertRows(trx, 'notes', notes);
  }
  await trx
    .insertInto('deal_warning_settings')
    .values({ tenant_id: tenantId, no_activity_days: 14, decision_maker_silent_days: 21, stall_percentile: 75, stall_min_won_deals: 8, stall_fallback_days: 30, close_push_min_count: 2, close_push_lookback_days: 180, amount_cut_min_pct: 10, amount_cut_lookback_days: 30, competitor_lookback_days: 30, competitors: JSON.stringify(competitors), updated_at: now })
    .onConflict((oc) => oc.column('tenant_id').doNothing())
    .execute();

  // every deal's stages, and recent close-date and amount changes on the open ones
  const all = await trx
    .selectFrom('opportunities')
    .select(['id', 'account_id', 'owner_id', 'stage', 'created_at', 'stage_changed_at', 'closed_at', sql<string | null>`to_char(expected_close_date, 'YYYY-MM-DD')`.as('expected_close_date'), 'amount_cents'])
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at')
    .orderBy('name')
    .execute();
  const changes: Change[] = [];
  for (const d of all) {
    const own = [...stageChanges(rng, d), ...(showcaseIds.has(d.id) ? showcaseChanges.filter((c) => c.dealId === d.id) : fieldChanges(rng, d, now))];
    changes.push(...own.sort((a, b) => a.at.getTime() - b.at.getTime()));
  }
  await appendHistory(trx, tenantId, changes);
  return { changes: changes.length, showcaseDeals: showcaseIds.size };
}
