// The types of SPEC §4.1 and the rules of arithmetic and comparison between them. `percent` is a `%`
// literal (or arithmetic on only such literals) that becomes a Rate or a Ratio by context; `error` is the
// type of anything already reported, so that one mistake gives one diagnostic.

export type Ty =
  | { k: 'money'; cur: string | null }
  | { k: 'rate' }
  | { k: 'ratio' }
  | { k: 'number' }
  | { k: 'percent' }
  | { k: 'date' }
  | { k: 'duration' }
  | { k: 'bool' }
  | { k: 'string' }
  | { k: 'enum'; of: string | null }
  | { k: 'window' }
  | { k: 'error' };

export const RATE: Ty = { k: 'rate' };
export const RATIO: Ty = { k: 'ratio' };
export const NUMBER: Ty = { k: 'number' };
export const PERCENT: Ty = { k: 'percent' };
export const DATE: Ty = { k: 'date' };
export const DURATION: Ty = { k: 'duration' };
export const BOOL: Ty = { k: 'bool' };
export const STRING: Ty = { k: 'string' };
export const WINDOW: Ty = { k: 'window' };
export const ERROR: Ty = { k: 'error' };
export const ANY_ENUM: Ty = { k: 'enum', of: null };

const moneyCache = new Map<string | null, Ty>();
// A script has one currency: the last one asked for answers without a lookup.
let lastCur: string | null | undefined;
let lastMoney: Ty | undefined;
export function money(cur: string | null): Ty {
  if (cur === lastCur && lastMoney !== undefined) return lastMoney;
  let t = moneyCache.get(cur);
  if (t === undefined) {
    t = { k: 'money', cur };
    moneyCache.set(cur, t);
  }
  lastCur = cur;
  lastMoney = t;
  return t;
}

export function typeName(t: Ty): string {
  switch (t.k) {
    case 'money':
      return t.cur === null ? 'Money' : `Money (${t.cur})`;
    case 'percent':
      return 'a percentage';
    case 'enum':
      return t.of === null ? 'a choice' : `a choice of ${t.of}`;
    case 'error':
      return 'an error';
    default:
      return t.k.charAt(0).toUpperCase() + t.k.slice(1);
  }
}

/** Rate, Ratio, Number or an untyped percentage. */
export function isScalar(t: Ty): boolean {
  return t.k === 'rate' || t.k === 'ratio' || t.k === 'number' || t.k === 'percent';
}

/** Ratio, Number or percentage: dimensionless quantities that stand for each other. */
export function isDimensionless(t: Ty): boolean {
  return t.k === 'ratio' || t.k === 'number' || t.k === 'percent';
}

export type Outcome =
  | { ok: Ty }
  /** MON3001 type mismatch, MON3002 currency mismatch, MON3003 bare number with money. */
  | { code: 'MON3001' | 'MON3002' | 'MON3003'; detail: string };

function sameMoney(a: Ty & { k: 'money' }, b: Ty & { k: 'money' }): boolean {
  return a.cur === null || b.cur === null || a.cur === b.cur;
}

const mismatch = (what: string, l: Ty, r: Ty): Outcome => ({
  code: 'MON3001',
  detail: `cannot ${what} ${typeName(l)} and ${typeName(r)}`,
});

/** The type of `l op r` for + and -. */
export function addSub(op: '+' | '-', l: Ty, r: Ty): Outcome {
  if (l.k === 'error' || r.k === 'error') return { ok: ERROR };
  const what = op === '+' ? 'add' : 'subtract';
  if (l.k === 'money' && r.k === 'money') {
    if (sameMoney(l, r)) return { ok: l.cur === null ? r : l };
    return { code: 'MON3002', detail: `cannot ${what} ${l.cur} and ${r.cur}` };
  }
  if (l.k === 'money' || r.k === 'money') {
    const other = l.k === 'money' ? r : l;
    if (other.k === 'number') return { code: 'MON3003', detail: op === '+' ? 'added to' : 'subtracted from' };
    return mismatch(what, l, r);
  }
  if (l.k === 'percent' && r.k === 'percent') return { ok: PERCENT };
  if (l.k === 'rate' || r.k === 'rate') {
    const other = l.k === 'rate' ? r : l;
    if (other.k === 'rate' || other.k === 'percent') return { ok: RATE };
    return mismatch(what, l, r);
  }
  if (isDimensionless(l) && isDimensionless(r))
    return { ok: l.k === 'number' && r.k === 'number' ? NUMBER : RATIO };
  if (l.k === 'duration' && r.k === 'duration') return { ok: DURATION };
  if (l.k === 'date' && r.k === 'duration') return { ok: DATE };
  return mismatch(what, l, r);
}

/** The type of `l * r`. */
export function times(l: Ty, r: Ty): Outcome {
  if (l.k === 'error' || r.k === 'error') return { ok: ERROR };
  if (l.k === 'money' || r.k === 'money') {
    const [m, other] = l.k === 'money' ? [l, r] : [r, l];
    if (isDimensionless(other)) return { ok: m };
    return mismatch('multiply', l, r);
  }
  if (l.k === 'rate' || r.k === 'rate') {
    const other = l.k === 'rate' ? r : l;
    if (isDimensionless(other)) return { ok: RATE };
    return mismatch('multiply', l, r);
  }
  if (l.k === 'duration' || r.k === 'duration') {
    const other = l.k === 'duration' ? r : l;
    if (other.k === 'number') return { ok: DURATION };
    return mismatch('multiply', l, r);
  }
  if (isDimensionless(l) && isDimensionless(r)) {
    if (l.k === 'number' && r.k === 'number') return { ok: NUMBER };
    if ((l.k === 'percent' && r.k !== 'ratio') || (r.k === 'percent' && l.k !== 'ratio'))
      return { ok: PERCENT };
    return { ok: RATIO };
  }
  return mismatch('multiply', l, r);
}

/** The type of `l / r`. */
export function divide(l: Ty, r: Ty): Outcome {
  if (l.k === 'error' || r.k === 'error') return { ok: ERROR };
  if (l.k === 'money' && r.k === 'money') {
    if (sameMoney(l, r)) return { ok: RATIO };
    return { code: 'MON3002', detail: `cannot divide ${l.cur} by ${r.cur}` };
  }
  if (l.k === 'money' && isDimensionless(r)) return { ok: l };
  if (l.k === 'rate' && isDimensionless(r)) return { ok: RATE };
  if (l.k === 'rate' && r.k === 'rate') return { ok: RATIO };
  if (l.k === 'duration' && r.k === 'number') return { ok: DURATION };
  if (isDimensionless(l) && isDimensionless(r)) {
    if (l.k === 'number' && r.k === 'number') return { ok: NUMBER };
    return { ok: l.k === 'percent' && r.k === 'number' ? PERCENT : RATIO };
  }
  if (l.k === 'money' && r.k !== 'money' && r.k !== 'rate') return mismatch('divide', l, r);
  return { code: 'MON3001', detail: `cannot divide ${typeName(l)} by ${typeName(r)}` };
}

/** Whether two values can be compared, and how the untyped side resolves. */
export function comparable(op: string, l: Ty, r: Ty): Outcome {
  if (l.k === 'error' || r.k === 'error') return { ok: BOOL };
  if (l.k === 'money' && r.k === 'money') {
    if (sameMoney(l, r)) return { ok: BOOL };
    return { code: 'MON3002', detail: `cannot compare ${l.cur} with ${r.cur}` };
  }
  if (l.k === 'money' || r.k === 'money') {
    const other = l.k === 'money' ? r : l;
    if (other.k === 'number') return { code: 'MON3003', detail: 'compared with' };
    return { code: 'MON3001', detail: `cannot compare ${typeName(l)} with ${typeName(r)}` };
  }
  if ((l.k === 'rate' && (r.k === 'rate' || r.k === 'percent')) || (r.k === 'rate' && l.k === 'percent')) {
    return { ok: BOOL };
  }
  if (isDimensionless(l) && isDimensionless(r)) return { ok: BOOL };
  if (l.k === r.k && (l.k === 'date' || l.k === 'duration' || l.k === 'string')) return { ok: BOOL };
  if (l.k === 'enum' && r.k === 'enum') return { ok: BOOL };
  if (l.k === 'bool' && r.k === 'bool' && (op === '=' || op === '==' || op === '!=')) return { ok: BOOL };
  return { code: 'MON3001', detail: `cannot compare ${typeName(l)} with ${typeName(r)}` };
}

/** The common type of min/max arguments, or a mismatch. */
export function unify(a: Ty, b: Ty): Ty | undefined {
  if (a.k === 'error') return b;
  if (b.k === 'error') return a;
  if (a.k === 'money' && b.k === 'money') return sameMoney(a, b) ? (a.cur === null ? b : a) : undefined;
  if (a.k === 'rate' && (b.k === 'rate' || b.k === 'percent')) return RATE;
  if (b.k === 'rate' && a.k === 'percent') return RATE;
  if (a.k === 'percent' && b.k === 'percent') return PERCENT;
  if (isDimensionless(a) && isDimensionless(b)) return a.k === 'number' && b.k === 'number' ? NUMBER : RATIO;
  if (a.k === b.k && a.k !== 'enum') return a;
  return undefined;
}
