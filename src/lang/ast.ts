// The typed AST of a Moneta script. Every node has a `range`: character offsets [start, end) into its file's
// text (SourceFile turns them into lines and columns). Literals keep their source spelling (`raw`) so the
// formatter prints them as written and the compiler converts them exactly.

export interface Range {
  start: number;
  /** Exclusive. */
  end: number;
}

export interface Ident {
  name: string;
  range: Range;
}

// ---- Expressions ----------------------------------------------------------------------------------------

export type BinaryOperator =
  '+' | '-' | '*' | '/' | '=' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';
export type UnaryOperator = '-' | 'not';

export type Expr =
  | { kind: 'number'; raw: string; range: Range }
  /** `75bn USD`: `raw` is the number as written. */
  | { kind: 'amount'; raw: string; currency: string; range: Range }
  /** `0.25%`: `raw` without the `%`. */
  | { kind: 'percent'; raw: string; range: Range }
  /** `35bp`: `raw` without the `bp`. */
  | { kind: 'bp'; raw: string; range: Range }
  | { kind: 'date'; raw: string; range: Range }
  /** `28 days`: `unit` as written (`day`, `days`, `week` …). */
  | { kind: 'duration'; raw: string; unit: string; range: Range }
  /** `value` unescaped; `raw` with its quotes (an unterminated string has no closing quote). */
  | { kind: 'string'; value: string; raw: string; range: Range }
  | { kind: 'name'; name: string; range: Range }
  | { kind: 'member'; object: Expr; member: Ident; range: Range }
  | { kind: 'call'; callee: Ident; args: Expr[]; range: Range }
  | { kind: 'unary'; op: UnaryOperator; arg: Expr; range: Range }
  | { kind: 'binary'; op: BinaryOperator; left: Expr; right: Expr; range: Range }
  /** Kept so that the formatter and report labels reproduce what was written. */
  | { kind: 'paren'; expr: Expr; range: Range }
  /** Where a syntax error left no expression (the parser has reported it). */
  | { kind: 'error'; range: Range };

export type DateLit = Extract<Expr, { kind: 'date' }>;
export type DurationLit = Extract<Expr, { kind: 'duration' }>;
export type StringLit = Extract<Expr, { kind: 'string' }>;

// ---- Schedules, periods, checks -------------------------------------------------------------------------

export type Frequency =
  | { kind: 'daily' | 'weekly' | 'monthly' | 'quarterly'; range: Range }
  | { kind: 'every'; count: string; unit: string; range: Range };

export type Schedule =
  | { kind: 'freq'; freq: Frequency; from?: DateLit; until?: DateLit; range: Range }
  | { kind: 'by'; date: DateLit; range: Range };

export type Period =
  | { kind: 'day' | 'business_day' | 'week' | 'month' | 'quarter'; range: Range }
  | { kind: 'count'; duration: DurationLit; range: Range };

export type CheckTime =
  | { kind: 'on'; date: DateLit; range: Range }
  | { kind: 'end'; range: Range }
  | { kind: 'always'; range: Range }
  | { kind: 'freq'; freq: Frequency; from?: DateLit; until?: DateLit; range: Range };

// ---- The economy ----------------------------------------------------------------------------------------

export type HoldingItem =
  /** `reserves 10`: an instrument and an amount. */
  | { kind: 'holding'; instrument: Ident; amount: Expr; range: Range }
  | { kind: 'lends'; to: Ident; amount: Expr; range: Range }
  | { kind: 'yield'; instrument: Ident; rate: Expr; range: Range }
  | { kind: 'maturity'; instrument: Ident; duration: DurationLit; range: Range }
  | { kind: 'flag'; flag: 'ineligible' | 'rrp_access'; range: Range }
  /** Groups only: `sizes lognormal 1.0`. */
  | { kind: 'sizes'; dist: Ident; param: string; range: Range };

export type AgentKeyword = 'central_bank' | 'treasury' | 'bank' | 'lender' | 'public' | 'firm' | 'banks';

export interface AgentItem {
  kind: 'agent';
  agentKind: AgentKeyword;
  /** Absent only for an unnamed `public`. */
  name?: Ident;
  /** Absent when no `{ … }` was written. */
  holdings?: HoldingItem[];
  /** Firms: `banks with A`. */
  homeBank?: Ident;
  /** Groups: the number of banks. */
  count?: { raw: string; range: Range };
  range: Range;
  recovered?: boolean;
}

export type EconomyItem =
  | { kind: 'currency'; code: string; range: Range; recovered?: boolean }
  | { kind: 'unit'; value: Expr; range: Range; recovered?: boolean }
  | AgentItem
  | {
      kind: 'maintenance';
      length: DurationLit | 'monthly';
      from?: DateLit;
      lag?: DurationLit;
      range: Range;
      recovered?: boolean;
    }
  | SetStmt
  | ReserveRequirementStmt
  | RemunerateStmt;

// ---- Statements -----------------------------------------------------------------------------------------

interface StmtBase {
  range: Range;
  /** The parser recovered from an error inside this statement: it is not checked further. */
  recovered?: boolean;
  /** An operation written without its amount: where the amount should have been. */
  missingAmountAt?: Range;
}

export interface SetStmt extends StmtBase {
  kind: 'set';
  /** `ioer`, `yield.mbs`. */
  target: Ident[];
  value: Expr;
  /** `set target = 0% to 0.25%`: the upper end of a range. */
  to?: Expr;
}

export interface Tranche {
  rate: { raw: string; range: Range };
  /** Absent for `above`. */
  upTo?: Expr;
  range: Range;
}

export interface ReserveRequirementStmt extends StmtBase {
  kind: 'reserve_requirement';
  on?: Ident;
  tranches: Tranche[];
}

export interface Tier {
  base: 'required' | 'excess' | 'reserves' | 'rest';
  upTo?: Expr;
  rate: Expr;
  range: Range;
}

export interface RemunerateStmt extends StmtBase {
  kind: 'remunerate';
  tiers: Tier[];
}

export interface PostEntry {
  party: Ident;
  instrument: Ident;
  sign: '+' | '-';
  amount: Expr;
  range: Range;
}

export interface Counterparty {
  dir: 'from' | 'to';
  party: Ident;
  range: Range;
}

export type Stmt =
  | (StmtBase & { kind: 'title'; title: StringLit })
  | (StmtBase & { kind: 'use'; target: StringLit | Ident[] })
  | (StmtBase & { kind: 'simulate'; from: DateLit; to: DateLit })
  | (StmtBase & { kind: 'seed'; value: { raw: string; range: Range } })
  | (StmtBase & { kind: 'let'; name: Ident; value: Expr })
  | (StmtBase & { kind: 'param'; name: Ident; value: Expr; lo?: Expr; hi?: Expr })
  | (StmtBase & { kind: 'economy'; name: Ident; title?: StringLit; items: EconomyItem[] })
  | SetStmt
  | ReserveRequirementStmt
  | RemunerateStmt
  | (StmtBase & {
      kind: 'trade';
      op: 'buy' | 'sell';
      asset: Ident;
      /** Absent when missing (reported by the checker). `range` of the statement still covers the rest. */
      amount?: Expr;
      schedule?: Schedule;
      counterparty?: Counterparty;
    })
  | (StmtBase & { kind: 'hold'; what: Ident; level: Expr })
  | (StmtBase & { kind: 'runoff'; asset: Ident; cap?: Expr; capFreq?: Frequency })
  | (StmtBase & {
      kind: 'lend';
      amount?: Expr;
      from?: Ident;
      to: Ident;
      rate?: Expr;
      term?: DurationLit;
      schedule?: Schedule;
    })
  | (StmtBase & { kind: 'repay'; amount?: Expr; from: Ident; to?: Ident })
  | (StmtBase & { kind: 'pay'; amount?: Expr; from: Ident; to: Ident })
  | (StmtBase & { kind: 'cash'; op: 'withdraw' | 'deposit'; amount?: Expr; by?: Ident })
  | (StmtBase & {
      kind: 'offer';
      facility: 'term_deposits' | 'reverse_repos';
      /** 'unlimited', an amount, or absent when missing. */
      amount?: Expr | 'unlimited';
      term?: DurationLit;
      rate: Expr;
      schedule?: Schedule;
    })
  | (StmtBase & {
      kind: 'treasury';
      action: 'issue' | 'redeem' | 'spend' | 'tax';
      amount?: Expr;
      forSfp: boolean;
      schedule?: Schedule;
      counterparty?: Counterparty;
    })
  | (StmtBase & { kind: 'post'; label?: StringLit; entries: PostEntry[] })
  | (StmtBase & { kind: 'on'; date: DateLit; body: Stmt | Block })
  | (StmtBase & { kind: 'when'; cond: Expr; body: Block })
  | (StmtBase & { kind: 'every'; period: Period; body: Block })
  | (StmtBase & { kind: 'expect'; expr: Expr; within?: Expr; time?: CheckTime })
  | (StmtBase & {
      kind: 'report';
      series: { expr: Expr; label?: StringLit; range: Range }[];
      freq?: Frequency;
      to?: StringLit;
    })
  | (StmtBase & { kind: 'show'; parties?: Ident[]; date: DateLit });

export interface Block {
  kind: 'block';
  statements: Stmt[];
  range: Range;
}

export type StmtOf<K extends Stmt['kind']> = Extract<Stmt, { kind: K }>;

export interface Program {
  kind: 'program';
  statements: Stmt[];
  range: Range;
}
