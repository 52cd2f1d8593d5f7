#!/usr/bin/env node
// `npm test`: type check, lint, every test on PGlite, again on PostgreSQL when DATABASE_URL
// is set, then the browser tests in Chromium (required when SIGHTLINE_REQUIRE_BROWSER=1).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) failedSteps.push(label);
  return r.status === 0;
}

function vitest(label, config, env) {
  const out = path.join(os.tmpdir(), `sightline-vitest-${process.pid}-${label.replace(/\W+/g, '_')}.json`);
  run(label, 'npx', ['vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile=${out}`], env);
  if (fs.existsSync(out)) {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    fs.rmSync(out);
  } else {
    failedSteps.push(`${label} (no report)`);
  }
}

run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
run('lint', 'npx', ['eslint', '.']);
vitest('tests on PGlite', 'vitest.config.ts', { SIGHTLINE_TEST_ENGINE: 'pglite' });
if (process.env.DATABASE_URL) {
  vitest('tests on PostgreSQL', 'vitest.config.ts', { SIGHTLINE_TEST_ENGINE: 'postgres' });
} else {
  console.log('\n(DATABASE_URL is not set: the PostgreSQL pass is skipped; set it to run the tests on PostgreSQL too)');
}

const chromium = process.env.SIGHTLINE_CHROMIUM ?? '/usr/bin/chromium';
if (fs.existsSync('vitest.browser.config.ts')) {
  if (fs.existsSync(chromium)) {
    if (run('build web app', 'npm', ['run', 'build:web'])) vitest('browser tests in Chromium', 'vitest.browser.config.ts', {});
  } else if (process.env.SIGHTLINE_REQUIRE_BROWSER === '1') {
    failedSteps.push(`browser tests (no Chromium at ${chromium})`);
  } else {
    console.log(`\n(Chromium not found at ${chromium}: browser tests skipped; apt-get install chromium to run them)`);
  }
}

console.log('');
if (failedSteps.length) console.log(`Failed steps: ${failedSteps.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length || totals.failed ? 1 : 0);
