// Constant evaluation of expressions (literals, `let` constants and arithmetic on them), exactly, for what
// must be known before the run: opening holdings, the accounting unit, the signs of amounts, ranges.
import type * as A from '../ast.js';
import * as D from '../decimal.js';

export type ConstVal =
  | { k: 'money'; v: D.Decimal; cur: string | null }
  | { k: 'number' | 'ratio' | 'rate' | 'percent'; v: D.Decimal };

/** Looks up a `let` constant's expression (undefined: not a let). */
export type LetLookup = (name: string) => A.Expr | undefined;

/** The exact value of a literal's number, or undefined if it is not finite. */
export function literalValue(e: A.Expr): ConstVal | undefined {
  switch (e.kind) {
    case 'number': {
      const v = D.parseDecimal(e.raw);
      return v && { k: 'number', v };
    }
    case 'amount': {
      const v = D.parseDecimal(e.raw);
      return v && { k: 'money', v, cur: e.currency };
    }
    case 'percent': {
      const v = D.parseDecimal(e.raw);
      return v && { k: 'percent', v: D.shift(v, -2) };
    }
    case 'bp': {
      const v = D.parseDecimal(e.raw);
      return v && { k: 'rate', v: D.shift(v, -4) };
    }
    default:
      return undefined;
  }
}

const DIMENSIONLESS = new Set(['number', 'ratio', 'percent']);

// The `let` constants being evaluated (a definition cycle has no value): a stack rather than a set made for
// every call, since most expressions evaluated name no constant at all.
const evaluating: string[] = [];

export function evalConst(e: A.Expr, lets: LetLookup): ConstVal | undefined {
  switch (e.kind) {
    case 'number':
    case 'amount':
    case 'percent':
    case 'bp':
      return literalValue(e);
    case 'paren':
      return evalConst(e.expr, lets);
    case 'name': {
      const def = lets(e.name);
      if (def === undefined || evaluating.includes(e.name)) return undefined;
      evaluating.push(e.name);
      try {
        return evalConst(def, lets);
      } finally {
        evaluating.pop();
      }
    }
    case 'unary': {
      if (e.op !== '-') return undefined;
      const v = evalConst(e.arg, lets);
      return v && { ...v, v: D.neg(v.v) };
    }
    case 'binary': {
      const l = evalConst(e.left, lets);
      const r = evalConst(e.right, lets);
      if (l === undefined || r === undefined) return undefined;
      return combine(e.op, l, r);
    }
    default:
      return undefined;
  }
}

function combine(op: A.BinaryOperator, l: ConstVal, r: ConstVal): ConstVal | undefined {
  switch (op) {
    case '+':
    case '-': {
      const v = op === '+' ? D.add(l.v, r.v) : D.sub(l.v, r.v);
      if (l.k === 'money' && r.k === 'money') return { k: 'money', v, cur: l.cur ?? r.cur };
      if (l.k === r.k && l.k !== 'money') return { k: l.k, v };
      if ((l.k === 'rate' && r.k === 'percent') || (l.k === 'percent' && r.k === 'rate'))
        return { k: 'rate', v };
      if (DIMENSIONLESS.has(l.k) && DIMENSIONLESS.has(r.k)) return { k: 'ratio', v };
      return undefined;
    }
    case '*': {
      const v = D.mul(l.v, r.v);
      if (l.k === 'money' && DIMENSIONLESS.has(r.k)) return { k: 'money', v, cur: l.cur };
      if (r.k === 'money' && DIMENSIONLESS.has(l.k)) return { k: 'money', v, cur: r.cur };
      if ((l.k === 'rate' && DIMENSIONLESS.has(r.k)) || (r.k === 'rate' && DIMENSIONLESS.has(l.k))) {
        return { k: 'rate', v };
      }
      if (DIMENSIONLESS.has(l.k) && DIMENSIONLESS.has(r.k)) {
        return { k: l.k === 'number' && r.k === 'number' ? 'number' : 'ratio', v };
      }
      return undefined;
    }
    case '/': {
      const v = D.divExact(l.v, r.v);
      if (v === undefined) return undefined;
      if (l.k === 'money' && r.k === 'money') return { k: 'ratio', v };
      if (l.k === 'money' && DIMENSIONLESS.has(r.k)) return { k: 'money', v, cur: l.cur };
      if (l.k === 'rate' && DIMENSIONLESS.has(r.k)) return { k: 'rate', v };
      if (l.k === 'rate' && r.k === 'rate') return { k: 'ratio', v };
      if (DIMENSIONLESS.has(l.k) && DIMENSIONLESS.has(r.k)) {
        return { k: l.k === 'number' && r.k === 'number' ? 'number' : 'ratio', v };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
