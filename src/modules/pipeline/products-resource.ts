// The product catalogue (产品): what order lines are priced from. Only admins change it.
import { z } from 'zod';
import { resourceService, type ResourceDef } from '../../platform/http/resource.ts';
import { boolString, currency, iso, money, name, optionalText } from '../../platform/http/schemas.ts';
import { centsColumn, fromCents } from '../../platform/money.ts';

const productFields = {
  sku: z.string().trim().min(1, 'must not be empty').max(60),
  name: name(),
  category: optionalText(60),
  unitPrice: money(),
  currency: currency(),
  active: z.boolean(),
};
const createSchema = z.object(productFields).partial({ category: true, currency: true, active: true }).strict();
const updateSchema = z.object(productFields).partial().strict();

export const presentProduct = (r: Record<string, unknown>) => ({
  id: r.id,
  sku: r.sku,
  name: r.name,
  category: r.category,
  unitPrice: fromCents(r.unit_price_cents as string),
  currency: r.currency,
  active: r.active,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export const productsResource: ResourceDef<typeof createSchema, typeof updateSchema> = {
  name: 'products',
  singular: 'product',
  label: 'Product',
  tag: 'pipeline',
  createSchema,
  updateSchema,
  toColumns: (i) => ({
    sku: i.sku,
    name: i.name,
    category: i.category,
    unit_price_cents: centsColumn(i.unitPrice, 'unitPrice'),
    currency: i.currency,
    active: i.active,
  }),
  present: presentProduct,
  filters: {
    q: { column: 'name', kind: 'search', schema: z.string().max(100) },
    sku: { column: 'sku', kind: 'eq', schema: z.string().max(60) },
    category: { column: 'category', kind: 'eq', schema: z.string().max(60) },
    active: { column: 'active', kind: 'eq', schema: boolString() },
  },
  sorts: {
    name: { column: 'name' },
    sku: { column: 'sku' },
    unitPrice: { column: 'unit_price_cents' },
    createdAt: { column: 'created_at' },
  },
  defaultSort: 'name',
};

export const productsService = resourceService(productsResource);
