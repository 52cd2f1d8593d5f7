// The demo sales year's seasons: fewer new deals over 春节 and 国庆, a business that grows, and
// closes moved out of the holidays. Real signings do not bunch at month end (the expected dates reps
// type do, which is what the forecast corrects for), so wins keep the day they were heading for.
import { addDays, atLocal, localDate } from './demo-calendar.ts';
import type { Random } from './demo-random.ts';

/** 春节 (the first day of the lunar year); years outside the table simply have no dip */
const SPRING_FESTIVAL: Record<string, string> = { '2024': '2024-02-10', '2025': '2025-01-29', '2026': '2026-02-17', '2027': '2027-02-06', '2028': '2028-01-26', '2029': '2029-02-13', '2030': '2030-02-03' };

/** the days business stops, [first, last]: about a week either side of 春节 as customers wind down and restart, and the 国庆 golden week */
function holiday(date: string): readonly [string, string] | null {
  const festival = SPRING_FESTIVAL[date.slice(0, 4)];
  if (festival && date >= addDays(festival, -5) && date <= addDays(festival, 8)) return [addDays(festival, -5), addDays(festival, 8)];
  const golden = `${date.slice(0, 4)}-10-0`;
  if (date >= `${golden}1` && date <= `${golden}7`) return [`${golden}1`, `${golden}7`];
  return null;
}

export const MAX_CREATION_RATE = 1.5;

/** relative rate of new deals at an instant: the business grew by half over the span, and holidays bring few */
export function dealCreationRate(at: number, from: number, to: number): number {
  const growth = 1 + 0.5 * ((at - from) / (to - from));
  return growth * (holiday(localDate(new Date(at))) ? 0.4 : 1);
}

/** When a deal heading to close at `at` really closes: before or after the holiday when it falls in one. */
export function seasonalClose(rng: Random, at: number, earliest: number): number {
  const off = holiday(localDate(new Date(at)));
  if (!off) return at;
  return Math.max(earliest, atLocal(rng.chance(0.5) ? addDays(off[0], -rng.int(1, 10)) : addDays(off[1], rng.int(1, 15)), 12).getTime());
}
