// `--param name=value` values, parsed without the grammar (the interpreter does not parse scripts): a
// number with an optional magnitude suffix, then `%`, `bp` or a currency code.
import type { ExprType, Plan } from '../plan/types.js';
import { decToGrid, divDec, parseDec, type Dec } from './decimal.js';
import type { Value } from './expr.js';

const MAGNITUDE: Record<string, string> = { k: 'e3', m: 'e6', bn: 'e9', tn: 'e12' };

/**
 * A `--param` value, or undefined when it is malformed, of another type or currency than the param, not finite
 * or beyond the exact range (2^53).
 */
export function parseParamValue(text: string, t: ExprType, unit: Dec, currency: string): Value | undefined {
  const v = parseRaw(text, t, unit, currency);
  if (typeof v === 'number' && !(Number.isFinite(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER))
    return undefined;
  return v;
}

function parseRaw(text: string, t: ExprType, unit: Dec, currency: string): Value | undefined {
  const s = text.trim();
  if (t === 'enum' || t === 'string') return s;
  if (t === 'bool') return s === 'true' ? true : s === 'false' ? false : undefined;
  const m = /^([+-]?[\d_]*\.?\d+(?:[eE][+-]?\d+)?)(k|m|bn|tn)?\s*(%|bp|[A-Z]{3})?$/.exec(s);
  if (!m) return undefined;
  const decimal = m[1].replace(/_/g, '') + (m[2] ? MAGNITUDE[m[2]] : '');
  const suffix = m[3];
  try {
    if (t === 'rate' || t === 'ratio') {
      if (suffix === '%') return decToGrid(shift(decimal, -2));
      if (suffix === 'bp') return decToGrid(shift(decimal, -4));
      if (!suffix) return decToGrid(decimal);
      return undefined;
    }
    if (t === 'money') {
      // Amounts are never converted: another currency than the economy's is a mistake.
      if (suffix !== undefined && suffix !== currency) return undefined;
      return divDec(parseDec(decimal), unit);
    }
    if (t === 'number') return suffix ? undefined : Number(decimal);
  } catch {
    return undefined;
  }
  return undefined;
}

function shift(decimal: string, exp: number): string {
  const d = parseDec(decimal);
  return `${d.m}e${exp - d.scale}`;
}

/**
 * Why `text` cannot be the value of the plan's param `name` (undefined when it can): a sweep checks every
 * point's values before any point runs, rather than failing each point alike.
 */
export function paramValueError(plan: Plan, name: string, text: string): string | undefined {
  const p = plan.params.find((q) => q.name === name);
  if (p === undefined) return `the script declares no param ${name} (add \`param ${name} = …\`)`;
  const { currency, unit } = plan.economy;
  if (parseParamValue(text, p.value.t, parseDec(unit), currency) !== undefined) return undefined;
  return `${paramValueMismatch(name, text, p.value.t, currency)} (the param is declared as \`${p.value.t}\`)`;
}

/** The message for a `--param` value that is not of its param's type. */
export function paramValueMismatch(name: string, text: string, t: ExprType, currency: string): string {
  return `--param ${name}=${text}: not ${t === 'money' ? `an amount in ${currency}` : `a ${t} value`}`;
}
