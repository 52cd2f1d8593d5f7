// Stores what the rules found: a new flag per cause (re-runs add nothing), each evented and sent
// to the rep's manager as an alert carrying the evidence.
import { recordEvent } from '../../platform/events/outbox.ts';
import { newId } from '../../platform/ids.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { raiseAlert } from '../alerts/raise-alert.ts';
import { flagAlertParams } from './flag-alert-params.ts';
import { managersOf } from '../teams/managers-of.ts';
import { presentFlag } from './visit-flag-presenter.ts';
import type { VisitFlag } from './visit-rules.ts';

export type OwnedFlag = VisitFlag & { ownerId: string };

const BATCH = 500;

export async function raiseVisitFlags(trx: Tx, ctx: RequestContext, flags: readonly OwnedFlag[]): Promise<number> {
  let raised = 0;
  for (let i = 0; i < flags.length; i += BATCH) {
    const inserted = await trx
      .insertInto('visit_flags')
      .values(flags.slice(i, i + BATCH).map((f) => ({ id: newId(), tenant_id: ctx.tenantId, rule: f.rule, owner_id: f.ownerId, visit_id: f.visitId, account_id: f.accountId, evidence: JSON.stringify(f.evidence), dedupe_key: f.key })))
      .onConflict((oc) => oc.columns(['tenant_id', 'dedupe_key']).doNothing())
      .returningAll()
      .execute();
    if (inserted.length === 0) continue;
    const managers = await managersOf(trx, ctx.tenantId, [...new Set(inserted.map((r) => r.owner_id))]);
    const params = await flagAlertParams(trx, ctx.tenantId, inserted.map((r) => r.id));
    for (const row of inserted) {
      const flag = presentFlag(row);
      await recordEvent(trx, ctx, { type: 'visit_flag.raised', entity: 'visit_flags', entityId: row.id, after: flag });
      for (const managerId of managers.get(row.owner_id) ?? []) {
        await raiseAlert(trx, ctx, { userId: managerId, kind: 'visit.fake_suspected', severity: 'warning', title: flagTitle(row.rule), message: { key: 'visit.fake_suspected', params: params.get(row.id) ?? { rule: row.rule } }, entity: 'visit_flags', entityId: row.id, evidence: { rule: row.rule, ownerId: row.owner_id, visitId: row.visit_id, ...flag.evidence }, dedupeKey: `visit-flag:${row.id}` });
      }
    }
    raised += inserted.length;
  }
  return raised;
}

const titles: Record<string, string> = {
  far_from_account: '疑似虚假拜访：签到位置远离客户地址',
  long_stay: '疑似虚假拜访：连续多日在同一地点长时间停留且无客户跟进',
  impossible_speed: '疑似虚假拜访：两次签到之间的移动速度不可能',
  mock_repeated_coordinates: '疑似虚拟定位：多次拜访坐标完全相同',
  mock_zero_accuracy: '疑似虚拟定位：定位精度为 0',
  mock_constant_accuracy: '疑似虚拟定位：定位精度长期不变',
  mock_teleport: '疑似虚拟定位：签退位置与签到位置相距过远',
};
const flagTitle = (rule: string) => titles[rule] ?? '疑似虚假拜访';
