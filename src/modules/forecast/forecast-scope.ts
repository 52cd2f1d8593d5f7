// Who sees and manages which nodes of the forecast: a rep their own, a manager the subtree of
// the teams they lead (or belong to), executive and admin the company. A manager may set quotas
// and overrides strictly below their own teams (their reps and sub-teams), never for themselves.
import { forbidden } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/tenancy/context.ts';
import { subtreeTeams, type Rollup, type SubjectKind } from './rollup.ts';

export interface ForecastScope {
  company: boolean;
  /** the highest teams the viewer sees (empty for a rep and for the company view) */
  rootTeams: string[];
  teams: Set<string>;
  users: Set<string>;
}

export function forecastScope(ctx: RequestContext, rollup: Rollup): ForecastScope {
  const { role, userId, teamId } = ctx.actor;
  if (role === 'admin' || role === 'executive') return { company: true, rootTeams: [], teams: new Set(rollup.teams.keys()), users: new Set(rollup.users.keys()) };
  if (role !== 'manager' || !userId) return { company: false, rootTeams: [], teams: new Set(), users: new Set(userId ? [userId] : []) };
  const led = [...rollup.teams.values()].filter((t) => t.managerId === userId || t.id === teamId).map((t) => t.id as string);
  const teams = new Set(led.flatMap((id) => subtreeTeams(rollup, id)));
  const rootTeams = led.filter((id) => {
    for (let p = rollup.teams.get(id)?.parentId ?? null; p; p = rollup.teams.get(p)?.parentId ?? null) if (teams.has(p) && p !== id) return false;
    return true;
  });
  const users = new Set<string>([userId]);
  for (const t of teams) for (const m of rollup.teams.get(t)?.members ?? []) users.add(m);
  return { company: false, rootTeams: [...new Set(rootTeams)], teams, users };
}

export function canSee(scope: ForecastScope, kind: SubjectKind | 'company', id: string | null): boolean {
  if (kind === 'company') return scope.company;
  return kind === 'team' ? scope.teams.has(id as string) : scope.users.has(id as string);
}

/** Throws unless the actor may set a quota or an override for this node. */
export function assertCanManage(ctx: RequestContext, scope: ForecastScope, kind: SubjectKind | 'company', id: string | null): void {
  const { role, userId } = ctx.actor;
  if (role === 'admin' || role === 'executive') return;
  if (role !== 'manager') throw forbidden(`Your role (${role}) may not set forecast quotas or overrides; ask your manager.`);
  const below = kind === 'team' ? scope.teams.has(id as string) && !scope.rootTeams.includes(id as string) : kind === 'user' ? scope.users.has(id as string) && id !== userId : false;
  if (!below) throw forbidden('Managers set quotas and overrides only for the reps and sub-teams below them; ask your director for your own number.');
}
