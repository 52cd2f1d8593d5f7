// Registers the standard REST routes of a tenant-scoped record type from one declaration:
// list (filters, sort, keyset pages), read, create, update, delete — each scoped to the
// tenant and the actor's data scope, evented and audited, and shaped by its presenter.
import { sql, type Expression, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { z } from 'zod';
import { AppError, notFound } from './errors.ts';
import { decodeCursor, fetchLimit, listQueryBase, pageFrom, type Page } from './list-params.ts';
import type { ZodApp } from './server.ts';
import type { AppDeps } from './deps.ts';
import { authorize, visibleOwnerIds } from '../auth/policies.ts';
import { hiddenFields, stripHidden } from '../auth/field-hiding.ts';
import { inTenant, readInTenant, type RequestContext, type Tx } from '../tenancy/context.ts';
import { recordEvent } from '../events/outbox.ts';
import { loadCustomFields, validateCustom, type CustomFieldDef } from '../custom-fields/custom-fields.ts';
import { newId } from '../ids.ts';

type Row = Record<string, unknown>;
// Resources are declared by table name, so the builder is used with a row-agnostic schema.
type LooseDb = Kysely<Record<string, Row>>;
const loose = (trx: Tx) => trx as unknown as LooseDb;

export type FilterKind = 'eq' | 'search' | 'gte' | 'lte' | 'in' | 'where';

export interface FilterSpec {
  column: string;
  kind: FilterKind;
  schema: z.ZodType;
  /** turns the API value into the column value (e.g. money → cents) */
  toDb?: (v: unknown) => unknown;
  /** the API field this filter reveals (default: the filter's own name); refused when that field is hidden from the role */
  field?: string;
  /** 'search' only: further columns matched with OR (e.g. a lead's person and company name) */
  alsoSearch?: string[];
  /** 'where' only: the condition for a value that needs more than one column (e.g. deals of accounts in a region) */
  where?: (value: unknown, ctx: RequestContext) => Expression<SqlBool>;
}

export interface SortSpec {
  column: string;
  nullable?: boolean;
  field?: string;
}

export interface ReferenceCheck {
  /** input column holding the id */
  column: string;
  table: string;
  label: string;
}

export interface ResourceDef<C extends z.ZodObject, U extends z.ZodObject> {
  /** table and URL segment, e.g. 'accounts' */
  name: string;
  /** URL segment when it differs from the table name, e.g. 'custom-fields' */
  path?: string;
  /** event prefix, e.g. 'account' */
  singular: string;
  label: string;
  tag: string;
  createSchema: C;
  updateSchema: U;
  /** API input → column values (without id/tenant_id/custom) */
  toColumns(input: Partial<z.infer<C>>, ctx: RequestContext): Row;
  present(row: Row): Row;
  filters: Record<string, FilterSpec>;
  sorts: Record<string, SortSpec>;
  defaultSort: string;
  /** column that names the record's owner; the data scope applies through it */
  ownerColumn?: string;
  customFields?: boolean;
  references?: ReferenceCheck[];
  /** fill defaults on create, e.g. owner = the actor */
  defaults?(ctx: RequestContext): Row;
  /** names of referenced records added to every response (one query per page), e.g. accountName */
  names?: RelatedName[];
}

export interface RelatedName {
  /** the row's column holding the referenced id */
  column: string;
  table: string;
  /** the API field to add */
  as: string;
}

export interface ResourceService {
  list(trx: Tx, ctx: RequestContext, query: Record<string, unknown>): Promise<Page<Row>>;
  get(trx: Tx, ctx: RequestContext, id: string): Promise<Row>;
  create(trx: Tx, ctx: RequestContext, input: Row): Promise<Row>;
  update(trx: Tx, ctx: RequestContext, id: string, input: Row): Promise<Row>;
  remove(trx: Tx, ctx: RequestContext, id: string): Promise<void>;
  /** the stored row (not presented) if the actor may see it, optionally locked for update; 404 otherwise */
  fetch(trx: Tx, ctx: RequestContext, id: string, lock?: boolean): Promise<Row>;
}

/** A declared resource's service, which can also hand out its filtered rows. */
export interface FilterableService extends ResourceService {
  /** the rows a list with these filters would return, unsorted and unpaged, for aggregates over the same set (e.g. a board's column totals) */
  filtered(trx: Tx, ctx: RequestContext, query: Record<string, unknown>): Promise<FilteredQuery>;
}

/** a table-agnostic builder over the filtered rows; callers select what they aggregate */
export type FilteredQuery = SelectQueryBuilder<Record<string, Row>, string, object>;

/** The references most records make, checked to exist in the tenant. */
export const refs = {
  account: { column: 'account_id', table: 'accounts', label: 'Account' },
  opportunity: { column: 'opportunity_id', table: 'opportunities', label: 'Opportunity' },
  owner: { column: 'owner_id', table: 'users', label: 'User' },
} satisfies Record<string, ReferenceCheck>;

/** The names most records carry: the account's and the opportunity's. */
export const relatedNames = {
  account: { column: 'account_id', table: 'accounts', as: 'accountName' },
  opportunity: { column: 'opportunity_id', table: 'opportunities', as: 'opportunityName' },
} satisfies Record<string, RelatedName>;

/** A record owned by a user: the data scope applies through owner_id, which defaults to the actor. */
export const ownedByActor = {
  ownerColumn: 'owner_id',
  defaults: (ctx: RequestContext) => ({ owner_id: ctx.actor.userId }),
};

/** prefix of the referenced-name columns a list or read selects beside the record's own */
const NAME_PREFIX = '__name_';

const idParams = z.object({ id: z.uuid({ message: 'must be a record id (UUID)' }) });

/** The use cases of a declared resource, callable from routes, jobs, imports and the CLI. */
export function resourceService<C extends z.ZodObject, U extends z.ZodObject>(def: ResourceDef<C, U>): FilterableService {
  const scoped = async (trx: Tx, ctx: RequestContext) => {
    let q = loose(trx).selectFrom(def.name).where('tenant_id', '=', ctx.tenantId);
    if (def.ownerColumn) {
      const owners = await visibleOwnerIds(trx, ctx);
      if (owners) q = owners.length ? q.where(def.ownerColumn, 'in', owners) : q.where(sql<SqlBool>`false`);
    }
    return q;
  };

  /** one record in the actor's scope, or 404; `named` also selects the referenced names (nameColumns) */
  const fetchRow = async (trx: Tx, ctx: RequestContext, id: string, lock = false, named = false) => {
    let q = (await scoped(trx, ctx)).selectAll().$if(named && !!def.names?.length, (b) => b.select(nameColumns)).where('id', '=', id);
    if (lock) q = q.forUpdate();
    const row = await q.executeTakeFirst();
    if (!row) throw notFound(def.label);
    return row;
  };

  /**
   * The referenced names as correlated subqueries in the record's own SELECT, so a page costs
   * one statement instead of two (measured: the second round trip and its parse/plan were a
   * quarter of a list request's database time). PostgreSQL runs them only for the rows the
   * LIMIT keeps (51 primary-key probes on a page of 50).
   */
  const nameColumns = () =>
    (def.names ?? []).map((rel) =>
      sql<string | null>`(select __n.name from ${sql.table(rel.table)} as __n where __n.tenant_id = ${sql.ref(`${def.name}.tenant_id`)} and __n.id = ${sql.ref(`${def.name}.${rel.column}`)})`.as(`${NAME_PREFIX}${rel.as}`),
    );

  const present = async (trx: Tx, ctx: RequestContext, rows: Row[], hidden?: Set<string>) => {
    const hide = hidden ?? (await hiddenFields(trx, ctx, def.name));
    const items = rows.map((r) => stripHidden(def.present(r), hide));
    for (const rel of def.names ?? []) {
      const selected = `${NAME_PREFIX}${rel.as}`;
      if (rows.every((r) => selected in r)) {
        rows.forEach((r, i) => (items[i][rel.as] = r[selected] ?? null));
        continue;
      }
      // rows that come back from a write carry no names: look them up in one query
      const ids = [...new Set(rows.map((r) => r[rel.column]).filter((v): v is string => typeof v === 'string'))];
      const found = ids.length ? await loose(trx).selectFrom(rel.table).select(['id', 'name']).where('tenant_id', '=', ctx.tenantId).where('id', 'in', ids).execute() : [];
      const byId = new Map(found.map((f) => [f.id as string, f.name as string]));
      rows.forEach((r, i) => (items[i][rel.as] = byId.get(r[rel.column] as string) ?? null));
    }
    return items;
  };

  const checkReferences = async (trx: Tx, ctx: RequestContext, cols: Row) => {
    for (const ref of def.references ?? []) {
      const id = cols[ref.column];
      if (typeof id !== 'string') continue;
      const found = await loose(trx).selectFrom(ref.table).select('id').where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
      if (!found) throw new AppError('unprocessable', `${ref.label} ${id} does not exist in your workspace.`, { field: ref.column });
    }
    if (def.ownerColumn && typeof cols[def.ownerColumn] === 'string') {
      const owners = await visibleOwnerIds(trx, ctx);
      if (owners && !owners.includes(cols[def.ownerColumn] as string)) {
        throw new AppError('forbidden', `You may only assign ${def.label.toLowerCase()} records to yourself or your team.`);
      }
    }
  };

  /** the list's filters (declared and cf.<key>) on a scoped query; a filter on a field hidden from the role is refused */
  const applyFilters = (scopedQuery: FilteredQuery, query: Record<string, unknown>, defs: CustomFieldDef[], hidden: Set<string>, ctx: RequestContext): FilteredQuery => {
    let q = scopedQuery;
    for (const [param, value] of Object.entries(query)) {
      if (value === undefined || ['limit', 'cursor', 'sort'].includes(param)) continue;
      if (param.startsWith('cf.')) {
        q = q.where(customFilter(defs, param.slice(3), value));
        continue;
      }
      const f = def.filters[param];
      if (!f) continue;
      const revealed = f.field ?? param;
      if (hidden.has(revealed)) throw new AppError('forbidden', `You may not filter on ${revealed}.`);
      const v = f.toDb ? f.toDb(value) : value;
      if (f.kind === 'eq') q = q.where(f.column, '=', v);
      else if (f.kind === 'in') q = q.where(f.column, 'in', String(v).split(','));
      else if (f.kind === 'gte') q = q.where(f.column, '>=', v);
      else if (f.kind === 'lte') q = q.where(f.column, '<=', v);
      else if (f.kind === 'search') {
        const pattern = `%${escapeLike(String(v))}%`;
        q = q.where((eb) => eb.or([f.column, ...(f.alsoSearch ?? [])].map((c) => eb(sql.ref(c), 'ilike', pattern))));
      } else if (f.kind === 'where' && f.where) q = q.where(f.where(v, ctx));
    }
    return q;
  };

  const customDefs = async (trx: Tx, ctx: RequestContext): Promise<CustomFieldDef[]> => (def.customFields ? loadCustomFields(trx, ctx.tenantId, def.name) : []);

  return {
    fetch: (trx, ctx, id, lock) => fetchRow(trx, ctx, id, lock),

    async filtered(trx, ctx, query) {
      authorize(ctx, def.name, 'read');
      const hidden = await hiddenFields(trx, ctx, def.name);
      return applyFilters(await scoped(trx, ctx), query, await customDefs(trx, ctx), hidden, ctx);
    },

    async list(trx, ctx, query) {
      authorize(ctx, def.name, 'read');
      const hidden = await hiddenFields(trx, ctx, def.name);
      const defs = await customDefs(trx, ctx);
      const sortKey = (query.sort as string | undefined) ?? def.defaultSort;
      const desc = sortKey.startsWith('-');
      const bare = desc ? sortKey.slice(1) : sortKey;
      const sortExpr = sortExpression(def, defs, bare, hidden);
      const limit = query.limit as number;
      const cursor = decodeCursor(query.cursor as string | undefined, sortKey);

      let q = applyFilters(await scoped(trx, ctx), query, defs, hidden, ctx).selectAll().$if(!!def.names?.length, (b) => b.select(nameColumns));
      if (cursor) q = q.where(keysetAfter(sortExpr.expr, cursor, desc, sortExpr.nullable));
      const dir = desc ? sql`desc` : sql`asc`;
      q = q.orderBy(sql`${sortExpr.expr} ${dir}`).orderBy(sql`id ${dir}`).limit(fetchLimit(limit)).select(sql<unknown>`${sortExpr.expr}`.as('__sort'));
      // presenters pick their fields, so rows go to them as fetched: __sort never reaches a
      // response, and a page is not copied row by row to drop it
      const page = pageFrom(await q.execute(), limit, (row) => row, (last) => ({ v: cursorValue(last.__sort), id: last.id as string, s: sortKey }));
      return { items: await present(trx, ctx, page.items, hidden), nextCursor: page.nextCursor };
    },

    async get(trx, ctx, id) {
      authorize(ctx, def.name, 'read');
      return (await present(trx, ctx, [await fetchRow(trx, ctx, id, false, true)]))[0];
    },

    async create(trx, ctx, input) {
      authorize(ctx, def.name, 'create');
      const parsed = def.createSchema.parse(input);
      const hidden = await hiddenFields(trx, ctx, def.name);
      refuseHidden(parsed, hidden);
      const cols: Row = { ...(def.defaults?.(ctx) ?? {}), ...stripUndefined(def.toColumns(parsed, ctx)) };
      await checkReferences(trx, ctx, cols);
      if (def.customFields) cols.custom = JSON.stringify(validateCustom(await customDefs(trx, ctx), (parsed as Row).custom as Row | undefined, null));
      const row = await loose(trx)
        .insertInto(def.name)
        .values({ ...cols, id: newId(), tenant_id: ctx.tenantId })
        .returningAll()
        .executeTakeFirstOrThrow();
      const after = def.present(row);
      await recordEvent(trx, ctx, { type: `${def.singular}.created`, entity: def.name, entityId: row.id as string, after });
      return (await present(trx, ctx, [row], hidden))[0];
    },

    async update(trx, ctx, id, input) {
      authorize(ctx, def.name, 'update');
      const parsed = def.updateSchema.parse(input) as Partial<z.infer<C>>;
      const existing = await fetchRow(trx, ctx, id, true);
      const hidden = await hiddenFields(trx, ctx, def.name);
      const cols = stripUndefined(def.toColumns(parsed, ctx));
      refuseHidden(parsed, hidden);
      await checkReferences(trx, ctx, cols);
      if (def.customFields && (parsed as Row).custom !== undefined) {
        cols.custom = JSON.stringify(validateCustom(await customDefs(trx, ctx), (parsed as Row).custom as Row, existing.custom as Row));
      }
      if (Object.keys(cols).length === 0) return (await present(trx, ctx, [existing], hidden))[0];
      cols.updated_at = new Date();
      const row = await loose(trx).updateTable(def.name).set(cols).where('tenant_id', '=', ctx.tenantId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      const [before, after] = diff(def.present(existing), def.present(row));
      await recordEvent(trx, ctx, { type: `${def.singular}.updated`, entity: def.name, entityId: id, before, after });
      return (await present(trx, ctx, [row], hidden))[0];
    },

    async remove(trx, ctx, id) {
      authorize(ctx, def.name, 'delete');
      const existing = await fetchRow(trx, ctx, id, true);
      await loose(trx).deleteFrom(def.name).where('tenant_id', '=', ctx.tenantId).where('id', '=', id).execute();
      await recordEvent(trx, ctx, { type: `${def.singular}.deleted`, entity: def.name, entityId: id, before: def.present(existing) });
    },
  };
}

/** HTTP routes for a declared resource; thin wrappers around its service. */
export function registerResource<C extends z.ZodObject, U extends z.ZodObject>(app: ZodApp, deps: AppDeps, def: ResourceDef<C, U>, service: ResourceService = resourceService(def)) {
  const base = `/api/${def.path ?? def.name}`;
  const filterShape: Record<string, z.ZodType> = {};
  for (const [param, f] of Object.entries(def.filters)) filterShape[param] = f.schema.optional();
  const listQuery = z
    .object({ ...listQueryBase, ...filterShape })
    .catchall(z.string().max(500))
    .superRefine((q, ctx) => {
      for (const key of Object.keys(q)) {
        if (key in listQueryBase || key in filterShape) continue;
        if (def.customFields && /^cf\.[a-z][a-z0-9_]{0,39}$/.test(key)) continue;
        ctx.addIssue({ code: 'custom', path: [key], message: `unknown filter; use one of: ${Object.keys(filterShape).join(', ')}${def.customFields ? ', cf.<custom field key>' : ''}` });
      }
    });
  const db = deps.db.kysely;
  const tags = [def.tag];

  // reads need no transaction: one statement on the tenant read pool (PostgreSQL)
  app.get(base, { schema: { tags, summary: `List ${def.label.toLowerCase()} records`, querystring: listQuery } }, (req) =>
    readInTenant(deps.db, req.ctx.tenantId, (trx) => service.list(trx, req.ctx, req.query as Record<string, unknown>)),
  );
  app.get(`${base}/:id`, { schema: { tags, summary: `Read one ${def.label.toLowerCase()}`, params: idParams } }, (req) =>
    readInTenant(deps.db, req.ctx.tenantId, (trx) => service.get(trx, req.ctx, req.params.id)),
  );
  app.post(base, { schema: { tags, summary: `Create a ${def.label.toLowerCase()}`, body: def.createSchema } }, async (req, reply) => {
    const created = await inTenant(db, req.ctx.tenantId, (trx) => service.create(trx, req.ctx, req.body as Row));
    return reply.status(201).send(created);
  });
  app.patch(`${base}/:id`, { schema: { tags, summary: `Change a ${def.label.toLowerCase()}`, params: idParams, body: def.updateSchema } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => service.update(trx, req.ctx, req.params.id, req.body as Row)),
  );
  app.delete(`${base}/:id`, { schema: { tags, summary: `Delete a ${def.label.toLowerCase()}`, params: idParams } }, async (req, reply) => {
    await inTenant(db, req.ctx.tenantId, (trx) => service.remove(trx, req.ctx, req.params.id));
    return reply.status(204).send();
  });
  return service;
}

function sortExpression(def: ResourceDef<z.ZodObject, z.ZodObject>, defs: CustomFieldDef[], key: string, hidden: Set<string>): { expr: Expression<unknown>; nullable: boolean } {
  if (key.startsWith('cf.')) {
    const field = defs.find((d) => d.key === key.slice(3));
    if (!field) throw new AppError('bad_request', `Cannot sort by ${key}: there is no such custom field.`);
    const text = sql`custom->>${field.key}`;
    return { expr: field.type === 'number' || field.type === 'money' ? sql`(${text})::numeric` : text, nullable: true };
  }
  const s = def.sorts[key];
  if (!s) throw new AppError('bad_request', `Cannot sort by "${key}". Sort by one of: ${Object.keys(def.sorts).join(', ')} (prefix - for descending).`);
  if (hidden.has(s.field ?? key)) throw new AppError('forbidden', `You may not sort by ${s.field ?? key}.`);
  return { expr: sql.ref(s.column), nullable: s.nullable ?? false };
}

function customFilter(defs: CustomFieldDef[], key: string, value: unknown): Expression<SqlBool> {
  const field = defs.find((d) => d.key === key);
  if (!field) throw new AppError('bad_request', `Cannot filter by cf.${key}: there is no such custom field.`);
  if (field.type === 'multiselect') return sql<SqlBool>`custom->${key} ? ${String(value)}`;
  if (field.type === 'boolean') return sql<SqlBool>`(custom->>${key})::boolean = ${String(value) === 'true'}`;
  if (field.type === 'text') return sql<SqlBool>`custom->>${key} ilike ${`%${escapeLike(String(value))}%`}`;
  return sql<SqlBool>`custom->>${key} = ${String(value)}`;
}

/** Rows strictly after the cursor in (sort, id) order; nulls sort last ascending, first descending. */
function keysetAfter(expr: Expression<unknown>, c: { v: unknown; id: string }, desc: boolean, nullable: boolean): Expression<SqlBool> {
  const v = c.v instanceof Date ? c.v.toISOString() : c.v;
  if (!nullable) return desc ? sql<SqlBool>`(${expr}, id) < (${v}, ${c.id})` : sql<SqlBool>`(${expr}, id) > (${v}, ${c.id})`;
  if (desc) {
    return v === null ? sql<SqlBool>`((${expr} is null and id < ${c.id}) or ${expr} is not null)` : sql<SqlBool>`(${expr}, id) < (${v}, ${c.id})`;
  }
  return v === null ? sql<SqlBool>`(${expr} is null and id > ${c.id})` : sql<SqlBool>`((${expr}, id) > (${v}, ${c.id}) or ${expr} is null)`;
}

function cursorValue(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number' || typeof v === 'string') return v;
  return JSON.stringify(v);
}

function refuseHidden(parsed: object, hidden: Set<string>) {
  for (const key of Object.keys(parsed)) {
    if (hidden.has(key)) throw new AppError('forbidden', `You may not set ${key}.`);
  }
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

function stripUndefined(o: Row): Row {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** Only the fields that changed, as before/after images for the audit log. */
function diff(before: Row, after: Row): [Row, Row] {
  const b: Row = {};
  const a: Row = {};
  for (const key of Object.keys(after)) {
    if (key === 'updatedAt') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return [b, a];
}
