// Forecast backtest: on the demo tenant's twelve months, the neutral company forecast at a
// third, half and two thirds of each past quarter, month and three-month span (state as it stood then) against the
// period's actual wins; a point counts towards the target when it had 90 days of history behind it.
// Open deals are rated as live (the win model trained at each as-of moment on the learning
// windows); the quarters are also given with every deal at its cells' rate, to compare.
import os from 'node:os';
import type { Database } from '../src/platform/db/schema.ts';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../src/platform/db/connection.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { inTenant } from '../src/platform/tenancy/context.ts';
import { seedDemo } from '../src/modules/demo/seed-demo.ts';
import { backtestNeutral, type BacktestRow } from '../src/modules/forecast/backtest.ts';
import { addDays, periodOf, previousPeriod, type Period } from '../src/modules/forecast/periods.ts';
import { daysBetween, localDateAt } from '../src/platform/tenancy/tenant-clock.ts';
import { fromCents } from '../src/platform/money.ts';

const NOW = new Date('2026-12-01T02:00:00Z');
const CUT_OFFS = [1 / 3, 1 / 2, 2 / 3];
const MIN_HISTORY_DAYS = 90;
const log = (m: string) => process.stderr.write(`[forecast] ${m}\n`);

const OTHER_SEEDS = (process.env.BENCH_FORECAST_SEEDS ?? '1,2,3,4,5').split(',').filter(Boolean).map(Number);

type Method = 'model' | 'cells';
const round4 = (v: number) => Math.round(v * 10_000) / 10_000;

/** mean, max and share under target of |error| per cut-off */
function errorSummary(errors: { cutOff: number; signedError: number }[]) {
  return Object.fromEntries(
    CUT_OFFS.map((c) => {
      const abs = errors.filter((e) => e.cutOff === c).map((e) => Math.abs(e.signedError));
      return [c.toFixed(2), abs.length ? { points: abs.length, meanError: round4(abs.reduce((a, b) => a + b, 0) / abs.length), maxError: Math.max(...abs), shareUnderTarget: Math.round((abs.filter((e) => e < 0.05).length / abs.length) * 100) / 100 } : null];
    }),
  );
}

/** The quarters' errors at a third, half and two thirds on demo tenants generated from other seeds, in the same database, by both ways of rating open deals. */
async function quartersOnOtherSeeds(db: Kysely<Database>, quarters: Period[], testable: (r: BacktestRow) => boolean) {
  const errors: Record<Method, { seed: number; period: string; cutOff: number; signedError: number }[]> = { model: [], cells: [] };
  for (const seed of OTHER_SEEDS) {
    log(`demo from seed ${seed}`);
    const other = await seedDemo(db, { now: NOW, seed, slug: `demo-seed-${seed}`, emailDomain: `seed${seed}.demo.local`, tenantName: `演示 ${seed}` });
    for (const method of ['model', 'cells'] as const) {
      const rows = await inTenant(db, other.tenantId, (trx) => backtestNeutral(trx, other.tenantId, 'Asia/Shanghai', quarters, CUT_OFFS, method));
      for (const r of rows) if (testable(r)) errors[method].push({ seed, period: r.period, cutOff: r.cutOff, signedError: round4(r.signedError as number) });
    }
  }
  const mid = (m: Method) => errorSummary(errors[m])['0.50'];
  return {
    seeds: OTHER_SEEDS,
    // the target's figures (the live way, the model): the quarters at their middle
    points: mid('model')?.points ?? 0,
    meanError: mid('model')?.meanError ?? null,
    maxError: mid('model')?.maxError ?? null,
    shareUnderTarget: mid('model')?.shareUnderTarget ?? null,
    byCutOff: errorSummary(errors.model),
    cellsByCutOff: errorSummary(errors.cells),
    quarters: errors.model.filter((e) => e.cutOff === 1 / 2),
    cellsQuarters: errors.cells.filter((e) => e.cutOff === 1 / 2),
  };
}

export async function benchForecast() {
  const db = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrate(db.pool);
    const seeded = await seedDemo(db.kysely, { now: NOW, log });
    const zone = 'Asia/Shanghai';
    const historyStart = localDateAt(new Date(NOW.getTime() - 365 * 86_400_000), zone);
    // every quarter and month that ended before now and began within the history
    const pastPeriods = (kind: Period['kind']) => {
      const out: Period[] = [];
      for (let p = previousPeriod(periodOf(localDateAt(NOW, zone), kind)); p.end >= historyStart; p = previousPeriod(p)) out.unshift(p);
      return out;
    };
    // three-month spans starting at every month, not only calendar quarters: more points of the same shape
    const rollingQuarters = pastPeriods('month')
      .map((first) => {
        const last = periodOf(addDays(first.start, 62), 'month');
        return { key: `${first.key}..${last.key.slice(5)}`, kind: 'quarter' as const, start: first.start, end: last.end, mid: addDays(first.start, Math.floor(daysBetween(first.start, last.end) / 2)) };
      })
      .filter((p) => p.end < localDateAt(NOW, zone));
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const quarterRows = await inTenant(db.kysely, seeded.tenantId, (trx) => backtestNeutral(trx, seeded.tenantId, zone, pastPeriods('quarter'), CUT_OFFS));
    const ms = Math.round(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    const cellsQuarterRows = await inTenant(db.kysely, seeded.tenantId, (trx) => backtestNeutral(trx, seeded.tenantId, zone, pastPeriods('quarter'), CUT_OFFS, 'cells'));
    const monthRows = await inTenant(db.kysely, seeded.tenantId, (trx) => backtestNeutral(trx, seeded.tenantId, zone, pastPeriods('month'), CUT_OFFS));
    const rollingRows = await inTenant(db.kysely, seeded.tenantId, (trx) => backtestNeutral(trx, seeded.tenantId, zone, rollingQuarters, CUT_OFFS));
    // the demo's pipeline predates its twelve months (deals open when they began), so its first deal
    // is older than its history: a point needs 90 days of both behind it
    const testable = (r: BacktestRow) => r.historyDays >= MIN_HISTORY_DAYS && daysBetween(historyStart, localDateAt(new Date(r.asOf), zone)) >= MIN_HISTORY_DAYS && r.error !== null;
    const mean = (v: number[]) => v.reduce((s, e) => s + e, 0) / v.length;
    const summary = (rows: BacktestRow[]) =>
      Object.fromEntries(
        CUT_OFFS.map((c) => {
          const points = rows.filter((r) => r.cutOff === c && testable(r));
          const errors = points.map((r) => r.error as number);
          const spreads = points.flatMap((r) => (r.errorInSpreads === null ? [] : [r.errorInSpreads ** 2]));
          return [c.toFixed(2), errors.length ? { points: errors.length, mean: round4(mean(errors)), max: Math.max(...errors), bias: round4(mean(points.map((r) => r.signedError as number))), rmsErrorInSpreads: spreads.length ? round4(Math.sqrt(mean(spreads))) : null } : null];
        }),
      );
    const present = (r: BacktestRow) => ({ period: r.period, cutOff: r.cutOff.toFixed(2), asOf: r.asOf, historyDays: r.historyDays, testable: testable(r), neutral: fromCents(r.neutralCents), wonSoFar: fromCents(r.wonSoFarCents), openExpected: fromCents(r.openExpectedCents), late: fromCents(r.lateCents), spread: fromCents(r.spreadCents), actual: fromCents(r.actualCents), error: r.error, signedError: r.signedError, errorInSpreads: r.errorInSpreads, learningWindows: r.learningWindows, modelRatedDeals: r.modelRatedDeals, flags: r.flags });
    const mid = summary(quarterRows)['0.50'];
    // the demo's shape that the backtest is measured on: deals created, won and lost per month
    const { rows: monthlyDeals } = await inTenant(db.kysely, seeded.tenantId, (trx) => sql<{ month: string; created: number; won: number; lost: number }>`
      select month, count(*) filter (where kind = 'created')::int as created, count(*) filter (where kind = 'won')::int as won, count(*) filter (where kind = 'lost')::int as lost
      from (select to_char(created_at at time zone ${zone}, 'YYYY-MM') as month, 'created' as kind from opportunities where tenant_id = ${seeded.tenantId}
            union all select to_char(closed_at at time zone ${zone}, 'YYYY-MM'), stage from opportunities where tenant_id = ${seeded.tenantId} and closed_at is not null) m
      group by month order by month`.execute(trx));
    const otherSeeds = await quartersOnOtherSeeds(db.kysely, pastPeriods('quarter'), (r) => daysBetween(historyStart, localDateAt(new Date(r.asOf), zone)) >= MIN_HISTORY_DAYS && r.historyDays >= MIN_HISTORY_DAYS && r.error !== null);
    return {
      scenario: 'forecast_backtest',
      tenant: 'demo',
      historyFrom: historyStart,
      minHistoryDays: MIN_HISTORY_DAYS,
      target: 0.05,
      // the target's figures: the quarters at their middle
      meanError: mid?.mean ?? null,
      maxError: mid?.max ?? null,
      quarterErrors: summary(quarterRows),
      // the same quarters with every open deal at its cells' rate (the way before the model), to compare
      cellsQuarterErrors: summary(cellsQuarterRows),
      monthErrors: summary(monthRows),
      rollingQuarterErrors: summary(rollingRows),
      // one demo history is one draw: the same method on demos generated from other seeds says how
      // much of a quarter's error is the method and how much the luck of one history
      otherSeeds,
      monthlyDeals,
      quarters: quarterRows.map(present),
      months: monthRows.map(present),
      rollingQuarters: rollingRows.map(present),
      /** the quarters' backtest (one load of the deals and their history, then every point) */
      backtestMs: ms,
      backtestCpuMsPerPoint: Math.round((cpu.user + cpu.system) / 1000 / quarterRows.length),
      seedMs: seeded.milliseconds,
      machine: `${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    };
  } finally {
    await db.close();
  }
}
