// The checker is a registry of checks, Langium style: each check is registered for the kind of node it
// looks at, and the walker runs every check registered for each node it visits. Adding a rule of the
// language is registering a function, not editing a traversal.
import type * as A from '../ast.js';
import type { CheckContext } from './context.js';

/** Where a statement stands. */
export interface Where {
  /** `top`: the script's top level; otherwise the innermost block around it. */
  block: 'top' | 'on' | 'when' | 'every';
  /** The ISO day it takes effect, when known statically (top level: the first simulated day, `start`). */
  date: string | 'start' | 'dynamic';
}

export type StmtCheck<K extends A.Stmt['kind']> = (
  node: A.StmtOf<K>,
  ctx: CheckContext,
  where: Where,
) => void;
export type ItemCheck<K extends A.EconomyItem['kind']> = (
  node: Extract<A.EconomyItem, { kind: K }>,
  ctx: CheckContext,
  economy: A.StmtOf<'economy'>,
) => void;
/** Whole-program checks run once, after every statement has been checked. */
export type ProgramCheck = (ctx: CheckContext) => void;

type AnyStmtCheck = (node: A.Stmt, ctx: CheckContext, where: Where) => void;
type AnyItemCheck = (node: A.EconomyItem, ctx: CheckContext, economy: A.StmtOf<'economy'>) => void;

export class ValidationRegistry {
  private readonly stmt = new Map<string, AnyStmtCheck[]>();
  private readonly item = new Map<string, AnyItemCheck[]>();
  private readonly program: ProgramCheck[] = [];

  statement<K extends A.Stmt['kind']>(kind: K, ...checks: StmtCheck<K>[]): this {
    const list = this.stmt.get(kind) ?? [];
    list.push(...(checks as unknown as AnyStmtCheck[]));
    this.stmt.set(kind, list);
    return this;
  }

  economyItem<K extends A.EconomyItem['kind']>(kind: K, ...checks: ItemCheck<K>[]): this {
    const list = this.item.get(kind) ?? [];
    list.push(...(checks as unknown as AnyItemCheck[]));
    this.item.set(kind, list);
    return this;
  }

  whole(...checks: ProgramCheck[]): this {
    this.program.push(...checks);
    return this;
  }

  runStatement(node: A.Stmt, ctx: CheckContext, where: Where): void {
    const checks = this.stmt.get(node.kind);
    if (checks !== undefined) for (const c of checks) c(node, ctx, where);
  }

  runItem(node: A.EconomyItem, ctx: CheckContext, economy: A.StmtOf<'economy'>): void {
    const checks = this.item.get(node.kind);
    if (checks !== undefined) for (const c of checks) c(node, ctx, economy);
  }

  runProgram(ctx: CheckContext): void {
    for (const c of this.program) c(ctx);
  }
}
