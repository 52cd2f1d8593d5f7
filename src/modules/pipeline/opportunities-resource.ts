// The opportunity (商机) record: its API shape, validation, filters and sorts. Stage moves
// are not field edits: they go through POST /api/opportunities/:id/stage (move-stage.ts).
import { z } from 'zod';
import { sql, type SqlBool } from 'kysely';
import type { RequestContext } from '../../platform/tenancy/context.ts';
import { resourceService, type ResourceDef, refs, ownedByActor, relatedNames } from '../../platform/http/resource.ts';
import { customInputSchema } from '../../platform/custom-fields/custom-fields.ts';
import { currency, id, iso, isoDate, money, name } from '../../platform/http/schemas.ts';
import { centsColumn, fromCents, toCents } from '../../platform/money.ts';
import { entryStages, isStageKey, stageKeys } from './stages.ts';

/** forecast categories a person may choose; 'closed' comes only from winning */
export const chosenForecastCategories = ['pipeline', 'best_case', 'commit', 'omitted'] as const;
export const forecastCategories = [...chosenForecastCategories, 'closed'] as const;

/** margins may be negative (a loss-making deal) */
const signedMoney = () => z.union([z.string().regex(/^-?\d{1,16}(\.\d{1,2})?$/, 'must be an amount like -1234.50'), z.number().finite()]);

const opportunityFields = {
  name: name(),
  accountId: id(),
  amount: money(),
  currency: currency(),
  margin: signedMoney().nullable(),
  expectedCloseDate: isoDate().nullable(),
  forecastCategory: z.enum(chosenForecastCategories),
  ownerId: id().nullable(),
  custom: customInputSchema,
};
const { name: _name, accountId: _accountId, ...optionalFields } = opportunityFields;

const createSchema = z
  .object({
    ...z.object(optionalFields).partial().shape,
    name: opportunityFields.name,
    accountId: opportunityFields.accountId,
    stage: z.enum(entryStages, { error: `a new opportunity starts in ${entryStages.join(' or ')}; move it on with POST /api/opportunities/{id}/stage` }).optional(),
  })
  .strict();
const updateSchema = z
  .object(opportunityFields)
  .partial()
  .extend({
    stage: z
      .never({ error: 'stages change through POST /api/opportunities/{id}/stage with {"stage": "...", "reason": "..."}' })
      .describe('not accepted here: move stages with POST /api/opportunities/{id}/stage')
      .optional(),
  })
  .strict();

export const presentOpportunity = (r: Record<string, unknown>) => ({
  id: r.id,
  name: r.name,
  accountId: r.account_id,
  amount: fromCents(r.amount_cents as string),
  currency: r.currency,
  margin: fromCents(r.margin_cents as string | null),
  stage: r.stage,
  expectedCloseDate: r.expected_close_date,
  forecastCategory: r.forecast_category,
  ownerId: r.owner_id,
  leadId: r.lead_id,
  stageChangedAt: iso(r.stage_changed_at),
  closedAt: iso(r.closed_at),
  custom: r.custom ?? {},
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

const stageList = z
  .string()
  .max(200)
  .refine((v) => v.split(',').every(isStageKey), { message: `must be stage keys separated by commas: ${stageKeys.join(', ')}` });
/** deals owned by someone in the team or any team below it */
const ownedInTeam = (teamId: unknown, ctx: RequestContext) => sql<SqlBool>`owner_id in (
  with recursive subtree as (
    select id from teams where tenant_id = ${ctx.tenantId} and id = ${String(teamId)}
    union
    select t.id from teams t join subtree s on t.parent_id = s.id where t.tenant_id = ${ctx.tenantId}
  )
  select u.id from users u where u.tenant_id = ${ctx.tenantId} and u.team_id in (select id from subtree))`;
/** deals of accounts in the region (the account's region, as on the accounts list) */
const inRegion = (region: unknown, ctx: RequestContext) =>
  sql<SqlBool>`account_id in (select a.id from accounts a where a.tenant_id = ${ctx.tenantId} and a.region = ${String(region)})`;
const cents = (field: string) => (v: unknown) => toCents(v as string | number, field).toString();

export const opportunitiesResource: ResourceDef<typeof createSchema, typeof updateSchema> = {
  name: 'opportunities',
  singular: 'opportunity',
  label: 'Opportunity',
  tag: 'pipeline',
  createSchema,
  updateSchema,
  toColumns: (i) => ({
    name: i.name,
    account_id: i.accountId,
    amount_cents: centsColumn(i.amount, 'amount'),
    currency: i.currency,
    margin_cents: centsColumn(i.margin, 'margin'),
    stage: i.stage,
    expected_close_date: i.expectedCloseDate,
    forecast_category: i.forecastCategory,
    owner_id: i.ownerId,
  }),
  present: presentOpportunity,
  names: [relatedNames.account],
  filters: {
    q: { column: 'name', kind: 'search', schema: z.string().max(100) },
    stage: { column: 'stage', kind: 'in', schema: stageList },
    ownerId: { column: 'owner_id', kind: 'eq', schema: id() },
    teamId: { column: 'owner_id', kind: 'where', schema: id(), where: ownedInTeam },
    region: { column: 'account_id', kind: 'where', schema: z.string().trim().min(1).max(60), where: inRegion },
    accountId: { column: 'account_id', kind: 'eq', schema: id() },
    forecastCategory: { column: 'forecast_category', kind: 'eq', schema: z.enum(forecastCategories) },
    closeFrom: { column: 'expected_close_date', kind: 'gte', schema: isoDate() },
    closeTo: { column: 'expected_close_date', kind: 'lte', schema: isoDate() },
    amountMin: { column: 'amount_cents', kind: 'gte', schema: money(), toDb: cents('amountMin') },
    amountMax: { column: 'amount_cents', kind: 'lte', schema: money(), toDb: cents('amountMax') },
    marginMin: { column: 'margin_cents', kind: 'gte', schema: signedMoney(), toDb: cents('marginMin'), field: 'margin' },
  },
  sorts: {
    expectedCloseDate: { column: 'expected_close_date', nullable: true },
    amount: { column: 'amount_cents' },
    createdAt: { column: 'created_at' },
    updatedAt: { column: 'updated_at' },
    name: { column: 'name' },
    stage: { column: 'stage_rank' },
    margin: { column: 'margin_cents', nullable: true, field: 'margin' },
  },
  defaultSort: '-createdAt',
  ...ownedByActor,
  customFields: true,
  references: [
    refs.account,
    refs.owner,
  ],
};

export const opportunitiesService = resourceService(opportunitiesResource);
