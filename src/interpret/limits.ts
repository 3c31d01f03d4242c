// Numeric guards and limits a plan must respect before it runs (SPEC §5): the number of banks and of rules. Exceeding one is a
// MON7005 diagnostic naming the limit and the command-line flag that raises it. (Simulated days and
// schedule expansions are checked by the runner and the schedule expander.)
import type { Operation, Party, Plan, Span } from '../plan/types.js';
import { GRID } from './decimal.js';
import { RuntimeError } from './expr.js';

export const PLAN_LIMIT_DEFAULTS = {
  maxBanks: 2_000_000,
  maxRules: 100_000,
};

export interface PlanLimits {
  maxBanks?: number;
  maxRules?: number;
}

/** Throws a MON7005 RuntimeError when the plan exceeds a limit. */
export function checkPlanLimits(plan: Plan, limits: PlanLimits): void {
  const maxBanks = limits.maxBanks ?? PLAN_LIMIT_DEFAULTS.maxBanks;
  const maxRules = limits.maxRules ?? PLAN_LIMIT_DEFAULTS.maxRules;
  let banks = 0;
  for (const a of plan.economy.agents) {
    if (a.kind !== 'bank' && a.kind !== 'group') continue;
    banks += a.count ?? 1;
    if (banks > maxBanks)
      throw new RuntimeError(
        'MON7005',
        `the economy has more than ${maxBanks} banks (\`${a.name}\` brings it to ${banks})`,
        a.span,
        'use fewer banks or raise the limit (--max-banks)',
      );
  }
  if (plan.events.length > maxRules)
    throw new RuntimeError(
      'MON7005',
      `the script has ${plan.events.length} rules, operations and events; the limit is ${maxRules}`,
      plan.events[maxRules].span,
      'simplify the script or raise the limit (--max-rules)',
    );
}

/** Settings that are shares of a whole: 0% to 100%. */
const RATIOS: ReadonlySet<string> = new Set([
  'reserve_ratio',
  'cash_ratio',
  'excess_ratio',
  'ineligible_share',
  'arbitrage_share',
]);

/** Numeric guard on the value a `set` rule gives today: finite, and a ratio within 0%–100%. */
export function checkRuleValue(name: string, v: number, span: Span): void {
  if (!Number.isFinite(v))
    throw new RuntimeError(
      'MON7006',
      `the rule for \`${name}\` gives a value that is not a finite number`,
      span,
    );
  if (RATIOS.has(name) && (v < 0 || v > GRID))
    throw new RuntimeError(
      'MON7007',
      `\`${name}\` must lie between 0% and 100%; the rule gives ${(v / GRID) * 100}%`,
      span,
    );
}

const partyName = (p: Party): string => (p.k === 'agent' ? p.name : p.k);

/** An operation in words for a message: which agents and which instrument it moves. */
export function describeOp(op: Operation): string {
  switch (op.op) {
    case 'buy':
      return `\`buy\` of ${op.asset} from ${partyName(op.party)}`;
    case 'sell':
      return `\`sell\` of ${op.asset} to ${partyName(op.party)}`;
    case 'lend':
      return `\`lend\` (loans) from ${op.from ? partyName(op.from) : 'the central bank'} to ${partyName(op.to)}`;
    case 'repay':
      return `\`repay\` (loans) by ${partyName(op.from)}`;
    case 'pay':
      return `\`pay\` (deposits) from ${partyName(op.from)} to ${partyName(op.to)}`;
    case 'withdraw':
    case 'deposit':
      return `\`${op.op}\` (currency) by ${op.by ? partyName(op.by) : 'the public'}`;
    case 'offer':
      return `\`offer\` of ${op.facility}`;
    case 'treasury':
      return `\`treasury ${op.action}\`${op.party ? ` with ${partyName(op.party)}` : ''}`;
    default:
      return `\`${op.op}\``;
  }
}
