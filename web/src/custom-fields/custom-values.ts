// Custom field values between the form and the API: blanks become null, money stays a decimal string.
import type { CustomField, CustomValue, CustomValues } from '../api/types.ts';

/** the API's money shape: up to 16 digits and 2 decimals, e.g. 1234.50 */
export const MONEY_PATTERN = /^-?\d{1,16}(\.\d{1,2})?$/;

function cleaned(value: unknown): CustomValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(String);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

/** the `custom` object to send for the fields the form showed; undefined when there are none */
export function toCustomPayload(fields: CustomField[] | undefined, values: CustomValues | undefined): CustomValues | undefined {
  if (!fields || fields.length === 0) return undefined;
  return Object.fromEntries(fields.map((field) => [field.key, cleaned(values?.[field.key])]));
}
