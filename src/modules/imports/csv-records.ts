// Streams CSV text into records, guessing the delimiter (comma, semicolon or tab) from the
// header line; a broken quote stops the import with the line it is on.
import { Readable, pipeline } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { AppError } from '../../platform/http/errors.ts';
import type { SourceRecord } from './source-record.ts';

const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** The delimiter seen most often in the first line, counting only outside quotes. */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

export async function* csvRecords(text: AsyncGenerator<string>, onDelimiter?: (d: Delimiter) => void): AsyncGenerator<SourceRecord> {
  const first = await text.next();
  if (first.done) return;
  const delimiter = detectDelimiter(first.value);
  onDelimiter?.(delimiter);
  async function* all() {
    yield first.value;
    yield* text;
  }
  const parser = pipeline(Readable.from(all()), parse({ delimiter, relax_column_count: true, skip_empty_lines: true, info: true }), () => undefined);
  try {
    for await (const parsed of parser as AsyncIterable<ParsedRecord>) {
      yield { line: parsed.info.lines, cells: parsed.record };
    }
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      throw new AppError('validation_failed', `The file is not valid CSV${line ? ` at line ${line}` : ''}: ${err.message}. Check the quotes on that line and try again.`, { line });
    }
    throw err;
  }
}
