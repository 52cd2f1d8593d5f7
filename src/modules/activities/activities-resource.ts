// The activity (客户跟进) record: a visit, call, WeChat exchange or meeting with a customer,
// with when it happened, how it went and who was there.
import { z } from 'zod';
import { type ResourceDef, refs, ownedByActor, relatedNames } from '../../platform/http/resource.ts';
import { id, iso, isoDateTime, name, optionalText } from '../../platform/http/schemas.ts';

export const activityTypes = ['visit', 'call', 'wechat', 'email', 'meeting', 'note', 'other'] as const;
export const activityMoods = ['positive', 'neutral', 'hesitant', 'negative'] as const;

/** Clocks drift; anything later than this is a typo, not an activity. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const occurredAt = isoDateTime().refine((v) => Date.parse(v) <= Date.now() + FUTURE_TOLERANCE_MS, 'must not be in the future (5 minutes of clock drift allowed)');

const activityFields = {
  type: z.enum(activityTypes),
  occurredAt,
  subject: name(300),
  body: optionalText(20_000),
  mood: z.enum(activityMoods).nullable().optional(),
  accountId: id().nullable().optional(),
  opportunityId: id().nullable().optional(),
  contactIds: z
    .array(id())
    .max(50, 'at most 50 contacts per activity')
    .transform((ids) => [...new Set(ids)])
    .optional(),
  ownerId: id().optional(),
};
const createSchema = z.object(activityFields).strict();
const updateSchema = z.object(activityFields).partial().strict();

export const presentActivity = (r: Record<string, unknown>) => ({
  id: r.id,
  type: r.type,
  occurredAt: iso(r.occurred_at),
  loggedAt: iso(r.logged_at),
  subject: r.subject,
  body: r.body,
  mood: r.mood,
  accountId: r.account_id,
  opportunityId: r.opportunity_id,
  contactIds: r.contact_ids ?? [],
  ownerId: r.owner_id,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export const activitiesResource: ResourceDef<typeof createSchema, typeof updateSchema> = {
  name: 'activities',
  singular: 'activity',
  label: 'Activity',
  tag: 'activities',
  createSchema,
  updateSchema,
  toColumns: (i) => ({
    type: i.type,
    occurred_at: i.occurredAt,
    subject: i.subject,
    body: i.body,
    mood: i.mood,
    account_id: i.accountId,
    opportunity_id: i.opportunityId,
    contact_ids: i.contactIds,
    owner_id: i.ownerId,
  }),
  present: presentActivity,
  names: [relatedNames.account, relatedNames.opportunity],
  filters: {
    accountId: { column: 'account_id', kind: 'eq', schema: id() },
    opportunityId: { column: 'opportunity_id', kind: 'eq', schema: id() },
    ownerId: { column: 'owner_id', kind: 'eq', schema: id() },
    type: { column: 'type', kind: 'eq', schema: z.enum(activityTypes) },
    from: { column: 'occurred_at', kind: 'gte', schema: isoDateTime() },
    to: { column: 'occurred_at', kind: 'lte', schema: isoDateTime() },
  },
  sorts: {
    occurredAt: { column: 'occurred_at' },
    createdAt: { column: 'created_at' },
  },
  defaultSort: '-occurredAt',
  ...ownedByActor,
  references: [
    refs.account,
    refs.opportunity,
    refs.owner,
  ],
};
