// Opens an import file of either format as one stream of records, counting the bytes read
// for progress: .xlsx is recognised by its zip signature, anything else is read as CSV text.
import { Readable } from 'node:stream';
import { csvRecords, type Delimiter } from './csv-records.ts';
import { decodeText, type TextEncoding } from './decode-text.ts';
import { xlsxRecords } from './xlsx-records.ts';
import type { SourceRecord } from './source-record.ts';

export interface SourceInfo {
  format: 'csv' | 'xlsx';
  encoding?: TextEncoding;
  delimiter?: Delimiter;
}

export interface OpenedSource {
  info: SourceInfo;
  records: AsyncGenerator<SourceRecord>;
  bytesRead(): number;
}

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export async function openSource(input: AsyncIterable<Buffer | string>): Promise<OpenedSource> {
  let bytes = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of input) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += buf.length;
      yield buf;
    }
  }
  const stream = counted();
  const first = await stream.next();
  const head = first.done ? Buffer.alloc(0) : first.value;
  async function* all(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    yield* stream;
  }
  const bytesRead = () => bytes;
  if (head.subarray(0, 4).equals(ZIP_SIGNATURE)) {
    return { info: { format: 'xlsx' }, records: xlsxRecords(Readable.from(all())), bytesRead };
  }
  const text = await decodeText(all());
  const info: SourceInfo = { format: 'csv', encoding: text.encoding };
  return { info, records: csvRecords(text.chunks, (d) => (info.delimiter = d)), bytesRead };
}
