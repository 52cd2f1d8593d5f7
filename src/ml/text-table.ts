// Reads a CSV byte stream of historical deals into text columns, with the import engine's
// encoding and delimiter detection; an empty file or a ragged row stops it with the line number.
import { AppError } from '../platform/http/errors.ts';
import { csvRecords, type Delimiter } from '../modules/imports/csv-records.ts';
import { decodeText, type TextEncoding } from '../modules/imports/decode-text.ts';

export interface TextTable {
  header: string[];
  /** one array of cells per column */
  columns: string[][];
  /** the file line of each data row, for messages */
  lines: number[];
  encoding: TextEncoding;
  delimiter: Delimiter;
}

export async function readTextTable(bytes: AsyncIterable<Buffer>, onProgress?: (rows: number) => void): Promise<TextTable> {
  const decoded = await decodeText(bytes);
  let delimiter: Delimiter = ',';
  let header: string[] | null = null;
  let columns: string[][] = [];
  const lines: number[] = [];
  for await (const { line, cells } of csvRecords(decoded.chunks, (d) => (delimiter = d))) {
    if (!header) {
      header = cells.map((c) => c.trim());
      columns = header.map(() => []);
      continue;
    }
    if (cells.length !== header.length) {
      throw new AppError('validation_failed', `Line ${line} has ${cells.length} cells but the header has ${header.length}. Fix that row (a missing or extra delimiter or quote) and try again.`, { line });
    }
    for (let c = 0; c < cells.length; c++) columns[c].push(cells[c]);
    lines.push(line);
    if (lines.length % 10_000 === 0) onProgress?.(lines.length);
  }
  if (!header) throw new AppError('validation_failed', 'The file is empty: it needs a header line and at least one row of data.');
  if (lines.length === 0) throw new AppError('validation_failed', 'The file has a header but no rows of data.');
  return { header, columns, lines, encoding: decoded.encoding, delimiter };
}
