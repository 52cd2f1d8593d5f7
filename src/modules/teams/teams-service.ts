// Team use cases: the generic record machinery plus the org chart's rules — a team cannot sit
// under itself or its own sub-team, and a team with sub-teams or members cannot be deleted.
import { sql } from 'kysely';
import { AppError } from '../../platform/http/errors.ts';
import { resourceService, type ResourceService } from '../../platform/http/resource.ts';
import { authorize } from '../../platform/auth/policies.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { teamsResource } from './teams-resource.ts';

/** True when `ancestorCandidate` is `parentId` itself or one of its ancestors. */
async function isAncestorOrSelf(trx: Tx, ctx: RequestContext, parentId: string, ancestorCandidate: string): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    with recursive up as (
      select id, parent_id from teams where tenant_id = ${ctx.tenantId} and id = ${parentId}
      union
      select t.id, t.parent_id from teams t join up on t.id = up.parent_id where t.tenant_id = ${ctx.tenantId}
    )
    select id from up where id = ${ancestorCandidate}
  `.execute(trx);
  return rows.length > 0;
}

export function teamsService(): ResourceService {
  const base = resourceService(teamsResource);
  return {
    ...base,

    async update(trx, ctx, id, input) {
      authorize(ctx, 'teams', 'update');
      const parsed = teamsResource.updateSchema.parse(input);
      await base.fetch(trx, ctx, id, true);
      if (parsed.parentId && (await isAncestorOrSelf(trx, ctx, parsed.parentId, id))) {
        throw new AppError('unprocessable', 'A team cannot sit under itself or one of its own sub-teams. Pick a parent outside this branch.', { field: 'parentId' });
      }
      return base.update(trx, ctx, id, parsed);
    },

    async remove(trx, ctx, id) {
      authorize(ctx, 'teams', 'delete');
      await base.fetch(trx, ctx, id, true);
      const [subTeams, members] = await Promise.all([
        trx.selectFrom('teams').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', ctx.tenantId).where('parent_id', '=', id).executeTakeFirstOrThrow(),
        trx.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', ctx.tenantId).where('team_id', '=', id).executeTakeFirstOrThrow(),
      ]);
      if (Number(subTeams.n) > 0 || Number(members.n) > 0) {
        throw new AppError('unprocessable', `This team still has ${subTeams.n} sub-team(s) and ${members.n} member(s). Move them to another team first.`, { subTeams: Number(subTeams.n), members: Number(members.n) });
      }
      return base.remove(trx, ctx, id);
    },
  };
}
