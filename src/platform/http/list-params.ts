// The list contract every collection endpoint shares: ?limit= (default 50, max 200),
// ?cursor= (opaque, from the previous page's nextCursor) and ?sort=field or -field.
import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import { AppError } from './errors.ts';

export const listQueryBase = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  sort: z.string().max(60).optional(),
};

/**
 * `limit + 1` as a literal in the SQL text rather than a parameter: with `limit $n` PostgreSQL's
 * generic plan assumes 10% of the table is wanted, costs it far above the custom plans and so
 * re-plans the prepared statement on every request (measured: planning was as long as the
 * list page's execution). The value is a checked integer (the API allows 1–200; exports page by
 * 1,000), so inlining it is safe and leaves a few distinct statements, one per page size in use.
 */
export function fetchLimit(limit: number): RawBuilder<number> {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`fetchLimit: ${limit} is not a page size`);
  return sql.lit(limit + 1);
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const pageSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export interface CursorValue {
  /** the sort key's value of the last row (string form), or null */
  v: string | number | null;
  id: string;
  /** the sort it was made for, so a cursor cannot be replayed against another order */
  s: string;
}

export function encodeCursor(c: CursorValue): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(raw: string | undefined, sort: string): CursorValue | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as CursorValue;
    if (typeof c.id !== 'string' || c.s !== sort || !('v' in c)) throw new Error('shape');
    return c;
  } catch {
    throw new AppError('bad_request', 'The cursor is not valid for this list and sort. Start again without ?cursor=.');
  }
}

/**
 * Turns rows fetched with `limit + 1` into a page: the first `limit` rows presented, and a
 * cursor after the last of them when more rows exist.
 */
export function pageFrom<R, T>(rows: R[], limit: number, present: (row: R) => T, cursorAt: (last: R) => CursorValue): Page<T> {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(present), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(cursorAt(last)) : null };
}
