// `sightline seed demo`: creates the demo tenant with its realistic sample data.
import type { Command } from 'commander';
import { seedDemo, DEMO_LOGINS, DEMO_PASSWORD } from '../../modules/demo/seed-demo.ts';
import { withDb } from './tenant.ts';

export function registerSeed(program: Command) {
  const seed = program.command('seed').description('sample data');
  seed
    .command('demo')
    .description('create the demo tenant (slug demo) with sample data')
    .action(async () => {
      await withDb(async (db) => {
        const existing = await db.kysely.selectFrom('tenants').select('id').where('slug', '=', 'demo').executeTakeFirst();
        if (existing) throw new Error(`The demo tenant already exists (id ${existing.id}); nothing was changed. Sign in with ${DEMO_LOGINS[0]} / ${DEMO_PASSWORD}.`);
        await seedDemo(db.kysely, { log: (m) => console.error(`  ${m}`) });
        console.log(`Demo tenant ready. Sign in with any of: ${DEMO_LOGINS.join(', ')} — password ${DEMO_PASSWORD}`);
      });
    });
}
