// The deal fields a stage gate may require: a few built-in opportunity fields and the
// tenant's opportunity custom fields (named cf.<key>), with their labels and how to tell
// whether a deal holds a value.
import type { Tx } from '../../platform/tenancy/context.ts';
import { loadCustomFields } from '../../platform/custom-fields/custom-fields.ts';
import type { FieldLabels } from './stage-gates.ts';

type Row = Record<string, unknown>;

interface BuiltinGateField {
  label: string;
  labelEn: string;
  isFilled: (row: Row) => boolean;
}

const present = (v: unknown) => v !== null && v !== undefined && v !== '';

const builtinGateFields: Record<string, BuiltinGateField> = {
  // amount_cents is stored as 0 when a deal is created without an amount, so 0 means "not entered" here
  amount: { label: '金额', labelEn: 'Amount', isFilled: (r) => present(r.amount_cents) && String(r.amount_cents) !== '0' },
  expectedCloseDate: { label: '预计成交日期', labelEn: 'Expected close date', isFilled: (r) => present(r.expected_close_date) },
  margin: { label: '毛利', labelEn: 'Margin', isFilled: (r) => present(r.margin_cents) },
  ownerId: { label: '负责人', labelEn: 'Owner', isFilled: (r) => present(r.owner_id) },
};

export const CUSTOM_PREFIX = 'cf.';

/** every field a gate may name in this tenant, with its labels (custom fields carry their one label in both) */
export async function gateFieldLabels(trx: Tx, tenantId: string): Promise<FieldLabels> {
  const custom = await loadCustomFields(trx, tenantId, 'opportunities');
  return new Map([
    ...Object.entries(builtinGateFields).map(([name, f]) => [name, { label: f.label, labelEn: f.labelEn }] as const),
    ...custom.map((d) => [`${CUSTOM_PREFIX}${d.key}`, { label: d.label, labelEn: d.label }] as const),
  ]);
}

/** which of `names` hold a value on the deal row */
export function filledGateFields(row: Row, names: string[]): Set<string> {
  const custom = (row.custom ?? {}) as Row;
  return new Set(
    names.filter((name) => {
      if (name.startsWith(CUSTOM_PREFIX)) {
        const value = custom[name.slice(CUSTOM_PREFIX.length)];
        return present(value) && !(Array.isArray(value) && value.length === 0);
      }
      return builtinGateFields[name]?.isFilled(row) ?? false;
    }),
  );
}
