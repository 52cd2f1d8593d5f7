// The `sightline` command: each sub-command lives in its own file under commands/.
import { Command } from 'commander';
import { registerServe } from './commands/serve.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerAudit } from './commands/audit.ts';
import { registerImport } from './commands/import.ts';
import { registerExport } from './commands/export.ts';
import { registerTenant } from './commands/tenant.ts';
import { registerToken } from './commands/token.ts';
import { registerSeed } from './commands/seed.ts';
import { registerModel } from './commands/model.ts';

const program = new Command('sightline').description('Sightline sales management').showHelpAfterError();
registerServe(program);
registerMigrate(program);
registerAudit(program);
registerImport(program);
registerExport(program);
registerTenant(program);
registerToken(program);
registerSeed(program);
registerModel(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(`sightline: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
