// The deals process completeness looks at: open opportunities (not won or lost) in the actor's data scope.
import { sql, type SqlBool } from 'kysely';
import { authorize, visibleOwnerIds } from '../../platform/auth/policies.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { openStages } from '../pipeline/stages.ts';

export async function openDealsInScope(trx: Tx, ctx: RequestContext) {
  authorize(ctx, 'opportunities', 'read');
  const owners = await visibleOwnerIds(trx, ctx);
  const q = trx.selectFrom('opportunities as o').where('o.tenant_id', '=', ctx.tenantId).where('o.stage', 'in', openStages);
  if (!owners) return q;
  return owners.length ? q.where('o.owner_id', 'in', owners) : q.where(sql<SqlBool>`false`);
}
