// Maps PostgreSQL constraint errors to the one error shape, so a bad reference or a
// duplicate never leaks as a 500.
import { AppError } from './errors.ts';

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
  column?: string;
}

export function databaseErrorToAppError(err: unknown): AppError | null {
  const e = err as PgError;
  if (typeof e?.code !== 'string' || e.code.length !== 5) return null;
  switch (e.code) {
    case '23505':
      return new AppError('conflict', `A record with the same value already exists${e.constraint ? ` (${e.constraint})` : ''}.`, { constraint: e.constraint });
    case '23001':
    case '23503':
      return new AppError('unprocessable', `A referenced record does not exist or cannot be removed while others refer to it${e.constraint ? ` (${e.constraint})` : ''}.`, { constraint: e.constraint });
    case '23514':
    case '23502':
      return new AppError('validation_failed', `A value is missing or out of range${e.constraint ? ` (${e.constraint})` : e.column ? ` (${e.column})` : ''}.`, { constraint: e.constraint ?? e.column });
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
      return new AppError('validation_failed', 'A value has the wrong format or is too large.');
    case '22021':
    case '22P05':
      return new AppError('validation_failed', 'A value contains a character that cannot be stored (such as a NUL byte); remove it and try again.');
    case '42501':
      return new AppError('forbidden', 'This record belongs to another tenant or you may not change it.');
    default:
      return null;
  }
}
