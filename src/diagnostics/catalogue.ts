// Every diagnostic Moneta can report, with a stable code. Ranges: MON1xxx syntax, MON2xxx names, MON3xxx
// types and units, MON4xxx dates, schedules, rules and the economy, MON7xxx run time (owned by
// src/interpret, merged from runtime.ts), MON9xxx faults of Moneta itself. Codes are never reused.
import type { Span } from '../plan/types.js';
import { RUNTIME_CODES, type CodeEntry } from './runtime.js';
import type { Diagnostic, Severity } from './types.js';

export interface CatalogueEntry extends CodeEntry {
  severity: Severity;
  /** Message template; `{name}` placeholders are filled from the diagnostic's arguments. */
  message: string;
  /** Hint template, used when the reporter gives no more specific hint. */
  hint?: string;
}

/** A small valid economy the examples build on (ECONOMY), and a script with it (TINY). */
const ECONOMY = `economy tiny {
  currency USD
  unit 1m USD
  central_bank Fed {
    treasuries 100bn
  }
  bank A {
    reserves 100bn
    loans 900bn
    deposits 1tn
  }
  public Public
}
`;
const TINY = `${ECONOMY}simulate from 2010-01-01 to 2010-12-31
`;

const FRONT_END: CatalogueEntry[] = [
  // ---- Syntax ---------------------------------------------------------------------------------------------
  {
    code: 'MON1001',
    severity: 'error',
    title: 'unexpected character',
    message: 'unexpected character {text}',
    hint: 'Moneta uses letters, digits, `_`, quotes and the operators + - * / ( ) , . = == != < <= > >= { } ;',
    explanation:
      'The lexer found characters that start no token of the language. Comments start with `#`; strings are written in double quotes; percentages are written `0.25%` and basis points `35bp`.',
    example: `${TINY}set target = 1% $\n`,
  },
  {
    code: 'MON1002',
    severity: 'error',
    title: 'unterminated string',
    message: 'this string has no closing quote',
    hint: 'close it with `"` on the same line (write `\\"` for a quote inside a string)',
    explanation:
      'A string starts with `"` and must end with `"` on the same line. The diagnostic points at the opening quote.',
    example: 'title "Reserve ratio cut\n',
  },
  {
    code: 'MON1003',
    severity: 'error',
    title: 'syntax error',
    message: '{detail}',
    explanation:
      'The statement does not follow the grammar (docs/language.md lists every statement). The parser skips to the end of the line and carries on, so the other statements are still checked.',
    example: `${ECONOMY}simulate from 2010-01-01 2010-12-31\n`,
  },
  {
    code: 'MON1004',
    severity: 'error',
    title: 'unclosed block',
    message: 'this `{` is never closed',
    hint: 'add a `}` after the last statement of the block',
    explanation:
      'Every `{` (economy, holdings, blocks of `on`, `when` and `every`, `remunerate`, `reserve_requirement`, `post`) needs its `}`. The diagnostic points at the opening brace.',
    example: `${TINY}on 2010-03-01 {\n  set target = 1%\n`,
  },
  {
    code: 'MON1005',
    severity: 'error',
    title: 'unclosed parenthesis',
    message: 'this `(` is never closed',
    hint: 'add the matching `)`',
    explanation:
      'A `(` needs its `)` before the end of the statement. Inside parentheses a newline does not end the statement, so an unclosed one runs on to the next `{` or `}` or the end of the file.',
    example: `${TINY}expect (reserves > 1bn USD at end\n`,
  },
  {
    code: 'MON1006',
    severity: 'error',
    title: 'unknown statement',
    message: '`{word}` does not start a statement',
    explanation:
      'Each statement starts with a keyword: title, use, simulate, seed, let, param, economy, set, reserve_requirement, remunerate, buy, sell, hold, runoff, lend, repay, pay, withdraw, deposit, offer, treasury, post, on, when, every, expect, report or show (inside an economy: currency, unit, central_bank, treasury, bank, banks, lender, public, firm, maintenance).',
    example: `${TINY}sel treasuries 5bn USD\n`,
  },
  {
    code: 'MON1007',
    severity: 'error',
    title: 'magnitude apart from its number',
    message: 'the magnitude `{suffix}` must touch its number',
    hint: 'write `{fixed}`',
    explanation:
      'The magnitude suffixes k (10^3), m (10^6), bn (10^9) and tn (10^12) are part of the number and are written without a space: `75bn USD`, `10.7m`.',
    example: `${TINY}buy treasuries 10 bn USD\n`,
  },
  {
    code: 'MON1008',
    severity: 'error',
    title: 'statement not allowed here',
    message: '{what} is not allowed {where}',
    explanation:
      'Headers (`title`, `use`, `simulate`, `seed`, `let`, `param`, `economy`) and outputs (`report`, `show`) belong at the top level of a script. Expectations may stand in an `on DATE` block (they are checked at the end of that day) but not in `when` or `every` blocks.',
    example: `${TINY}on 2010-03-01 {\n  report reserves\n}\n`,
  },
  {
    code: 'MON1009',
    severity: 'error',
    title: 'chained comparison',
    message: 'comparisons cannot be chained',
    hint: 'write two comparisons joined by `and`: `a < b and b < c`',
    explanation: 'A comparison compares two values; `a < b < c` has no meaning in Moneta.',
    example: `${TINY}expect 0% < overnight_rate < 1% always\n`,
  },

  {
    code: 'MON1010',
    severity: 'error',
    title: 'input beyond the limits',
    message: '{detail}',
    hint: 'split the expression with `let` constants, or the script into modules',
    explanation:
      'The front end refuses input it cannot process safely: a source file of more than 4,000,000 characters, parentheses, braces and prefix operators nested more than 200 deep, or a statement with more than 500 operators. Nothing of the file is checked.',
    example: `${TINY}expect ${'('.repeat(201)}1${')'.repeat(201)} > 0 at end\n`,
  },

  // ---- Names ----------------------------------------------------------------------------------------------
  {
    code: 'MON2001',
    severity: 'error',
    title: 'unknown asset',
    message: 'unknown asset `{name}`',
    hint: 'the assets are treasuries (govt_bonds, gilts, jgbs), bills, agency_debt, mbs, corporate_bonds and etfs',
    explanation:
      'Operations on securities (`buy`, `sell`, `hold`, `runoff`) and security parameters (`yield`, `maturity`) name an asset of the catalogue: treasuries (aliases govt_bonds, gilts, jgbs), bills, agency_debt, mbs, corporate_bonds, etfs.',
    example: `${TINY}buy treasurys 10bn USD\n`,
  },
  {
    code: 'MON2002',
    severity: 'error',
    title: 'unknown instrument',
    message: 'unknown instrument `{name}`',
    hint: 'instruments are the assets and reserves, vault_cash, currency, deposits, time_deposits, loans, capital, tga, sfp, term_deposits, reverse_repos',
    explanation:
      "An agent's holdings and `<agent>.<instrument>` series name instruments of the catalogue: the assets plus reserves, vault_cash, currency, deposits, time_deposits, loans, capital, tga, sfp, term_deposits and reverse_repos.",
    example: 'economy tiny {\n  currency USD\n  central_bank Fed\n  bank A {\n    reservs 10\n  }\n}\n',
  },
  {
    code: 'MON2003',
    severity: 'error',
    title: 'unknown name',
    message: 'unknown name `{name}`',
    explanation:
      "A name in an expression must be a series (reserves, deposits, multiplier, overnight_rate …), a policy setting (target, ioer, discount_rate …), a `let` constant, a `param`, an agent's holding (`A.reserves`), a central-bank series (`cb.assets`) or, after `set` of an enumerated setting, one of its values.",
    example: `${TINY}expect reservs > 1bn USD at end\n`,
  },
  {
    code: 'MON2004',
    severity: 'error',
    title: 'unknown agent',
    message: 'no agent is named `{name}`',
    explanation:
      'Counterparties (`from`, `to`, `by`), `lends`, `banks with`, `show … of` and `<agent>.<instrument>` name an agent declared in the economy, or one of the sectors `banks`, `public` and `dealers` where a counterparty is expected.',
    example: `${TINY}pay 10 from Alice to A\n`,
  },
  {
    code: 'MON2005',
    severity: 'error',
    title: 'unknown setting',
    message: '`{name}` cannot be set',
    explanation:
      '`set` installs a rule for a policy setting: rates target, iorr, ioer, iorb, discount_rate, deposit_rate, lending_rate, mro, bank_rate, rrp_rate, penalty_rate; ratios reserve_ratio, cash_ratio, excess_ratio, ineligible_share, arbitrage_share; money payment_shock; yields yield.<asset>; and the choices framework, lending and interbank.',
    example: `${TINY}set ioerr = 0.25%\n`,
  },
  {
    code: 'MON2006',
    severity: 'error',
    title: 'unknown function',
    message: 'unknown function `{name}`',
    hint: 'the functions are min, max, avg, sum, abs, at and data',
    explanation:
      'Moneta knows the functions min, max (plain or over a window), avg and sum (over a window), abs, at(x, DATE) and data("path").',
    example: `${TINY}set ioer = mean(target, month)\n`,
  },
  {
    code: 'MON2007',
    severity: 'error',
    title: 'duplicate definition',
    message: '`{name}` is already defined',
    explanation:
      'Agents, `let` constants, `param`s and economies each need a distinct name; the diagnostic points at the second definition and relates the first.',
    example:
      'economy tiny {\n  currency USD\n  central_bank Fed\n  bank A\n  bank A\n}\nsimulate from 2010-01-01 to 2010-12-31\n',
  },
  {
    code: 'MON2008',
    severity: 'error',
    title: 'module not found',
    message: 'cannot find module {name}',
    explanation:
      '`use NAME` loads stdlib/NAME.mon or stdlib/economies/NAME.mon (a dotted name such as fed.ior_2008 is a path: stdlib/fed/ior_2008.mon); `use "file.mon"` loads a file relative to the script.',
    example: 'use "./no_such_economy.mon"\nsimulate from 2010-01-01 to 2010-12-31\n',
  },
  {
    code: 'MON2009',
    severity: 'error',
    title: 'circular use',
    message: '{name} uses itself (through {chain})',
    explanation:
      'Modules included with `use` may not include, directly or through others, the script that uses them.',
    example: 'use "./example.mon"\n',
  },
  {
    code: 'MON2010',
    severity: 'error',
    title: 'unknown choice',
    message: '`{value}` is not a value of `{name}`',
    explanation:
      'Enumerated settings take one of their values: framework = corridor | floor; lending = textbook | endogenous | off; interbank = open | frozen.',
    example: `${TINY}set framework = corridr\n`,
  },
  {
    code: 'MON2011',
    severity: 'error',
    title: 'unknown window',
    message: '`{name}` is not a window',
    hint: 'windows are maintenance_period, week, month, quarter, year or a number of days (`14 days`)',
    explanation:
      'Window functions (`avg(x, maintenance_period)`, `min(x, month)`, `sum(x, 14 days)`) aggregate a series from the start of the window to today.',
    example: `${TINY}set ioer = avg(target, fortnight)\n`,
  },
  {
    code: 'MON2012',
    severity: 'error',
    title: 'no economy',
    message: 'this script has {what} but no economy',
    hint: 'declare one with `economy NAME { … }` or load one with `use NAME`',
    explanation:
      'Operations, holdings and money need an economy: its currency gives bare numbers their unit and its agents are the counterparties.',
    example: 'simulate from 2010-01-01 to 2010-12-31\nbuy treasuries 10bn USD\n',
  },
  {
    code: 'MON2013',
    severity: 'error',
    title: 'wrong kind of agent',
    message: '{detail}',
    explanation:
      'Some places need a particular kind of agent: a firm banks with a bank; `lends` names another agent; a bank lends (`lend X from BANK to …`).',
    example:
      'economy tiny {\n  currency USD\n  central_bank Fed\n  public Public\n  firm X banks with Public\n}\nsimulate from 2010-01-01 to 2010-12-31\n',
  },

  {
    code: 'MON2014',
    severity: 'error',
    title: 'no reserve requirement on this instrument',
    message: 'a reserve requirement applies to `deposits` or `time_deposits`, not `{name}`',
    hint: 'write `reserve_requirement { … }` (deposits) or `reserve_requirement on time_deposits { … }`',
    explanation:
      "Reserve requirements are a share of banks' deposit liabilities: demand deposits (the default) or time deposits. The two add up to a bank's requirement.",
    example:
      'economy tiny {\n  currency USD\n  central_bank Fed\n  public Public\n}\nsimulate from 2010-01-01 to 2010-12-31\nreserve_requirement on treasuries { 10% above }\n',
  },

  // ---- Types and units ------------------------------------------------------------------------------------
  {
    code: 'MON3001',
    severity: 'error',
    title: 'type mismatch',
    message: '{detail}',
    explanation:
      'Moneta checks units before anything runs: Money ± Money (same currency), Rate ± Rate, Money × Ratio or Number → Money, Money / Money → Ratio, Rate × Number → Rate; comparisons need equal types, a bare number standing for a Ratio. Adding money and a rate has no meaning.',
    example: `${TINY}expect reserves > 10bn USD + 5bp at end\n`,
  },
  {
    code: 'MON3002',
    severity: 'error',
    title: 'currency mismatch',
    message: '{detail}',
    explanation:
      "Money carries its currency. Amounts of operations must be in the economy's currency, and money is added to, subtracted from and compared with money of the same currency only.",
    example: `${TINY}buy treasuries 10bn EUR\n`,
  },
  {
    code: 'MON3003',
    severity: 'error',
    title: 'number used as money',
    message: 'a bare number cannot be {op} money',
    hint: 'add a currency: `{fixed}`',
    explanation:
      "In an operation's amount slot a bare number means the economy's currency (`lend 40 to B`), but in arithmetic and comparisons with money a number must say its currency: `reserves > 10bn USD`.",
    example: `${TINY}expect reserves > 10bn at end\n`,
  },
  {
    code: 'MON3004',
    severity: 'error',
    title: 'target range used as a point',
    message: '`{name}` is a range here ({since})',
    hint: 'use target.low, target.high or target.mid',
    explanation:
      '`set target = 0% to 0.25%` makes the target a range. Where a single rate is needed — arithmetic, comparisons, window functions — say which: target.low, target.high or target.mid. Rules in force when the target becomes a range are checked too.',
    example: `${TINY}set target = 0% to 0.25%\nset ioer = target - 35bp\n`,
  },
  {
    code: 'MON3005',
    severity: 'error',
    title: 'wrong type',
    message: '{detail}',
    explanation:
      'Each setting and slot has a type: rates (`0.25%`, `35bp`) for rates, ratios (`10%`, `0.1`) for ratios, money for amounts and levels, a date for `at(x, DATE)`.',
    example: `${TINY}set ioer = 5bn USD\n`,
  },
  {
    code: 'MON3006',
    severity: 'error',
    title: 'amount not positive',
    message: 'the amount of `{op}` must be positive, not {value}',
    hint: 'to reverse an operation use its opposite (buy/sell, issue/redeem, withdraw/deposit)',
    explanation:
      'The amounts of buy, sell, lend, pay, repay, withdraw, deposit, offer and treasury operations must be greater than zero; the direction is given by the operation, not by the sign.',
    example: `${TINY}buy treasuries -5bn USD\n`,
  },
  {
    code: 'MON3007',
    severity: 'error',
    title: 'literal out of range',
    message: '{detail}',
    explanation:
      "Amounts are integers of the economy's accounting unit, exact up to 2^53 units; rates and ratios are exact on a grid of 10^-8. A literal beyond that range (or not finite at all) cannot be represented. Declare a larger unit (`unit 1m USD`) for aggregates.",
    example:
      'economy tiny {\n  currency USD\n  unit 0.01 USD\n  central_bank Fed\n  bank A\n}\nsimulate from 2010-01-01 to 2010-12-31\nbuy treasuries 100tn USD\n',
  },
  {
    code: 'MON3008',
    severity: 'error',
    title: 'missing amount',
    message: '`{op}` needs an amount',
    hint: 'write the amount here, e.g. `{example}`',
    explanation:
      'Operations that move money say how much: `buy treasuries 10bn USD monthly`, `lend 40 to B`, `pay 60 from X to Y`. A bare number means the economy’s currency.',
    example: `${TINY}buy treasuries monthly until 2010-06\n`,
  },
  {
    code: 'MON3009',
    severity: 'error',
    title: 'not a condition',
    message: '{detail}',
    hint: 'compare it with something: `reserves > 10bn USD`',
    explanation:
      '`expect`, `when`, `and`, `or` and `not` need a condition (true or false), usually a comparison.',
    example: `${TINY}expect reserves at end\n`,
  },
  {
    code: 'MON3010',
    severity: 'error',
    title: 'tolerance of the wrong type',
    message: '{detail}',
    explanation:
      'A `%` tolerance is relative (`within 0.01%`); any other tolerance is absolute and has the type of the compared values: money (`within 2bn USD`), a rate (`within 5bp`) or a number.',
    example: `${TINY}expect reserves = 100bn USD within 5bp at end\n`,
  },
  {
    code: 'MON3011',
    severity: 'error',
    title: 'bad arguments',
    message: '{detail}',
    explanation:
      'min and max take one or more values of one type, or a series and a window; avg and sum a series and a window; abs one value; at a series and a date; data a string.',
    example: `${TINY}expect at(reserves) > 0 USD at end\n`,
  },
  {
    code: 'MON3012',
    severity: 'error',
    title: 'not a constant',
    message: '{detail}',
    explanation:
      'Opening holdings, the accounting unit, `param` values and their ranges are fixed before the simulation starts, so they must be constants: literals, `let` constants and arithmetic on them.',
    example:
      'economy tiny {\n  currency USD\n  central_bank Fed\n  bank A {\n    reserves cb.assets\n  }\n}\n',
  },
  {
    code: 'MON3013',
    severity: 'warning',
    title: 'amount rounded to the accounting unit',
    message: '{value} is not a whole number of accounting units ({unit}); it is rounded to {rounded}',
    explanation:
      "Ledger amounts are integers of the economy's accounting unit. An opening holding that is not a whole number of units is rounded half-to-even.",
    example:
      'economy tiny {\n  currency USD\n  unit 1m USD\n  central_bank Fed\n  public Public {\n    currency 1.5 USD\n  }\n}\nsimulate from 2010-01-01 to 2010-12-31\n',
  },
  {
    code: 'MON3014',
    severity: 'error',
    title: 'range not allowed',
    message: '{detail}',
    explanation:
      'Only the target may be a range (`set target = 0% to 0.25%`); other settings hold one value. A range needs its low end first.',
    example: `${TINY}set ioer = 0% to 0.25%\n`,
  },
  {
    code: 'MON3015',
    severity: 'error',
    title: 'invalid duration',
    message: '{detail}',
    explanation:
      'Durations and counts are whole positive numbers with a unit: `28 days`, `2 weeks`, `6 months`, `1 year`. Some places take only some units (a maintenance lag is in days or weeks; `every` counts days, weeks or months).',
    example: `${TINY}lend 10 to A for 0 days\n`,
  },

  // ---- Dates, schedules, rules, the economy ----------------------------------------------------------------
  {
    code: 'MON4001',
    severity: 'error',
    title: 'no such date',
    message: '`{raw}` is not a date: {reason}',
    explanation: 'Dates are real calendar days `YYYY-MM-DD` or months `YYYY-MM`.',
    example: `${TINY}on 2010-13-01 set target = 1%\n`,
  },
  {
    code: 'MON4002',
    severity: 'error',
    title: 'simulation ends before it starts',
    message: 'the simulation ends ({to}) before it starts ({from})',
    hint: 'swap the dates: `simulate from {to} to {from}`',
    explanation: '`simulate from A to B` needs A on or before B (a month as `to` means its last day).',
    example: `${ECONOMY}simulate from 2010-12-31 to 2010-01-01\n`,
  },
  {
    code: 'MON4003',
    severity: 'error',
    title: 'schedule ends before it starts',
    message: 'this schedule ends ({end}) before it starts ({start})',
    explanation:
      "A schedule's `until` (or `by`) date must not come before its start (its `from`, the `on` date around it, or the start of the simulation). The later-written date is reported.",
    example: `${TINY}buy treasuries 40bn USD monthly from 2010-10 until 2010-09\n`,
  },
  {
    code: 'MON4004',
    severity: 'error',
    title: 'rule cycle',
    message: '{detail}',
    hint: 'one of these rules must not refer back to the others',
    explanation:
      '`set x = expr` is a rule evaluated every day; rules may use each other but not in a circle, or no order of evaluation exists. Every rule in the cycle is reported.',
    example: `${TINY}set iorr = ioer - 10bp\nset ioer = iorr + 10bp\n`,
  },
  {
    code: 'MON4005',
    severity: 'error',
    title: 'economy without currency',
    message: 'economy `{name}` has no currency',
    hint: 'add `currency USD` (or another ISO code) to the economy',
    explanation:
      "An economy must declare its currency; it is the unit of every amount and of bare numbers in operations' amount slots.",
    example: 'economy tiny {\n  central_bank Fed\n  bank A\n}\n',
  },
  {
    code: 'MON4006',
    severity: 'error',
    title: 'unbalanced agent',
    message: '{detail}',
    explanation:
      "Every agent balances: assets = liabilities + equity. Equity is the residual where `capital` is not declared; a declared capital that leaves the agent unbalanced is an error naming the gap. A claim `lends B 40` is an asset of the lender and a liability of B. The central bank's assets must equal its liabilities — the reserves, vault cash and currency held by others, the treasury's accounts — plus any declared capital.",
    example:
      'economy broken {\n  currency USD\n  unit 1 USD\n  central_bank CB {\n    treasuries 20\n  }\n  bank A {\n    reserves 20\n    loans 50\n    deposits 100\n    capital 10\n  }\n}\n',
  },
  {
    code: 'MON4007',
    severity: 'error',
    title: 'no simulation period',
    message: 'this script has {what} but no `simulate` period',
    hint: 'add `simulate from YYYY-MM-DD to YYYY-MM-DD`',
    explanation:
      'A script with operations, rules, expectations or reports runs over a period given by `simulate from … to …`. A file without one is a module: `moneta check` checks it as such (a module of rules is fine), but it has no plan of its own, so `moneta plan` and `moneta run` report this.',
    example: `economy tiny {\n  currency USD\n  central_bank Fed\n}\nexpect reserves = 0 USD at end\n`,
  },
  {
    code: 'MON4008',
    severity: 'error',
    title: 'declared twice',
    message: '{what} is declared twice',
    explanation:
      'A script has at most one title, simulate, seed and economy; an economy has one currency, one unit and one maintenance schedule.',
    example: `${TINY}simulate from 2011-01-01 to 2011-12-31\n`,
  },
  {
    code: 'MON4009',
    severity: 'warning',
    title: 'date outside the simulation',
    message: '{raw} is outside the simulated period ({from} to {to})',
    explanation: 'Nothing happens on days that are not simulated, so this statement never takes effect.',
    example: `${TINY}on 2012-01-02 set target = 1%\n`,
  },
  {
    code: 'MON4010',
    severity: 'error',
    title: 'economy agents',
    message: '{detail}',
    explanation:
      'An economy has exactly one central bank, at most one treasury and at most one public; a group of banks has a positive whole number of banks.',
    example: 'economy tiny {\n  currency USD\n  bank A\n}\n',
  },
  {
    code: 'MON4011',
    severity: 'error',
    title: 'unbalanced posting',
    message: '{detail}',
    explanation:
      "The entries of a `post` block are double-entry: each agent's entries net to zero (assets = liabilities + equity) and every claim has its counterpart (a reserve asset of a bank is a liability of the central bank, a deposit a liability of a bank …). Amounts that are constants are checked before the run.",
    example: `${TINY}post {\n  A.reserves + 10\n}\n`,
  },
  {
    code: 'MON4012',
    severity: 'error',
    title: 'invalid accounting unit',
    message: '{detail}',
    explanation:
      "`unit` gives the economy's accounting unit: a positive amount of its currency (`unit 0.01 USD`, `unit 1m USD`). Ledger amounts are whole numbers of it.",
    example: 'economy tiny {\n  currency USD\n  unit 1 EUR\n  central_bank Fed\n}\n',
  },
  {
    code: 'MON4013',
    severity: 'error',
    title: 'definition cycle',
    message: '`{name}` is defined in terms of itself ({cycle})',
    explanation: '`let` constants and `param`s may use each other, but not in a circle.',
    example: `${TINY}let a = b + 1bn USD\nlet b = a\n`,
  },
  {
    code: 'MON4014',
    severity: 'error',
    title: 'invalid parameter range',
    message: '{detail}',
    explanation: '`param x = v in lo .. hi` needs lo ≤ v ≤ hi, all of one type.',
    example: `${TINY}param cut = 5% in 0% .. 2%\n`,
  },
  {
    code: 'MON4015',
    severity: 'info',
    title: 'nothing to plan',
    message:
      'this script has no `simulate` period, so there is no plan to run (it can still be used as a module)',
    explanation:
      'A file that only declares an economy or constants is a module for `use`; it checks cleanly but has no plan of its own.',
    example: 'economy tiny {\n  currency USD\n  central_bank Fed\n}\n',
  },

  // ---- Faults -------------------------------------------------------------------------------------------------
  {
    code: 'MON9001',
    severity: 'error',
    title: 'internal error',
    message: 'internal error in the {stage}: {detail}',
    hint: 'this is a bug in Moneta; please report it with the script',
    explanation:
      'Moneta met a fault of its own while processing the script. The input is not to blame; the message names the stage that failed.',
  },
];

const RUNTIME: CatalogueEntry[] = RUNTIME_CODES.map((e) => ({ ...e, severity: 'error', message: e.title }));

export const CATALOGUE: readonly CatalogueEntry[] = [...FRONT_END, ...RUNTIME];

const BY_CODE = new Map(CATALOGUE.map((e) => [e.code, e]));

export function entry(code: string): CatalogueEntry | undefined {
  return BY_CODE.get(code);
}

export type Args = Readonly<Record<string, string | number>>;

export function fill(template: string, args: Args): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in args ? String(args[key]) : m));
}

/** A diagnostic of a catalogued code: message (and default hint) from the templates. */
export function diagnostic(
  code: string,
  span: Span,
  args: Args = {},
  extra: { hint?: string; related?: Diagnostic['related'] } = {},
): Diagnostic {
  const e = BY_CODE.get(code);
  const d: Diagnostic = {
    code,
    severity: e?.severity ?? 'error',
    message: fill(e?.message ?? code, args),
    span,
  };
  const hint = extra.hint ?? (e?.hint !== undefined ? fill(e.hint, args) : undefined);
  if (hint !== undefined) d.hint = hint;
  if (extra.related !== undefined && extra.related.length > 0) d.related = extra.related;
  return d;
}
