// Faster readers for PostgreSQL's timestamptz text: a Date identical to node-postgres's own parser
// (every pool), or straight the ISO string a presenter would make of it (the tenant read pool, whose
// rows go only to presenters): list pages carry four timestamps a row, and parsing them into Dates
// and formatting them back was ~10% of a list request's CPU.
import pg from 'pg';

/** node-postgres's parser, for every shape the fast path does not take (other offsets, BC, infinity, years before 1000) */
const general = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (text: string) => Date | number | null;

const ZERO = 48;
const digits = (s: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
};

/**
 * The shape a UTC session sends, `YYYY-MM-DD HH:MM:SS[.ffffff]+00`, read by character positions
 * instead of node-postgres's three regular expressions: its milliseconds (computed as the general
 * parser does, `1000 * parseFloat(fraction)` truncated, so both give the identical instant), or
 * -1 for any other shape. The date and time fields are then checked digits at fixed positions.
 */
function utcMilliseconds(text: string): number {
  const n = text.length;
  if (n < 22 || text.charCodeAt(4) !== 45 || text.charCodeAt(10) !== 32 || text.charCodeAt(n - 3) !== 43 || text.charCodeAt(n - 2) !== ZERO || text.charCodeAt(n - 1) !== ZERO) return -1;
  const fields = digits(text, 0, 4) + digits(text, 5, 7) + digits(text, 8, 10) + digits(text, 11, 13) + digits(text, 14, 16) + digits(text, 17, 19);
  const fraction = n > 22 ? text.slice(19, n - 3) : '';
  const wellFormed =
    text.charCodeAt(0) !== ZERO && text.charCodeAt(7) === 45 && text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58 && (fraction === '' || (fraction.charCodeAt(0) === 46 && fraction.length > 1 && !Number.isNaN(digits(fraction, 1, fraction.length))));
  if (!wellFormed || Number.isNaN(fields)) return -1;
  return fraction ? Math.trunc(1000 * parseFloat(fraction)) : 0;
}

export function parseTimestamptz(text: string): Date | number | null {
  const ms = utcMilliseconds(text);
  if (ms < 0) return general(text);
  return new Date(Date.UTC(digits(text, 0, 4), digits(text, 5, 7) - 1, digits(text, 8, 10), digits(text, 11, 13), digits(text, 14, 16), digits(text, 17, 19), ms));
}

/**
 * The value as `toISOString()` writes it (`YYYY-MM-DDTHH:MM:SS.mmmZ`), without making a Date when
 * the text has the UTC shape; infinity stays the number node-postgres gives.
 */
export function timestamptzToIso(text: string): string | number | null {
  const ms = utcMilliseconds(text);
  if (ms < 0) {
    const value = general(text);
    return value instanceof Date ? value.toISOString() : value;
  }
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
}
