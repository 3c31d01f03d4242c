// The checker: loads modules, collects declarations, walks every statement running the checks registered
// for it, then the whole-program checks. Reports every error of every file in one pass.
import type { Diagnostic } from '../../diagnostics/types.js';
import type * as A from '../ast.js';
import { isoDay } from '../dates.js';
import type { Host } from '../host.js';
import { loadModules, type Item } from '../modules.js';
import type { ParsedFile } from '../parse.js';
import { CheckContext, type Env } from './context.js';
import { registerEconomyChecks } from './economy.js';
import { collectEnv, newEnv } from './env.js';
import { ValidationRegistry, type Where } from './registry.js';
import { checkRules } from './rules.js';
import { registerStatementChecks } from './statements.js';

export interface Checked {
  /** The script first, then its modules. */
  files: ParsedFile[];
  /** Top-level statements of the script and its modules, modules inlined where they are used. */
  items: Item[];
  env: Env;
  /** Types, resolved names and holdings in units, for the compiler. */
  info: CheckContext;
}

const HEADERS = new Set<A.Stmt['kind']>(['title', 'use', 'simulate', 'seed', 'let', 'param', 'economy']);

export const ACTIVE_WORDS: Partial<Record<A.Stmt['kind'], string>> = {
  trade: 'operations',
  hold: 'operations',
  runoff: 'operations',
  lend: 'operations',
  repay: 'operations',
  pay: 'operations',
  cash: 'operations',
  offer: 'operations',
  treasury: 'operations',
  post: 'postings',
  set: 'rules',
  reserve_requirement: 'rules',
  remunerate: 'rules',
  on: 'dated statements',
  when: 'conditional statements',
  every: 'periodic statements',
  expect: 'expectations',
  report: 'reports',
  show: 'balance sheets to show',
};

let registry: ValidationRegistry | undefined;

function checks(): ValidationRegistry {
  if (registry === undefined) {
    registry = new ValidationRegistry();
    registerStatementChecks(registry);
    registerEconomyChecks(registry);
    registry.whole(checkRules, checkEconomyPresent);
  }
  return registry;
}

/**
 * A script that runs (it has a `simulate` period) needs an economy. A file without a period is a module:
 * its economy, if any, comes from the script that uses it (and `buildPlan` reports one that was meant to run).
 */
function checkEconomyPresent(ctx: CheckContext): void {
  const { env } = ctx;
  // A module that could not be loaded may well have held the economy: no second diagnostic about it.
  if (env.economy !== undefined || env.simulate === undefined || ctx.modulesIncomplete) return;
  const first = firstActive(ctx.items);
  const at = first ?? { stmt: env.simulate.node, file: env.simulate.file };
  const what = first === undefined ? 'a simulation period' : (ACTIVE_WORDS[first.stmt.kind] ?? 'statements');
  ctx.reportIn(at.file, 'MON2012', at.stmt.range, { what });
}

/** The first statement that does something (not a header), which makes a file a script to run. */
export function firstActive(items: Item[]): Item | undefined {
  return items.find((i) => !HEADERS.has(i.stmt.kind) && i.stmt.recovered !== true);
}

// Shared, not made per statement: no check writes to a Where.
const TOP: Where = { block: 'top', date: 'start' };
const IN_WHEN: Where = { block: 'when', date: 'dynamic' };
const IN_EVERY: Where = { block: 'every', date: 'dynamic' };

function walk(stmt: A.Stmt, ctx: CheckContext, where: Where, r: ValidationRegistry): void {
  if (stmt.recovered === true) return;
  r.runStatement(stmt, ctx, where);
  switch (stmt.kind) {
    case 'set':
      ctx.rules.push({ stmt, file: ctx.file, date: where.date, economy: false });
      break;
    case 'expect':
      ctx.expectations.push({ stmt, file: ctx.file, date: where.date });
      break;
    case 'economy':
      if (ctx.env.economy?.stmt !== stmt) break;
      for (const item of stmt.items) {
        if (item.recovered === true) continue;
        r.runItem(item, ctx, stmt);
        if (item.kind === 'set') ctx.rules.push({ stmt: item, file: ctx.file, date: 'start', economy: true });
      }
      break;
    case 'on': {
      // A date that does not exist has been reported; its statements are still checked, as if at the start.
      const day = isoDay(stmt.date.raw, 'start') ?? 'start';
      const inner: Where = { block: 'on', date: where.date === 'dynamic' ? 'dynamic' : day };
      if (stmt.body.kind === 'block') for (const s of stmt.body.statements) walk(s, ctx, inner, r);
      else walk(stmt.body, ctx, inner, r);
      break;
    }
    case 'when':
    case 'every':
      for (const s of stmt.body.statements) walk(s, ctx, stmt.kind === 'when' ? IN_WHEN : IN_EVERY, r);
      break;
    default:
      break;
  }
}

export function checkProgram(
  main: ParsedFile,
  host: Host | undefined,
): { value: Checked; diagnostics: Diagnostic[] } {
  const loaded = loadModules(main, host);
  const ctx = new CheckContext(newEnv(), main.source);
  ctx.items = loaded.items;
  ctx.mainFile = main.source;
  ctx.modulesIncomplete = loaded.incomplete;
  collectEnv(loaded.items, ctx);
  const r = checks();
  // Indexed loops in the passes over every statement: a for-of there, run once per call and so not always
  // optimised, made an iterator result per statement.
  const items = loaded.items;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    ctx.file = item.file;
    walk(item.stmt, ctx, TOP, r);
  }
  ctx.file = main.source;
  r.runProgram(ctx);
  return {
    value: { files: loaded.files, items: loaded.items, env: ctx.env, info: ctx },
    diagnostics: [...loaded.diagnostics, ...ctx.diagnostics],
  };
}
