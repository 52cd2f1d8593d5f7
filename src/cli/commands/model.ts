// `sightline model evaluate`: cross-validates the win-probability trees on any CSV of past deals
// and prints one JSON line of metrics on stdout; progress goes to stderr.
import fs from 'node:fs';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { readTextTable } from '../../ml/text-table.ts';
import { tableToDataset } from '../../ml/tabular.ts';
import { crossValidate } from '../../ml/cross-validate.ts';

interface EvaluateFlags {
  csv: string;
  target: string;
  positive: string;
  id?: string;
  drop: string[];
  folds: number;
  seed: number;
}

function wholeNumber(min: number, max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return n;
  };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

export function registerModel(program: Command) {
  const model = program.command('model').description('win-probability model tools');
  model
    .command('evaluate')
    .description('cross-validate the gradient-boosted trees on a CSV of closed deals (stratified, shuffled k-fold)')
    .requiredOption('--csv <file>', 'CSV of historical deals (delimiter and encoding are detected)')
    .requiredOption('--target <column>', 'the outcome column')
    .requiredOption('--positive <value>', 'the target value that counts as a win')
    .option('--id <column>', 'an id column to leave out of the features')
    .option('--drop <column>', 'a column to leave out (repeatable)', (v: string, all: string[]) => [...all, v], [])
    .option('--folds <k>', 'number of folds', wholeNumber(2, 100), 5)
    .option('--seed <n>', 'seed for the shuffles and the trees', wholeNumber(0, 2 ** 31 - 1), 1)
    .action(async (flags: EvaluateFlags) => {
      if (!fs.existsSync(flags.csv)) throw new Error(`There is no file ${flags.csv}.`);
      const table = await readTextTable(fs.createReadStream(flags.csv), (rows) => process.stderr.write(`read ${rows} rows\n`));
      const { data, labels } = tableToDataset(table, flags);
      const kinds = data.columns.map((c) => `${c.name}:${c.kind === 'numeric' ? 'num' : 'cat'}`).join(', ');
      process.stderr.write(`${data.rows} rows (${table.encoding}, delimiter ${JSON.stringify(table.delimiter)}); ${data.columns.length} features: ${kinds}\n`);
      const result = crossValidate(data, labels, flags.folds, { seed: flags.seed }, (r) =>
        process.stderr.write(`fold ${r.fold + 1}/${flags.folds}: auc ${r.auc.toFixed(4)}, ${r.trees} trees, ${Math.round(r.trainMs)} ms\n`),
      );
      const summary = {
        rows: data.rows,
        features: data.columns.length,
        folds: result.folds,
        auc: round(result.auc),
        logloss: round(result.logloss),
        brier: round(result.brier),
        train_ms: Math.round(result.train_ms),
        predict_us_per_row: round(result.predict_us_per_row),
      };
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    });
}
