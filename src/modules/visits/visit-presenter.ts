// The one API shape of a visit: a missing accuracy, address or account location is reported
// as unknown (null, and named in `unknown`), never as 0.
import type { Selectable } from 'kysely';
import type { VisitsTable } from '../../platform/db/schema.ts';
import { iso } from '../../platform/http/schemas.ts';
import { haversineMeters } from './geo.ts';

type VisitRow = Selectable<VisitsTable>;

export function presentVisit(r: VisitRow) {
  const account = r.account_lat === null || r.account_lng === null ? null : { lat: r.account_lat, lng: r.account_lng };
  const checkout = r.out_at && r.out_lat !== null && r.out_lng !== null ? { at: iso(r.out_at), lat: r.out_lat, lng: r.out_lng, accuracyM: r.out_accuracy_m, address: r.out_address } : null;
  const unknown = [
    ...(r.in_accuracy_m === null ? ['checkin.accuracy'] : []),
    ...(r.in_address === null ? ['checkin.address'] : []),
    ...(checkout && checkout.accuracyM === null ? ['checkout.accuracy'] : []),
    ...(checkout && checkout.address === null ? ['checkout.address'] : []),
    ...(account ? [] : ['distanceFromAccount']),
  ];
  return {
    id: r.id,
    ownerId: r.owner_id,
    accountId: r.account_id,
    status: checkout ? ('closed' as const) : ('open' as const),
    checkin: { at: iso(r.in_at), lat: r.in_lat, lng: r.in_lng, accuracyM: r.in_accuracy_m, address: r.in_address },
    checkout,
    accountLocation: account,
    distanceFromAccountM: account ? Math.round(haversineMeters({ lat: r.in_lat, lng: r.in_lng }, account)) : null,
    durationMinutes: r.out_at ? Math.round((r.out_at.getTime() - r.in_at.getTime()) / 60_000) : null,
    unknown,
  };
}
