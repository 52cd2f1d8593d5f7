import { describe, expect, it } from 'vitest';
import { Random } from './demo-random.ts';
import { endOfQuarter, officeMomentNear, localDate, atLocal, addMonths } from './demo-calendar.ts';

const draw = (rng: Random, n: number) => Array.from({ length: n }, () => rng.next());

describe('demo randomness', () => {
  it('repeats exactly for the same seed and differs for another', () => {
    expect(draw(new Random(42), 100)).toEqual(draw(new Random(42), 100));
    expect(draw(new Random(42), 5)).not.toEqual(draw(new Random(43), 5));
  });

  it('gives each labelled part its own stream, untouched by draws elsewhere', () => {
    const a = new Random(7);
    const b = new Random(7);
    draw(a, 1000); // consuming the parent does not shift a fork
    expect(draw(a.fork('activities'), 10)).toEqual(draw(b.fork('activities'), 10));
    expect(draw(b.fork('activities'), 10)).not.toEqual(draw(b.fork('tasks'), 10));
  });

  it('stays in range and roughly uniform', () => {
    const rng = new Random(1);
    const values = draw(rng, 20_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((s, v) => s + v, 0) / values.length).toBeCloseTo(0.5, 1);
    const ints = Array.from({ length: 5000 }, () => rng.int(1, 5));
    expect(new Set(ints)).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(rng.mobile()).toMatch(/^1[35789]\d{9}$/);
  });

  it('picks by weight and never picks a zero-weight entry', () => {
    const rng = new Random(3);
    const picks = Array.from({ length: 4000 }, () => rng.weighted([['often', 3], ['rarely', 1], ['never', 0]] as const));
    const often = picks.filter((p) => p === 'often').length / picks.length;
    expect(often).toBeGreaterThan(0.7);
    expect(often).toBeLessThan(0.8);
    expect(picks).not.toContain('never');
  });
});

describe('demo calendar (Asia/Shanghai)', () => {
  it('knows month and quarter ends, including leap years', () => {
    expect(endOfQuarter('2026-11-05')).toBe('2026-12-31');
    expect(endOfQuarter('2028-01-15')).toBe('2028-03-31');
    expect(endOfQuarter('2026-06-30')).toBe('2026-06-30');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
  });

  it('puts touches in office hours and never after the upper bound', () => {
    const rng = new Random(5);
    const to = atLocal('2026-11-20', 10); // Friday 10:00
    const from = atLocal('2026-11-01', 9);
    for (let i = 0; i < 500; i++) {
      const at = officeMomentNear(rng, from.getTime() + rng.next() * (to.getTime() - from.getTime()), from.getTime(), to.getTime());
      expect(at.getTime()).toBeLessThanOrEqual(to.getTime());
      expect(at.getTime()).toBeGreaterThanOrEqual(from.getTime());
      const hour = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', hour: 'numeric', hourCycle: 'h23' }).format(at));
      expect(hour).toBeGreaterThanOrEqual(8);
      expect(hour).toBeLessThanOrEqual(19);
    }
    expect(localDate(new Date('2026-11-22T17:00:00Z'))).toBe('2026-11-23');
  });
});
