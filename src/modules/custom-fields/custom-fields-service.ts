// Custom field use cases: the generic record machinery plus a clear 409 for a key already
// used on the entity, and options only on select types.
import { AppError } from '../../platform/http/errors.ts';
import { resourceService, type ResourceService } from '../../platform/http/resource.ts';
import { authorize } from '../../platform/auth/policies.ts';
import { customFieldsResource, optionTypes } from './custom-fields-resource.ts';

export function customFieldsService(): ResourceService {
  const base = resourceService(customFieldsResource);
  return {
    ...base,

    async create(trx, ctx, input) {
      authorize(ctx, 'custom_fields', 'create');
      const parsed = customFieldsResource.createSchema.parse(input);
      const taken = await trx.selectFrom('custom_fields').select('id').where('tenant_id', '=', ctx.tenantId).where('entity', '=', parsed.entity).where('key', '=', parsed.key).executeTakeFirst();
      if (taken) throw new AppError('conflict', `${parsed.entity} already has a custom field "${parsed.key}". Pick another key or edit that field.`, { field: 'key' });
      return base.create(trx, ctx, parsed);
    },

    async update(trx, ctx, id, input) {
      authorize(ctx, 'custom_fields', 'update');
      const parsed = customFieldsResource.updateSchema.parse(input);
      const field = await base.fetch(trx, ctx, id, true);
      if (parsed.options !== undefined) {
        const type = field.type as string;
        if (!optionTypes.has(type)) throw new AppError('unprocessable', `A ${type} field has no options.`, { field: 'options' });
        if (parsed.options.length === 0) throw new AppError('unprocessable', `A ${type} field needs at least one option.`, { field: 'options' });
      }
      return base.update(trx, ctx, id, parsed);
    },
  };
}
