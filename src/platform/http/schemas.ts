// Small zod building blocks shared by every module's request schemas.
import { z } from 'zod';

export const id = () => z.uuid({ message: 'must be a record id (UUID)' });
export const name = (max = 200) => z.string().trim().min(1, 'must not be empty').max(max);
export const optionalText = (max = 2000) => z.string().trim().max(max).nullable().optional();
export const money = () => z.union([z.string().regex(/^\d{1,16}(\.\d{1,2})?$/, 'must be an amount like 1234.50'), z.number().nonnegative().finite()]);
export const isoDate = () => z.iso.date({ message: 'must be a date YYYY-MM-DD' });
export const isoDateTime = () => z.iso.datetime({ offset: true, message: 'must be a date-time like 2026-11-22T10:00:00+08:00' });
export const boolString = () => z.enum(['true', 'false']).transform((v) => v === 'true');
export const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d ?? null);
export const currency = () => z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter currency code like CNY');
