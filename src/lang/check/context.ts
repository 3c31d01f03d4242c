// What the checks share: the declarations of the whole program (env), the diagnostics, and what the checker
// learns about expressions (types, what names refer to) for the compiler.
import type { AgentKind, Instrument } from '../../plan/catalogue.js';
import { diagnostic, type Args } from '../../diagnostics/catalogue.js';
import type { Diagnostic } from '../../diagnostics/types.js';
import type * as A from '../ast.js';
import type { Decimal } from '../decimal.js';
import type { Item } from '../modules.js';
import type { SourceFile } from '../source.js';
import type { Ty } from './types.js';

/** A statement or item and the file it is written in. */
export interface Located<T> {
  node: T;
  file: SourceFile;
}

export interface AgentInfo {
  name: string;
  kind: AgentKind;
  item: A.AgentItem;
  file: SourceFile;
}

export interface EconomyInfo {
  stmt: A.StmtOf<'economy'>;
  file: SourceFile;
  currency?: string;
  /** Major units per accounting unit. */
  unit?: Decimal;
  agents: Map<string, AgentInfo>;
}

export interface Env {
  economy?: EconomyInfo;
  lets: Map<string, Located<A.StmtOf<'let'>>>;
  params: Map<string, Located<A.StmtOf<'param'>>>;
  simulate?: Located<A.StmtOf<'simulate'>>;
  /** Resolved ISO days of the simulation, when its dates are valid. */
  from?: string;
  to?: string;
  seed?: Located<A.StmtOf<'seed'>>;
  title?: Located<A.StmtOf<'title'>>;
}

/** What a name, member or call in an expression refers to. */
export type Resolved =
  | { k: 'let'; name: string }
  | { k: 'param'; name: string }
  | { k: 'series'; name: string }
  | { k: 'policy'; name: string; part?: 'low' | 'high' | 'mid' }
  | { k: 'cb'; name: string }
  | { k: 'holding'; agent: string; instrument: Instrument }
  | { k: 'enum'; value: string }
  | { k: 'required' }
  | { k: 'window'; name: string }
  | { k: 'fn'; fn: 'min' | 'max' | 'abs' }
  | { k: 'windowFn'; fn: 'min' | 'max' | 'avg' | 'sum' }
  | { k: 'at' }
  | { k: 'data'; source: string };

/** A reference to a policy setting inside a rule or an expectation (for cycles and target ranges). */
export interface PolicyRef {
  name: string;
  part?: 'low' | 'high' | 'mid';
  expr: A.Expr;
  file: SourceFile;
}

export interface Scope {
  /** Inside a remuneration tier's bound: `required` is the bank's requirement. */
  inTier: boolean;
  /** Collects policy references while typing a rule or an expectation. */
  refs?: PolicyRef[];
}

export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  /**
   * Types and what names refer to, by node. Not entered: valid literals and catalogue names, whose kind or
   * name decides both; read through `typeOf`, `checkedTypeOf` and `resolvedOf` (expressions.ts).
   */
  readonly types = new Map<A.Expr, Ty>();
  readonly resolved = new Map<A.Expr, Resolved>();
  /** Settings each rule reads (for rule cycles and target ranges); none for a rule that reads none. */
  readonly ruleRefs = new Map<A.SetStmt, PolicyRef[]>();
  /** Settings each expectation reads; none for one that reads none. */
  readonly expectRefs = new Map<A.Stmt, PolicyRef[]>();
  /** Opening holdings (and `lends`) in accounting units, by their amount expression. */
  readonly holdingUnits = new Map<A.Expr, bigint>();
  /** Rules and expectations with where they stand, in the order written (for the timeline checks). */
  readonly rules: {
    stmt: A.SetStmt;
    file: SourceFile;
    date: string | 'start' | 'dynamic';
    economy: boolean;
  }[] = [];
  readonly expectations: {
    stmt: A.StmtOf<'expect'>;
    file: SourceFile;
    date: string | 'start' | 'dynamic';
  }[] = [];
  scope: Scope = { inTier: false };
  /** The scope of every rule and expectation, emptied after each (see `refsScope`). */
  spareRefsScope: Scope | undefined;
  /** The program's top-level statements (script and modules). */
  items: Item[] = [];
  /** A `use` failed: declarations may be missing, so their absence is not reported again. */
  modulesIncomplete = false;
  /** Economy items that may appear once, seen so far. */
  readonly declared = new Set<string>();
  /** The file of the statement being checked. */
  file: SourceFile;
  /** The script itself (not one of its modules). */
  mainFile: SourceFile;
  /** The values of `let` constants, for evalConst: one function for the context rather than one per use. */
  readonly letValue = (name: string): A.Expr | undefined => this.env.lets.get(name)?.node.value;

  constructor(
    readonly env: Env,
    file: SourceFile,
  ) {
    this.file = file;
    this.mainFile = file;
  }

  report(code: string, range: A.Range, args: Args = {}, extra: Parameters<typeof diagnostic>[3] = {}): void {
    this.diagnostics.push(diagnostic(code, this.file.span(range), args, extra));
  }

  reportIn(
    file: SourceFile,
    code: string,
    range: A.Range,
    args: Args = {},
    extra: Parameters<typeof diagnostic>[3] = {},
  ): void {
    this.diagnostics.push(diagnostic(code, file.span(range), args, extra));
  }

  /** The economy's currency, or null when there is no economy (money then checks against nothing). */
  get currency(): string | null {
    return this.env.economy?.currency ?? null;
  }

  /** Runs `f` with this file as the current one. */
  inFile<T>(file: SourceFile, f: () => T): T {
    const saved = this.file;
    this.file = file;
    try {
      return f();
    } finally {
      this.file = saved;
    }
  }

  hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
}
