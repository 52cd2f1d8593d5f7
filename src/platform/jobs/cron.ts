// Five-field cron expressions matched against a wall-clock time in a given time zone, so a
// schedule like '0 18 * * *' means 18:00 where each tenant is, not 18:00 on the server.

export interface CronSpec {
  source: string;
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  /** cron's rule: when both day fields are restricted, either may match */
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
}

const fieldRanges = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

export function parseCron(source: string): CronSpec {
  const parts = source.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`Cron "${source}" must have five fields: minute hour day-of-month month day-of-week (e.g. "0 18 * * *").`);
  const sets = parts.map((part, i) => parseField(part, fieldRanges[i], source));
  const daysOfWeek = new Set([...sets[4]].map((d) => d % 7));
  return {
    source,
    minutes: sets[0],
    hours: sets[1],
    daysOfMonth: sets[2],
    months: sets[3],
    daysOfWeek,
    dayOfMonthRestricted: parts[2] !== '*',
    dayOfWeekRestricted: parts[4] !== '*',
  };
}

function parseField(part: string, range: (typeof fieldRanges)[number], source: string): Set<number> {
  const out = new Set<number>();
  const bad = () => new Error(`Cron "${source}": "${part}" is not a valid ${range.name} (${range.min}-${range.max}, *, a-b, */n, lists with commas).`);
  for (const item of part.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (!m) throw bad();
    const from = m[1] === '*' ? range.min : Number(m[2]);
    const to = m[1] === '*' ? range.max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? range.max : from;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (from < range.min || to > range.max || from > to || step < 1) throw bad();
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday */
  weekday: number;
  /** 'YYYY-MM-DD' */
  date: string;
  /** 'YYYY-MM-DDTHH:MM', unique per local minute */
  minuteKey: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall-clock time at `instant` in `timeZone`. */
export function localTime(instant: Date, timeZone: string): LocalTime {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' });
    formatters.set(timeZone, fmt);
  }
  const parts = Object.fromEntries(fmt.formatToParts(instant).map((p) => [p.type, p.value]));
  const pad = (n: number) => String(n).padStart(2, '0');
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  const date = `${year}-${pad(month)}-${pad(day)}`;
  return { year, month, day, hour, minute, weekday: weekdays.indexOf(parts.weekday), date, minuteKey: `${date}T${pad(hour)}:${pad(minute)}` };
}

export function cronMatches(spec: CronSpec, t: LocalTime): boolean {
  if (!spec.minutes.has(t.minute) || !spec.hours.has(t.hour) || !spec.months.has(t.month)) return false;
  const domOk = spec.daysOfMonth.has(t.day);
  const dowOk = spec.daysOfWeek.has(t.weekday);
  if (spec.dayOfMonthRestricted && spec.dayOfWeekRestricted) return domOk || dowOk;
  return domOk && dowOk;
}
