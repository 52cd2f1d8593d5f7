// The note (备注) record: free text on an account, contact, lead or opportunity, internal or
// shareable with the customer later.
import { z } from 'zod';
import type { ResourceDef } from '../../platform/http/resource.ts';
import { id, iso } from '../../platform/http/schemas.ts';

export const noteEntities = ['accounts', 'contacts', 'leads', 'opportunities'] as const;
export const noteVisibilities = ['internal', 'shareable'] as const;

const body = z.string().trim().min(1, 'must not be empty').max(20_000);
const visibility = z.enum(noteVisibilities).optional();

const createSchema = z.object({ entity: z.enum(noteEntities), entityId: id(), body, visibility }).strict();
const updateSchema = z.object({ body: body.optional(), visibility }).strict();

export const presentNote = (r: Record<string, unknown>) => ({
  id: r.id,
  entity: r.entity,
  entityId: r.entity_id,
  body: r.body,
  visibility: r.visibility,
  authorId: r.author_id,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export const notesResource: ResourceDef<typeof createSchema, typeof updateSchema> = {
  name: 'notes',
  singular: 'note',
  label: 'Note',
  tag: 'notes',
  createSchema,
  updateSchema,
  toColumns: (i) => ({ entity: i.entity, entity_id: i.entityId, body: i.body, visibility: i.visibility }),
  present: presentNote,
  filters: {
    entity: { column: 'entity', kind: 'eq', schema: z.enum(noteEntities) },
    entityId: { column: 'entity_id', kind: 'eq', schema: id() },
    authorId: { column: 'author_id', kind: 'eq', schema: id() },
    visibility: { column: 'visibility', kind: 'eq', schema: z.enum(noteVisibilities) },
  },
  sorts: {
    createdAt: { column: 'created_at' },
    updatedAt: { column: 'updated_at' },
  },
  defaultSort: '-createdAt',
  defaults: (ctx) => ({ author_id: ctx.actor.userId }),
};
