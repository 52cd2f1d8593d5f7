// Keeps the records an activity or task hangs on consistent: linked contacts exist in the
// tenant, and an opportunity sits under the account it is logged against (the account is
// filled in from the opportunity when left out).
import type { z } from 'zod';
import { AppError } from '../../platform/http/errors.ts';
import { resourceService, type ResourceDef, type ResourceService } from '../../platform/http/resource.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';

type Row = Record<string, unknown>;

async function assertContactsExist(trx: Tx, ctx: RequestContext, ids: unknown): Promise<void> {
  if (!Array.isArray(ids) || ids.length === 0) return;
  const found = await trx.selectFrom('contacts').select('id').where('tenant_id', '=', ctx.tenantId).where('id', 'in', ids as string[]).execute();
  const known = new Set(found.map((f) => f.id));
  const missing = (ids as string[]).filter((id) => !known.has(id));
  if (missing.length) {
    throw new AppError('unprocessable', `These contacts do not exist in your workspace: ${missing.join(', ')}. Pick contacts from the account's contact list.`, { field: 'contactIds', missing });
  }
}

/** Returns the input with accountId filled from the opportunity, or refuses a mismatch. */
async function alignAccountWithOpportunity(trx: Tx, ctx: RequestContext, input: Row, current: Row | null): Promise<Row> {
  const opportunityId = input.opportunityId !== undefined ? input.opportunityId : current?.opportunityId;
  if (typeof opportunityId !== 'string') return input;
  const opportunity = await trx.selectFrom('opportunities').select('account_id').where('tenant_id', '=', ctx.tenantId).where('id', '=', opportunityId).executeTakeFirst();
  if (!opportunity) throw new AppError('unprocessable', `Opportunity ${opportunityId} does not exist in your workspace.`, { field: 'opportunityId' });
  const accountId = input.accountId !== undefined ? input.accountId : current?.accountId;
  if (accountId === null || accountId === undefined) return { ...input, accountId: opportunity.account_id };
  if (accountId !== opportunity.account_id) {
    throw new AppError('unprocessable', 'The opportunity belongs to another account. Use the opportunity’s account, or leave accountId out to take it from the opportunity.', { field: 'accountId' });
  }
  return input;
}

/** The resource's use cases with the link checks run before every create and update. */
export function linkedRecordService<C extends z.ZodObject, U extends z.ZodObject>(def: ResourceDef<C, U>): ResourceService {
  const base = resourceService(def);
  return {
    ...base,
    async create(trx, ctx, input) {
      const parsed = def.createSchema.parse(input) as Row;
      await assertContactsExist(trx, ctx, parsed.contactIds);
      return base.create(trx, ctx, await alignAccountWithOpportunity(trx, ctx, parsed, null));
    },
    async update(trx, ctx, id, input) {
      const parsed = def.updateSchema.parse(input) as Row;
      const current = await base.get(trx, ctx, id);
      await assertContactsExist(trx, ctx, parsed.contactIds);
      return base.update(trx, ctx, id, await alignAccountWithOpportunity(trx, ctx, parsed, current));
    },
  };
}
