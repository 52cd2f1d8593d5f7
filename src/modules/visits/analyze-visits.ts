// Runs the fake-visit rules over a period: streams each rep's track from the database in rep
// batches (never the whole tenant in memory), evaluates it with the pure rules, stores new flags.
import { sql } from 'kysely';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { loadVisitSettings } from './visit-settings.ts';
import { evaluateTrack, type RuleSet, type TrackVisit } from './visit-rules.ts';
import { raiseVisitFlags, type OwnedFlag } from './raise-visit-flags.ts';

export interface AnalysisOptions {
  from: Date;
  to: Date;
  /** only these reps; default every rep with a check-in in the period */
  ownerIds?: readonly string[];
  ruleSet: RuleSet;
}

export interface AnalysisResult {
  checkins: number;
  flagsRaised: number;
}

const REPS_PER_BATCH = 50;

export async function analyzeVisits(trx: Tx, ctx: RequestContext, opts: AnalysisOptions): Promise<AnalysisResult> {
  const settings = await loadVisitSettings(trx, ctx.tenantId);
  const { time_zone: zone } = await trx.selectFrom('tenants').select('time_zone').where('id', '=', ctx.tenantId).executeTakeFirstOrThrow();
  const owners =
    opts.ownerIds ??
    (await trx.selectFrom('visits').select('owner_id').distinct().where('tenant_id', '=', ctx.tenantId).where('in_at', '>=', opts.from).where('in_at', '<', opts.to).execute()).map((r) => r.owner_id);

  let checkins = 0;
  let flagsRaised = 0;
  for (let i = 0; i < owners.length; i += REPS_PER_BATCH) {
    const batch = owners.slice(i, i + REPS_PER_BATCH);
    const tracks = await loadTracks(trx, ctx.tenantId, zone, batch, opts);
    const touchDays = opts.ruleSet === 'all' ? await loadTouchDays(trx, ctx.tenantId, zone, batch, opts) : new Map<string, Set<string>>();
    const flags: OwnedFlag[] = [];
    for (const [ownerId, visits] of tracks) {
      checkins += visits.length;
      for (const flag of evaluateTrack({ ownerId, visits, touchDays: touchDays.get(ownerId) ?? new Set() }, settings, opts.ruleSet)) flags.push({ ...flag, ownerId });
    }
    flagsRaised += await raiseVisitFlags(trx, ctx, flags);
  }
  return { checkins, flagsRaised };
}

interface TrackRow {
  id: string;
  owner_id: string;
  account_id: string;
  account_lat: number | null;
  account_lng: number | null;
  in_at: Date;
  in_lat: number;
  in_lng: number;
  in_accuracy_m: number | null;
  out_at: Date | null;
  out_lat: number | null;
  out_lng: number | null;
  out_accuracy_m: number | null;
  local_date: string;
}

async function loadTracks(trx: Tx, tenantId: string, zone: string, owners: readonly string[], opts: AnalysisOptions): Promise<Map<string, TrackVisit[]>> {
  const { rows } = await sql<TrackRow>`
    select id, owner_id, account_id, account_lat, account_lng, in_at, in_lat, in_lng, in_accuracy_m, out_at, out_lat, out_lng, out_accuracy_m,
      to_char(in_at at time zone ${zone}, 'YYYY-MM-DD') as local_date
    from visits
    where tenant_id = ${tenantId} and owner_id = any(${owners}::uuid[]) and in_at >= ${opts.from} and in_at < ${opts.to}
    order by owner_id, in_at, id`.execute(trx);
  const tracks = new Map<string, TrackVisit[]>();
  for (const r of rows) {
    const visit: TrackVisit = {
      id: r.id,
      accountId: r.account_id,
      account: r.account_lat === null || r.account_lng === null ? null : { lat: r.account_lat, lng: r.account_lng },
      in: { lat: r.in_lat, lng: r.in_lng, accuracyM: r.in_accuracy_m, at: r.in_at },
      out: r.out_at && r.out_lat !== null && r.out_lng !== null ? { lat: r.out_lat, lng: r.out_lng, accuracyM: r.out_accuracy_m, at: r.out_at } : null,
      localDate: r.local_date,
    };
    const track = tracks.get(r.owner_id);
    if (track) track.push(visit);
    else tracks.set(r.owner_id, [visit]);
  }
  return tracks;
}

/** The days (tenant-local) on which each rep logged any activity for an account. */
async function loadTouchDays(trx: Tx, tenantId: string, zone: string, owners: readonly string[], opts: AnalysisOptions): Promise<Map<string, Set<string>>> {
  const { rows } = await sql<{ owner_id: string; day: string }>`
    select distinct owner_id, account_id || '|' || to_char(occurred_at at time zone ${zone}, 'YYYY-MM-DD') as day
    from activities
    where tenant_id = ${tenantId} and owner_id = any(${owners}::uuid[]) and account_id is not null
      and occurred_at >= ${opts.from} and occurred_at < ${opts.to}::timestamptz + interval '1 day'`.execute(trx);
  const days = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = days.get(r.owner_id);
    if (set) set.add(r.day);
    else days.set(r.owner_id, new Set([r.day]));
  }
  return days;
}
