// The declarations of a whole program (script and modules): the economy and its agents, `let`s, `param`s
// and the headers. Collected before any statement is checked, so that order of writing does not matter.
import { MINOR_UNIT_DIGITS, type AgentKind, type Currency } from '../../plan/catalogue.js';
import type * as A from '../ast.js';
import { dayNumber, isoDay } from '../dates.js';
import * as D from '../decimal.js';
import type { Item } from '../modules.js';
import type { CheckContext, Env, Located } from './context.js';
import { evalConst } from './const.js';

const KIND: Readonly<Record<A.AgentKeyword, AgentKind>> = {
  central_bank: 'central_bank',
  treasury: 'treasury',
  bank: 'bank',
  banks: 'group',
  lender: 'lender',
  public: 'public',
  firm: 'firm',
};

export function agentKind(item: A.AgentItem): AgentKind {
  return KIND[item.agentKind];
}

/** An agent's name; an unnamed public is `public`. */
export function agentName(item: A.AgentItem): string {
  return item.name?.name ?? 'public';
}

export function newEnv(): Env {
  return { lets: new Map(), params: new Map() };
}

function related(
  file: { span: (r: A.Range) => import('../../plan/types.js').Span },
  range: A.Range,
  message: string,
) {
  return [{ message, span: file.span(range) }];
}

/** Headers written in the script win over those of its modules; twice in one file is an error. */
function header<K extends 'simulate' | 'seed' | 'title'>(
  env: Env,
  key: K,
  item: Item,
  ctx: CheckContext,
): void {
  const current = env[key] as Located<A.StmtOf<K>> | undefined;
  const node = item.stmt as A.StmtOf<K>;
  if (current === undefined) {
    (env[key] as Located<A.StmtOf<K>>) = { node, file: item.file };
    return;
  }
  if (current.file === item.file) {
    ctx.reportIn(
      item.file,
      'MON4008',
      item.stmt.range,
      { what: `\`${key}\`` },
      {
        related: related(current.file, (current.node as A.Stmt).range, 'first declared here'),
      },
    );
  }
}

export function collectEnv(items: Item[], ctx: CheckContext): void {
  const env = ctx.env;
  // The script's own headers are seen first so that they win over the modules'.
  let modules: Item[] | undefined;
  // Indexed: a for-of here made an iterator result per statement (see check/index.ts).
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item.main) collectItem(item, ctx);
    else (modules ??= []).push(item);
  }
  if (modules !== undefined) for (const item of modules) collectItem(item, ctx);
  if (env.simulate !== undefined) {
    // Reported by the statement's check; here only the period is worked out.
    const from = isoDay(env.simulate.node.from.raw, 'start');
    const to = isoDay(env.simulate.node.to.raw, 'end');
    if (from !== undefined && to !== undefined && dayNumber(from) <= dayNumber(to)) {
      env.from = from;
      env.to = to;
    }
  }
}

function collectItem(item: Item, ctx: CheckContext): void {
  const env = ctx.env;
  const s = item.stmt;
  if (s.recovered === true) return;
  switch (s.kind) {
    case 'simulate':
    case 'seed':
    case 'title':
      header(env, s.kind, item, ctx);
      break;
    case 'let':
    case 'param': {
      const table = s.kind === 'let' ? env.lets : env.params;
      const other = s.kind === 'let' ? env.params : env.lets;
      const first = table.get(s.name.name) ?? other.get(s.name.name);
      if (first !== undefined) {
        ctx.reportIn(
          item.file,
          'MON2007',
          s.name.range,
          { name: s.name.name },
          {
            related: related(first.file, first.node.name.range, 'first defined here'),
          },
        );
      } else (table as Map<string, Located<A.Stmt>>).set(s.name.name, { node: s, file: item.file });
      break;
    }
    case 'economy':
      if (env.economy !== undefined) {
        ctx.reportIn(
          item.file,
          'MON2007',
          s.name.range,
          { name: s.name.name },
          {
            related: related(env.economy.file, env.economy.stmt.name.range, 'the economy is declared here'),
            hint: 'a script has one economy',
          },
        );
      } else {
        env.economy = { stmt: s, file: item.file, agents: new Map() };
        // Not `ctx.inFile` with a closure: capturing `s` and `ctx` made V8 allocate this function's context
        // on every call, that is for every statement.
        const saved = ctx.file;
        ctx.file = item.file;
        try {
          collectEconomy(s, ctx);
        } finally {
          ctx.file = saved;
        }
      }
      break;
    default:
      break;
  }
}

function collectEconomy(s: A.StmtOf<'economy'>, ctx: CheckContext): void {
  const eco = ctx.env.economy!;
  let unitItem: Extract<A.EconomyItem, { kind: 'unit' }> | undefined;
  for (const item of s.items) {
    if (item.recovered === true) continue;
    if (item.kind === 'currency') {
      if (eco.currency === undefined) eco.currency = item.code;
    } else if (item.kind === 'unit') {
      unitItem ??= item;
    } else if (item.kind === 'agent') {
      const name = agentName(item);
      const first = eco.agents.get(name);
      if (first !== undefined) {
        ctx.report(
          'MON2007',
          item.name?.range ?? item.range,
          { name },
          {
            related: related(first.file, first.item.name?.range ?? first.item.range, 'first declared here'),
          },
        );
        continue;
      }
      eco.agents.set(name, { name, kind: agentKind(item), item, file: ctx.file });
    }
  }
  const cur = eco.currency;
  if (cur !== undefined) eco.unit = D.dec(1n, MINOR_UNIT_DIGITS[cur as Currency] ?? 2);
  if (unitItem === undefined || cur === undefined) return;
  const v = evalConst(unitItem.value, (n) => ctx.env.lets.get(n)?.node.value);
  if (v === undefined) return; // reported by the item check
  if ((v.k === 'money' && (v.cur === cur || v.cur === null)) || v.k === 'number') {
    if (D.sign(v.v) > 0) eco.unit = v.v;
  }
}
