// Turns file records into table rows with the API's own rules: cells become API input, named
// records become ids, the resource's zod create schema validates, its toColumns maps, custom
// fields and the owner scope are checked. A row that fails gets every problem, by column.
import type { z } from 'zod';
import { AppError } from '../../platform/http/errors.ts';
import { validateCustom, type CustomFieldDef } from '../../platform/custom-fields/custom-fields.ts';
import type { RequestContext } from '../../platform/tenancy/context.ts';
import { newId } from '../../platform/ids.ts';
import type { ColumnPlan } from './column-mapping.ts';
import type { DataEntity, Lookup } from './data-entities.ts';
import type { FieldInfo } from './field-kinds.ts';
import { cellValue, customFieldKind } from './cell-values.ts';
import type { ReferenceResolver } from './reference-resolver.ts';
import type { SourceRecord } from './source-record.ts';
import type { ColumnValues } from './batch-writer.ts';

export interface PreparedRow {
  line: number;
  columns: ColumnValues | null;
  problems: string[];
}

export interface PreparerSetup {
  ctx: RequestContext;
  entity: DataEntity;
  plan: ColumnPlan;
  fields: FieldInfo;
  customDefs: CustomFieldDef[];
  headerWidth: number;
  timeZone: string;
  resolver: ReferenceResolver;
  /** owners the actor may assign records to; null = anyone */
  ownerScope: Set<string> | null;
  hiddenFields: Set<string>;
}

interface Draft {
  line: number;
  input: Record<string, unknown>;
  custom: Record<string, unknown>;
  lookups: Array<{ field: string; lookup: Lookup; value: string }>;
  problems: string[];
}

export class RowPreparer {
  private readonly customByKey: Map<string, CustomFieldDef>;

  constructor(private readonly s: PreparerSetup) {
    this.customByKey = new Map(s.customDefs.map((d) => [d.key, d]));
  }

  async prepare(records: SourceRecord[]): Promise<PreparedRow[]> {
    const drafts = records.map((r) => this.draft(r));
    await this.s.resolver.prefetch(drafts.flatMap((d) => d.lookups));
    return drafts.map((d) => this.finish(d));
  }

  private draft(record: SourceRecord): Draft {
    const { plan, entity, fields, headerWidth, timeZone } = this.s;
    const d: Draft = { line: record.line, input: {}, custom: {}, lookups: [], problems: [] };
    const cells = record.cells;
    if (cells.length < headerWidth || cells.slice(headerWidth).some((c) => c.trim() !== '')) {
      d.problems.push(`the row has ${cells.length} cells but the header has ${headerWidth}; check for a missing or extra delimiter`);
    }
    for (const col of plan.columns) {
      const cell = (cells[col.index] ?? '').trim();
      if (cell === '') continue;
      const target = col.target;
      if (target.kind === 'custom') {
        const def = this.customByKey.get(target.key);
        if (def) d.custom[target.key] = cellValue(cell, customFieldKind(def.type), timeZone);
        continue;
      }
      const lookup = entity.lookups[target.field];
      if (lookup) {
        d.lookups.push({ field: target.field, lookup, value: cell });
        continue;
      }
      const value = entity.values[target.field]?.[cell] ?? cell;
      d.input[target.field] = cellValue(value, fields.kinds[target.field] ?? 'text', timeZone);
    }
    return d;
  }

  /** the file's header for a field or custom key, for messages */
  private readonly header = (key: string) => this.s.plan.headerOf.get(key) ?? key;

  private finish(d: Draft): PreparedRow {
    const { ctx, entity, resolver, ownerScope, hiddenFields, customDefs } = this.s;
    const resource = entity.resource;
    const header = this.header;
    const unresolved: string[] = [];
    for (const { field, lookup, value } of d.lookups) {
      const found = resolver.resolve(lookup, value);
      if (found.ok) d.input[field] = found.id;
      else {
        unresolved.push(field);
        d.problems.push(`${header(field)}: ${found.message}`);
      }
    }
    for (const field of Object.keys(d.input)) {
      if (hiddenFields.has(field)) d.problems.push(`${header(field)}: your role may not set ${field}`);
    }
    if (Object.keys(d.custom).length) d.input.custom = d.custom;
    const parsed = resource.createSchema.safeParse(d.input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (!unresolved.includes(String(issue.path[0]))) d.problems.push(describeIssue(issue, d.input, header));
      }
    }
    if (d.problems.length || !parsed.success) return { line: d.line, columns: null, problems: d.problems };

    const data = parsed.data;
    try {
      // one object filled in place: defaults, then the defined values (a spread per row cost more than the checks)
      const columns: ColumnValues = resource.defaults?.(ctx) ?? {};
      const values = resource.toColumns(data, ctx);
      for (const key in values) if (values[key] !== undefined) columns[key] = values[key];
      const owner = resource.ownerColumn ? columns[resource.ownerColumn] : undefined;
      if (ownerScope && typeof owner === 'string' && !ownerScope.has(owner)) {
        d.problems.push(`${header('ownerId')}: you may only assign ${resource.label.toLowerCase()} records to yourself or your team`);
      }
      if (resource.customFields) columns.custom = JSON.stringify(validateCustom(customDefs, data.custom as Record<string, unknown> | undefined, null));
      columns.id = newId();
      columns.tenant_id = ctx.tenantId;
      return { line: d.line, columns: d.problems.length ? null : columns, problems: d.problems };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      d.problems.push(...appErrorProblems(err, header));
      return { line: d.line, columns: null, problems: d.problems };
    }
  }
}

function describeIssue(issue: z.core.$ZodIssue, input: Record<string, unknown>, header: (key: string) => string): string {
  const [first, second] = issue.path;
  const key = first === 'custom' && second !== undefined ? `custom.${String(second)}` : first === undefined ? '' : String(first);
  if (!key) return issue.message;
  if (issue.code === 'invalid_type' && first !== undefined && input[String(first)] === undefined) return `${header(key)}: is required`;
  return `${header(key)}: ${issue.message}`;
}

function appErrorProblems(err: AppError, header: (key: string) => string): string[] {
  const issues = (err.details as { issues?: Array<{ path: string; message: string }> } | undefined)?.issues;
  if (!issues?.length) return [err.message];
  return issues.map((i) => `${header(i.path)}: ${i.path.startsWith('custom.') ? i.message : err.message}`);
}
