// Win-probability model benchmark: 5-fold AUC of our boosted trees next to scikit-learn's
// HistGradientBoostingClassifier on the same folds (public CRM and bank data from
// ../shared/data, read in place), plus training on 100,000 × 30 and scoring 100,000 rows.
// CLI: `node --import tsx bench/model.ts`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readTextTable, type TextTable } from '../src/ml/text-table.ts';
import { tableToDataset } from '../src/ml/tabular.ts';
import { crossValidate } from '../src/ml/cross-validate.ts';
import { stratifiedKFold } from '../src/ml/folds.ts';
import { predictProbability, trainGbdt } from '../src/ml/gbdt.ts';
import { syntheticDeals } from '../src/ml/synthetic.ts';
import type { Dataset } from '../src/ml/dataset.ts';
import { round } from './stats.ts';
import { openDatabase } from '../src/platform/db/connection.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { inTenant } from '../src/platform/tenancy/context.ts';
import { seedDemo } from '../src/modules/demo/seed-demo.ts';
import { loadHistories } from '../src/modules/win-model/load-histories.ts';
import { toDataset, trainingSet } from '../src/modules/win-model/feature-matrix.ts';
import { GBDT_OPTIONS } from '../src/modules/win-model/train-win-model.ts';
import type { GbdtOptions } from '../src/ml/gbdt.ts';

// SIGHTLINE_BENCH_DATA points elsewhere when the checkout is not beside shared/ (e.g. a worktree)
const DATA = process.env.SIGHTLINE_BENCH_DATA ?? path.resolve(import.meta.dirname, '../../shared/data');
const FOLDS = 5;
const SEED = 1;
const log = (m: string) => process.stderr.write(`[bench:model] ${m}\n`);

const readTable = (file: string) => readTextTable(fs.createReadStream(path.join(DATA, file)));

function rowsOf(table: TextTable): Record<string, string>[] {
  return table.lines.map((_, r) => Object.fromEntries(table.header.map((h, c) => [h, table.columns[c][r]])));
}

/** Maven's closed deals joined with their account, product and team; close date and value leak the outcome and stay out. */
export async function mavenDeals(): Promise<{ data: Dataset; labels: Uint8Array }> {
  const byKey = async (file: string, key: string) => new Map(rowsOf(await readTable(file)).map((r) => [r[key], r]));
  const accounts = await byKey('maven-crm/accounts.csv', 'account');
  const products = await byKey('maven-crm/products.csv', 'product');
  const teams = await byKey('maven-crm/sales_teams.csv', 'sales_agent');
  const deals = rowsOf(await readTable('maven-crm/sales_pipeline.csv')).filter((d) => d.deal_stage === 'Won' || d.deal_stage === 'Lost');
  const joined = deals.map((d) => {
    const engaged = new Date(`${d.engage_date}T00:00:00Z`);
    return {
      ...d,
      ...(accounts.get(d.account) ?? {}),
      ...(products.get(d.product.replace('GTXPro', 'GTX Pro')) ?? {}),
      ...(teams.get(d.sales_agent) ?? {}),
      engage_month: String(engaged.getUTCMonth() + 1),
      engage_day: String(Math.floor(engaged.getTime() / 86_400_000)),
    };
  });
  const header = ['sales_agent', 'product', 'account', 'sector', 'year_established', 'revenue', 'employees', 'office_location', 'subsidiary_of', 'series', 'sales_price', 'manager', 'regional_office', 'engage_month', 'engage_day', 'deal_stage'];
  const table: TextTable = {
    header,
    columns: header.map((h) => joined.map((row) => (row as Record<string, string | undefined>)[h] ?? '')),
    lines: joined.map((_, i) => i + 2),
    encoding: 'utf-8',
    delimiter: ',',
  };
  return tableToDataset(table, { target: 'deal_stage', positive: 'Won' });
}

/** The demo tenant's closed deals as the win model sees them: CRM features as of 14 days before closing (embedded PGlite, seeded fresh). */
export async function demoDeals(): Promise<{ data: Dataset; labels: Uint8Array }> {
  const db = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrate(db.pool);
    const { tenantId } = await seedDemo(db.kysely, { now: new Date('2026-11-22T12:00:00+08:00') });
    const set = trainingSet(await inTenant(db.kysely, tenantId, (trx) => loadHistories(trx, tenantId, 'closed')));
    const data = toDataset(set.vectors);
    const csv = path.join(os.tmpdir(), 'sightline-demo-win-features.csv');
    exportCsv(csv, data, set.labels);
    log(`demo feature matrix written to ${csv}`);
    return { data, labels: set.labels };
  } finally {
    await db.close();
  }
}

/** The feature matrix as CSV (empty cell = missing), e.g. for `sightline model evaluate --csv … --target won --positive 1`. */
function exportCsv(file: string, data: Dataset, labels: Uint8Array) {
  const cell = (v: string | number | null) => (v === null || (typeof v === 'number' && Number.isNaN(v)) ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines = [[...data.columns.map((c) => c.name), 'won'].join(',')];
  for (let r = 0; r < data.rows; r++) lines.push([...data.columns.map((c) => cell(c.values[r])), String(labels[r])].join(','));
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

async function bankCalls() {
  return tableToDataset(await readTable('uci-bank-marketing/bank-additional-full.csv'), { target: 'y', positive: 'yes', drop: ['duration'] });
}

function findPython(): string | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(python, ['-c', 'import sklearn'], { stdio: 'ignore' });
      return python;
    } catch {
      // try the next interpreter
    }
  }
  return null;
}

const SKLEARN_SCRIPT = `
import json, sys, numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
meta = json.load(open(sys.argv[1]))
n, f = meta["rows"], meta["features"]
X = np.fromfile(sys.argv[2], dtype=np.float64).reshape(n, f)
y = np.fromfile(sys.argv[3], dtype=np.uint8)
fold = np.fromfile(sys.argv[4], dtype=np.uint8)
aucs = []
for k in range(meta["folds"]):
    model = HistGradientBoostingClassifier(categorical_features=np.array(meta["categorical"], dtype=bool), random_state=0)
    model.fit(X[fold != k], y[fold != k])
    aucs.append(roc_auc_score(y[fold == k], model.predict_proba(X[fold == k])[:, 1]))
print(json.dumps(sum(aucs) / len(aucs)))
`;

/** Hands the same rows and folds to scikit-learn (categories as frequency ranks, missing as NaN). */
function sklearnAuc(python: string, data: Dataset, labels: Uint8Array): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-model-bench-'));
  try {
    const features = data.columns.length;
    const matrix = new Float64Array(data.rows * features);
    data.columns.forEach((col, f) => {
      if (col.kind === 'numeric') {
        for (let r = 0; r < data.rows; r++) matrix[r * features + f] = col.values[r];
        return;
      }
      const counts = new Map<string, number>();
      for (const v of col.values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
      const rank = new Map([...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 255).map(([v], i) => [v, i]));
      for (let r = 0; r < data.rows; r++) {
        const v = col.values[r];
        matrix[r * features + f] = v === null ? NaN : (rank.get(v) ?? NaN);
      }
    });
    const fold = new Uint8Array(data.rows);
    stratifiedKFold(labels, FOLDS, SEED).forEach(({ test }, k) => test.forEach((r) => (fold[r] = k)));
    const file = (name: string, bytes: Float64Array | Uint8Array | string) => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, bytes);
      return p;
    };
    const args = [
      file('score.py', SKLEARN_SCRIPT),
      file('meta.json', JSON.stringify({ rows: data.rows, features, folds: FOLDS, categorical: data.columns.map((c) => c.kind === 'categorical') })),
      file('x.bin', matrix),
      file('y.bin', labels),
      file('fold.bin', fold),
    ];
    return Number(execFileSync(python, args, { encoding: 'utf8', maxBuffer: 1 << 20 }).trim());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchModel() {
  const python = findPython();
  if (!python) log('scikit-learn not found (apt-get install -y python3-sklearn): sklearn_auc is null');
  const sets: [string, () => Promise<{ data: Dataset; labels: Uint8Array }>, Partial<GbdtOptions>][] = [
    ['demo tenant closed deals (CRM features)', demoDeals, GBDT_OPTIONS],
    ['maven-crm closed deals', mavenDeals, {}],
    ['uci-bank-marketing without duration', bankCalls, {}],
    ['synthetic 100k×30', async () => syntheticDeals(100_000, 30, 7), {}],
  ];
  // BENCH_MODEL_SETS=demo,maven runs only the sets whose names contain one of the words (=none: only the speed figures)
  const only = process.env.BENCH_MODEL_SETS?.split(',').filter(Boolean);
  const datasets = [];
  for (const [name, load, options] of sets) {
    if (only && !only.some((w) => name.includes(w))) continue;
    const { data, labels } = await load();
    log(`${name}: ${data.rows} rows × ${data.columns.length} features, ${FOLDS}-fold`);
    const cv = crossValidate(data, labels, FOLDS, { ...options, seed: SEED });
    const sklearn = python ? sklearnAuc(python, data, labels) : null;
    datasets.push({ name, rows: data.rows, features: data.columns.length, auc: round(cv.auc, 4), sklearn_auc: sklearn === null ? null : round(sklearn, 4), train_ms: Math.round(cv.train_ms), predict_us_per_row: round(cv.predict_us_per_row, 3) });
  }
  const { data, labels } = syntheticDeals(100_000, 30, 11);
  // CPU time beside wall time: the machine is shared, and CPU time moves less with the load
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(since);
    return Math.round((used.user + used.system) / 1000);
  };
  let started = performance.now();
  let cpu = process.cpuUsage();
  const model = trainGbdt(data, labels, { iterations: 100, validationFraction: 0, calibrationFolds: 0, seed: SEED });
  const trainMs = performance.now() - started;
  const trainCpuMs = cpuMs(cpu);
  started = performance.now();
  cpu = process.cpuUsage();
  predictProbability(model, data);
  const scoreMs = performance.now() - started;
  const scoreCpuMs = cpuMs(cpu);
  return {
    scenario: 'model',
    datasets,
    train_100k_x30_ms: Math.round(trainMs),
    train_100k_x30_cpu_ms: trainCpuMs,
    train_100k_x30_trees: model.trees.length,
    score_100k_ms: Math.round(scoreMs),
    score_100k_cpu_ms: scoreCpuMs,
    target_train_ms: 10_000,
    target_score_ms: 1_000,
    load_average: os.loadavg().map((l) => round(l, 2)),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) console.log(JSON.stringify(await benchModel(), null, 2));
