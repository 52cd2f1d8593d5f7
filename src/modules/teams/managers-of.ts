// Who answers for a rep: the manager of the rep's team, else of the nearest parent team that has
// one, else the tenant's admins, so a flag, an overdue reminder or a deal's warning always reaches somebody.
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

/** Whom a deal's own news goes to: each owner, then the owner's managers (as managersOf finds them), each person once. */
export async function ownersAndManagers(trx: Tx, tenantId: string, ownerIds: readonly string[]): Promise<Map<string, string[]>> {
  const owners = [...new Set(ownerIds)];
  const managers = await managersOf(trx, tenantId, owners);
  return new Map(owners.map((owner) => [owner, [...new Set([owner, ...(managers.get(owner) ?? [])])]]));
}
