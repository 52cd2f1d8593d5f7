// Who answers for a rep: the manager of the rep's team, else of the nearest parent team that has
// one, else the tenant's admins, so a flag or an overdue reminder always reaches somebody.
import type { Tx } from '../../platform/tenancy/context.ts';

export async function managersOf(trx: Tx, tenantId: string, userIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (userIds.length === 0) return result;
  const [teams, users, admins] = await Promise.all([
    trx.selectFrom('teams').select(['id', 'parent_id', 'manager_id']).where('tenant_id', '=', tenantId).execute(),
    trx.selectFrom('users').select(['id', 'team_id']).where('tenant_id', '=', tenantId).where('id', 'in', userIds).execute(),
    trx.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('role', '=', 'admin').where('active', '=', true).orderBy('id').execute(),
  ]);
  const teamById = new Map(teams.map((t) => [t.id, t]));
  for (const user of users) {
    let manager: string | null = null;
    const seen = new Set<string>();
    for (let team = user.team_id ? teamById.get(user.team_id) : undefined; team && !seen.has(team.id); team = team.parent_id ? teamById.get(team.parent_id) : undefined) {
      seen.add(team.id);
      if (team.manager_id && team.manager_id !== user.id) {
        manager = team.manager_id;
        break;
      }
    }
    result.set(user.id, manager ? [manager] : admins.map((a) => a.id).filter((id) => id !== user.id));
  }
  return result;
}
