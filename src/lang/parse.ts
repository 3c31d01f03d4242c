// Source text → AST, with every syntax error as a coded diagnostic. The parser recovers at the end of the
// statement, so one bad line does not hide the others.
import { EOF, type IRecognitionException, type IToken, type TokenType } from '#chevrotain';
import {
  lexTokens,
  parseTokenBatch,
  tokenBatches,
  tokensAt,
  typeOf,
  type Tokens,
} from '../../grammar/index.js';
import { releaseTokens } from '../../grammar/lex.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import { didYouMean } from '../diagnostics/suggest.js';
import type { Diagnostic, Result } from '../diagnostics/types.js';
import type { ProgramCstNode } from '../../grammar/generated/cst.js';
import type * as A from './ast.js';
import { createAstBuilder, type AstBuilder } from './build-ast.js';
import { instrumentOf } from './check/lookup.js';
import { fastParse } from './fast-parse.js';
import { SourceFile } from './source.js';

export interface Comment {
  text: string;
  range: A.Range;
}

export interface ParsedFile {
  program: A.Program;
  source: SourceFile;
  comments: Comment[];
}

export const STATEMENT_KEYWORDS = [
  'title', 'use', 'simulate', 'seed', 'let', 'param', 'economy', 'set', 'reserve_requirement', 'remunerate',
  'buy', 'sell', 'hold', 'runoff', 'lend', 'repay', 'pay', 'withdraw', 'deposit', 'offer', 'treasury', 'post',
  'on', 'when', 'every', 'expect', 'report', 'show',
] as const; // prettier-ignore

export const ECONOMY_KEYWORDS = [
  'currency', 'unit', 'central_bank', 'treasury', 'bank', 'banks', 'lender', 'public', 'firm', 'maintenance',
  'set', 'reserve_requirement', 'remunerate',
] as const; // prettier-ignore

const STATEMENT_SET: ReadonlySet<string> = new Set(STATEMENT_KEYWORDS);
const ECONOMY_SET: ReadonlySet<string> = new Set(ECONOMY_KEYWORDS);
const MAGNITUDES: ReadonlySet<string> = new Set(['k', 'm', 'bn', 'tn']);

let builder: AstBuilder | undefined;

let useFastPath = true;

/** Turns the fast path (fast-parse.ts) off or on, so that tests can compare it with the grammar. */
export function setFastPath(on: boolean): void {
  useFastPath = on;
}

/** Limits of the front end: larger inputs get a MON1010 diagnostic instead of exhausting the stack or memory. */
export const FRONT_END_LIMITS = {
  /** Characters of one source file. */
  maxSourceChars: 4_000_000,
  /** Nesting depth: open parentheses and braces plus consecutive prefix operators. */
  maxNesting: 200,
  /** Operators in one statement (a long `a + b + …` chain nests as deeply as parentheses do). */
  maxOperators: 500,
};

const NEST_OPEN: ReadonlySet<string> = new Set(['LParen', 'LCurly']);
const NEST_CLOSE: ReadonlySet<string> = new Set(['RParen', 'RCurly']);
const PREFIX: ReadonlySet<string> = new Set(['Minus', 'Plus', 'Not']);
const STATEMENT_END: ReadonlySet<string> = new Set(['Newline', 'Semicolon', 'LCurly', 'RCurly']);

// What `beyondLimits` needs to know of a token type, as bits: worked out once per type (by tokenTypeIdx)
// instead of by name lookups and a search of its categories for every token.
const OPEN = 1;
const CLOSE = 2;
const L_PAREN = 4;
const R_PAREN = 8;
const PREFIX_OP = 16;
const STMT_END = 32;
const OPERATOR = 64;
const limitFlags: number[] = [];

function flagsOf(idx: number): number {
  let f = limitFlags[idx];
  if (f === undefined) {
    const type: TokenType = typeOf(idx);
    const name = type.name;
    f = 0;
    if (NEST_OPEN.has(name)) f |= OPEN;
    else if (NEST_CLOSE.has(name)) f |= CLOSE;
    if (name === 'LParen') f |= L_PAREN;
    else if (name === 'RParen') f |= R_PAREN;
    if (PREFIX.has(name)) f |= PREFIX_OP;
    if (STATEMENT_END.has(name)) f |= STMT_END;
    if (type.CATEGORIES?.some((c) => c.name === 'BinaryOp' || c.name === 'PrefixOp')) f |= OPERATOR;
    limitFlags[idx] = f;
  }
  return f;
}

/** The first token beyond a nesting or length limit, with what it exceeds. */
function beyondLimits(tokens: Tokens): { token: number; detail: string } | undefined {
  let depth = 0;
  let prefixRun = 0;
  let operators = 0;
  let parens = 0;
  const maxNesting = FRONT_END_LIMITS.maxNesting;
  const maxOperators = FRONT_END_LIMITS.maxOperators;
  const types = tokens.types;
  for (let i = 0; i < tokens.count; i++) {
    const f = flagsOf(types[i]);
    if ((f & OPEN) !== 0) depth++;
    else if ((f & CLOSE) !== 0) depth = Math.max(0, depth - 1);
    if ((f & L_PAREN) !== 0) parens++;
    else if ((f & R_PAREN) !== 0) parens = Math.max(0, parens - 1);
    prefixRun = (f & PREFIX_OP) !== 0 ? prefixRun + 1 : 0;
    if ((f & STMT_END) !== 0 && parens === 0) operators = 0;
    else if ((f & OPERATOR) !== 0) operators++;
    if (depth + prefixRun > maxNesting)
      return {
        token: i,
        detail: `expressions and blocks nest more than ${maxNesting} deep here`,
      };
    if (operators > maxOperators)
      return {
        token: i,
        detail: `this statement has more than ${maxOperators} operators`,
      };
  }
  return undefined;
}

function tooLarge(text: string, source: SourceFile, at: A.Range, detail: string): Result<ParsedFile> {
  const program: A.Program = { kind: 'program', statements: [], range: { start: 0, end: text.length } };
  return {
    value: { program, source, comments: [] },
    diagnostics: [diagnostic('MON1010', source.span(at), { detail })],
  };
}

export function parse(text: string, file: string): Result<ParsedFile> {
  const source = new SourceFile(file, text);
  if (text.length > FRONT_END_LIMITS.maxSourceChars)
    return tooLarge(
      text,
      source,
      { start: 0, end: 0 },
      `the file has ${text.length} characters; the limit is ${FRONT_END_LIMITS.maxSourceChars}`,
    );
  const statements: A.Stmt[] = [];
  const lexed = lexTokens(text);
  const beyond = beyondLimits(lexed);
  if (beyond !== undefined)
    return tooLarge(
      text,
      source,
      { start: lexed.starts[beyond.token], end: lexed.ends[beyond.token] },
      beyond.detail,
    );
  const parseErrors: IRecognitionException[] = [];
  // The builder, and with it chevrotain's parser (whose grammar analysis is most of a cold start), is made
  // only when a batch needs it: on a correct script the fast path takes every batch.
  let b: AstBuilder | undefined;
  tokenBatches(lexed, (from, to) => {
    // Most batches of a long script take the fast path; the grammar parses the rest (and reports errors).
    const fast = useFastPath ? fastParse(lexed, from, to) : undefined;
    if (fast !== undefined) {
      for (let i = 0; i < fast.length; i++) statements.push(fast[i]);
      return;
    }
    if (b === undefined) {
      b = builder ??= createAstBuilder();
      b.issues = [];
      b.tokens = lexed;
    }
    const batch = b.program((parseTokenBatch(lexed, from, to, parseErrors) as ProgramCstNode).children);
    for (const s of batch) statements.push(s);
  });
  const program: A.Program = { kind: 'program', statements, range: { start: 0, end: text.length } };
  const diagnostics = syntaxDiagnostics(
    source,
    lexed,
    lexed.errors,
    parseErrors,
    lexed.unterminated.map((i) => lexed.starts[i]),
  );
  if (b !== undefined) {
    for (const issue of b.issues) diagnostics.push(diagnostic('MON1009', source.span(issue.range)));
    b.tokens = undefined;
  }
  const comments = lexed.comments.map((c) => ({
    text: c.image.trimEnd(),
    range: { start: c.startOffset, end: c.startOffset + c.image.length },
  }));
  // Nothing holds the token arrays past this point: the next file's scan may fill them.
  releaseTokens(lexed);
  return { value: { program, source, comments }, diagnostics };
}

function tokenRange(t: IToken, text: SourceFile): A.Range {
  if (t.tokenType === EOF || !Number.isFinite(t.startOffset)) {
    const end = text.text.length;
    return { start: end, end };
  }
  return { start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 };
}

/** Index of the first token starting at or after `offset`. */
function indexAt(tokens: IToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].startOffset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Braces and parentheses left open (parentheses are closed implicitly by a brace, as the lexer does). */
function unmatched(tokens: IToken[]): { braces: IToken[]; parens: IToken[] } {
  const braces: IToken[] = [];
  const parens: IToken[] = [];
  let open: IToken[] = [];
  for (const t of tokens) {
    const name = t.tokenType.name;
    if (name === 'LParen') open.push(t);
    else if (name === 'RParen') open.pop();
    else if (name === 'LCurly' || name === 'RCurly') {
      parens.push(...open);
      open = [];
      if (name === 'LCurly') braces.push(t);
      else braces.pop();
    }
  }
  parens.push(...open);
  return { braces, parens };
}

function syntaxDiagnostics(
  source: SourceFile,
  lexed: Tokens,
  lexErrors: { offset: number; length: number }[],
  parseErrors: IRecognitionException[],
  unterminated: number[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const text = source.text;
  for (const e of lexErrors) {
    const chars = text.slice(e.offset, e.offset + e.length);
    out.push(
      diagnostic('MON1001', source.span({ start: e.offset, end: e.offset + e.length }), {
        text: `\`${chars}\``,
      }),
    );
  }
  for (const start of unterminated) out.push(diagnostic('MON1002', source.span({ start, end: start + 1 })));
  if (parseErrors.length === 0) return out;
  const tokens = tokensAt(lexed);

  const { braces, parens } = unmatched(tokens);
  for (const b of braces) out.push(diagnostic('MON1004', source.span(tokenRange(b, source))));
  for (const p of parens) out.push(diagnostic('MON1005', source.span(tokenRange(p, source))));

  const seenLines = new Set<number>();
  for (const e of parseErrors) {
    const tok = e.token;
    const range = tokenRange(tok, source);
    const atEof = tok.tokenType === EOF || !Number.isFinite(tok.startOffset);
    // An unclosed brace or parenthesis has been reported where it opens; the parser's complaint at the
    // point where it noticed adds nothing.
    if (atEof && braces.length > 0) continue;
    if (e.message.startsWith('expected `)`') && parens.length > 0) continue;
    if (e.message.startsWith('expected `}`') && braces.length > 0) continue;
    const line = source.pos(range.start).line;
    if (seenLines.has(line)) continue;
    seenLines.add(line);
    out.push(explainParseError(e, tok, range, tokens, source));
  }
  return out;
}

function explainParseError(
  e: IRecognitionException,
  tok: IToken,
  range: A.Range,
  tokens: IToken[],
  source: SourceFile,
): Diagnostic {
  const i = indexAt(tokens, range.start);
  const prev = i > 0 ? tokens[i - 1] : undefined;
  const span = source.span(range);
  const image = tok.image;
  const isWord = /^[A-Za-z_]\w*$/.test(image);

  // `10 bn`: a magnitude written apart from its number.
  if (
    isWord &&
    MAGNITUDES.has(image) &&
    prev?.tokenType.name === 'NumberLit' &&
    /^[\d_.eE+-]+$/.test(prev.image)
  ) {
    return diagnostic('MON1007', span, { suffix: image, fixed: `${prev.image}${image}` });
  }

  const first = statementStart(tokens, i);
  // `on DATE` opens a statement of its own: the word after the date starts it.
  const afterOnDate =
    first + 2 === i && tokens[first].image === 'on' && tokens[first + 1].tokenType.name === 'DateLit';
  if (isWord && (first === i || afterOnDate)) {
    if (STATEMENT_SET.has(image) || ECONOMY_SET.has(image)) {
      const hint =
        ECONOMY_SET.has(image) && !STATEMENT_SET.has(image)
          ? `\`${image}\` declares part of an economy: it goes inside \`economy NAME { … }\``
          : `\`${image}\` is a statement; economy items are ${ECONOMY_KEYWORDS.join(', ')}`;
      return diagnostic('MON1006', span, { word: image }, { hint });
    }
    const guess = didYouMean(image, [...STATEMENT_KEYWORDS, ...ECONOMY_KEYWORDS]);
    return diagnostic(
      'MON1006',
      span,
      { word: image },
      guess === undefined ? {} : { hint: `did you mean \`${guess}\`?` },
    );
  }
  return diagnostic('MON1003', span, { detail: e.message }, misplacedHint(tokens, first, i, e));
}

/** The index of the first token of the statement that holds token `i` (after a newline, `;` or `{`). */
function statementStart(tokens: IToken[], i: number): number {
  let j = i;
  while (j > 0) {
    const name = tokens[j - 1].tokenType.name;
    if (name === 'Newline' || name === 'Semicolon' || name === 'LCurly') break;
    j--;
  }
  return j;
}

/** Statements that take a date only in front (`on DATE …`); `expect` and `show` take theirs at the end. */
const DATED_IN_FRONT: ReadonlySet<string> = new Set([
  'set', 'reserve_requirement', 'remunerate', 'buy', 'sell', 'hold', 'runoff', 'lend', 'repay', 'pay', 'withdraw', 'deposit', 'offer', 'treasury', 'post',
]); // prettier-ignore
/** A period word after `every`, as a schedule writes it: a count, or the frequency word. */
const SCHEDULE_OF: ReadonlyMap<string, [count: string, word: string]> = new Map([
  ['day', ['1 days', 'daily']],
  ['business_day', ['1 days', 'daily']],
  ['week', ['1 weeks', 'weekly']],
  ['month', ['1 months', 'monthly']],
  ['quarter', ['3 months', 'quarterly']],
]);

/** Periods the grammar has no word for, as a count of its units. */
const PERIOD_SYNONYMS: ReadonlyMap<string, string> = new Map([
  ['fortnight', '2 weeks'],
  ['year', '12 months'],
  ['years', '12 months'],
  ['semester', '6 months'],
]);

/**
 * Hints for slips the grammar cannot name: a statement's date written after it, `every month`, `every fortnight`,
 * two statements on one line.
 */
function misplacedHint(
  tokens: IToken[],
  first: number,
  i: number,
  e: IRecognitionException,
): { hint?: string } {
  // At the end of the input there is no token to speak of.
  if (i >= tokens.length) return {};
  const tok = tokens[i];
  const next = tokens[i + 1];
  // Under `on DATE` a second date is another mistake: no hint for it.
  const op = tokens[first];
  if (tok.image === 'on' && next?.tokenType.name === 'DateLit' && DATED_IN_FRONT.has(op.image)) {
    return { hint: `the date goes in front of the statement: \`on ${next.image} ${op.image} …\`` };
  }
  if (i > 0 && tokens[i - 1].image === 'every') {
    const schedule = SCHEDULE_OF.get(tok.image);
    // `every month { … }` at the start of a statement is a rule block; anywhere else `every` is a schedule.
    if (schedule !== undefined && first !== i - 1) {
      const [count, word] = schedule;
      return { hint: `in a schedule, \`every\` takes a count: \`every ${count}\`, or write \`${word}\`` };
    }
    const period = PERIOD_SYNONYMS.get(tok.image);
    if (period !== undefined) return { hint: `write \`every ${period}\`` };
  }
  // `bank A { reserves 5m loans 95m }`: a second statement or item on the line, where the first should end.
  // Only for a word that starts a statement or a holding: any other is more likely a typo where it stands.
  // A trailing `on` without its date is an unfinished date rather than a second statement.
  const starts =
    (STATEMENT_SET.has(tok.image) && tok.image !== 'on') ||
    ECONOMY_SET.has(tok.image) ||
    instrumentOf(tok.image) !== undefined;
  // The grammar's `end` rule is where a statement must stop (its message: "expected the end of the statement").
  if (e.context.ruleStack.at(-1) === 'end' && starts)
    return {
      hint: `one statement or item per line: start \`${tok.image}\` on a new line, or put \`;\` before it`,
    };
  return {};
}
