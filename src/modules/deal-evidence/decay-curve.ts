// Decay of a committed deal's credibility: when a commit passes its expected close date by N days
// without an update, its weight is multiplied by the curve's factor for N (default: from day 3, 60%).
//
// "Update" means, precisely: the deal record itself changed (opportunities.updated_at: an edit or
// a stage move), a customer touch on the deal happened (an activity linked to it, other than a
// plain note, not dated in the future), or a proof was added to its evidence — whichever is
// latest. The decay clock runs from the later of the close date and the day of that last update
// (tenant time zone), so an update after the close date resets it.
import { z } from 'zod';
import { daysBetween } from '../../platform/tenancy/tenant-clock.ts';

export interface DecayStep {
  /** whole days without an update since the committed close date */
  daysPast: number;
  /** the credibility multiplier from that day on, in (0, 1] */
  factor: number;
}

export const defaultDecayCurve: DecayStep[] = [{ daysPast: 3, factor: 0.6 }];

export const decayCurveSchema = z
  .array(z.object({ daysPast: z.number().int().min(1).max(3650), factor: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1') }).strict())
  .min(1, 'give at least one step')
  .max(20, 'at most 20 steps')
  .superRefine((steps, ctx) => {
    for (let i = 1; i < steps.length; i++) {
      if (steps[i].daysPast <= steps[i - 1].daysPast) ctx.addIssue({ code: 'custom', path: [i, 'daysPast'], message: `days must ascend: step ${i + 1} (${steps[i].daysPast}) must come after ${steps[i - 1].daysPast}` });
      if (steps[i].factor > steps[i - 1].factor) ctx.addIssue({ code: 'custom', path: [i, 'factor'], message: `a later step may not restore credibility: ${steps[i].factor} is above ${steps[i - 1].factor}` });
    }
  });

/** the factor for so many days without an update: 1 before the first step */
export function factorFor(curve: readonly DecayStep[], daysWithoutUpdate: number): number {
  let factor = 1;
  for (const step of curve) if (daysWithoutUpdate >= step.daysPast) factor = step.factor;
  return factor;
}

/** whole days from a to b, both 'YYYY-MM-DD' (b later is positive) */

export interface DecayInput {
  forecastCategory: string;
  open: boolean;
  closeDate: string | null;
  /** the tenant-local day of the last update (see the top of this file), null if none */
  lastUpdateDate: string | null;
  today: string;
}

export interface DecayResult {
  /** days since the expected close date (0 before it), null without a close date or once closed */
  daysPastClose: number | null;
  /** days since the later of the close date and the last update, null when decay does not apply */
  daysWithoutUpdate: number | null;
  factor: number;
}

/** Only open commits decay; everything else keeps factor 1. */
export function decayOf(input: DecayInput, curve: readonly DecayStep[]): DecayResult {
  if (!input.open || !input.closeDate) return { daysPastClose: null, daysWithoutUpdate: null, factor: 1 };
  const daysPastClose = Math.max(0, daysBetween(input.closeDate, input.today));
  if (input.forecastCategory !== 'commit' || daysPastClose === 0) return { daysPastClose, daysWithoutUpdate: null, factor: 1 };
  const clockFrom = input.lastUpdateDate && input.lastUpdateDate > input.closeDate ? input.lastUpdateDate : input.closeDate;
  const daysWithoutUpdate = Math.max(0, daysBetween(clockFrom, input.today));
  return { daysPastClose, daysWithoutUpdate, factor: factorFor(curve, daysWithoutUpdate) };
}
