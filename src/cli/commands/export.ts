// `sightline export <entity>`: streams records as CSV (UTF-8 with BOM, for Excel) or JSON, to
// stdout or a file.
import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { runExport, type ExportFormat } from '../../modules/imports/run-export.ts';
import { dataEntityNames } from '../../modules/imports/data-entities.ts';
import { cliActor, resolveTenant, withDb } from './tenant.ts';

interface ExportFlags {
  format: string;
  tenant?: string;
  out?: string;
  as?: string;
}

export function registerExport(program: Command) {
  program
    .command('export <entity>')
    .description(`export records (${dataEntityNames.join(', ')}) as CSV or JSON`)
    .option('--format <format>', 'csv or json', 'csv')
    .option('--tenant <slug-or-id>', 'tenant to export from (default: the only tenant, or demo)')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--as <email>', 'export what this user may see')
    .action(async (entity: string, flags: ExportFlags) => {
      if (flags.format !== 'csv' && flags.format !== 'json') throw new Error(`--format must be csv or json, not "${flags.format}".`);
      const format: ExportFormat = flags.format;
      await withDb(async (db) => {
        const tenant = await resolveTenant(db.kysely, flags.tenant);
        const actor = await cliActor(db.kysely, tenant, flags.as);
        const out = flags.out ? fs.createWriteStream(flags.out) : process.stdout;
        const { rows } = await runExport({ db: db.kysely, tenantId: tenant.id, actor, entity, format, out });
        if (flags.out) {
          out.end();
          await finished(out);
          console.error(`Exported ${rows} ${entity} records of tenant ${tenant.slug} to ${flags.out}.`);
        }
      });
    });
}
