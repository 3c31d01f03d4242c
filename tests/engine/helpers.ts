// A tiny test driver for the engine: economies as plain data, a day loop that sets policy, runs the day's
// operations, ends the day and checks every invariant (SPEC §4.7) after every step.
import { expect } from 'vitest';
import type {
  AgentKind,
  AgentSpec,
  Engine,
  EngineConfig,
  InstrumentName,
  Policy,
} from '../../src/engine/api.js';
import { dayFromIso, isBusinessDay } from '../../src/engine/calendar.js';
import { createEngine } from '../../src/engine/index.js';

export const d = (iso: string): number => {
  const x = dayFromIso(iso);
  if (Number.isNaN(x)) throw new Error(`bad date ${iso}`);
  return x;
};

export function agent(
  kind: AgentKind,
  name: string,
  holdings: Partial<Record<InstrumentName, number>> = {},
  extra: Partial<AgentSpec> = {},
): AgentSpec {
  return {
    kind,
    name,
    holdings: Object.entries(holdings).map(([instrument, amount]) => ({
      instrument: instrument as InstrumentName,
      amount: amount as number,
    })),
    lends: [],
    yields: [],
    maturities: [],
    ...extra,
  };
}

export function economy(
  agents: AgentSpec[],
  opts: Partial<Omit<EngineConfig, 'agents'>> & { startDay: number },
): Engine {
  return createEngine({
    mode: 'exact',
    seed: 1,
    unitMajor: 1,
    currency: 'USD',
    ...opts,
    agents,
  });
}

export interface DayHooks {
  /** Policy and operations of the day (before endOfDay). */
  ops?: (day: number, e: Engine) => void;
  /** Checks at the end of the day (after endOfDay and the invariants). */
  check?: (day: number, e: Engine) => void;
}

/** Runs [from, to] day by day; every invariant must hold at the end of every day. */
export function run(e: Engine, from: number, to: number, hooks: DayHooks = {}): void {
  for (let day = from; day <= to; day++) {
    hooks.ops?.(day, e);
    e.endOfDay(day, isBusinessDay(day));
    const v = e.checkInvariants();
    expect(v, v ? `${v.name}: ${v.detail}` : '').toBeNull();
    hooks.check?.(day, e);
  }
}

export function setPolicy(e: Engine, p: Partial<Policy>): void {
  Object.assign(e.policy, p);
}

/** Business days of the month containing `day`. */
function businessDaysOfMonth(day: number): number[] {
  const [y, m] = ymd(day);
  const out: number[] = [];
  for (let x = day - 31; x <= day + 31; x++) {
    const [yy, mm] = ymd(x);
    if (yy === y && mm === m && isBusinessDay(x)) out.push(x);
  }
  return out;
}

function ymd(day: number): [number, number, number] {
  const iso = new Date(day * 86400000).toISOString();
  return [+iso.slice(0, 4), +iso.slice(5, 7), +iso.slice(8, 10)];
}

/** Spread of a monthly amount over the month's business days, the remainder on the last (SPEC §4.3). */
export function monthlyPortion(total: number, day: number): number {
  if (!isBusinessDay(day)) return 0;
  const days = businessDaysOfMonth(day);
  const q = Math.floor(total / days.length);
  return day === days[days.length - 1] ? total - q * (days.length - 1) : q;
}

/** Spread of a total over the business days from `from` to `to` (`by DATE`). */
export function byPortion(total: number, from: number, to: number, day: number): number {
  if (!isBusinessDay(day) || day < from || day > to) return 0;
  const days: number[] = [];
  for (let x = from; x <= to; x++) if (isBusinessDay(x)) days.push(x);
  const q = Math.floor(total / days.length);
  return day === days[days.length - 1] ? total - q * (days.length - 1) : q;
}

/** Last business day of the month containing `day`. */
export function lastBusinessDay(day: number): number {
  const days = businessDaysOfMonth(day);
  return days[days.length - 1];
}
