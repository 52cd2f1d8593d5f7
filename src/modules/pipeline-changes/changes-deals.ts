// The drill-down of one pipeline-changes bucket: its deals in keyset pages (by id), each with
// the state at the period's start and end that put it there.
import { sql } from 'kysely';
import { z } from 'zod';
import { authorize } from '../../platform/auth/policies.ts';
import { hiddenFields, stripHidden } from '../../platform/auth/field-hiding.ts';
import { decodeCursor, fetchLimit, listQueryBase, pageFrom } from '../../platform/http/list-params.ts';
import { fromCents } from '../../platform/money.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { bucketKeys } from './change-buckets.ts';
import { resolvePeriod } from './change-period.ts';
import { bucketCondition, classifiedDealsCte } from './classified-deals.ts';
import { changesQuery } from './changes-summary.ts';

export const changeDealsQuery = changesQuery.extend({ bucket: z.enum(bucketKeys), limit: listQueryBase.limit, cursor: listQueryBase.cursor }).strict();

interface DrillRow {
  id: string;
  name: string;
  account_id: string;
  account_name: string;
  owner_id: string | null;
  owner_name: string | null;
  stage: string;
  stage_s: string;
  stage_e: string;
  close_s: string | null;
  close_e: string | null;
  amount_s: string;
  amount_e: string;
  delta_cents: string;
  start_cents: string | null;
  pushed: boolean;
}

export async function pipelineChangeDeals(trx: Tx, ctx: RequestContext, query: z.output<typeof changeDealsQuery>) {
  authorize(ctx, 'pipeline_changes', 'read');
  const period = await resolvePeriod(trx, ctx.tenantId, query.period);
  const sort = `id:${period.key}:${query.bucket}`;
  const after = decodeCursor(query.cursor, sort);
  const cte = await classifiedDealsCte(trx, ctx, period, query);
  const { rows } = await sql<DrillRow>`${cte}
    select c.id, o.name, o.account_id, a.name as account_name, o.owner_id, u.name as owner_name, o.stage,
      c.stage_s, c.stage_e, to_char(c.close_s, 'YYYY-MM-DD') as close_s, to_char(c.close_e, 'YYYY-MM-DD') as close_e,
      c.amount_s, c.amount_e, c.delta_cents, c.start_cents, c.pushed
    from classified c
    join opportunities o on o.tenant_id = ${ctx.tenantId} and o.id = c.id
    join accounts a on a.tenant_id = o.tenant_id and a.id = o.account_id
    left join users u on u.tenant_id = o.tenant_id and u.id = o.owner_id
    where ${bucketCondition(query.bucket)} ${after ? sql`and c.id > ${after.id}::uuid` : sql``}
    order by c.id
    limit ${fetchLimit(query.limit)}`.execute(trx);
  const hidden = await hiddenFields(trx, ctx, 'opportunities');
  const money = (cents: string | null) => (hidden.has('amount') ? undefined : fromCents(cents));
  const present = (r: DrillRow) =>
    stripHidden(
      {
        id: r.id,
        name: r.name,
        accountId: r.account_id,
        accountName: r.account_name,
        ownerId: r.owner_id,
        ownerName: r.owner_name,
        stage: r.stage,
        bucket: query.bucket,
        atStart: { stage: r.start_cents === null ? null : r.stage_s, expectedCloseDate: r.start_cents === null ? null : r.close_s, amount: r.start_cents === null ? null : money(r.amount_s) },
        atEnd: { stage: r.stage_e, expectedCloseDate: r.close_e, amount: money(r.amount_e) },
        amountDelta: money(r.delta_cents),
        pushed: r.pushed,
      },
      hidden,
    );
  return pageFrom(rows, query.limit, present, (last) => ({ v: null, id: last.id, s: sort }));
}
