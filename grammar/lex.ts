// Lexing: the hand-written scanner (scan.ts), which also classifies words and decides which newlines end a
// statement (none inside parentheses; one for a run of blank lines).
import { Lexer, type ILexingError, type IToken } from '#chevrotain';
import { scanTokens, tokenAt, tokensAt, type Tokens } from './scan.js';

export { releaseTokens } from './scan.js';
import * as T from './tokens.js';

let lexerInstance: Lexer | undefined;

/**
 * Chevrotain's lexer over LEXER_TOKENS: the reference the scanner is tested against (tests/lang/scan.test.ts).
 * `lex` does not use it; building it costs start-up time and tokenizing with it is several times slower.
 */
export function chevrotainLexer(): Lexer {
  lexerInstance ??= new Lexer(T.LEXER_TOKENS, {
    positionTracking: 'full',
    lineTerminatorsPattern: /\n/g,
    lineTerminatorCharacters: ['\n'],
    ensureOptimizations: true,
    skipValidations: true,
  });
  return lexerInstance;
}

export interface LexOutput {
  /** What the parser reads. */
  tokens: IToken[];
  /** `# …` comments, in order (the formatter keeps them). */
  comments: IToken[];
  /** Characters no token matches. */
  errors: ILexingError[];
  /** Strings without their closing quote, reported at the opening one. */
  unterminatedStrings: IToken[];
}

export function lex(text: string): LexOutput {
  const t = lexTokens(text);
  return {
    tokens: tokensAt(t),
    comments: t.comments,
    errors: t.errors,
    unterminatedStrings: t.unterminated.map((i) => tokenAt(t, i)),
  };
}

/** What `lex` returns, as arrays rather than token objects (see scan.ts). */
export function lexTokens(text: string): Tokens {
  return scanTokens(text, true);
}
