// Streams the first worksheet of an .xlsx file into records with exceljs's streaming reader,
// turning Excel's typed cells (numbers, dates, rich text, formulas) into the text a CSV would
// hold; styles are read because only a cell's number format says it holds a date.
import type { Readable } from 'node:stream';
import ExcelJS, { type CellValue } from 'exceljs';
import type { SourceRecord } from './source-record.ts';

export async function* xlsxRecords(input: Readable): AsyncGenerator<SourceRecord> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore' });
  for await (const sheet of workbook) {
    for await (const row of sheet) {
      const values = row.values as CellValue[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      yield { line: row.number, cells };
    }
    // only the first worksheet holds the records
    break;
  }
}

export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return String(value.error);
  if ('result' in value) return cellText(value.result);
  if ('text' in value) return String(value.text);
  return '';
}

/** Excel dates carry no zone: a whole day reads as YYYY-MM-DD, a moment as ISO text. */
function dateText(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
