// The daily overdue check (09:00 tenant time): each overdue instalment puts one open alert in
// its contract owner's list (deduplicated per instalment until the owner resolves it).
import { inTenant, type RequestContext } from '../../platform/tenancy/context.ts';
import type { Db } from '../../platform/db/connection.ts';
import { defineTenantSchedule } from '../../platform/jobs/tenant-schedules.ts';
import { raiseAlert } from '../alerts/raise-alert.ts';
import { overdueInstalments, presentOverdue } from './overdue-payments.ts';

export interface OverdueCheck {
  raised: number;
  /** overdue instalments whose alert is still open from an earlier day */
  stillOpen: number;
  /** overdue instalments of contracts with no owner: nobody to remind */
  withoutOwner: number;
}

/** the stored text, in the owner's language, for API readers; the workbench words `message` in the reader's */
const title = (o: ReturnType<typeof presentOverdue>, locale: string) =>
  locale.startsWith('en')
    ? `Payment overdue: contract ${o.contractNumber} (${o.accountName}), ${o.outstanding} due ${o.dueOn}`
    : `回款逾期：合同 ${o.contractNumber}（${o.accountName}）${o.dueOn} 应收 ${o.outstanding} 未到账`;

export async function flagOverduePayments(db: Db, tenantId: string, localDate: string): Promise<OverdueCheck> {
  const ctx: RequestContext = { tenantId, actor: { userId: null, role: 'admin', teamId: null, name: 'payment check' } };
  return inTenant(db.kysely, tenantId, async (trx) => {
    const rows = await overdueInstalments(trx, tenantId, localDate)
      .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'c.owner_id').onRef('u.tenant_id', '=', 'c.tenant_id'))
      .select(['u.locale', 'c.currency'])
      .orderBy('p.due_on')
      .orderBy('p.id')
      .execute();
    const result: OverdueCheck = { raised: 0, stillOpen: 0, withoutOwner: 0 };
    for (const row of rows) {
      if (!row.owner_id) {
        result.withoutOwner++;
        continue;
      }
      const overdue = presentOverdue(row);
      const { created } = await raiseAlert(trx, ctx, {
        userId: row.owner_id,
        kind: 'payment.overdue',
        severity: overdue.daysOverdue > 30 ? 'critical' : 'warning',
        title: title(overdue, row.locale ?? 'zh-CN'),
        message: { key: 'payment.overdue', params: { contractNumber: overdue.contractNumber, accountName: overdue.accountName, dueOn: overdue.dueOn, outstanding: overdue.outstanding, currency: row.currency, daysOverdue: overdue.daysOverdue, checkedOn: localDate } },
        entity: 'payments',
        entityId: row.id,
        evidence: { ...overdue, checkedOn: localDate },
        dedupeKey: `payment.overdue:${row.id}`,
      });
      if (created) result.raised++;
      else result.stillOpen++;
    }
    return result;
  });
}

export const OVERDUE_SCHEDULE_ID = 'payments.overdue-check';

export const overdueSchedule = defineTenantSchedule({
  id: OVERDUE_SCHEDULE_ID,
  cron: '0 9 * * *',
  async handler(deps, run) {
    await flagOverduePayments(deps.db, run.tenantId, run.localDate);
  },
});
