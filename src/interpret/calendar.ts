// Periods over days (integers since 1970-01-01): weeks start on Monday, months, quarters and years are
// calendar ones, maintenance periods follow the economy's declaration.
import {
  addMonths,
  dayFromYmd,
  firstOfMonth,
  isBusinessDay,
  weekday,
  ymdFromDay,
} from '../engine/calendar.js';
import type { Frequency, Period } from '../plan/types.js';

export type PeriodUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

export function periodStart(day: number, unit: PeriodUnit): number {
  switch (unit) {
    case 'day':
      return day;
    case 'week':
      return day - weekday(day);
    case 'month':
      return firstOfMonth(day);
    case 'quarter': {
      const [y, m] = ymdFromDay(day);
      return dayFromYmd(y, m - ((m - 1) % 3), 1);
    }
    case 'year': {
      const [y] = ymdFromDay(day);
      return dayFromYmd(y, 1, 1);
    }
  }
}

/** First day after the period that contains `day`. */
export function periodEnd(day: number, unit: PeriodUnit): number {
  const s = periodStart(day, unit);
  switch (unit) {
    case 'day':
      return s + 1;
    case 'week':
      return s + 7;
    case 'month':
      return addMonths(s, 1);
    case 'quarter':
      return addMonths(s, 3);
    case 'year':
      return addMonths(s, 12);
  }
}

/**
 * The periods of a schedule frequency, as [start, endExclusive) pairs covering [from, until].
 * `every N units` periods are anchored at `from`.
 */
export function schedulePeriods(freq: Frequency, from: number, until: number): [number, number][] {
  const out: [number, number][] = [];
  if (freq.k === 'every') {
    let s = from;
    while (s <= until) {
      const e =
        freq.unit === 'day' ? s + freq.n : freq.unit === 'week' ? s + 7 * freq.n : addMonths(s, freq.n);
      out.push([s, e]);
      s = e;
    }
    return out;
  }
  const unit: PeriodUnit =
    freq.k === 'daily' ? 'day' : freq.k === 'weekly' ? 'week' : freq.k === 'monthly' ? 'month' : 'quarter';
  let s = periodStart(from, unit);
  while (s <= until) {
    const e = periodEnd(s, unit);
    out.push([s, e]);
    s = e;
  }
  return out;
}

export function businessDaysIn(start: number, endExclusive: number): number[] {
  const out: number[] = [];
  for (let d = start; d < endExclusive; d++) if (isBusinessDay(d)) out.push(d);
  return out;
}

/** Last business day of the period of `unit` containing `day` (may precede `day`'s period start if none). */
export function lastBusinessDayOf(day: number, unit: PeriodUnit): number {
  let d = periodEnd(day, unit) - 1;
  const s = periodStart(day, unit);
  while (d >= s && !isBusinessDay(d)) d--;
  return d;
}

/** Whether `day` is the last business day of its period for a frequency (checks and reports sample there). */
export function isSampleDay(day: number, freq: Frequency | undefined): boolean {
  if (!freq || freq.k === 'daily') return isBusinessDay(day);
  if (freq.k === 'every') return isBusinessDay(day);
  const unit: PeriodUnit = freq.k === 'weekly' ? 'week' : freq.k === 'monthly' ? 'month' : 'quarter';
  return lastBusinessDayOf(day, unit) === day;
}

/** Whether a repeating `every` trigger fires on `day` (anchored at `anchor`). */
export function periodFires(period: Period, day: number, anchor: number): boolean {
  if (day < anchor) return false;
  switch (period.k) {
    case 'day':
      return true;
    case 'business_day':
      return isBusinessDay(day);
    case 'week':
      return day === anchor || weekday(day) === 0;
    case 'month':
      return day === anchor || periodStart(day, 'month') === day;
    case 'quarter':
      return day === anchor || periodStart(day, 'quarter') === day;
    case 'every': {
      if (period.unit === 'day') return (day - anchor) % period.n === 0;
      if (period.unit === 'week') return (day - anchor) % (7 * period.n) === 0;
      const [ay, am, ad] = ymdFromDay(anchor);
      const [y, m, d] = ymdFromDay(day);
      const months = (y - ay) * 12 + (m - am);
      return d === ad && months % period.n === 0;
    }
  }
}
