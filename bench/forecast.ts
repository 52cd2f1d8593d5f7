// Forecast backtest: on the demo tenant's twelve months, the neutral company forecast at each
// past quarter's middle (state as it stood then) against the quarter's actual wins.
import os from 'node:os';
import { openDatabase } from '../src/platform/db/connection.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { inTenant } from '../src/platform/tenancy/context.ts';
import { seedDemo } from '../src/modules/demo/seed-demo.ts';
import { backtestNeutral } from '../src/modules/forecast/backtest.ts';
import { periodOf, previousPeriod, type Period } from '../src/modules/forecast/periods.ts';
import { localDateAt } from '../src/platform/tenancy/tenant-clock.ts';
import { fromCents } from '../src/platform/money.ts';

const NOW = new Date('2026-12-01T02:00:00Z');
const log = (m: string) => process.stderr.write(`[forecast] ${m}\n`);

export async function benchForecast() {
  const db = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrate(db.pool);
    const seeded = await seedDemo(db.kysely, { now: NOW, log });
    const zone = 'Asia/Shanghai';
    const historyStart = localDateAt(new Date(NOW.getTime() - 365 * 86_400_000), zone);
    // every quarter that ended before now and whose middle has at least 90 days of history behind it
    const quarters: Period[] = [];
    for (let q = previousPeriod(periodOf(localDateAt(NOW, zone), 'quarter')); q.start > historyStart; q = previousPeriod(q)) {
      if (Date.parse(q.mid) - Date.parse(historyStart) >= 90 * 86_400_000) quarters.unshift(q);
    }
    // months too, as a second look (the target is on quarters)
    const months: Period[] = [];
    for (let m = previousPeriod(periodOf(localDateAt(NOW, zone), 'month')); m.start > historyStart; m = previousPeriod(m)) {
      if (Date.parse(m.mid) - Date.parse(historyStart) >= 90 * 86_400_000) months.unshift(m);
    }
    const t0 = performance.now();
    const rows = await inTenant(db.kysely, seeded.tenantId, (trx) => backtestNeutral(trx, seeded.tenantId, zone, quarters));
    const ms = Math.round(performance.now() - t0);
    const monthRows = await inTenant(db.kysely, seeded.tenantId, (trx) => backtestNeutral(trx, seeded.tenantId, zone, months));
    const meanOf = (list: typeof rows) => {
      const errors = list.map((r) => r.error).filter((e): e is number => e !== null);
      return errors.length ? Math.round((errors.reduce((s, e) => s + e, 0) / errors.length) * 10_000) / 10_000 : null;
    };
    const mean = meanOf(rows);
    return {
      scenario: 'forecast_backtest',
      tenant: 'demo',
      historyFrom: historyStart,
      quarters: rows.map((r) => ({ period: r.period, asOf: r.asOf, neutral: fromCents(r.neutralCents), wonByMidQuarter: fromCents(r.wonSoFarCents), actual: fromCents(r.actualCents), error: r.error, learningWindows: r.learningWindows, flags: r.flags })),
      meanError: mean,
      target: 0.05,
      months: monthRows.map((r) => ({ period: r.period, neutral: fromCents(r.neutralCents), actual: fromCents(r.actualCents), error: r.error })),
      meanErrorMonths: meanOf(monthRows),
      backtestMs: ms,
      seedMs: seeded.milliseconds,
      machine: `${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    };
  } finally {
    await db.close();
  }
}
