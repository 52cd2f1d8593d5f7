// Turns the bytes of an uploaded text file into text, whatever Chinese Excel saved it as:
// UTF-8 with or without BOM, UTF-16LE ("Unicode text"), or GBK/GB18030.
import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'gb18030';

/** how many leading bytes decide the encoding */
const SNIFF_BYTES = 64 * 1024;

export function detectEncoding(head: Buffer): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  try {
    // stream: true tolerates a character cut in half at the end of the sample
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

export interface DecodedText {
  encoding: TextEncoding;
  chunks: AsyncGenerator<string>;
}

/** Reads enough of the byte stream to pick the encoding, then decodes all of it (BOM removed). */
export async function decodeText(bytes: AsyncIterable<Buffer>): Promise<DecodedText> {
  const it = bytes[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < SNIFF_BYTES) {
    const next = await it.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    size += next.value.length;
  }
  const first = Buffer.concat(head);
  const encoding = detectEncoding(first);
  const decoder = iconv.getDecoder(encoding);
  async function* chunks(): AsyncGenerator<string> {
    const text = decoder.write(first);
    if (text) yield text;
    if (!ended) {
      for (let next = await it.next(); !next.done; next = await it.next()) {
        const more = decoder.write(next.value);
        if (more) yield more;
      }
    }
    const tail = decoder.end();
    if (tail) yield tail;
  }
  return { encoding, chunks: chunks() };
}
