// Turns one spreadsheet cell (text) into the value the API expects for its field kind,
// accepting what Chinese Excel users type: 2026/12/31, 2026年12月31日, ¥1,234.50, 是/否.
// A cell it cannot read passes through unchanged so validation names the problem.
import type { CustomFieldType } from '../../platform/custom-fields/custom-fields.ts';
import type { FieldKind } from './field-kinds.ts';

const NUMBER_RE = /^-?\d+(\.\d+)?$/;
const DATE_RE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const LOCAL_TIME_RE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是', '对', '✓']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否', '不是', '✗']);

export function cellValue(cell: string, kind: FieldKind, timeZone: string): unknown {
  switch (kind) {
    case 'money':
      return cell.replace(/[,，\s¥￥]/g, '');
    case 'number': {
      const plain = cell.replace(/[,，\s]/g, '');
      return NUMBER_RE.test(plain) ? Number(plain) : cell;
    }
    case 'boolean': {
      const word = cell.toLowerCase();
      return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : cell;
    }
    case 'list':
      return cell
        .split(/[|;；、]/)
        .map((s) => s.trim())
        .filter(Boolean);
    case 'date':
      return isoDate(cell);
    case 'datetime':
      return zonedDateTime(cell, timeZone);
    case 'text':
      return cell;
  }
}

const customKinds: Record<CustomFieldType, FieldKind> = {
  text: 'text',
  number: 'number',
  money: 'money',
  date: 'date',
  select: 'text',
  multiselect: 'list',
  user: 'text',
  boolean: 'boolean',
};

export const customFieldKind = (type: CustomFieldType): FieldKind => customKinds[type];

function isoDate(cell: string): string {
  const m = DATE_RE.exec(cell);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : cell;
}

/** "2026-11-20 14:30" without a zone means the tenant's local time; text with a zone stays as is. */
function zonedDateTime(cell: string, timeZone: string): string {
  const m = LOCAL_TIME_RE.exec(cell);
  if (!m) return cell;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0));
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  return new Date(asUtc - zoneOffsetMs(timeZone, asUtc)).toISOString();
}

/** How far the zone's wall clock is ahead of UTC at that instant. */
function zoneOffsetMs(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(at / 1000) * 1000;
}
