// Calendar arithmetic for the demo data in the tenant's zone (Asia/Shanghai, UTC+8 all year).
import type { Random } from './demo-random.ts';

export const DAY_MS = 86_400_000;
const ZONE_OFFSET_MS = 8 * 3_600_000;

/** The seed's "now", the calendar day it falls on in Shanghai, and the start of the twelve months of history. */
export interface Clock {
  now: Date;
  today: string;
  historyStart: number;
}

export const makeClock = (now: Date): Clock => ({ now, today: localDate(now), historyStart: now.getTime() - 365 * DAY_MS });

/** 'YYYY-MM-DD' of an instant in Shanghai. */
export function localDate(at: Date): string {
  return new Date(at.getTime() + ZONE_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of a Shanghai wall-clock time on a date. */
export function atLocal(date: string, hour: number, minute = 0): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - ZONE_OFFSET_MS + (hour * 60 + minute) * 60_000);
}

/** Midnight at the start of a Shanghai calendar day, in epoch milliseconds. */
export const dayStart = (date: string): number => atLocal(date, 0).getTime();

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

export function endOfMonth(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

export const isWeekend = (date: string): boolean => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/** Shifts a date onto the nearest following weekday. */
export function nextWorkday(date: string): string {
  let d = date;
  while (isWeekend(d)) d = addDays(d, 1);
  return d;
}

/** A random Monday-to-Friday of the ISO week the date falls in. */
export function weekdayOfSameWeek(rng: Random, date: string): string {
  const sinceMonday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, rng.int(0, 4) - sinceMonday);
}

/** Whole days from a to b (b later is positive). */
export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

/** A moment in office hours (08:30–19:30) on the date. */
export const officeTime = (rng: Random, date: string): Date => atLocal(date, 8, 30 + rng.int(0, 11 * 60));

/** A random instant between two instants. */
export const instantBetween = (rng: Random, from: Date, to: Date): Date => new Date(from.getTime() + rng.next() * Math.max(0, to.getTime() - from.getTime()));

export function endOfQuarter(date: string): string {
  const month = Number(date.slice(5, 7));
  return endOfMonth(addMonths(`${date.slice(0, 7)}-01`, (3 - (month % 3)) % 3));
}

/**
 * An office-hours moment on the day of `point` (moved to a weekday most of the time), kept
 * inside [from, to]: when that day's office hours fall outside them, the day before `to` or
 * after `from` is used.
 */
export function officeMomentNear(rng: Random, point: number, from: number, to: number): Date {
  let date = localDate(new Date(Math.min(point, to)));
  if (isWeekend(date) && !rng.chance(0.15)) date = weekdayOfSameWeek(rng, date);
  let at = officeTime(rng, date).getTime();
  if (at > to) at = officeTime(rng, addDays(localDate(new Date(to)), -1)).getTime();
  if (at < from) at = officeTime(rng, addDays(localDate(new Date(from)), 1)).getTime();
  return new Date(Math.min(to, Math.max(from, at)));
}

/** An office-hours moment between two instants, never outside them. */
export const officeInstantBetween = (rng: Random, from: Date, to: Date): Date => officeMomentNear(rng, instantBetween(rng, from, to).getTime(), from.getTime(), to.getTime());
