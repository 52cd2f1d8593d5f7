// The account (客户) record: its API shape, validation, filters and sorts.
import { z } from 'zod';
import { type ResourceDef, refs, ownedByActor } from '../../platform/http/resource.ts';
import { customInputSchema } from '../../platform/custom-fields/custom-fields.ts';
import { id, iso, name, optionalText } from '../../platform/http/schemas.ts';

export const accountSizes = ['small', 'medium', 'large', 'enterprise'] as const;
export const billingModels = ['annual', 'monthly'] as const;

const accountFields = {
  name: name(),
  industry: optionalText(60),
  region: optionalText(60),
  size: z.enum(accountSizes).nullable().optional(),
  billingModel: z.enum(billingModels).nullable().optional(),
  ownerId: id().nullable().optional(),
  address: optionalText(500),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  custom: customInputSchema,
};
const createSchema = z.object(accountFields).strict();
const updateSchema = z.object(accountFields).partial().strict();

export const presentAccount = (r: Record<string, unknown>) => ({
  id: r.id,
  name: r.name,
  industry: r.industry,
  region: r.region,
  size: r.size,
  billingModel: r.billing_model,
  ownerId: r.owner_id,
  address: r.address,
  lat: r.lat,
  lng: r.lng,
  custom: r.custom ?? {},
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export const accountsResource: ResourceDef<typeof createSchema, typeof updateSchema> = {
  name: 'accounts',
  singular: 'account',
  label: 'Account',
  tag: 'accounts',
  createSchema,
  updateSchema,
  toColumns: (i) => ({
    name: i.name,
    industry: i.industry,
    region: i.region,
    size: i.size,
    billing_model: i.billingModel,
    owner_id: i.ownerId,
    address: i.address,
    lat: i.lat,
    lng: i.lng,
  }),
  present: presentAccount,
  filters: {
    q: { column: 'name', kind: 'search', schema: z.string().max(100) },
    industry: { column: 'industry', kind: 'eq', schema: z.string().max(60) },
    region: { column: 'region', kind: 'eq', schema: z.string().max(60) },
    size: { column: 'size', kind: 'eq', schema: z.enum(accountSizes) },
    billingModel: { column: 'billing_model', kind: 'eq', schema: z.enum(billingModels) },
    ownerId: { column: 'owner_id', kind: 'eq', schema: id() },
  },
  sorts: {
    name: { column: 'name' },
    createdAt: { column: 'created_at' },
    updatedAt: { column: 'updated_at' },
    industry: { column: 'industry', nullable: true },
    region: { column: 'region', nullable: true },
  },
  defaultSort: '-createdAt',
  ...ownedByActor,
  customFields: true,
  references: [refs.owner],
};
