// The tokens of Moneta (SPEC §2). The chevrotain lexer only sees the token types in LEXER_TOKENS; every
// word is lexed as one `Name` and then classified by `classifyWord` (keyword, currency or identifier). That
// is longer_alt by construction (`settle` is one word, so never `set` + `tle`) and costs one map lookup per
// word instead of one regular expression per keyword that shares the word's first letter.
import { createToken, Lexer, type TokenType } from '#chevrotain';

// ---- Categories -------------------------------------------------------------------------------------

/** Anything that may stand where an identifier stands: plain names and every contextual keyword. */
export const Identifier = createToken({ name: 'Identifier', pattern: Lexer.NA, label: 'a name' });
/** Every keyword, contextual or reserved (for highlighting). */
export const Keyword = createToken({ name: 'Keyword', pattern: Lexer.NA });
export const Terminator = createToken({ name: 'Terminator', pattern: Lexer.NA, label: 'end of statement' });
export const BinaryOp = createToken({ name: 'BinaryOp', pattern: Lexer.NA, label: 'an operator' });
export const PrefixOp = createToken({ name: 'PrefixOp', pattern: Lexer.NA, label: '`-` or `not`' });
export const DurationUnit = createToken({
  name: 'DurationUnit',
  pattern: Lexer.NA,
  label: 'days, weeks, months or years',
});
export const Frequency = createToken({ name: 'FrequencyWord', pattern: Lexer.NA, label: 'a frequency' });

// ---- Literals (order matters: a date before a number, a percent or bp before a plain number) ---------

// Shared with the Monaco tokens generator, so the editor highlights exactly what the lexer accepts.
export const NUMBER_CORE = '\\d[\\d_]*(?:\\.\\d[\\d_]*)?(?:[eE][+-]?\\d+)?';
export const WORD_END = '(?![A-Za-z0-9_])';
export const DATE_SOURCE = `\\d{4}-\\d{2}(?:-\\d{2})?${WORD_END}`;
export const PERCENT_SOURCE = `${NUMBER_CORE}%`;
export const BP_SOURCE = `${NUMBER_CORE}bp${WORD_END}`;
export const NUMBER_SOURCE = `${NUMBER_CORE}(?:(?:k|m|bn|tn)${WORD_END})?`;
export const NAME_SOURCE = '[A-Za-z_][A-Za-z0-9_]*';
export const STRING_SOURCE = '"(?:[^"\\\\\\n]|\\\\.)*"';
export const UNTERMINATED_STRING_SOURCE = '"(?:[^"\\\\\\n]|\\\\.)*';

// Start characters spare the lexer analysing each pattern at start-up (that analysis is most of its cost).
const DIGITS = '0123456789'.split('');
const NAME_START = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_'];

export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\r\f\v\u00a0\ufeff]+/,
  start_chars_hint: [' ', '\t', '\r', '\f', '\v', '\u00a0', '\ufeff'],
  group: Lexer.SKIPPED,
});
export const Comment = createToken({
  name: 'Comment',
  pattern: /#[^\n]*/,
  start_chars_hint: ['#'],
  group: 'comments',
});
export const Newline = createToken({
  name: 'Newline',
  pattern: /\n/,
  start_chars_hint: ['\n'],
  line_breaks: true,
  categories: [Terminator],
  label: 'a newline',
});
export const Semicolon = createToken({
  name: 'Semicolon',
  pattern: /;/,
  start_chars_hint: [';'],
  categories: [Terminator],
  label: '`;`',
});

export const StringLit = createToken({
  name: 'StringLit',
  pattern: new RegExp(STRING_SOURCE),
  start_chars_hint: ['"'],
  label: 'a string',
});
/** A string that runs to the end of its line. The parser accepts it as a string; the front end reports it. */
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: new RegExp(UNTERMINATED_STRING_SOURCE),
  start_chars_hint: ['"'],
  categories: [StringLit],
  label: 'a string',
});
export const DateLit = createToken({
  name: 'DateLit',
  pattern: new RegExp(DATE_SOURCE),
  start_chars_hint: DIGITS,
  label: 'a date (YYYY-MM-DD or YYYY-MM)',
});
export const PercentLit = createToken({
  name: 'PercentLit',
  pattern: new RegExp(PERCENT_SOURCE),
  start_chars_hint: DIGITS,
  label: 'a percentage',
});
export const BpLit = createToken({
  name: 'BpLit',
  pattern: new RegExp(BP_SOURCE),
  start_chars_hint: DIGITS,
  label: 'basis points',
});
export const NumberLit = createToken({
  name: 'NumberLit',
  pattern: new RegExp(NUMBER_SOURCE),
  start_chars_hint: DIGITS,
  label: 'a number',
});
/** Every word; `classifyWord` turns it into a keyword or a currency code where it is one. */
export const Name = createToken({
  name: 'Name',
  pattern: new RegExp(NAME_SOURCE),
  start_chars_hint: NAME_START,
  categories: [Identifier],
  label: 'a name',
});

// ---- Punctuation and operators ------------------------------------------------------------------------

export const LParen = createToken({ name: 'LParen', pattern: /\(/, start_chars_hint: ['('], label: '`(`' });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, start_chars_hint: [')'], label: '`)`' });
export const LCurly = createToken({ name: 'LCurly', pattern: /\{/, start_chars_hint: ['{'], label: '`{`' });
export const RCurly = createToken({ name: 'RCurly', pattern: /\}/, start_chars_hint: ['}'], label: '`}`' });
export const Comma = createToken({ name: 'Comma', pattern: /,/, start_chars_hint: [','], label: '`,`' });
export const DotDot = createToken({
  name: 'DotDot',
  pattern: /\.\./,
  start_chars_hint: ['.'],
  label: '`..`',
});
export const Dot = createToken({ name: 'Dot', pattern: /\./, start_chars_hint: ['.'], label: '`.`' });
export const Plus = createToken({
  name: 'Plus',
  pattern: /\+/,
  start_chars_hint: ['+'],
  categories: [BinaryOp],
  label: '`+`',
});
export const Minus = createToken({
  name: 'Minus',
  pattern: /-/,
  start_chars_hint: ['-'],
  categories: [BinaryOp, PrefixOp],
  label: '`-`',
});
export const Star = createToken({
  name: 'Star',
  pattern: /\*/,
  start_chars_hint: ['*'],
  categories: [BinaryOp],
  label: '`*`',
});
export const Slash = createToken({
  name: 'Slash',
  pattern: /\//,
  start_chars_hint: ['/'],
  categories: [BinaryOp],
  label: '`/`',
});
export const EqEq = createToken({
  name: 'EqEq',
  pattern: /==/,
  start_chars_hint: ['='],
  categories: [BinaryOp],
  label: '`==`',
});
export const NotEq = createToken({
  name: 'NotEq',
  pattern: /!=/,
  start_chars_hint: ['!'],
  categories: [BinaryOp],
  label: '`!=`',
});
export const LtEq = createToken({
  name: 'LtEq',
  pattern: /<=/,
  start_chars_hint: ['<'],
  categories: [BinaryOp],
  label: '`<=`',
});
export const GtEq = createToken({
  name: 'GtEq',
  pattern: />=/,
  start_chars_hint: ['>'],
  categories: [BinaryOp],
  label: '`>=`',
});
export const Lt = createToken({
  name: 'Lt',
  pattern: /</,
  start_chars_hint: ['<'],
  categories: [BinaryOp],
  label: '`<`',
});
export const Gt = createToken({
  name: 'Gt',
  pattern: />/,
  start_chars_hint: ['>'],
  categories: [BinaryOp],
  label: '`>`',
});
/** `=` both binds (`set x = …`) and compares (`expect x = 5`). */
export const Equals = createToken({
  name: 'Equals',
  pattern: /=/,
  start_chars_hint: ['='],
  categories: [BinaryOp],
  label: '`=`',
});

// ---- Words ------------------------------------------------------------------------------------------

/** The currency codes the language knows (SPEC §2); reserved words. Kept equal to catalogue.CURRENCIES by a test. */
export const CURRENCY_CODES = [
  'USD', 'EUR', 'GBP', 'JPY', 'CNY', 'TWD', 'CHF', 'CAD', 'AUD', 'NZD', 'SEK', 'NOK', 'DKK', 'KRW', 'INR', 'BRL',
  'MXN', 'HKD', 'SGD',
] as const; // prettier-ignore
export const CurrencyCode = createToken({
  name: 'CurrencyCode',
  pattern: Lexer.NA,
  categories: [Keyword],
  label: 'a currency code',
});

const pascal = (word: string): string =>
  word
    .split('_')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');

/** word → token type, for every keyword. */
const KEYWORD_BY_WORD = new Map<string, TokenType>();

function keyword(word: string, categories: TokenType[] = [], reserved = false): TokenType {
  const t = createToken({
    name: pascal(word),
    // The pattern documents the word (diagrams, Monarch); the lexer itself classifies whole words.
    pattern: new RegExp(word),
    longer_alt: Name,
    categories: reserved ? [Keyword, ...categories] : [Identifier, Keyword, ...categories],
    label: `\`${word}\``,
  });
  KEYWORD_BY_WORD.set(word, t);
  return t;
}

// Headers
export const Title = keyword('title');
export const Use = keyword('use');
export const Simulate = keyword('simulate');
export const From = keyword('from');
export const To = keyword('to');
export const Seed = keyword('seed');
export const Let = keyword('let');
export const Param = keyword('param');
export const In = keyword('in');
// Economy
export const Economy = keyword('economy');
export const Currency = keyword('currency');
export const Unit = keyword('unit');
export const CentralBank = keyword('central_bank');
export const Treasury = keyword('treasury');
export const Bank = keyword('bank');
export const Banks = keyword('banks');
export const Lender = keyword('lender');
export const Public = keyword('public');
export const Firm = keyword('firm');
export const With = keyword('with');
export const Maintenance = keyword('maintenance');
export const Lag = keyword('lag');
export const Sizes = keyword('sizes');
export const Lends = keyword('lends');
export const Yield = keyword('yield');
export const Maturity = keyword('maturity');
export const Ineligible = keyword('ineligible');
export const RrpAccess = keyword('rrp_access');
// Policy
export const Set = keyword('set');
export const ReserveRequirement = keyword('reserve_requirement');
export const On = keyword('on');
export const Up = keyword('up');
export const Above = keyword('above');
export const Remunerate = keyword('remunerate');
export const Required = keyword('required');
export const Excess = keyword('excess');
export const Reserves = keyword('reserves');
export const Rest = keyword('rest');
export const At = keyword('at');
// Operations
export const Buy = keyword('buy');
export const Sell = keyword('sell');
export const Hold = keyword('hold');
export const Runoff = keyword('runoff');
export const Cap = keyword('cap');
export const Lend = keyword('lend');
export const For = keyword('for');
export const Repay = keyword('repay');
export const Pay = keyword('pay');
export const Withdraw = keyword('withdraw');
export const Deposit = keyword('deposit');
export const Cash = keyword('cash');
export const By = keyword('by');
export const Offer = keyword('offer');
export const TermDeposits = keyword('term_deposits');
export const ReverseRepos = keyword('reverse_repos');
export const Unlimited = keyword('unlimited');
export const Issue = keyword('issue');
export const Redeem = keyword('redeem');
export const Spend = keyword('spend');
export const Tax = keyword('tax');
export const Sfp = keyword('sfp');
export const Post = keyword('post');
// Schedules and periods
export const Daily = keyword('daily', [Frequency]);
export const Weekly = keyword('weekly', [Frequency]);
export const Monthly = keyword('monthly', [Frequency]);
export const Quarterly = keyword('quarterly', [Frequency]);
export const Every = keyword('every');
export const Until = keyword('until');
export const Day = keyword('day', [DurationUnit]);
export const Days = keyword('days', [DurationUnit]);
export const Week = keyword('week', [DurationUnit]);
export const Weeks = keyword('weeks', [DurationUnit]);
export const Month = keyword('month', [DurationUnit]);
export const Months = keyword('months', [DurationUnit]);
export const Year = keyword('year', [DurationUnit]);
export const Years = keyword('years', [DurationUnit]);
export const BusinessDay = keyword('business_day');
export const Quarter = keyword('quarter');
// Control, checks, output
export const When = keyword('when');
export const Expect = keyword('expect');
export const Within = keyword('within');
export const End = keyword('end');
export const Always = keyword('always');
export const Report = keyword('report');
export const Show = keyword('show');
export const BalanceSheets = keyword('balance_sheets');
export const Of = keyword('of');
export const As = keyword('as');
// Reserved: logical operators are never names, so `not x` and `a and b` are never ambiguous.
export const And = keyword('and', [BinaryOp], true);
export const Or = keyword('or', [BinaryOp], true);
export const Not = keyword('not', [PrefixOp], true);

const CURRENCY_SET: ReadonlySet<string> = new globalThis.Set(CURRENCY_CODES);

/** The token type of a lexed word: a keyword, a currency code, or a plain name. */
export function classifyWord(word: string): TokenType {
  return KEYWORD_BY_WORD.get(word) ?? (CURRENCY_SET.has(word) ? CurrencyCode : Name);
}

/** Keyword words, in definition order. */
export const KEYWORDS: readonly string[] = [...KEYWORD_BY_WORD.keys()];
export const RESERVED_WORDS: readonly string[] = ['and', 'or', 'not', ...CURRENCY_CODES];

/** What the chevrotain Lexer matches, in priority order. */
export const LEXER_TOKENS: TokenType[] = [
  WhiteSpace,
  Comment,
  Newline,
  Semicolon,
  StringLit,
  UnterminatedString,
  DateLit,
  PercentLit,
  BpLit,
  NumberLit,
  Name,
  LParen,
  RParen,
  LCurly,
  RCurly,
  Comma,
  DotDot,
  Dot,
  Plus,
  Minus,
  Star,
  Slash,
  EqEq,
  NotEq,
  LtEq,
  GtEq,
  Lt,
  Gt,
  Equals,
];

/** Every token type the parser knows (the lexer's, the categories, the keywords and currency codes). */
export const ALL_TOKENS: TokenType[] = [
  Identifier,
  Keyword,
  Terminator,
  BinaryOp,
  PrefixOp,
  DurationUnit,
  Frequency,
  CurrencyCode,
  ...LEXER_TOKENS,
  ...KEYWORD_BY_WORD.values(),
];
