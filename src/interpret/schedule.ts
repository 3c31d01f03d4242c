// Expansion of operation schedules into (business day, amount) pairs. Done once when an operation is
// installed; the daily loop only walks the arrays.
import { dayFromIso, isBusinessDay, nextBusinessDay } from '../engine/calendar.js';
import type { Schedule } from '../plan/types.js';
import { businessDaysIn, schedulePeriods } from './calendar.js';
import { roundHalfEven } from './decimal.js';

export interface Expanded {
  days: number[];
  amounts: number[];
}

export class ScheduleLimitError extends Error {}

/** Spread an integer total over `n` slots: equal parts with the rounding remainder on the last one. */
export function spread(total: number, n: number): number[] {
  if (n <= 0) return [];
  const base = roundHalfEven(total / n);
  const out = new Array<number>(n).fill(base);
  out[n - 1] = total - base * (n - 1);
  return out;
}

/**
 * `amount` is in accounting units (per period for frequencies, the total for `by`, the single amount for
 * a one-off). Days outside [simFrom, simTo] are dropped; amounts are integers.
 */
export function expandSchedule(
  schedule: Schedule | undefined,
  amount: number,
  effective: number,
  simFrom: number,
  simTo: number,
  limit: number,
): Expanded {
  const days: number[] = [];
  const amounts: number[] = [];
  const push = (d: number, a: number) => {
    if (d < simFrom || d > simTo || a === 0) return;
    if (days.length >= limit)
      throw new ScheduleLimitError(`a schedule expands to more than ${limit} operations`);
    days.push(d);
    amounts.push(a);
  };
  if (!schedule) {
    push(nextBusinessDay(effective), roundHalfEven(amount));
    return { days, amounts };
  }
  if (schedule.k === 'by') {
    const from = dayFromIso(schedule.from);
    const to = dayFromIso(schedule.date);
    const bds = businessDaysIn(from, to + 1);
    const parts = spread(roundHalfEven(amount), bds.length);
    bds.forEach((d, i) => push(d, parts[i]));
    return { days, amounts };
  }
  const from = dayFromIso(schedule.from);
  const until = schedule.until ? dayFromIso(schedule.until) : simTo;
  const last = Math.min(until, simTo);
  if (schedule.freq.k === 'daily') {
    const a = roundHalfEven(amount);
    for (let d = Math.max(from, simFrom); d <= last; d++) if (isBusinessDay(d)) push(d, a);
    return { days, amounts };
  }
  for (const [s, e] of schedulePeriods(schedule.freq, from, last)) {
    if (e <= simFrom) continue;
    const all = businessDaysIn(s, e);
    const inWindow = all.filter((d) => d >= from && d <= until);
    if (inWindow.length === 0) continue;
    // A period cut by the schedule's window gets its share of the period's amount, by business days.
    const total = roundHalfEven((amount * inWindow.length) / all.length);
    const parts = spread(total, inWindow.length);
    inWindow.forEach((d, i) => push(d, parts[i]));
  }
  return { days, amounts };
}
