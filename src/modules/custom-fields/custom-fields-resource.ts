// The custom field definition an admin adds to accounts, contacts, leads or opportunities:
// its key, label, type and (for select types) options. Key, entity and type are fixed once
// created, because stored values were validated against them.
import { z } from 'zod';
import type { ResourceDef } from '../../platform/http/resource.ts';
import { customFieldEntities, customFieldTypes } from '../../platform/custom-fields/custom-fields.ts';
import { iso, name } from '../../platform/http/schemas.ts';

export const optionTypes: ReadonlySet<string> = new Set(['select', 'multiselect']);

const options = z
  .array(z.string().trim().min(1, 'an option must not be empty').max(100))
  .max(200, 'at most 200 options')
  .refine((list) => new Set(list).size === list.length, 'options must not repeat');

const createSchema = z
  .object({
    entity: z.enum(customFieldEntities),
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must start with a letter and use only a-z, 0-9 and _ (at most 40)'),
    label: name(100),
    type: z.enum(customFieldTypes),
    options: options.optional(),
    required: z.boolean().optional(),
  })
  .strict()
  .superRefine((f, issue) => {
    const hasOptions = (f.options?.length ?? 0) > 0;
    if (optionTypes.has(f.type) && !hasOptions) issue.addIssue({ code: 'custom', path: ['options'], message: `a ${f.type} field needs at least one option` });
    if (!optionTypes.has(f.type) && hasOptions) issue.addIssue({ code: 'custom', path: ['options'], message: `a ${f.type} field has no options` });
  });
const updateSchema = z.object({ label: name(100), options, required: z.boolean() }).partial().strict();

export const presentCustomField = (r: Record<string, unknown>) => ({
  id: r.id,
  entity: r.entity,
  key: r.key,
  label: r.label,
  type: r.type,
  options: r.options ?? [],
  required: r.required,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export const customFieldsResource: ResourceDef<typeof createSchema, typeof updateSchema> = {
  name: 'custom_fields',
  path: 'custom-fields',
  singular: 'custom_field',
  label: 'Custom field',
  tag: 'custom fields',
  createSchema,
  updateSchema,
  toColumns: (i) => ({
    entity: i.entity,
    key: i.key,
    label: i.label,
    type: i.type,
    options: i.options === undefined ? undefined : JSON.stringify(i.options),
    required: i.required,
  }),
  present: presentCustomField,
  filters: {
    entity: { column: 'entity', kind: 'eq', schema: z.enum(customFieldEntities) },
  },
  sorts: {
    createdAt: { column: 'created_at' },
    key: { column: 'key' },
    label: { column: 'label' },
  },
  defaultSort: 'createdAt',
};
