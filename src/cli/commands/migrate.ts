// `sightline migrate`: applies pending migrations and says which.
import type { Command } from 'commander';
import { loadConfig } from '../../platform/config.ts';
import { openDb } from '../../app.ts';
import { migrate } from '../../platform/db/migrate.ts';

export function registerMigrate(program: Command) {
  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      const db = await openDb(loadConfig());
      try {
        const applied = await migrate(db.pool);
        console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
      } finally {
        await db.close();
      }
    });
}
