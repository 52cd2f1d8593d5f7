// Decides which file column feeds which field: explicit --map entries first, then the API
// field names, the entity's Chinese/English aliases, and custom fields (cf.<key> or label).
import { AppError } from '../../platform/http/errors.ts';
import type { CustomFieldDef } from '../../platform/custom-fields/custom-fields.ts';
import type { DataEntity } from './data-entities.ts';

export type ColumnTarget = { kind: 'field'; field: string } | { kind: 'custom'; key: string };

export interface PlannedColumn {
  index: number;
  header: string;
  target: ColumnTarget;
}

export interface ColumnPlan {
  columns: PlannedColumn[];
  /** headers that feed nothing; reported so no data goes missing unnoticed */
  ignored: string[];
  /** field or custom key → the header that feeds it, for error messages */
  headerOf: Map<string, string>;
}

/** Header text compared loosely: case, spaces, underscores, dashes and required-markers (*) ignored. */
export const normalizeHeader = (h: string) => h.trim().replace(/^\*+|\*+$/g, '').toLowerCase().replace(/[\s_\-]/g, '');

/** Parses repeated `Header=field` options; an empty field means "ignore this column". */
export function parseMapOptions(entries: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of entries) {
    const at = entry.lastIndexOf('=');
    if (at <= 0) throw new AppError('bad_request', `--map "${entry}" is not Header=field (for example --map "客户全称=name").`);
    out[entry.slice(0, at).trim()] = entry.slice(at + 1).trim();
  }
  return out;
}

export function planColumns(headers: string[], entity: DataEntity, fields: string[], customDefs: CustomFieldDef[], explicit: Record<string, string>): ColumnPlan {
  const byName = new Map<string, ColumnTarget>();
  for (const field of fields) byName.set(normalizeHeader(field), { kind: 'field', field });
  for (const [alias, field] of Object.entries(entity.aliases)) byName.set(normalizeHeader(alias), { kind: 'field', field });
  for (const def of customDefs) {
    byName.set(normalizeHeader(`cf.${def.key}`), { kind: 'custom', key: def.key });
    byName.set(normalizeHeader(def.label), { kind: 'custom', key: def.key });
  }
  const known = [...fields, ...customDefs.map((d) => `cf.${d.key}`)];

  const explicitByHeader = new Map<string, string>();
  for (const [header, target] of Object.entries(explicit)) {
    if (!headers.some((h) => h.trim() === header)) {
      throw new AppError('bad_request', `--map names the column "${header}", but the file has no such column. Its columns are: ${headers.join(', ')}.`);
    }
    explicitByHeader.set(header, target);
  }

  const columns: PlannedColumn[] = [];
  const ignored: string[] = [];
  const headerOf = new Map<string, string>();
  headers.forEach((raw, index) => {
    const header = raw.trim();
    let target: ColumnTarget | undefined;
    const mapped = explicitByHeader.get(header);
    if (mapped !== undefined) {
      if (mapped === '') return void ignored.push(header);
      target = byName.get(normalizeHeader(mapped));
      if (!target) throw new AppError('bad_request', `--map "${header}=${mapped}": ${entity.resource.name} has no field "${mapped}". Fields: ${known.join(', ')}.`);
    } else {
      target = byName.get(normalizeHeader(header));
    }
    if (!target) return void ignored.push(header || `(column ${index + 1})`);
    const key = target.kind === 'field' ? target.field : `custom.${target.key}`;
    const earlier = headerOf.get(key);
    if (earlier !== undefined) throw new AppError('bad_request', `The columns "${earlier}" and "${header}" both feed ${key}. Keep one, or ignore the other with --map "${header}=".`);
    headerOf.set(key, header);
    columns.push({ index, header, target });
  });
  return { columns, ignored, headerOf };
}

/** Required fields with no column: the import cannot start. */
export function missingRequired(plan: ColumnPlan, required: string[], entity: DataEntity): string[] {
  return required
    .filter((field) => !plan.headerOf.has(field))
    .map((field) => {
      const alias = Object.entries(entity.aliases).find(([, f]) => f === field)?.[0];
      return alias ? `${field} (${alias})` : field;
    });
}
