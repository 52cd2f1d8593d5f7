// `sightline serve`: API and web app on one port; seeds the demo tenant on an empty database.
import type { Command } from 'commander';
import { loadConfig } from '../../platform/config.ts';
import { createApp, openDb } from '../../app.ts';
import { MigrationError } from '../../platform/db/migrate.ts';
import { onFirstStart } from '../first-start.ts';
import { isServeWorker, runPrimary, workerCount } from '../serve-workers.ts';

export function registerServe(program: Command) {
  program
    .command('serve', { isDefault: true })
    .description('start the API and web app (PORT, DATABASE_URL, SIGHTLINE_DATA_DIR, SIGHTLINE_WORKERS)')
    .option('--no-seed', 'do not seed the demo tenant on an empty database')
    .option('--workers <n>', 'app processes sharing the port, or "auto" for one per CPU core (PostgreSQL only; default SIGHTLINE_WORKERS or 1)')
    .action(async (opts: { seed: boolean; workers?: string }) => {
      const config = loadConfig();
      const worker = isServeWorker();
      if (!worker) {
        const workers = workerCount(opts.workers, config);
        if (workers > 1) return runPrimary(config, { workers, seed: opts.seed });
      }
      const db = await openDb(config);
      let running;
      try {
        // a worker's primary has migrated the database before forking it
        running = await createApp(db, config, { logger: process.env.SIGHTLINE_LOG === '1', jobs: true, migrate: !worker });
      } catch (err) {
        await db.close();
        if (err instanceof MigrationError) throw new Error(`${err.message}\nThe server did not start.`);
        throw err;
      }
      if (opts.seed && !worker) await onFirstStart(running.deps);
      await running.app.listen({ port: config.port, host: config.host });
      if (!worker) console.log(`Sightline is running at http://localhost:${config.port} (database: ${db.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'})`);
      const shutdown = async () => {
        await running.close();
        await db.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
