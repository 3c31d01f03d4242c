// Calendar dates of the language: `YYYY-MM-DD` (a day) and `YYYY-MM` (a month, resolved to its first day
// as a start and its last day as an end). Proleptic Gregorian calendar, no time zones.

export interface CalendarDate {
  year: number;
  month: number;
  /** Absent for a month. */
  day?: number;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : MONTH_DAYS[m - 1];
}

const parsed = new Map<string, CalendarDate | { error: string }>();

/** The parts of a date literal, or the reason it names no real date. */
export function parseDate(raw: string): CalendarDate | { error: string } {
  let d = parsed.get(raw);
  if (d === undefined) {
    // Scripts repeat their dates; the cache is bounded so that no input can grow it without limit.
    if (parsed.size > 50_000) parsed.clear();
    d = parseDateUncached(raw);
    parsed.set(raw, d);
  }
  return d;
}

function parseDateUncached(raw: string): CalendarDate | { error: string } {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(raw);
  if (m === null) return { error: 'not a date' };
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return { error: `there is no month ${m[2]}` };
  if (m[3] === undefined) return { year, month };
  const day = Number(m[3]);
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return { error: `${m[1]}-${m[2]} has ${last} days` };
  }
  return { year, month, day };
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

export function iso(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** The ISO day a date stands for: a month is its first day as a start, its last day as an end. */
export function resolveDate(date: CalendarDate, as: 'start' | 'end'): string {
  const day = date.day ?? (as === 'start' ? 1 : daysInMonth(date.year, date.month));
  return iso(date.year, date.month, day);
}

/** Days since 1970-01-01 of an ISO day (proleptic Gregorian; H. Hinnant's days_from_civil). */
export function dayNumber(isoDay: string): number {
  // Plain arithmetic on the digits, no Date objects: the checker asks this for every dated statement.
  let y = digits(isoDay, 0, 4);
  const m = digits(isoDay, 5, 7);
  const d = digits(isoDay, 8, 10);
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The number written by the ASCII digits raw[from..to), or NaN if one of them is not a digit. */
function digits(raw: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = raw.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    n = n * 10 + c;
  }
  return n;
}

/** The ISO day of a date literal as a start or an end, or undefined when it is not a date. */
export function isoDay(raw: string, as: 'start' | 'end'): string | undefined {
  // A full date is its own ISO day once its month and day are valid: no parsing, no new string.
  if (raw.length === 10 && raw.charCodeAt(4) === 45 && raw.charCodeAt(7) === 45) {
    const y = digits(raw, 0, 4);
    const m = digits(raw, 5, 7);
    const d = digits(raw, 8, 10);
    return y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m) ? raw : undefined;
  }
  const d = parseDate(raw);
  return 'error' in d ? undefined : resolveDate(d, as);
}
