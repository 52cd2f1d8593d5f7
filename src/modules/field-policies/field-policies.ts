// Field policies: which roles may not see a field of a record type (e.g. margin from reps).
// Read and written by admins; every presenter's caller applies them (platform/auth/field-hiding.ts).
import { z } from 'zod';
import { authorize } from '../../platform/auth/policies.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';

/** Record types whose API fields can be hidden. */
export const policyEntities = ['accounts', 'contacts', 'leads', 'opportunities', 'products', 'contracts', 'payments', 'service_tickets', 'activities', 'tasks', 'notes', 'attachments', 'users', 'teams'] as const;
/** Admins always see every field, so they cannot lock themselves out of one. */
export const hideableRoles = ['executive', 'manager', 'rep', 'portal'] as const;

export const fieldPolicyInput = z
  .object({
    entity: z.enum(policyEntities),
    field: z
      .string()
      .regex(/^[a-z][A-Za-z0-9]{0,59}$/, 'must be an API field name such as margin or expectedCloseDate')
      .refine((f) => f !== 'id', 'the id cannot be hidden'),
    hiddenFor: z
      .array(z.enum(hideableRoles))
      .max(hideableRoles.length)
      .transform((roles) => [...new Set(roles)].sort()),
  })
  .strict();
export type FieldPolicyInput = z.infer<typeof fieldPolicyInput>;

export const fieldPolicyFilter = z.object({ entity: z.enum(policyEntities).optional() }).strict();

export interface FieldPolicy {
  entity: string;
  field: string;
  hiddenFor: string[];
}

export async function listFieldPolicies(trx: Tx, ctx: RequestContext, entity?: string): Promise<FieldPolicy[]> {
  authorize(ctx, 'field_policies', 'read');
  let q = trx.selectFrom('field_policies').select(['entity', 'field', 'hidden_for']).where('tenant_id', '=', ctx.tenantId);
  if (entity) q = q.where('entity', '=', entity);
  const rows = await q.orderBy('entity').orderBy('field').execute();
  return rows.map((r) => ({ entity: r.entity, field: r.field, hiddenFor: r.hidden_for }));
}

/** Sets who may not see one field; an empty list shows it to everyone again. */
export async function setFieldPolicy(trx: Tx, ctx: RequestContext, input: FieldPolicyInput): Promise<FieldPolicy> {
  authorize(ctx, 'field_policies', 'update');
  const before = await trx
    .selectFrom('field_policies')
    .select('hidden_for')
    .where('tenant_id', '=', ctx.tenantId)
    .where('entity', '=', input.entity)
    .where('field', '=', input.field)
    .forUpdate()
    .executeTakeFirst();
  await trx
    .insertInto('field_policies')
    .values({ tenant_id: ctx.tenantId, entity: input.entity, field: input.field, hidden_for: input.hiddenFor })
    .onConflict((oc) => oc.columns(['tenant_id', 'entity', 'field']).doUpdateSet({ hidden_for: input.hiddenFor }))
    .execute();
  const policy = { entity: input.entity, field: input.field, hiddenFor: input.hiddenFor };
  await recordEvent(trx, ctx, { type: 'field_policy.changed', entity: 'field_policies', entityId: null, before: before ? { ...policy, hiddenFor: before.hidden_for } : null, after: policy });
  return policy;
}
