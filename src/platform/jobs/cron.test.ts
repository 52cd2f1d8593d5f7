// Cron expressions read the way operators expect, against the tenant's wall clock.
import { describe, expect, it } from 'vitest';
import { cronMatches, localTime, parseCron } from './cron.ts';

const at = (iso: string, tz: string) => localTime(new Date(iso), tz);

describe('cron', () => {
  it('18:00 daily is 10:00 UTC in Shanghai and 17:00 UTC in Berlin in November', () => {
    const daily = parseCron('0 18 * * *');
    expect(cronMatches(daily, at('2026-11-23T10:00:00Z', 'Asia/Shanghai'))).toBe(true);
    expect(cronMatches(daily, at('2026-11-23T10:00:00Z', 'Europe/Berlin'))).toBe(false);
    expect(cronMatches(daily, at('2026-11-23T17:00:00Z', 'Europe/Berlin'))).toBe(true);
  });

  it('follows daylight saving time: 18:00 Berlin is 16:00 UTC in July', () => {
    const daily = parseCron('0 18 * * *');
    expect(cronMatches(daily, at('2026-07-01T16:00:00Z', 'Europe/Berlin'))).toBe(true);
    expect(cronMatches(daily, at('2026-07-01T17:00:00Z', 'Europe/Berlin'))).toBe(false);
  });

  it('gives the local date, which can differ from the UTC date', () => {
    expect(at('2026-11-22T20:00:00Z', 'Asia/Shanghai')).toMatchObject({ date: '2026-11-23', hour: 4, minuteKey: '2026-11-23T04:00', weekday: 1 });
  });

  it('understands lists, ranges, steps and weekdays (7 is Sunday too)', () => {
    const weekdays = parseCron('*/15 9-17 * * 1-5');
    expect(cronMatches(weekdays, at('2026-11-23T01:30:00Z', 'Asia/Shanghai'))).toBe(true); // Mon 09:30
    expect(cronMatches(weekdays, at('2026-11-22T01:30:00Z', 'Asia/Shanghai'))).toBe(false); // Sun
    expect(cronMatches(weekdays, at('2026-11-23T01:31:00Z', 'Asia/Shanghai'))).toBe(false);
    expect(cronMatches(parseCron('0 8 * * 7'), at('2026-11-22T00:00:00Z', 'Asia/Shanghai'))).toBe(true);
    expect(cronMatches(parseCron('0 0 1,15 * *'), at('2026-11-14T16:00:00Z', 'Asia/Shanghai'))).toBe(true);
  });

  it('with both day fields restricted, either one matches (as cron does)', () => {
    const spec = parseCron('0 9 1 * 1');
    expect(cronMatches(spec, at('2026-11-23T01:00:00Z', 'Asia/Shanghai'))).toBe(true); // a Monday
    expect(cronMatches(spec, at('2026-12-01T01:00:00Z', 'Asia/Shanghai'))).toBe(true); // the 1st, a Tuesday
    expect(cronMatches(spec, at('2026-11-24T01:00:00Z', 'Asia/Shanghai'))).toBe(false);
  });

  it('refuses malformed expressions with a message that shows the shape', () => {
    for (const bad of ['', '0 18 * *', '60 * * * *', '0 24 * * *', '* * 0 * *', '5-1 * * * *', '*/0 * * * *', 'a b c d e', '0 18 * * * *', '每天 18 点']) {
      expect(() => parseCron(bad)).toThrow(/Cron/);
    }
  });

  it('refuses an unknown time zone', () => {
    expect(() => localTime(new Date(), 'Mars/Olympus')).toThrow();
  });
});
