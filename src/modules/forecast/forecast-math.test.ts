// The forecast's pure arithmetic: roll-up with overrides, accuracy (actual 0 is undefined),
// periods in the calendar, the schedule's days, and root causes proposed from a timeline.
import { describe, expect, it } from 'vitest';
import { forecastAccuracy } from './accuracy.ts';
import { scheduledWork } from './forecast-schedule.ts';
import { parsePeriod } from './periods.ts';
import { proposeRootCauses } from './root-causes.ts';
import { buildRollup, zeroAmounts, type CategoryAmounts } from './rollup.ts';

const amounts = (a: Partial<CategoryAmounts>): CategoryAmounts => ({ ...zeroAmounts(), ...a });

describe('roll-up', () => {
  // company ← 总部 (director d) ← 华东 (manager m) ← reps r1, r2; 总部 also holds rep r3 directly
  const tree = {
    teams: [
      { id: 'hq', name: '总部', parentId: null, managerId: 'd' },
      { id: 'east', name: '华东', parentId: 'hq', managerId: 'm' },
    ],
    users: [
      { id: 'd', name: 'D', teamId: 'hq' },
      { id: 'm', name: 'M', teamId: 'east' },
      { id: 'r1', name: 'R1', teamId: 'east' },
      { id: 'r2', name: 'R2', teamId: 'east' },
      { id: 'r3', name: 'R3', teamId: 'hq' },
    ],
    perOwner: new Map<string | null, CategoryAmounts>([
      ['r1', amounts({ commit: 100n, best_case: 10n, closed: 5n })],
      ['r2', amounts({ commit: 200n, pipeline: 7n })],
      ['r3', amounts({ commit: 40n, closed: 1n })],
      [null, amounts({ commit: 3n })],
    ]),
    quotas: [],
  };
  const override = (subjectKind: 'user' | 'team', subjectId: string, category: 'commit' | 'best_case', amount: bigint) => ({ subjectKind, subjectId, category, amountCents: amount, originalCents: 0n, note: null, setBy: 'x', setByName: 'X', setAt: new Date() });

  it('without overrides every level is the plain sum of what is below it', () => {
    const r = buildRollup({ ...tree, overrides: [] });
    expect(r.teams.get('east')?.effective.commit).toBe(300n);
    expect(r.teams.get('hq')?.effective.commit).toBe(340n);
    expect(r.company.effective.commit).toBe(343n); // the unowned deal counts at the company
    expect(r.company.commitForecast).toBe(349n);
    expect(r.company.bestCaseForecast).toBe(359n);
  });

  it('an override at the manager level replaces the reps’ numbers above it, and a rep override below it is then hidden by it', () => {
    const r = buildRollup({ ...tree, overrides: [override('user', 'r2', 'commit', 150n), override('team', 'east', 'commit', 120n)] });
    expect(r.users.get('r2')?.effective.commit).toBe(150n);
    expect(r.teams.get('east')?.computed.commit).toBe(250n);
    expect(r.teams.get('east')?.effective.commit).toBe(120n);
    expect(r.teams.get('hq')?.effective.commit).toBe(160n);
    expect(r.company.effective.commit).toBe(163n);
    // closed is fact and is never overridden; best case untouched
    expect(r.teams.get('east')?.effective.closed).toBe(5n);
    expect(r.teams.get('east')?.effective.best_case).toBe(10n);
  });

  it('survives a cycle in the team tree by treating the cycle as a root', () => {
    const r = buildRollup({ ...tree, teams: [{ id: 'a', name: 'A', parentId: 'b', managerId: null }, { id: 'b', name: 'B', parentId: 'a', managerId: null }], users: [{ id: 'r1', name: 'R1', teamId: 'a' }], overrides: [] });
    expect(r.company.effective.commit).toBe(100n + 200n + 40n + 3n);
  });
});

describe('accuracy', () => {
  it('is 1 − |forecast − actual| / actual', () => {
    expect(forecastAccuracy(90n, 100n)).toBe(0.9);
    expect(forecastAccuracy(110n, 100n)).toBe(0.9);
    expect(forecastAccuracy(100n, 100n)).toBe(1);
    expect(forecastAccuracy(250n, 100n)).toBe(-0.5);
  });
  it('is undefined (null, not a number) when the actual is 0, and when there was no forecast', () => {
    expect(forecastAccuracy(0n, 0n)).toBeNull();
    expect(forecastAccuracy(500n, 0n)).toBeNull();
    expect(forecastAccuracy(null, 100n)).toBeNull();
  });
});

describe('periods and schedule', () => {
  it('knows months and quarters and their middle days', () => {
    expect(parsePeriod('2026-Q4')).toMatchObject({ kind: 'quarter', start: '2026-10-01', end: '2026-12-31', mid: '2026-11-15' });
    expect(parsePeriod('2026-02')).toMatchObject({ kind: 'month', start: '2026-02-01', end: '2026-02-28', mid: '2026-02-14' });
    expect(() => parsePeriod('2026-Q5')).toThrow();
  });
  it('snapshots on Mondays and mid-period days, and closes the period just ended on the 1st', () => {
    expect(scheduledWork('2026-11-15').snapshot.map((p) => p.key)).toEqual(['2026-11', '2026-Q4']);
    expect(scheduledWork('2026-11-16').snapshot.map((p) => p.key)).toEqual(['2026-11', '2026-Q4']); // a Monday
    expect(scheduledWork('2026-11-17').snapshot).toEqual([]);
    expect(scheduledWork('2026-10-01').close.map((p) => p.key)).toEqual(['2026-09', '2026-Q3']);
    expect(scheduledWork('2026-11-01').close.map((p) => p.key)).toEqual(['2026-10']);
  });
});

describe('root causes proposed from a deal’s timeline', () => {
  const until = new Date('2026-10-31T16:00:00Z');
  const at = (d: string) => new Date(`${d}T02:00:00Z`);
  it('close date pushed twice → 客户决策延迟, with each push quoted', () => {
    const p = proposeRootCauses({
      closeDateChanges: [
        { at: at('2026-09-28'), from: '2026-09-30', to: '2026-10-15' },
        { at: at('2026-10-14'), from: '2026-10-15', to: '2026-10-31' },
      ],
      ownerChanges: [],
      entries: [{ at: at('2026-10-29'), kind: 'activity', text: '电话跟进付款审批' }],
      until,
    });
    expect(p).toEqual([{ tag: 'customer_decision_delay', evidence: ['2026-09-28: expected close 2026-09-30 → 2026-10-15', '2026-10-14: expected close 2026-10-15 → 2026-10-31'] }]);
  });
  it('a competitor named in a note → 竞对突袭 with the words quoted; weeks without a touch → 内部资源错配', () => {
    const p = proposeRootCauses({
      closeDateChanges: [{ at: at('2026-10-01'), from: '2026-10-10', to: '2026-10-20' }],
      ownerChanges: [],
      entries: [
        { at: at('2026-09-20'), kind: 'activity', text: '方案演示' },
        { at: at('2026-10-02'), kind: 'note', text: '客户说友商报价低了15%，正在重新比价' },
      ],
      until,
    });
    expect(p.map((x) => x.tag)).toEqual(['competitor_ambush', 'internal_resource_mismatch']);
    expect(p[0].evidence[0]).toContain('友商报价低了15%');
    expect(p[1].evidence[0]).toMatch(/no touch for 41 days/);
  });
  it('an owner change → 内部资源错配', () => {
    const p = proposeRootCauses({ closeDateChanges: [], ownerChanges: [{ at: at('2026-10-05'), from: 'a', to: 'b' }], entries: [{ at: at('2026-10-30'), kind: 'activity', text: '拜访' }], until });
    expect(p).toEqual([{ tag: 'internal_resource_mismatch', evidence: ['2026-10-05: owner changed'] }]);
  });
});
