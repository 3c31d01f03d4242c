// Lexing: chevrotain's lexer, then one pass that classifies words and decides which newlines end a
// statement (none inside parentheses; one for a run of blank lines).
import { Lexer, type ILexingError, type IToken } from '#chevrotain';
import * as T from './tokens.js';

let lexerInstance: Lexer | undefined;

function lexer(): Lexer {
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
  const raw = lexer().tokenize(text);
  const tokens: IToken[] = [];
  const unterminatedStrings: IToken[] = [];
  let parenDepth = 0;
  let lastType = T.Newline; // a leading newline ends nothing
  for (const token of raw.tokens) {
    const type = token.tokenType;
    if (type === T.Name) {
      const kind = T.classifyWord(token.image);
      if (kind !== T.Name) {
        token.tokenType = kind;
        token.tokenTypeIdx = kind.tokenTypeIdx!;
      }
    } else if (type === T.Newline) {
      if (parenDepth > 0 || lastType === T.Newline) continue;
    } else if (type === T.LParen) {
      parenDepth++;
    } else if (type === T.RParen) {
      if (parenDepth > 0) parenDepth--;
    } else if (type === T.LCurly || type === T.RCurly) {
      // A parenthesis left open does not swallow the rest of the file's line structure.
      parenDepth = 0;
    } else if (type === T.UnterminatedString) {
      unterminatedStrings.push(token);
    }
    lastType = token.tokenType;
    tokens.push(token);
  }
  return { tokens, comments: raw.groups['comments'] ?? [], errors: raw.errors, unterminatedStrings };
}
