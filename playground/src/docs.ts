// Hover and completion documentation: what each series, settable name, keyword and instrument means, with
// its unit. Types come from the library's catalogue (public API); the prose lives here.
import { catalogue } from './api';

export type Unit =
  'money' | 'rate' | 'ratio' | 'number' | 'enum' | 'date' | 'duration' | 'bool' | 'string' | 'range';

/** How a value of this type is displayed (money in the economy's currency, rates in % per year). */
export function unitText(t: string, currency = 'the economy’s currency'): string {
  switch (t) {
    case 'money':
      return `money (${currency})`;
    case 'rate':
      return 'rate (% per year)';
    case 'ratio':
      return 'ratio (a plain number, or a %)';
    case 'enum':
      return 'choice';
    default:
      return t;
  }
}

export const SERIES_DOCS: Record<string, string> = {
  reserves: 'Balances of the banks at the central bank (reserve balances; vault cash excluded).',
  total_reserves: 'Reserve balances plus vault cash.',
  required_reserves:
    'Reserves the banks must hold under the reserve requirement (vault cash counts toward it).',
  excess_reserves: 'Reserves held above the requirement.',
  vault_cash: 'Currency held in the banks’ vaults.',
  currency: 'Currency in circulation outside the banks.',
  monetary_base:
    'Currency outside banks + vault cash + reserve balances: the central bank’s monetary liabilities.',
  deposits: 'Demand (transaction) deposits at the banks.',
  time_deposits: 'Time deposits at the banks.',
  loans: 'Bank loans outstanding.',
  m1: 'M1: currency outside banks + demand deposits.',
  m2: 'M2: M1 + time deposits.',
  multiplier: 'The money multiplier m2 / monetary_base.',
  m1_multiplier: 'm1 / monetary_base.',
  overnight_rate:
    'The overnight interbank rate after the desk’s operations (aliases `fed_funds`, `estr`, `sonia`, `call_rate`).',
  tga: 'The Treasury General Account at the central bank.',
  sfp: 'The Treasury’s Supplementary Financing Program account at the central bank.',
  rrp: 'Reverse repos outstanding at the central bank.',
  term_deposits: 'Term deposits of banks at the central bank.',
};

export const CB_DOCS: Record<string, string> = {
  assets: 'Total assets of the central bank.',
  liabilities: 'Total liabilities of the central bank (capital excluded).',
  capital: 'Capital of the central bank (may go negative after losses).',
  loans: 'Central-bank loans outstanding.',
  income: 'Net income of the central bank, cumulative from the start.',
  interest_expense: 'Interest paid on reserves, reverse repos and term deposits, cumulative from the start.',
  remittances: 'Remittances to the Treasury (TGA), cumulative from the start.',
  deferred_asset: 'Losses carried forward (the deferred asset).',
  reserves: 'Reserve balances: a liability of the central bank.',
  currency: 'Currency issued by the central bank.',
  tga: 'Treasury General Account balance.',
  sfp: 'Supplementary Financing Program balance.',
  term_deposits: 'Term deposits placed at the central bank.',
  reverse_repos: 'Reverse repos with the central bank.',
};

export const SETTABLE_DOCS: Record<string, string> = {
  target:
    'The policy-rate target: a point (`set target = 2%`) or a range (`set target = 0% to 0.25%`, then use `target.low`, `target.high` or `target.mid`).',
  iorr: 'Interest on required reserves.',
  ioer: 'Interest on excess reserves.',
  iorb: 'Interest on reserve balances: sets both `iorr` and `ioer`.',
  discount_rate: 'The discount rate: the lending facility, the ceiling of the corridor.',
  deposit_rate: 'The deposit facility rate (the floor of a corridor).',
  lending_rate: 'The marginal lending facility rate.',
  mro: 'Main refinancing operations rate (an alias of `target`).',
  bank_rate: 'Bank Rate (an alias of `target`).',
  rrp_rate: 'The overnight reverse repo offering rate: the outside option of lenders with `rrp_access`.',
  penalty_rate: 'The penalty rate on reserve deficiencies.',
  reserve_ratio: 'Flat reserve requirement on transaction deposits.',
  cash_ratio:
    'The public’s desired currency per deposit. Until it is set the public neither withdraws nor deposits cash.',
  excess_ratio: 'The banks’ desired excess-reserve buffer, as a share of their deposits (default 0).',
  ineligible_share:
    'Share of overnight volume lent by lenders ineligible for interest on reserves (default 0).',
  arbitrage_share:
    'Share of the IOR spread that banks keep when borrowing from ineligible lenders (default 50%).',
  payment_shock:
    'Scale σ of the payment shocks in the rate model (default 1% of reserve balances at the start).',
  framework: '`floor` (default) or `corridor`: with a corridor the desk keeps the overnight rate at target.',
  lending:
    '`off` (default), `textbook` (banks lend out their excess reserves each business day) or `endogenous`.',
  interbank: '`open` (default) or `frozen`.',
};

export const INSTRUMENT_DOCS: Record<string, string> = {
  treasuries: 'Government bonds (aliases `govt_bonds`, `gilts`, `jgbs`).',
  bills: 'Treasury bills.',
  agency_debt: 'Agency debt.',
  mbs: 'Mortgage-backed securities.',
  corporate_bonds: 'Corporate bonds.',
  etfs: 'Exchange-traded funds.',
  reserves: 'Reserve balances at the central bank.',
  vault_cash: 'Currency in the bank’s vault.',
  currency: 'Banknotes and coins.',
  deposits: 'Demand deposits.',
  time_deposits: 'Time deposits.',
  loans: 'Loans.',
  capital: 'Capital (equity).',
  tga: 'Treasury General Account.',
  sfp: 'Supplementary Financing Program account.',
  term_deposits: 'Term deposits at the central bank.',
  reverse_repos: 'Reverse repos with the central bank.',
};

export const KEYWORD_DOCS: Record<string, string> = {
  title: '`title "…"` — the script’s title.',
  use: '`use NAME` — an economy or module from the standard library (`use us_2007`).',
  simulate: '`simulate from DATE to DATE` — the simulated days.',
  seed: '`seed N` — the seed of the bank-size distribution.',
  let: '`let NAME = expr` — a named constant.',
  param: '`param NAME = expr [in lo .. hi]` — a parameter that can be overridden.',
  economy: '`economy NAME { … }` — the agents, currency and standing policy.',
  unit: '`unit 1m USD` — the accounting unit (default: the currency’s minor unit).',
  central_bank: '`central_bank NAME { holdings }` — the central bank.',
  treasury:
    '`treasury NAME` declares the treasury; `treasury issue|redeem|spend|tax X [for sfp]` moves money through its accounts.',
  bank: '`bank NAME { holdings }` — one commercial bank.',
  banks:
    '`banks NAME N { holdings; sizes lognormal σ }` — a group of N banks sharing the aggregate holdings; also a party (all banks).',
  lender:
    '`lender NAME { … }` — a non-bank lender (GSE, money fund); may be `ineligible`, may have `rrp_access`.',
  public: '`public [NAME] { holdings }` — households and firms.',
  firm: '`firm NAME [banks with BANK]` — a named firm with a home bank.',
  maintenance: '`maintenance 14 days from DATE [lag 30 days]` — reserve maintenance periods.',
  set: '`set NAME = expr` installs a rule, evaluated every day until another `set` of the same name.',
  reserve_requirement: '`reserve_requirement { 0% up to 10.7m; 3% up to 58.8m; 10% above }` — tranches.',
  remunerate: '`remunerate { required at iorr; excess at ioer }` — interest paid on reserve balances.',
  buy: '`buy ASSET X [schedule] [from banks|public|AGENT]` — the central bank buys (creates reserves).',
  sell: '`sell ASSET X [schedule] [to …]` — the central bank sells (drains reserves).',
  hold: '`hold ASSET|sfp|tga at X` — reinvest so the balance stays at X.',
  runoff: '`runoff ASSET [cap X monthly]` — let holdings mature, redemptions capped.',
  lend: '`lend X [from A] to B [at r] [for d]` — the central bank (or bank A) lends.',
  repay: '`repay X from A [to B]` — repay a loan.',
  pay: '`pay X from A to B` — move deposits (and reserves between their banks).',
  withdraw: '`withdraw X cash` — the public turns deposits into currency.',
  deposit: '`deposit X cash` — the public turns currency into deposits.',
  offer: '`offer term_deposits|reverse_repos X|unlimited [for d] at r` — a draining facility.',
  post: '`post "label" { A.instrument + X … }` — hand-written balanced entries.',
  on: '`on DATE statement` or `on DATE { … }` — happens on that day.',
  when: '`when expr { … }` — fires each time expr turns true.',
  every: '`every month { … }` — fires every period.',
  expect: '`expect expr [within tol] [on DATE | at end | always | monthly …]` — a self-check.',
  within: '`within 5%` (relative) or `within 2bn USD` / `within 5bp` (absolute).',
  report: '`report series, … [daily|weekly|monthly] [to "file.csv"]` — series to chart.',
  show: '`show balance_sheets [of A, B] on DATE` — T-accounts.',
  daily: 'Every business day.',
  weekly: 'Spread over the business days of each week.',
  monthly: 'Spread over the business days of each month.',
  quarterly: 'Spread over the business days of each quarter.',
  always: 'At the end of every simulated day.',
  textbook: 'Textbook lending: banks lend their excess reserves each business day; loans are re-deposited.',
  endogenous: 'Endogenous lending: loans follow demand and the spread over the rate on reserves.',
  off: 'No behavioural lending.',
  floor: 'Floor system: the overnight rate sits near the rate on excess reserves.',
  corridor: 'Corridor system: the desk supplies or drains reserves to keep the overnight rate at target.',
};

export const FUNCTION_DOCS: Record<string, string> = {
  min: '`min(a, b, …)`, or `min(series, window)` over a causal window (`maintenance_period`, `month`, `14 days`).',
  max: '`max(a, b, …)`, or `max(series, window)` over a causal window.',
  avg: '`avg(series, window)` — the average of a series from the window’s start to today.',
  sum: '`sum(series, window)` — the sum of a series over a causal window.',
  abs: '`abs(x)` — the absolute value.',
  at: '`at(series, DATE)` — the value of a series at the end of DATE (not in the future).',
  data: '`data("fred/WRESBAL")` — a dated series from the standard library’s data (a number; scale it: `* 1m USD`).',
};

/** The type of an aggregate series or settable name, from the catalogue. */
export function typeOfName(name: string): string | undefined {
  const alias = catalogue.RATE_ALIASES[name];
  const canonical = alias ?? name;
  return catalogue.SERIES[canonical] ?? catalogue.SETTABLE[canonical];
}
