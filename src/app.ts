// Assembles a running Sightline: database, migrations, services, HTTP server.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './platform/config.ts';
import { openDatabase, type Db } from './platform/db/connection.ts';
import { migrate } from './platform/db/migrate.ts';
import { buildServer } from './platform/http/server.ts';
import { providerFromConfig } from './platform/llm/provider.ts';
import { DiskFileStore } from './platform/storage/file-store.ts';
import type { AppDeps } from './platform/http/deps.ts';
import { moduleRoutes } from './modules/index.ts';
import { startJobs, type JobsOptions, type JobsRuntime } from './platform/jobs/runtime.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const webDist = path.join(root, 'web', 'dist');

export async function openDb(config: Config): Promise<Db> {
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite') });
}

export function makeDeps(db: Db, config: Config): AppDeps {
  return { db, config, llm: providerFromConfig(config.llm), files: new DiskFileStore(path.join(config.dataDir, 'files')), jobs: null };
}

export interface Running {
  app: FastifyInstance;
  deps: AppDeps;
  /** background jobs, schedules and event dispatch; null unless createApp was asked for them */
  jobs: JobsRuntime | null;
  close(): Promise<void>;
}

/** Builds the HTTP app on an open database (migrated first unless `migrate: false`); `jobs` also starts the jobs runtime. */
export async function createApp(db: Db, config: Config = loadConfig(), opts: { logger?: boolean; jobs?: boolean | JobsOptions; migrate?: boolean } = {}): Promise<Running> {
  if (opts.migrate ?? true) await migrate(db.pool);
  const deps = makeDeps(db, config);
  const app = await buildServer({ deps, routes: moduleRoutes, webDir: webDist, logger: opts.logger });
  const jobs = opts.jobs ? await startJobs(deps, opts.jobs === true ? {} : opts.jobs) : null;
  deps.jobs = jobs;
  return {
    app,
    deps,
    jobs,
    async close() {
      await jobs?.stop();
      await app.close();
    },
  };
}
