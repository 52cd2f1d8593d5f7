// Turns text columns into a model dataset: picks the outcome column, drops ids and unwanted
// columns, and decides per column whether it is numeric or categorical from its cells.
import { AppError } from '../platform/http/errors.ts';
import type { Dataset, FeatureColumn } from './dataset.ts';
import type { TextTable } from './text-table.ts';

export interface TabularChoice {
  target: string;
  /** the target cell value that means a positive outcome (e.g. Won) */
  positive: string;
  id?: string;
  drop?: string[];
}

const MISSING = new Set(['', 'na', 'n/a', 'null', 'nan']);
const isMissing = (cell: string) => MISSING.has(cell.trim().toLowerCase());

function columnIndex(table: TextTable, name: string, role: string): number {
  const index = table.header.indexOf(name);
  if (index < 0) throw new AppError('validation_failed', `There is no column "${name}" (${role}). The columns are: ${table.header.join(', ')}.`, { column: name });
  return index;
}

function toFeature(name: string, cells: string[]): FeatureColumn | null {
  let present = 0;
  let numeric = true;
  for (const cell of cells) {
    if (isMissing(cell)) continue;
    present++;
    if (numeric && !Number.isFinite(Number(cell))) numeric = false;
  }
  if (present === 0) return null;
  if (numeric) return { name, kind: 'numeric', values: Float64Array.from(cells, (c) => (isMissing(c) ? NaN : Number(c))) };
  return { name, kind: 'categorical', values: cells.map((c) => (isMissing(c) ? null : c.trim())) };
}

export function tableToDataset(table: TextTable, choice: TabularChoice): { data: Dataset; labels: Uint8Array } {
  const target = columnIndex(table, choice.target, '--target');
  const excluded = new Set([target]);
  if (choice.id) excluded.add(columnIndex(table, choice.id, '--id'));
  for (const name of choice.drop ?? []) excluded.add(columnIndex(table, name, '--drop'));

  const targetCells = table.columns[target];
  const labels = new Uint8Array(targetCells.length);
  let positives = 0;
  targetCells.forEach((cell, i) => {
    if (isMissing(cell)) throw new AppError('validation_failed', `Line ${table.lines[i]} has no value in the target column "${choice.target}". Remove open deals or fill in the outcome.`, { line: table.lines[i] });
    labels[i] = cell.trim() === choice.positive ? 1 : 0;
    positives += labels[i];
  });
  if (positives === 0) throw new AppError('validation_failed', `No row has "${choice.positive}" in "${choice.target}": the model needs both outcomes. Check --positive (values are case-sensitive).`);
  if (positives === labels.length) throw new AppError('validation_failed', `Every row has "${choice.positive}" in "${choice.target}": the model needs both outcomes, so include the lost deals too.`);

  const columns: FeatureColumn[] = [];
  table.header.forEach((name, c) => {
    if (excluded.has(c)) return;
    const feature = toFeature(name, table.columns[c]);
    if (feature) columns.push(feature);
  });
  if (columns.length === 0) throw new AppError('validation_failed', 'No column is left to learn from once the target, id and dropped columns are set aside.');
  return { data: { rows: labels.length, columns }, labels };
}
