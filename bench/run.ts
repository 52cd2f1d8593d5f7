// `npm run bench`: runs every benchmark scenario and prints one JSON document on stdout.
// Pick scenarios with BENCH_ONLY=api,import (default: all).
import { benchApi } from './api.ts';
import { benchDigest } from './digest.ts';
import { benchImport } from './import.ts';
import { ensureBenchDatabase } from './bench-db.ts';
import { benchWeb } from './web.ts';
import { benchVisits } from './visits.ts';
import { benchGates } from './gates.ts';
import { benchModel } from './model.ts';
import { benchForecast } from './forecast.ts';
import { benchForecastLarge } from './forecast-large.ts';
import { benchWarnings } from './warnings.ts';
import { benchDealEvidence } from './deal-evidence.ts';

const scenarios: Record<string, () => Promise<unknown>> = {
  visits: async () => ({ ...(await benchVisits()), target_seconds: 30 }),
  api: benchApi,
  gates: benchGates,
  model: benchModel,
  forecast: benchForecast,
  forecast_large: benchForecastLarge,
  warnings: benchWarnings,
  deal_evidence: benchDealEvidence,
  digest: benchDigest,
  web: benchWeb,
  import_100k: async () => ({ ...(await benchImport(100_000, await ensureBenchDatabase())), target_seconds: 5 }),
  import_1m: async () => ({ ...(await benchImport(1_000_000, await ensureBenchDatabase())), target_seconds: 60 }),
};

const only = process.env.BENCH_ONLY?.split(',');
const results: Record<string, unknown> = {};
for (const [name, run] of Object.entries(scenarios)) {
  if (only && !only.includes(name)) continue;
  try {
    results[name] = await run();
  } catch (err) {
    results[name] = { error: err instanceof Error ? err.message : String(err) };
  }
}
console.log(JSON.stringify(results, null, 2));
