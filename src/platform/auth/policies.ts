// Who may do what: one declarative table (role × resource × action) checked by authorize(),
// and the data scope (own / team subtree / tenant) applied to every list and read.
import { sql } from 'kysely';
import { forbidden } from '../http/errors.ts';
import type { RequestContext, Role, Tx } from '../tenancy/context.ts';

export type Action = 'read' | 'create' | 'update' | 'delete';

const staff: Role[] = ['admin', 'executive', 'manager', 'rep'];
const leaders: Role[] = ['admin', 'executive', 'manager'];
const admins: Role[] = ['admin'];

const policies: Record<string, Record<Action, Role[]>> = {
  accounts: { read: staff, create: staff, update: staff, delete: leaders },
  contacts: { read: staff, create: staff, update: staff, delete: staff },
  leads: { read: staff, create: staff, update: staff, delete: leaders },
  opportunities: { read: staff, create: staff, update: staff, delete: leaders },
  activities: { read: staff, create: staff, update: staff, delete: staff },
  tasks: { read: staff, create: staff, update: staff, delete: staff },
  notes: { read: staff, create: staff, update: staff, delete: staff },
  attachments: { read: staff, create: staff, update: staff, delete: staff },
  products: { read: staff, create: admins, update: admins, delete: admins },
  contracts: { read: staff, create: staff, update: leaders, delete: admins },
  payments: { read: staff, create: staff, update: leaders, delete: admins },
  service_tickets: { read: staff, create: staff, update: staff, delete: leaders },
  users: { read: staff, create: admins, update: admins, delete: admins },
  teams: { read: staff, create: admins, update: admins, delete: admins },
  api_tokens: { read: admins, create: admins, update: admins, delete: admins },
  custom_fields: { read: staff, create: admins, update: admins, delete: admins },
  field_policies: { read: admins, create: admins, update: admins, delete: admins },
  imports: { read: leaders, create: leaders, update: leaders, delete: admins },
  audit: { read: ['admin', 'executive'], create: [], update: [], delete: [] },
  ai_suggestions: { read: staff, create: staff, update: staff, delete: [] },
  visits: { read: staff, create: staff, update: [], delete: [] },
  visit_flags: { read: staff, create: [], update: staff, delete: [] },
  visit_flag_outcomes: { read: leaders, create: leaders, update: [], delete: [] },
  visit_settings: { read: admins, create: [], update: admins, delete: [] },
  customer_pool: { read: staff, create: staff, update: leaders, delete: [] },
  customer_pool_settings: { read: admins, create: [], update: admins, delete: [] },
  pipeline_settings: { read: staff, create: [], update: admins, delete: [] },
  deal_evidence: { read: staff, create: staff, update: [], delete: staff },
  deal_evidence_settings: { read: staff, create: [], update: admins, delete: [] },
  deal_decay: { read: leaders, create: [], update: [], delete: [] },
  deal_scenarios: { read: staff, create: [], update: staff, delete: [] },
  forecast: { read: staff, create: [], update: [], delete: [] },
  forecast_quotas: { read: staff, create: leaders, update: leaders, delete: leaders },
  forecast_overrides: { read: staff, create: leaders, update: leaders, delete: leaders },
  forecast_snapshots: { read: staff, create: ['admin', 'executive'], update: [], delete: [] },
  forecast_root_cause_tags: { read: staff, create: admins, update: admins, delete: [] },
  win_scores: { read: staff, create: staff, update: [], delete: [] },
  win_annotations: { read: staff, create: staff, update: [], delete: [] },
  win_models: { read: leaders, create: admins, update: admins, delete: [] },
  deal_warnings: { read: staff, create: [], update: admins, delete: [] },
  deal_warning_settings: { read: leaders, create: [], update: admins, delete: [] },
  pipeline_changes: { read: staff, create: [], update: [], delete: [] },
};

export function can(ctx: RequestContext, resource: string, action: Action): boolean {
  return policies[resource]?.[action]?.includes(ctx.actor.role) ?? false;
}

export function authorize(ctx: RequestContext, resource: string, action: Action): void {
  if (!can(ctx, resource, action)) {
    throw forbidden(`Your role (${ctx.actor.role}) may not ${action} ${resource.replace('_', ' ')}. Ask an admin if you need it.`);
  }
}

/** What the app may show the user: resource → allowed actions. */
export function permissionsFor(ctx: RequestContext): Record<string, Action[]> {
  const out: Record<string, Action[]> = {};
  for (const [resource, byAction] of Object.entries(policies)) {
    out[resource] = (Object.keys(byAction) as Action[]).filter((a) => byAction[a].includes(ctx.actor.role));
  }
  return out;
}

/**
 * The owners whose records the actor may see: null means the whole tenant.
 * A rep sees their own; a manager everyone in the team subtree they lead or belong to.
 */
export async function visibleOwnerIds(trx: Tx, ctx: RequestContext): Promise<string[] | null> {
  const { role, userId, teamId } = ctx.actor;
  if (role === 'admin' || role === 'executive') return null;
  if (!userId) return [];
  if (role !== 'manager') return [userId];
  const rows = await sql<{ id: string }>`
    with recursive subtree as (
      select id from teams where tenant_id = ${ctx.tenantId} and (manager_id = ${userId} or id = ${teamId})
      union
      select t.id from teams t join subtree s on t.parent_id = s.id where t.tenant_id = ${ctx.tenantId}
    )
    select u.id from users u where u.tenant_id = ${ctx.tenantId} and u.team_id in (select id from subtree)
  `.execute(trx);
  const ids = new Set(rows.rows.map((r) => r.id));
  ids.add(userId);
  return [...ids];
}
