// `sightline import <entity> <file>`: loads a CSV/XLSX file with a progress bar on stderr and a
// summary on stdout; exits non-zero when bad rows stopped the import.
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { runImport, type ImportResult } from '../../modules/imports/run-import.ts';
import { parseMapOptions } from '../../modules/imports/column-mapping.ts';
import { dataEntityNames } from '../../modules/imports/data-entities.ts';
import { cliActor, resolveTenant, withDb } from './tenant.ts';

interface ImportFlags {
  tenant?: string;
  map: string[];
  skipBadRows?: boolean;
  as?: string;
}

export function registerImport(program: Command) {
  program
    .command('import <entity> <file>')
    .description(`import a CSV or XLSX file (${dataEntityNames.join(', ')}); all-or-nothing unless --skip-bad-rows`)
    .option('--tenant <slug-or-id>', 'tenant to import into (default: the only tenant, or demo)')
    .option('--map <header=field>', 'feed a column to a field; "Header=" ignores it (repeatable)', (v: string, all: string[]) => [...all, v], [])
    .option('--skip-bad-rows', 'load the good rows and list the bad ones')
    .option('--as <email>', 'act as this user (their role, data scope and default ownership)')
    .action(async (entity: string, file: string, flags: ImportFlags) => {
      const mapping = parseMapOptions(flags.map);
      await withDb(async (db) => {
        const tenant = await resolveTenant(db.kysely, flags.tenant);
        const actor = await cliActor(db.kysely, tenant, flags.as);
        const bar = new cliProgress.SingleBar(
          { stream: process.stderr, format: 'Importing {bar} {percentage}% | {rows} rows', noTTYOutput: !process.stderr.isTTY, notTTYSchedule: 1000, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(1, 0, { rows: 0 });
        let result: ImportResult;
        try {
          result = await runImport({
            db: db.kysely,
            tenantId: tenant.id,
            actor,
            entity,
            file,
            mapping,
            skipBadRows: flags.skipBadRows,
            onProgress: (p) => {
              if (p.totalBytes) bar.setTotal(p.totalBytes);
              bar.update(p.bytesRead, { rows: p.rowsProcessed });
            },
          });
        } finally {
          bar.stop();
        }
        printSummary(result, tenant.slug);
        if (result.status === 'failed') process.exitCode = 1;
      });
    });
}

function printSummary(r: ImportResult, tenantSlug: string) {
  const read = r.source.format === 'xlsx' ? 'XLSX' : `CSV, ${r.source.encoding}, delimiter ${r.source.delimiter === '\t' ? 'tab' : `"${r.source.delimiter}"`}`;
  if (r.status === 'succeeded') {
    const skipped = r.badRowCount ? ` (${r.badRowCount} bad row${r.badRowCount > 1 ? 's' : ''} skipped)` : '';
    console.log(`Imported ${r.insertedRows} of ${r.totalRows} rows into ${r.entity} of tenant ${tenantSlug}${skipped} in ${r.seconds.toFixed(1)} s [${read}].`);
  } else {
    console.log(`Nothing was imported: ${r.badRowCount} of ${r.totalRows} rows are bad [${read}]. Fix them and run again, or add --skip-bad-rows to load the good rows.`);
  }
  if (r.badRows.length) {
    console.log('Bad rows:');
    for (const bad of r.badRows) console.log(`  line ${bad.line}: ${bad.message}`);
    if (r.badRowCount > r.badRows.length) console.log(`  … and ${r.badRowCount - r.badRows.length} more`);
  }
  if (r.ignoredColumns.length) console.log(`Ignored columns: ${r.ignoredColumns.join(', ')} (use --map "Header=field" to load one).`);
}
