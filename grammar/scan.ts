// A hand-written scanner equivalent to chevrotain's Lexer over LEXER_TOKENS (tokens.ts), whose regular
// expressions remain the definition: same tokens (first matching pattern in LEXER_TOKENS order, never the
// longest), same `comments` group, same errors. Chevrotain tries a sticky regex per candidate pattern and
// builds every token object up front; reading char codes and keeping tokens as arrays until the parser
// wants them (`Tokens`) is what the front end's budget (SPEC §7) needs. A differential property test
// (tests/lang/scan.test.ts) holds the two together.
import type { ILexingError, IToken, TokenType } from '#chevrotain';
import * as T from './tokens.js';

/** What chevrotain's `Lexer.tokenize` returns, restricted to the one group Moneta has. */
export interface ScanOutput {
  tokens: IToken[];
  groups: { comments: IToken[] };
  errors: ILexingError[];
  /** Unterminated strings among `tokens` (only with `forParser`). */
  unterminatedStrings: IToken[];
}

// Character classes of the ASCII range; everything above is either one of two whitespace characters or
// matches nothing.
const SPACE = 1;
const DIGIT = 2;
const LETTER = 3; // and `_`
const CLASS = new Uint8Array(128);
for (const c of ' \t\r\f\v') CLASS[c.charCodeAt(0)] = SPACE;
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
for (let c = 65; c <= 90; c++) CLASS[c] = LETTER;
for (let c = 97; c <= 122; c++) CLASS[c] = LETTER;
CLASS[95] = LETTER;

const NBSP = 0xa0;
const BOM = 0xfeff;

// Char codes, named where the scanner tests them.
const NL = 10;
const CR = 13;
const QUOTE = 34;
const HASH = 35;
const PERCENT = 37;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const EQ = 61;
const LT = 60;
const GT = 62;
const BANG = 33;
const BACKSLASH = 92;
const UNDERSCORE = 95;
const LOWER_B = 98;
const LOWER_K = 107;
const LOWER_M = 109;
const LOWER_N = 110;
const LOWER_P = 112;
const LOWER_T = 116;
const LS = 0x2028;
const PS = 0x2029;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** `[A-Za-z0-9_]`: what WORD_END looks at. NaN (past the end) is no word character. */
const isWord = (c: number): boolean => c < 128 && CLASS[c] >= DIGIT;
const isSpace = (c: number): boolean => (c < 128 ? CLASS[c] === SPACE : c === NBSP || c === BOM);

// Token types by tokenTypeIdx, as the scanner works with them: comparing numbers rather than token type
// objects, whose shapes differ (categories, longer_alt), so that reading one's tokenTypeIdx per token was a
// polymorphic property load.
const IDX_BpLit = T.BpLit.tokenTypeIdx!;
const IDX_Comma = T.Comma.tokenTypeIdx!;
const IDX_Comment = T.Comment.tokenTypeIdx!;
const IDX_DateLit = T.DateLit.tokenTypeIdx!;
const IDX_Dot = T.Dot.tokenTypeIdx!;
const IDX_DotDot = T.DotDot.tokenTypeIdx!;
const IDX_EqEq = T.EqEq.tokenTypeIdx!;
const IDX_Equals = T.Equals.tokenTypeIdx!;
const IDX_Gt = T.Gt.tokenTypeIdx!;
const IDX_GtEq = T.GtEq.tokenTypeIdx!;
const IDX_LCurly = T.LCurly.tokenTypeIdx!;
const IDX_LParen = T.LParen.tokenTypeIdx!;
const IDX_Lt = T.Lt.tokenTypeIdx!;
const IDX_LtEq = T.LtEq.tokenTypeIdx!;
const IDX_Minus = T.Minus.tokenTypeIdx!;
const IDX_Name = T.Name.tokenTypeIdx!;
const IDX_Newline = T.Newline.tokenTypeIdx!;
const IDX_NotEq = T.NotEq.tokenTypeIdx!;
const IDX_NumberLit = T.NumberLit.tokenTypeIdx!;
const IDX_PercentLit = T.PercentLit.tokenTypeIdx!;
const IDX_Plus = T.Plus.tokenTypeIdx!;
const IDX_RCurly = T.RCurly.tokenTypeIdx!;
const IDX_RParen = T.RParen.tokenTypeIdx!;
const IDX_Semicolon = T.Semicolon.tokenTypeIdx!;
const IDX_Slash = T.Slash.tokenTypeIdx!;
const IDX_Star = T.Star.tokenTypeIdx!;
const IDX_StringLit = T.StringLit.tokenTypeIdx!;
const IDX_UnterminatedString = T.UnterminatedString.tokenTypeIdx!;
/** `matched` for whitespace, which makes no token. */
const NO_TOKEN = -1;

/** The tokenTypeIdx of the last successful `matchAt`; NO_TOKEN for whitespace. */
let matched = NO_TOKEN;
/** The hash (`wordHashOf`) of the word the last `matchAt` matched, when it matched a `Name`. */
let wordHash = 0;

/** The hash of a word as `matchAt` computes it while reading the word. */
function wordHashOf(word: string): number {
  let h = 0;
  for (let i = 0; i < word.length; i++) h = (Math.imul(h, 31) + word.charCodeAt(i)) | 0;
  return h;
}

// `classifyWord` without cutting the word out of the text: the words it does not call `Name` (keywords and
// currency codes), in an open-addressing table by hash, each compared with the text in place. Most words of a
// script are keywords, and a slice per word to look it up was a string to make, hash and drop.
const WORD_SLOTS = 1024;
const slotWord: (string | undefined)[] = new Array<string | undefined>(WORD_SLOTS);
const slotHash = new Int32Array(WORD_SLOTS);
const slotType = new Uint16Array(WORD_SLOTS);

function slotOf(h: number): number {
  return (h ^ (h >>> 10)) & (WORD_SLOTS - 1);
}

for (const word of [...T.KEYWORDS, ...T.RESERVED_WORDS]) {
  const type = T.classifyWord(word);
  if (type === T.Name) continue;
  const h = wordHashOf(word);
  let slot = slotOf(h);
  while (slotWord[slot] !== undefined && slotWord[slot] !== word) slot = (slot + 1) & (WORD_SLOTS - 1);
  slotWord[slot] = word;
  slotHash[slot] = h;
  slotType[slot] = type.tokenTypeIdx!;
}

/** The tokenTypeIdx of `classifyWord(text.slice(start, end))`, the word's hash being `h`. */
function classifyAt(text: string, start: number, end: number, h: number): number {
  const length = end - start;
  for (let slot = slotOf(h); ; slot = (slot + 1) & (WORD_SLOTS - 1)) {
    const word = slotWord[slot];
    if (word === undefined) return IDX_Name;
    if (slotHash[slot] === h && word.length === length && text.startsWith(word, start)) return slotType[slot];
  }
}

/** NUMBER_CORE from `i`, a digit: where it ends. */
function numberCoreEnd(text: string, i: number): number {
  let c = text.charCodeAt(++i);
  while (isDigit(c) || c === UNDERSCORE) c = text.charCodeAt(++i);
  if (c === DOT && isDigit(text.charCodeAt(i + 1))) {
    i += 2;
    c = text.charCodeAt(i);
    while (isDigit(c) || c === UNDERSCORE) c = text.charCodeAt(++i);
  }
  if (c === 101 /* e */ || c === 69 /* E */) {
    let j = i + 1;
    const s = text.charCodeAt(j);
    if (s === PLUS || s === MINUS) j++;
    if (isDigit(text.charCodeAt(j))) {
      j++;
      while (isDigit(text.charCodeAt(j))) j++;
      i = j;
    }
  }
  return i;
}

/** DATE_SOURCE from `i`, a digit: where it ends, or -1. */
function dateEnd(text: string, i: number): number {
  if (
    !isDigit(text.charCodeAt(i + 1)) ||
    !isDigit(text.charCodeAt(i + 2)) ||
    !isDigit(text.charCodeAt(i + 3)) ||
    text.charCodeAt(i + 4) !== MINUS ||
    !isDigit(text.charCodeAt(i + 5)) ||
    !isDigit(text.charCodeAt(i + 6))
  )
    return -1;
  // The regex tries the day first and falls back to the month when the day is not followed by a word end.
  if (
    text.charCodeAt(i + 7) === MINUS &&
    isDigit(text.charCodeAt(i + 8)) &&
    isDigit(text.charCodeAt(i + 9)) &&
    !isWord(text.charCodeAt(i + 10))
  )
    return i + 10;
  return isWord(text.charCodeAt(i + 7)) ? -1 : i + 7;
}

/** The first LEXER_TOKENS pattern that matches at `i` (its tokenTypeIdx in `matched`): where it ends, or -1. */
function matchAt(text: string, i: number, c: number): number {
  if (c < 128) {
    switch (CLASS[c]) {
      case LETTER: {
        let h = c;
        c = text.charCodeAt(++i);
        while (isWord(c)) {
          h = (Math.imul(h, 31) + c) | 0;
          c = text.charCodeAt(++i);
        }
        wordHash = h;
        matched = IDX_Name;
        return i;
      }
      case DIGIT: {
        const date = dateEnd(text, i);
        if (date >= 0) {
          matched = IDX_DateLit;
          return date;
        }
        const core = numberCoreEnd(text, i);
        const a = text.charCodeAt(core);
        if (a === PERCENT) {
          matched = IDX_PercentLit;
          return core + 1;
        }
        const b = text.charCodeAt(core + 1);
        if (a === LOWER_B && b === LOWER_P && !isWord(text.charCodeAt(core + 2))) {
          matched = IDX_BpLit;
          return core + 2;
        }
        matched = IDX_NumberLit;
        if ((a === LOWER_K || a === LOWER_M) && !isWord(b)) return core + 1;
        if ((a === LOWER_B || a === LOWER_T) && b === LOWER_N && !isWord(text.charCodeAt(core + 2)))
          return core + 2;
        return core;
      }
      case SPACE: {
        do c = text.charCodeAt(++i);
        while (isSpace(c));
        matched = NO_TOKEN;
        return i;
      }
    }
    switch (c) {
      case NL:
        matched = IDX_Newline;
        return i + 1;
      case 59: // ;
        matched = IDX_Semicolon;
        return i + 1;
      case HASH: {
        const nl = text.indexOf('\n', i);
        matched = IDX_Comment;
        return nl < 0 ? text.length : nl;
      }
      case QUOTE: {
        // `"(?:[^"\\\n]|\\.)*"`, else the same without the closing quote; `.` matches no line terminator.
        for (;;) {
          c = text.charCodeAt(++i);
          if (c === QUOTE) {
            matched = IDX_StringLit;
            return i + 1;
          }
          if (c === BACKSLASH) {
            const e = text.charCodeAt(i + 1);
            if (e !== e || e === NL || e === CR || e === LS || e === PS) break; // e !== e: past the end
            i++;
          } else if (c !== c || c === NL) break;
        }
        matched = IDX_UnterminatedString;
        return i;
      }
      case 40: // (
        matched = IDX_LParen;
        return i + 1;
      case 41: // )
        matched = IDX_RParen;
        return i + 1;
      case 123: // {
        matched = IDX_LCurly;
        return i + 1;
      case 125: // }
        matched = IDX_RCurly;
        return i + 1;
      case 44: // ,
        matched = IDX_Comma;
        return i + 1;
      case DOT:
        if (text.charCodeAt(i + 1) === DOT) {
          matched = IDX_DotDot;
          return i + 2;
        }
        matched = IDX_Dot;
        return i + 1;
      case PLUS:
        matched = IDX_Plus;
        return i + 1;
      case MINUS:
        matched = IDX_Minus;
        return i + 1;
      case 42: // *
        matched = IDX_Star;
        return i + 1;
      case 47: // /
        matched = IDX_Slash;
        return i + 1;
      case EQ:
        if (text.charCodeAt(i + 1) === EQ) {
          matched = IDX_EqEq;
          return i + 2;
        }
        matched = IDX_Equals;
        return i + 1;
      case BANG:
        if (text.charCodeAt(i + 1) === EQ) {
          matched = IDX_NotEq;
          return i + 2;
        }
        return -1;
      case LT:
        if (text.charCodeAt(i + 1) === EQ) {
          matched = IDX_LtEq;
          return i + 2;
        }
        matched = IDX_Lt;
        return i + 1;
      case GT:
        if (text.charCodeAt(i + 1) === EQ) {
          matched = IDX_GtEq;
          return i + 2;
        }
        matched = IDX_Gt;
        return i + 1;
    }
    return -1;
  }
  if (c === NBSP || c === BOM) {
    do c = text.charCodeAt(++i);
    while (isSpace(c));
    matched = NO_TOKEN;
    return i;
  }
  return -1;
}

/**
 * Tokens as parallel arrays instead of objects. A long script has a hundred thousand tokens; as objects they
 * all live until the parser is done, so every young-generation collection copies them and they end up in
 * old space as garbage. As arrays they cost nothing to the collector, and `tokenAt` makes the objects the
 * parser reads one batch at a time (grammar/index.ts), so those die young.
 */
export interface Tokens {
  text: string;
  count: number;
  /** tokenTypeIdx of each token (see `typeOf`). */
  types: Uint16Array;
  starts: Int32Array;
  /** Exclusive. */
  ends: Int32Array;
  lines: Int32Array;
  columns: Int32Array;
  comments: IToken[];
  errors: ILexingError[];
  /** Indices of unterminated strings (only with `forParser`). */
  unterminated: number[];
}

let typeByIdx: TokenType[] | undefined;

/** The token type of a tokenTypeIdx. */
export function typeOf(idx: number): TokenType {
  if (typeByIdx === undefined) {
    typeByIdx = [];
    for (const t of T.ALL_TOKENS) typeByIdx[t.tokenTypeIdx!] = t;
  }
  return typeByIdx[idx];
}

/** Token `i` as the object chevrotain would have made. */
export function tokenAt(tokens: Tokens, i: number): IToken {
  const start = tokens.starts[i];
  const end = tokens.ends[i];
  const column = tokens.columns[i];
  const line = tokens.lines[i];
  const idx = tokens.types[i];
  // Same fields in the same order as chevrotain's tokens, so both share one hidden class downstream.
  return {
    image: tokens.text.slice(start, end),
    startOffset: start,
    endOffset: end - 1,
    startLine: line,
    endLine: line,
    startColumn: column,
    endColumn: column + end - start - 1,
    tokenTypeIdx: idx,
    tokenType: typeOf(idx),
  };
}

/** Tokens [from, to) as objects. */
export function tokensAt(tokens: Tokens, from = 0, to = tokens.count): IToken[] {
  const out = new Array<IToken>(to - from);
  for (let i = from; i < to; i++) out[i - from] = tokenAt(tokens, i);
  return out;
}

/**
 * The arrays of a `Tokens` its user is done with (`releaseTokens`), for the next `scanTokens` to fill: a
 * typed array's buffer is memory outside the heap, slow to make and zero, and a script's modules and the
 * files of a corpus are scanned one after the other. Kept only up to a size, so that one long script does
 * not hold its arrays for the rest of the process.
 */
let spare: Pick<Tokens, 'types' | 'starts' | 'ends' | 'lines' | 'columns'> | undefined;
const MAX_SPARE_TOKENS = 1 << 16;

/** Gives back the arrays of `tokens`, which nothing may read afterwards. */
export function releaseTokens(tokens: Tokens): void {
  const size = tokens.types.length;
  if (size <= MAX_SPARE_TOKENS && (spare === undefined || spare.types.length < size)) {
    // The arrays only: not the text and comments they came with.
    const { types, starts, ends, lines, columns } = tokens;
    spare = { types, starts, ends, lines, columns };
  }
}

function grow(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/**
 * `text` tokenized exactly as `new Lexer(LEXER_TOKENS, { positionTracking: 'full', … }).tokenize(text)` does,
 * or, with `forParser`, already as `lex` hands it to the parser (see lex.ts): words classified, newlines that
 * end nothing dropped, unterminated strings listed. Doing that here spares a second pass over every token
 * and the allocation of tokens that would only be dropped.
 */
export function scanTokens(text: string, forParser: boolean): Tokens {
  const n = text.length;
  let capacity = (n >> 2) + 16;
  let types: Uint16Array;
  let starts: Int32Array;
  let ends: Int32Array;
  let lines: Int32Array;
  let columns: Int32Array;
  const reuse = spare;
  if (reuse !== undefined && reuse.types.length >= capacity) {
    // Not cleared: only the first `count` entries are ever read.
    spare = undefined;
    capacity = reuse.types.length;
    types = reuse.types;
    starts = reuse.starts;
    ends = reuse.ends;
    lines = reuse.lines;
    columns = reuse.columns;
  } else {
    types = new Uint16Array(capacity);
    starts = new Int32Array(capacity);
    ends = new Int32Array(capacity);
    lines = new Int32Array(capacity);
    columns = new Int32Array(capacity);
  }
  let count = 0;
  const comments: IToken[] = [];
  const errors: ILexingError[] = [];
  const unterminated: number[] = [];
  const NEWLINE = IDX_Newline;
  let offset = 0;
  let line = 1;
  let column = 1;
  let parenDepth = 0;
  let lastIdx = NEWLINE; // a leading newline ends nothing
  while (offset < n) {
    const end = matchAt(text, offset, text.charCodeAt(offset));
    if (end < 0) {
      // Chevrotain's recovery: drop characters until some pattern matches, and report them as one error.
      const start = offset;
      do offset++;
      while (offset < n && matchAt(text, offset, text.charCodeAt(offset)) < 0);
      const length = offset - start;
      errors.push({
        offset: start,
        line,
        column,
        length,
        message: `unexpected character: ->${text.charAt(start)}<- at offset: ${start}, skipped ${length} characters.`,
      });
      column += length;
      continue;
    }
    let idx = matched;
    if (idx === NO_TOKEN) {
      column += end - offset;
      offset = end;
      continue;
    }
    if (idx === IDX_Comment) {
      const image = text.slice(offset, end);
      comments.push({
        image,
        startOffset: offset,
        endOffset: end - 1,
        startLine: line,
        endLine: line,
        startColumn: column,
        endColumn: column + end - offset - 1,
        tokenTypeIdx: idx,
        tokenType: T.Comment,
      });
      column += end - offset;
      offset = end;
      continue;
    }
    let keep = true;
    if (forParser) {
      if (idx === IDX_Name) idx = classifyAt(text, offset, end, wordHash);
      else if (idx === NEWLINE) keep = parenDepth === 0 && lastIdx !== NEWLINE;
      else if (idx === IDX_LParen) parenDepth++;
      else if (idx === IDX_RParen) {
        if (parenDepth > 0) parenDepth--;
      } else if (idx === IDX_LCurly || idx === IDX_RCurly) {
        // A parenthesis left open does not swallow the rest of the file's line structure.
        parenDepth = 0;
      } else if (idx === IDX_UnterminatedString) unterminated.push(count);
    }
    if (keep) {
      if (count === capacity) {
        capacity *= 2;
        const t = new Uint16Array(capacity);
        t.set(types);
        types = t;
        starts = grow(starts, capacity);
        ends = grow(ends, capacity);
        lines = grow(lines, capacity);
        columns = grow(columns, capacity);
      }
      types[count] = idx;
      starts[count] = offset;
      ends[count] = end;
      lines[count] = line;
      columns[count] = column;
      count++;
      lastIdx = idx;
    }
    if (idx === NEWLINE) {
      line++;
      column = 1;
    } else column += end - offset;
    offset = end;
  }
  return { text, count, types, starts, ends, lines, columns, comments, errors, unterminated };
}

/** `text` tokenized exactly as chevrotain's Lexer over LEXER_TOKENS does (see `scanTokens`). */
export function scan(text: string, forParser = false): ScanOutput {
  const t = scanTokens(text, forParser);
  return {
    tokens: tokensAt(t),
    groups: { comments: t.comments },
    errors: t.errors,
    unterminatedStrings: t.unterminated.map((i) => tokenAt(t, i)),
  };
}
