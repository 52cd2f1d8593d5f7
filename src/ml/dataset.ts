// The shape of tabular data the models learn from: one typed column per feature, missing kept as missing.
export interface NumericColumn {
  name: string;
  kind: 'numeric';
  /** NaN marks a missing value; it is never read as 0 */
  values: Float64Array;
}

export interface CategoricalColumn {
  name: string;
  kind: 'categorical';
  /** null marks a missing value */
  values: (string | null)[];
}

export type FeatureColumn = NumericColumn | CategoricalColumn;

export interface Dataset {
  rows: number;
  columns: FeatureColumn[];
}

/** The rows of a dataset picked by index, in that order (for folds and splits). */
export function takeRows(data: Dataset, rows: ArrayLike<number>): Dataset {
  const n = rows.length;
  const columns = data.columns.map((col): FeatureColumn => {
    if (col.kind === 'numeric') {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = col.values[rows[i]];
      return { name: col.name, kind: 'numeric', values };
    }
    const values = new Array<string | null>(n);
    for (let i = 0; i < n; i++) values[i] = col.values[rows[i]];
    return { name: col.name, kind: 'categorical', values };
  });
  return { rows: n, columns };
}

export function takeLabels(labels: Uint8Array, rows: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = labels[rows[i]];
  return out;
}
