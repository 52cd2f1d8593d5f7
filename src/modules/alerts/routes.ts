// My alerts: list (open first, newest first), mark read, resolve.
import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { decodeCursor, fetchLimit, listQueryBase, pageFrom } from '../../platform/http/list-params.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { sql } from 'kysely';
import { iso } from '../../platform/http/schemas.ts';
import type { AlertMessage } from './raise-alert.ts';

const listQuery = z
  .object({ limit: listQueryBase.limit, cursor: listQueryBase.cursor, status: z.enum(['open', 'resolved', 'all']).default('open'), kind: z.string().max(80).optional() })
  .strict();

const presentAlert = (r: { id: string; kind: string; severity: string; title: string; body: string | null; entity: string | null; entity_id: string | null; evidence: unknown; message: AlertMessage | null; created_at: Date; read_at: Date | null; resolved_at: Date | null }) => ({
  id: r.id,
  kind: r.kind,
  severity: r.severity,
  title: r.title,
  body: r.body,
  entity: r.entity,
  entityId: r.entity_id,
  evidence: r.evidence,
  message: r.message,
  createdAt: iso(r.created_at),
  readAt: iso(r.read_at),
  resolvedAt: iso(r.resolved_at),
});

export const alertRoutes: RouteRegistrar = (app, deps) => {
  const db = deps.db.kysely;

  app.get('/api/alerts', { schema: { tags: ['alerts'], summary: 'Alerts raised for me', querystring: listQuery } }, (req) =>
    inTenant(db, req.ctx.tenantId, async (trx) => {
      const sortKey = '-createdAt';
      const cursor = decodeCursor(req.query.cursor, sortKey);
      let q = trx.selectFrom('alerts').selectAll().where('tenant_id', '=', req.ctx.tenantId).where('user_id', '=', req.ctx.actor.userId ?? '');
      if (req.query.status === 'open') q = q.where('resolved_at', 'is', null);
      if (req.query.status === 'resolved') q = q.where('resolved_at', 'is not', null);
      if (req.query.kind) q = q.where('kind', '=', req.query.kind);
      if (cursor) q = q.where(sql<boolean>`(created_at, id) < (${String(cursor.v)}::timestamptz, ${cursor.id}::uuid)`);
      const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(fetchLimit(req.query.limit)).execute();
      return pageFrom(rows, req.query.limit, presentAlert, (last) => ({ v: last.created_at.toISOString(), id: last.id, s: sortKey }));
    }),
  );

  const mark = (action: 'read' | 'resolved') =>
    app.post(`/api/alerts/:id/${action === 'read' ? 'read' : 'resolve'}`, { schema: { tags: ['alerts'], summary: action === 'read' ? 'Mark an alert read' : 'Resolve an alert', params: z.object({ id: z.uuid() }) } }, (req) =>
      inTenant(db, req.ctx.tenantId, async (trx) => {
        const now = new Date();
        const row = await trx
          .updateTable('alerts')
          .set(action === 'read' ? { read_at: now } : { resolved_at: now, read_at: sql`coalesce(read_at, ${now})` })
          .where('tenant_id', '=', req.ctx.tenantId)
          .where('user_id', '=', req.ctx.actor.userId ?? '')
          .where('id', '=', req.params.id)
          .returningAll()
          .executeTakeFirst();
        if (!row) throw notFound('Alert');
        await recordEvent(trx, req.ctx, { type: `alert.${action}`, entity: 'alerts', entityId: row.id });
        return presentAlert(row);
      }),
    );
  mark('read');
  mark('resolved');
};
