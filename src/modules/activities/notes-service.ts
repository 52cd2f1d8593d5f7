// Note use cases: the generic record machinery plus the rule that a note is as visible as
// the record it is written on.
import { AppError } from '../../platform/http/errors.ts';
import { resourceService, type ResourceService } from '../../platform/http/resource.ts';
import { authorize, visibleOwnerIds } from '../../platform/auth/policies.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { notesResource, type noteEntities } from './notes-resource.ts';
import { assertMayChange, assertRecordVisible } from './attached-records.ts';

type NoteEntity = (typeof noteEntities)[number];

export function notesService(): ResourceService {
  const base = resourceService(notesResource);

  const visibleRow = async (trx: Tx, ctx: RequestContext, id: string, lock = false) => {
    const row = await base.fetch(trx, ctx, id, lock);
    await assertRecordVisible(trx, ctx, row.entity as NoteEntity, row.entity_id as string, 'read');
    return row;
  };
  const changeable = async (trx: Tx, ctx: RequestContext, id: string) => {
    const row = await visibleRow(trx, ctx, id, true);
    assertMayChange(ctx, row.author_id, 'note');
  };

  return {
    async list(trx, ctx, query) {
      authorize(ctx, 'notes', 'read');
      const { entity, entityId } = query;
      if ((entity === undefined) !== (entityId === undefined)) {
        throw new AppError('bad_request', 'Pass entity and entityId together, e.g. ?entity=accounts&entityId=<id>.');
      }
      if (entity !== undefined) {
        await assertRecordVisible(trx, ctx, entity as NoteEntity, entityId as string, 'read');
        return base.list(trx, ctx, query);
      }
      // Without a record to list for, people with a limited scope see the notes they wrote.
      const wholeTenant = (await visibleOwnerIds(trx, ctx)) === null;
      return base.list(trx, ctx, wholeTenant ? query : { ...query, authorId: ctx.actor.userId });
    },
    fetch: visibleRow,
    async get(trx, ctx, id) {
      await visibleRow(trx, ctx, id);
      return base.get(trx, ctx, id);
    },
    async create(trx, ctx, input) {
      const parsed = notesResource.createSchema.parse(input);
      await assertRecordVisible(trx, ctx, parsed.entity, parsed.entityId, 'reference');
      return base.create(trx, ctx, parsed);
    },
    async update(trx, ctx, id, input) {
      await changeable(trx, ctx, id);
      return base.update(trx, ctx, id, input);
    },
    async remove(trx, ctx, id) {
      await changeable(trx, ctx, id);
      return base.remove(trx, ctx, id);
    },
  };
}
