// The grammar's public face: lex and parse source text to a CST. Pure syntax; knows nothing of meaning.
import type { CstNode, ILexingError, IRecognitionException, IToken } from '#chevrotain';
import { lex, type LexOutput } from './lex.js';
import { parserInstance } from './parser.js';
import * as T from './tokens.js';

export { lex, type LexOutput } from './lex.js';
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
  let depth = 0;
  let start = 0;
  const flush = (end: number): void => {
    parser.input = start === 0 && end === tokens.length ? tokens : tokens.slice(start, end);
    onBatch(parser.program());
    for (const e of parser.errors) parseErrors.push(e);
    start = end;
  };
  for (let i = 0; i < tokens.length; i++) {
    const type = tokens[i].tokenType;
    if (type === T.LCurly) depth++;
    else if (type === T.RCurly) depth = Math.max(0, depth - 1);
    else if (depth === 0 && i - start >= BATCH_TOKENS && (type === T.Newline || type === T.Semicolon))
      flush(i + 1);
  }
  if (start < tokens.length || tokens.length === 0) flush(tokens.length);
  return parseErrors;
}

export type { IToken };
