// On the first start of an empty database, seeds the demo tenant and prints its logins.
import type { AppDeps } from '../platform/http/deps.ts';
import { seedDemo, DEMO_PASSWORD, DEMO_LOGINS } from '../modules/demo/seed-demo.ts';

export async function onFirstStart(deps: AppDeps): Promise<void> {
  const any = await deps.db.kysely.selectFrom('tenants').select('id').limit(1).executeTakeFirst();
  if (any) return;
  console.log('Empty database: seeding the demo tenant (takes a little while, once)...');
  await seedDemo(deps.db.kysely, { log: (m) => console.log(`  ${m}`) });
  console.log(`Demo tenant ready. Sign in with any of: ${DEMO_LOGINS.join(', ')} — password ${DEMO_PASSWORD}`);
}
