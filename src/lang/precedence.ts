// Operator precedence of SPEC §3, loosest first: or < and < not < comparison < + - < * / < unary - < `.`.
// The AST builder climbs by it; the formatter and the fully-parenthesised printer read it.
import type { BinaryOperator } from './ast.js';

export const NOT_PRECEDENCE = 3;
export const NEG_PRECEDENCE = 7;

export const BINARY_PRECEDENCE: Readonly<Record<BinaryOperator, number>> = {
  or: 1,
  and: 2,
  '=': 4,
  '==': 4,
  '!=': 4,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
};

export function isComparison(op: BinaryOperator): boolean {
  return BINARY_PRECEDENCE[op] === 4;
}
