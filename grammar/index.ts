// The grammar's public face: lex and parse source text to a CST. Pure syntax; knows nothing of meaning.
import type { CstNode, ILexingError, IRecognitionException, IToken } from '#chevrotain';
import { lex, type LexOutput } from './lex.js';
import { parserInstance } from './parser.js';
import { tokensAt, type Tokens } from './scan.js';
import * as T from './tokens.js';

export { lex, lexTokens, type LexOutput } from './lex.js';
export { tokenAt, tokensAt, typeOf, type Tokens } from './scan.js';
export { MonetaParser, parserInstance } from './parser.js';
export { describeToken, labelOf } from './messages.js';
export * as tokens from './tokens.js';

export interface CstOutput {
  /** The `program` node; partial where the parser recovered from errors. */
  cst: CstNode;
  lexed: LexOutput;
  lexErrors: ILexingError[];
  parseErrors: IRecognitionException[];
}

/** The whole text as one `program` CST. */
export function parseCst(text: string): CstOutput {
  const lexed = lex(text);
  const parser = parserInstance();
  parser.input = lexed.tokens;
  const cst = parser.program();
  return { cst, lexed, lexErrors: lexed.errors, parseErrors: parser.errors };
}

/** Tokens per batch, roughly: large enough to amortise a parser call, small enough to stay in young memory. */
const BATCH_TOKENS = 512;

/**
 * Lexed text as a sequence of `program` CSTs over consecutive runs of whole top-level statements, each handed
 * to `onBatch` and then dropped. Parsing a long script in one piece keeps its whole CST alive until the end,
 * and collecting that garbage then costs more than parsing; batches die young. The result is the same:
 * batches end at a newline or `;` outside any brace, where the parser is between statements anyway.
 */
export function parseInBatches(lexed: LexOutput, onBatch: (cst: CstNode) => void): IRecognitionException[] {
  const parser = parserInstance();
  const tokens = lexed.tokens;
  const parseErrors: IRecognitionException[] = [];
  batches(
    tokens.length,
    (i) => tokens[i].tokenType.tokenTypeIdx!,
    (from, to) => {
      parser.input = from === 0 && to === tokens.length ? tokens : tokens.slice(from, to);
      onBatch(parser.program());
      for (const e of parser.errors) parseErrors.push(e);
    },
  );
  return parseErrors;
}

/**
 * `parseInBatches` over tokens kept as arrays: each batch's token objects are made just before it is parsed,
 * so they die young with its CST.
 */
export function parseTokensInBatches(
  tokens: Tokens,
  onBatch: (cst: CstNode) => void,
): IRecognitionException[] {
  const parseErrors: IRecognitionException[] = [];
  tokenBatches(tokens, (from, to) => {
    onBatch(parseTokenBatch(tokens, from, to, parseErrors));
  });
  return parseErrors;
}

/** Tokens [from, to) (a batch of `tokenBatches`) as a `program` CST; its parse errors go to `errors`. */
export function parseTokenBatch(
  tokens: Tokens,
  from: number,
  to: number,
  errors: IRecognitionException[],
): CstNode {
  const parser = parserInstance();
  parser.input = tokensAt(tokens, from, to);
  const cst = parser.program();
  for (const e of parser.errors) errors.push(e);
  return cst;
}

/** The batches of `parseInBatches`, as token index ranges [from, to). */
export function tokenBatches(tokens: Tokens, onBatch: (from: number, to: number) => void): void {
  const types = tokens.types;
  batches(tokens.count, (i) => types[i], onBatch);
}

function batches(
  count: number,
  typeIdx: (i: number) => number,
  onBatch: (from: number, to: number) => void,
): void {
  const lCurly = T.LCurly.tokenTypeIdx!;
  const rCurly = T.RCurly.tokenTypeIdx!;
  const newline = T.Newline.tokenTypeIdx!;
  const semicolon = T.Semicolon.tokenTypeIdx!;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < count; i++) {
    const type = typeIdx(i);
    if (type === lCurly) depth++;
    else if (type === rCurly) depth = Math.max(0, depth - 1);
    else if (depth === 0 && i - start >= BATCH_TOKENS && (type === newline || type === semicolon)) {
      onBatch(start, i + 1);
      start = i + 1;
    }
  }
  if (start < count || count === 0) onBatch(start, count);
}

export type { IToken };
