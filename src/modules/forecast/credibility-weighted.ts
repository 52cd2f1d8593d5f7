// The credibility-weighted forecast of a period: each open deal expected in it counted at its
// evidence weight (deal-evidence's loadCredibility: evidence stage × commit decay). A deal with
// no evidence has no weight — it is left out and its amount summed apart as "without evidence",
// never counted as 0 or as 100%. Only for the live view: evidence is known as it stands now.
import type { Tx } from '../../platform/tenancy/context.ts';
import { loadCredibility } from '../deal-evidence/credibility.ts';
import { scaleCents } from '../deal-evidence/decayed-commits.ts';
import { openStateAt, type DealRecord } from './deal-history.ts';
import type { Period } from './periods.ts';

export interface WeightedAmounts {
  weightedCents: bigint;
  withoutEvidenceCents: bigint;
  /** how many deals were left out for having no evidence */
  withoutEvidence: number;
}

export const noWeighted = (): WeightedAmounts => ({ weightedCents: 0n, withoutEvidenceCents: 0n, withoutEvidence: 0 });

export async function credibilityWeightedByOwner(trx: Tx, tenantId: string, deals: readonly DealRecord[], period: Period, asOf: Date): Promise<Map<string | null, WeightedAmounts>> {
  const open = deals.flatMap((d) => {
    const s = openStateAt(d, asOf);
    const inPeriod = !!s && s.forecastCategory !== 'omitted' && s.expectedCloseDate !== null && s.expectedCloseDate >= period.start && s.expectedCloseDate <= period.end;
    return inPeriod ? [{ id: d.id, ownerId: d.ownerId, amountCents: s.amountCents }] : [];
  });
  const credibility = await loadCredibility(trx, tenantId, open.map((d) => d.id), asOf);
  const out = new Map<string | null, WeightedAmounts>();
  for (const d of open) {
    const sums = out.get(d.ownerId) ?? noWeighted();
    out.set(d.ownerId, sums);
    const weight = credibility.get(d.id)?.weight ?? null;
    if (weight === null) {
      sums.withoutEvidenceCents += d.amountCents;
      sums.withoutEvidence += 1;
    } else {
      sums.weightedCents += BigInt(scaleCents(d.amountCents.toString(), weight));
    }
  }
  return out;
}

export function sumWeighted(byOwner: ReadonlyMap<string | null, WeightedAmounts>, owners: Iterable<string | null>): WeightedAmounts {
  const total = noWeighted();
  for (const o of owners) {
    const s = byOwner.get(o);
    if (!s) continue;
    total.weightedCents += s.weightedCents;
    total.withoutEvidenceCents += s.withoutEvidenceCents;
    total.withoutEvidence += s.withoutEvidence;
  }
  return total;
}
