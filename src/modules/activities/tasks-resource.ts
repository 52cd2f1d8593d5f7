// The task (待办) record: a follow-up someone owes, with a due time and a status.
import { z } from 'zod';
import { type ResourceDef, refs, relatedNames } from '../../platform/http/resource.ts';
import { id, iso, isoDateTime, name, optionalText } from '../../platform/http/schemas.ts';

export const taskStatuses = ['open', 'done', 'cancelled'] as const;
export const taskPriorities = ['low', 'normal', 'high'] as const;

const taskFields = {
  title: name(300),
  description: optionalText(10_000),
  dueAt: isoDateTime().nullable().optional(),
  status: z.enum(taskStatuses).optional(),
  priority: z.enum(taskPriorities).optional(),
  ownerId: id().optional(),
  accountId: id().nullable().optional(),
  opportunityId: id().nullable().optional(),
};
const createSchema = z.object(taskFields).strict();
const updateSchema = z.object(taskFields).partial().strict();

export const presentTask = (r: Record<string, unknown>) => ({
  id: r.id,
  title: r.title,
  description: r.description,
  dueAt: iso(r.due_at),
  status: r.status,
  priority: r.priority,
  ownerId: r.owner_id,
  accountId: r.account_id,
  opportunityId: r.opportunity_id,
  createdBy: r.created_by,
  completedAt: iso(r.completed_at),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

/** A task is completed when it becomes done, and no longer completed when it leaves done. */
const completedAtFor = (status: string | undefined) => (status === undefined ? undefined : status === 'done' ? new Date() : null);

export const tasksResource: ResourceDef<typeof createSchema, typeof updateSchema> = {
  name: 'tasks',
  singular: 'task',
  label: 'Task',
  tag: 'tasks',
  createSchema,
  updateSchema,
  toColumns: (i) => ({
    title: i.title,
    description: i.description,
    due_at: i.dueAt,
    status: i.status,
    completed_at: completedAtFor(i.status),
    priority: i.priority,
    owner_id: i.ownerId,
    account_id: i.accountId,
    opportunity_id: i.opportunityId,
  }),
  present: presentTask,
  names: [relatedNames.account, relatedNames.opportunity],
  filters: {
    ownerId: { column: 'owner_id', kind: 'eq', schema: id() },
    status: { column: 'status', kind: 'eq', schema: z.enum(taskStatuses) },
    dueBefore: { column: 'due_at', kind: 'lte', schema: isoDateTime() },
    accountId: { column: 'account_id', kind: 'eq', schema: id() },
    opportunityId: { column: 'opportunity_id', kind: 'eq', schema: id() },
  },
  sorts: {
    dueAt: { column: 'due_at', nullable: true },
    createdAt: { column: 'created_at' },
    updatedAt: { column: 'updated_at' },
  },
  defaultSort: 'dueAt',
  ownerColumn: 'owner_id',
  references: [
    refs.account,
    refs.opportunity,
    refs.owner,
  ],
  defaults: (ctx) => ({ owner_id: ctx.actor.userId, created_by: ctx.actor.userId }),
};
