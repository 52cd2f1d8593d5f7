// The export use case: streams every record of a type the actor may see, page by page (keyset
// cursor), as CSV (UTF-8 with BOM so Excel shows Chinese; custom fields as cf.<key> columns)
// or as a JSON array of API-shaped records.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../../platform/db/schema.ts';
import { resourceService } from '../../platform/http/resource.ts';
import { hiddenFields } from '../../platform/auth/field-hiding.ts';
import { loadCustomFields } from '../../platform/custom-fields/custom-fields.ts';
import { inTenant, type Actor, type RequestContext } from '../../platform/tenancy/context.ts';
import { dataEntity } from './data-entities.ts';

export type ExportFormat = 'csv' | 'json';

export interface ExportOptions {
  db: Kysely<Database>;
  tenantId: string;
  actor: Actor;
  entity: string;
  format: ExportFormat;
  out: Writable;
  pageSize?: number;
}

type Row = Record<string, unknown>;

export async function runExport(opts: ExportOptions): Promise<{ rows: number }> {
  const resource = dataEntity(opts.entity).resource;
  const service = resourceService(resource);
  const ctx: RequestContext = { tenantId: opts.tenantId, actor: opts.actor };
  return inTenant(opts.db, opts.tenantId, async (trx) => {
    const hidden = await hiddenFields(trx, ctx, resource.name);
    const customKeys = resource.customFields ? (await loadCustomFields(trx, opts.tenantId, resource.name)).map((d) => d.key) : [];
    const fields = Object.keys(resource.present({})).filter((f) => f !== 'custom' && !hidden.has(f));
    const columns = [...fields, ...customKeys.map((k) => `cf.${k}`)];
    const write = async (text: string) => {
      if (!opts.out.write(text)) await once(opts.out, 'drain');
    };
    let rows = 0;
    let cursor: string | null = null;
    await write(opts.format === 'csv' ? stringify([columns], { bom: true }) : '[');
    do {
      const page = await service.list(trx, ctx, { limit: opts.pageSize ?? 1000, cursor: cursor ?? undefined, sort: resource.defaultSort });
      if (page.items.length) {
        await write(opts.format === 'csv' ? stringify(page.items.map((item) => csvCells(item, fields, customKeys))) : page.items.map((item, i) => `${rows + i ? ',' : ''}\n${JSON.stringify(item)}`).join(''));
      }
      rows += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    if (opts.format === 'json') await write(rows ? '\n]\n' : ']\n');
    return { rows };
  });
}

function csvCells(item: Row, fields: string[], customKeys: string[]): string[] {
  const custom = (item.custom ?? {}) as Row;
  return [...fields.map((f) => cellText(item[f])), ...customKeys.map((k) => cellText(custom[k]))];
}

/** What a spreadsheet cell shows; lists use the same | separator the importer splits on. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(String).join('|');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
