// Test support for the jobs runtime: a test server with jobs running, scoped to the tenants the
// test file makes (the run's database is shared), and a wait for asynchronous work.
import { createApp } from '../../app.ts';
import { openTestDb, testConfig, type TestServer } from '../../testing/harness.ts';
import type { JobsOptions, JobsRuntime } from './runtime.ts';

export interface JobsTestServer extends TestServer {
  jobs: JobsRuntime;
  /** the tenants this server's schedules and dispatcher look at; add yours */
  tenants: string[];
}

export async function startJobsTestServer(opts: JobsOptions = {}): Promise<JobsTestServer> {
  const db = await openTestDb();
  const tenants: string[] = [];
  const running = await createApp(db, testConfig(), { jobs: { tickEveryMinute: false, pollingIntervalSeconds: 0.5, onlyTenants: tenants, ...opts } });
  await running.app.ready();
  return {
    ...running,
    jobs: running.jobs as JobsRuntime,
    db,
    tenants,
    async stop() {
      await running.close();
      await db.close();
    },
  };
}

/** Resolves once check() returns true; fails after timeoutMs. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
