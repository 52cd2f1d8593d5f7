// Per-tenant thresholds of the fake-visit rules: read (defaults when never set) and changed by admins.
import { z } from 'zod';
import { recordEvent } from '../../platform/events/outbox.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { defaultVisitSettings, type VisitSettings } from './visit-rules.ts';

export const visitSettingsSchema = z
  .object({
    farFromAccountM: z.number().int().min(50).max(100_000),
    longStayHours: z.number().min(0.5).max(24),
    longStayDays: z.number().int().min(2).max(31),
    samePlaceM: z.number().int().min(10).max(10_000),
    maxSpeedKmh: z.number().min(10).max(2000),
    repeatedCoordinateVisits: z.number().int().min(2).max(1000),
    constantAccuracyCheckins: z.number().int().min(3).max(1000),
    teleportKm: z.number().min(0.5).max(1000),
  })
  .strict();
export const visitSettingsPatch = visitSettingsSchema.partial().strict();

export async function loadVisitSettings(trx: Tx, tenantId: string): Promise<VisitSettings> {
  const row = await trx.selectFrom('visit_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!row) return defaultVisitSettings;
  return {
    farFromAccountM: row.far_from_account_m,
    longStayHours: row.long_stay_hours,
    longStayDays: row.long_stay_days,
    samePlaceM: row.same_place_m,
    maxSpeedKmh: row.max_speed_kmh,
    repeatedCoordinateVisits: row.repeated_coordinate_visits,
    constantAccuracyCheckins: row.constant_accuracy_checkins,
    teleportKm: row.teleport_km,
  };
}

export async function updateVisitSettings(trx: Tx, ctx: RequestContext, patch: z.output<typeof visitSettingsPatch>): Promise<VisitSettings> {
  const before = await loadVisitSettings(trx, ctx.tenantId);
  const after: VisitSettings = { ...before, ...patch };
  const columns = {
    far_from_account_m: after.farFromAccountM,
    long_stay_hours: after.longStayHours,
    long_stay_days: after.longStayDays,
    same_place_m: after.samePlaceM,
    max_speed_kmh: after.maxSpeedKmh,
    repeated_coordinate_visits: after.repeatedCoordinateVisits,
    constant_accuracy_checkins: after.constantAccuracyCheckins,
    teleport_km: after.teleportKm,
    updated_by: ctx.actor.userId,
    updated_at: new Date(),
  };
  await trx
    .insertInto('visit_settings')
    .values({ tenant_id: ctx.tenantId, ...columns })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(columns))
    .execute();
  await recordEvent(trx, ctx, { type: 'visit_settings.updated', entity: 'visit_settings', entityId: null, before, after });
  return after;
}
