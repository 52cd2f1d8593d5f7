// The warning showcase of the demo: six deals of rep.east1, each showing one named deal warning
// (no touch for weeks, the decision maker gone quiet, stalled past the norm, close date pushed
// again, amount cut, a competitor named in a note), and the tenant's competitor list. Their
// scripted changes go into the one deal history (seed-deal-history.ts). Own random stream.
import { sql } from 'kysely';
import type { PastChange } from '../../platform/events/backfill-history.ts';
import { newId } from '../../platform/ids.ts';
import type { Tx } from '../../platform/tenancy/context.ts';
import { addDays, DAY_MS, localDate, type Clock } from './demo-calendar.ts';
import { insertRows } from './demo-insert.ts';
import type { Row } from './demo-model.ts';
import { Random } from './demo-random.ts';

const SHOWCASE_SEED = 20261201;

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
  changes?: (deal: { id: string; close: string; today: string }) => Pick<PastChange, 'at' | 'action' | 'before' | 'after'>[];
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

/** inserts the showcase deals (with their touches and notes) and the competitor list; their scripted changes go into the deal history */
export async function seedWarningShowcase(trx: Tx, tenantId: string, clock: Clock): Promise<{ deals: Row<'opportunities'>[]; scripted: Map<string, PastChange[]>; accountsAdded: number }> {
  const rng = new Random(SHOWCASE_SEED);
  const now = clock.now;
  const today = localDate(now);
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);

  // the warning showcase: six deals of rep.east1, on his own customers
  const rep = await trx.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('email', 'like', 'rep.east1@%').executeTakeFirst();
  const showcaseDeals: Row<'opportunities'>[] = [];
  const scripted = new Map<string, PastChange[]>();
  let accountsAdded = 0;
  if (rep) {
    const accounts = await sql<{ id: string; name: string; contacts: number; has_dm: boolean }>`
      select a.id, a.name, count(k.id)::int as contacts, coalesce(bool_or(k.decision_role = 'decision_maker'), false) as has_dm
      from accounts a left join contacts k on k.tenant_id = a.tenant_id and k.account_id = a.id
      where a.tenant_id = ${tenantId} and a.owner_id = ${rep.id} group by a.id, a.name order by a.name`.execute(trx);
    // the quiet decision maker needs an account whose other decision makers nobody met lately:
    // one without any (a new contact is added), else a new customer of the rep's
    const withoutDm = accounts.rows.find((a) => !a.has_dm && a.contacts < 5) ?? (await addQuietAccount(trx, tenantId, rep.id, ago(75)));
    accountsAdded = accounts.rows.includes(withoutDm) ? 0 : 1;
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
      scripted.set(id, []);
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
        scripted.set(id, s.changes({ id, close, today }).map((c, j) => ({ ...c, entity: 'opportunities', entityId: id, actorId: rep.id, at: ago(days[j]) })));
      }
    }
    await insertRows(trx, 'opportunities', deals);
    showcaseDeals.push(...deals);
    await insertRows(trx, 'activities', touches);
    await insertRows(trx, 'notes', notes);
  }
  await trx
    .insertInto('deal_warning_settings')
    .values({ tenant_id: tenantId, no_activity_days: 14, decision_maker_silent_days: 21, stall_percentile: 75, stall_min_won_deals: 8, stall_fallback_days: 30, close_push_min_count: 2, close_push_lookback_days: 180, amount_cut_min_pct: 10, amount_cut_lookback_days: 30, competitor_lookback_days: 30, competitors: JSON.stringify(competitors), updated_at: now })
    .onConflict((oc) => oc.column('tenant_id').doNothing())
    .execute();

  return { deals: showcaseDeals, scripted, accountsAdded };
}

/**
 * A customer of the rep with one contact who is not a decision maker, so no seeded activity has
 * met a decision maker there (whether the rep already has such an account depends on the seed).
 */
async function addQuietAccount(trx: Tx, tenantId: string, repId: string, createdAt: Date): Promise<{ id: string; name: string; contacts: number; has_dm: boolean }> {
  const taken = new Set((await trx.selectFrom('accounts').select('name').where('tenant_id', '=', tenantId).where('name', 'like', '苏州澄明%').execute()).map((a) => a.name));
  const name = ['苏州澄明精密仪器有限公司', '苏州澄明智能装备有限公司', '苏州澄明自动化科技有限公司'].find((n) => !taken.has(n)) ?? '苏州澄明华东仪器有限公司';
  const account = { id: newId(), tenant_id: tenantId, name, industry: '工业制造', region: '华东', size: 'medium', billing_model: 'annual', owner_id: repId, address: '苏州工业园区星湖街218号', lat: 31.318, lng: 120.671, custom: '{}', created_at: createdAt, updated_at: createdAt };
  await insertRows(trx, 'accounts', [account]);
  await insertRows(trx, 'contacts', [{ id: newId(), tenant_id: tenantId, account_id: account.id, name: '顾文杰', title: '项目经理', decision_role: 'influencer', influence: 3, owner_id: repId, custom: '{}', created_at: createdAt, updated_at: createdAt }]);
  return { id: account.id, name: account.name, contacts: 1, has_dm: false };
}
