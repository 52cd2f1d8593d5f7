// Admin-defined fields on accounts, contacts, leads and opportunities: stored in each row's
// `custom` jsonb and validated against the tenant's field metadata (no per-tenant DDL).
import { z } from 'zod';
import { AppError } from '../http/errors.ts';
import { UUID_RE } from '../ids.ts';
import type { Tx } from '../tenancy/context.ts';
import { cachedForTenant } from '../tenancy/tenant-cache.ts';

export const customFieldTypes = ['text', 'number', 'money', 'date', 'select', 'multiselect', 'user', 'boolean'] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];
export const customFieldEntities = ['accounts', 'contacts', 'leads', 'opportunities'] as const;

export interface CustomFieldDef {
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
  required: boolean;
}

export async function loadCustomFields(trx: Tx, tenantId: string, entity: string): Promise<CustomFieldDef[]> {
  return cachedForTenant(tenantId, `custom_fields:${entity}`, async () => {
    const rows = await trx.selectFrom('custom_fields').select(['key', 'label', 'type', 'options', 'required']).where('tenant_id', '=', tenantId).where('entity', '=', entity).orderBy('created_at').execute();
    return rows.map((r) => ({ key: r.key, label: r.label, type: r.type as CustomFieldType, options: (r.options as string[]) ?? [], required: r.required }));
  });
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const MONEY_RE = /^-?\d{1,16}(\.\d{1,2})?$/;

/** Checks one value against its field; returns the value to store or an error message. */
export function checkCustomValue(def: CustomFieldDef, value: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  if (value === null) return { ok: true, value: null };
  switch (def.type) {
    case 'text':
      return typeof value === 'string' && value.length <= 2000 ? { ok: true, value } : { ok: false, message: 'must be text of at most 2000 characters' };
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? { ok: true, value } : { ok: false, message: 'must be a number' };
    case 'money': {
      const text = typeof value === 'number' ? String(value) : value;
      return typeof text === 'string' && MONEY_RE.test(text) ? { ok: true, value: text } : { ok: false, message: 'must be an amount like 1234.50' };
    }
    case 'date':
      return typeof value === 'string' && DATE_RE.test(value) && !Number.isNaN(Date.parse(value)) ? { ok: true, value } : { ok: false, message: 'must be a date YYYY-MM-DD' };
    case 'select':
      return typeof value === 'string' && def.options.includes(value) ? { ok: true, value } : { ok: false, message: `must be one of: ${def.options.join(', ')}` };
    case 'multiselect':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && def.options.includes(v))
        ? { ok: true, value: [...new Set(value as string[])] }
        : { ok: false, message: `must be a list of: ${def.options.join(', ')}` };
    case 'user':
      return typeof value === 'string' && UUID_RE.test(value) ? { ok: true, value } : { ok: false, message: 'must be a user id' };
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false, message: 'must be true or false' };
  }
}

/** Validates a whole `custom` object; merges over the existing values on update. */
export function validateCustom(defs: CustomFieldDef[], input: Record<string, unknown> | undefined, existing: Record<string, unknown> | null): Record<string, unknown> {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const out: Record<string, unknown> = { ...(existing ?? {}) };
  const issues: Array<{ path: string; message: string }> = [];
  for (const [key, value] of Object.entries(input ?? {})) {
    const def = byKey.get(key);
    if (!def) {
      issues.push({ path: `custom.${key}`, message: 'no such custom field; an admin can add it under Admin → Custom fields' });
      continue;
    }
    const checked = checkCustomValue(def, value);
    if (checked.ok) out[key] = checked.value;
    else issues.push({ path: `custom.${key}`, message: `${def.label} ${checked.message}` });
  }
  for (const def of defs) {
    if (def.required && (out[def.key] === undefined || out[def.key] === null || out[def.key] === '')) {
      issues.push({ path: `custom.${def.key}`, message: `${def.label} is required` });
    }
  }
  if (issues.length) {
    throw new AppError('validation_failed', `Some custom fields are not valid: ${issues.map((i) => `${i.path} (${i.message})`).join('; ')}.`, { issues });
  }
  return out;
}

export const customInputSchema = z.record(z.string().max(40), z.unknown()).optional();
