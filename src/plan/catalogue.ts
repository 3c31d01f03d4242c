// The vocabulary shared by the checker (which resolves names against it) and the interpreter (which maps
// it onto the engine). Plain data: no behaviour beyond lookups.

export const ASSETS = ['treasuries', 'bills', 'agency_debt', 'mbs', 'corporate_bonds', 'etfs'] as const;
export type Asset = (typeof ASSETS)[number];

export const ASSET_ALIASES: Readonly<Record<string, Asset>> = {
  govt_bonds: 'treasuries',
  gilts: 'treasuries',
  jgbs: 'treasuries',
};

export const INSTRUMENTS = [
  ...ASSETS,
  'reserves',
  'vault_cash',
  'currency',
  'deposits',
  'time_deposits',
  'loans',
  'capital',
  'tga',
  'sfp',
  'term_deposits',
  'reverse_repos',
] as const;
export type Instrument = (typeof INSTRUMENTS)[number];

/** Canonical instrument for a name (resolving aliases), or undefined. */
export function resolveInstrument(name: string): Instrument | undefined {
  if ((INSTRUMENTS as readonly string[]).includes(name)) return name as Instrument;
  return ASSET_ALIASES[name];
}

export function resolveAsset(name: string): Asset | undefined {
  if ((ASSETS as readonly string[]).includes(name)) return name as Asset;
  return ASSET_ALIASES[name];
}

export const AGENT_KINDS = ['central_bank', 'treasury', 'bank', 'group', 'lender', 'public', 'firm'] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];

export type Side = 'asset' | 'liability' | 'equity';

/**
 * Which side of an agent's balance sheet an instrument declared in its holdings sits on. The static
 * balance check of the economy (assets = liabilities + equity) and the engine's opening balances use this.
 */
export function sideOf(kind: AgentKind, instrument: Instrument): Side {
  if (instrument === 'capital') return 'equity';
  if (kind === 'central_bank') {
    return (ASSETS as readonly string[]).includes(instrument) || instrument === 'loans'
      ? 'asset'
      : 'liability';
  }
  if (kind === 'treasury') {
    // The treasury owes the securities it issued; its accounts at the CB are assets.
    return instrument === 'tga' || instrument === 'sfp' || instrument === 'deposits' ? 'asset' : 'liability';
  }
  if (kind === 'bank' || kind === 'group') {
    return instrument === 'deposits' || instrument === 'time_deposits' ? 'liability' : 'asset';
  }
  if (kind === 'public' || kind === 'firm' || kind === 'lender') {
    return instrument === 'loans' ? 'liability' : 'asset';
  }
  return 'asset';
}

export const CURRENCIES = [
  'USD',
  'EUR',
  'GBP',
  'JPY',
  'CNY',
  'TWD',
  'CHF',
  'CAD',
  'AUD',
  'NZD',
  'SEK',
  'NOK',
  'DKK',
  'KRW',
  'INR',
  'BRL',
  'MXN',
  'HKD',
  'SGD',
] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Minor units per major unit: the default accounting unit is the currency's minor unit. */
export const MINOR_UNIT_DIGITS: Readonly<Record<Currency, number>> = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  JPY: 0,
  CNY: 2,
  TWD: 2,
  CHF: 2,
  CAD: 2,
  AUD: 2,
  NZD: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  KRW: 0,
  INR: 2,
  BRL: 2,
  MXN: 2,
  HKD: 2,
  SGD: 2,
};

export type ValueType =
  'money' | 'rate' | 'ratio' | 'number' | 'date' | 'duration' | 'bool' | 'enum' | 'string';

/** Names `set` may install rules for, with their types. `yield.<asset>` is handled by pattern. */
export const SETTABLE: Readonly<Record<string, ValueType>> = {
  target: 'rate',
  iorr: 'rate',
  ioer: 'rate',
  iorb: 'rate',
  discount_rate: 'rate',
  deposit_rate: 'rate',
  lending_rate: 'rate',
  mro: 'rate',
  bank_rate: 'rate',
  rrp_rate: 'rate',
  penalty_rate: 'rate',
  reserve_ratio: 'ratio',
  cash_ratio: 'ratio',
  excess_ratio: 'ratio',
  ineligible_share: 'ratio',
  arbitrage_share: 'ratio',
  payment_shock: 'money',
  framework: 'enum',
  lending: 'enum',
  interbank: 'enum',
};

export const ENUMS: Readonly<Record<string, readonly string[]>> = {
  framework: ['corridor', 'floor'],
  lending: ['textbook', 'endogenous', 'off'],
  interbank: ['open', 'frozen'],
};

/** Aliases that name another settable or series. `mro` and `bank_rate` are aliases of `target`. */
export const RATE_ALIASES: Readonly<Record<string, string>> = {
  mro: 'target',
  bank_rate: 'target',
  fed_funds: 'overnight_rate',
  estr: 'overnight_rate',
  sonia: 'overnight_rate',
  call_rate: 'overnight_rate',
};

/** Aggregate series readable in expressions and reports. */
export const SERIES: Readonly<Record<string, ValueType>> = {
  reserves: 'money',
  total_reserves: 'money',
  required_reserves: 'money',
  excess_reserves: 'money',
  vault_cash: 'money',
  currency: 'money',
  monetary_base: 'money',
  deposits: 'money',
  time_deposits: 'money',
  loans: 'money',
  m1: 'money',
  m2: 'money',
  multiplier: 'ratio',
  m1_multiplier: 'ratio',
  overnight_rate: 'rate',
  tga: 'money',
  sfp: 'money',
  rrp: 'money',
  term_deposits: 'money',
};

/** `cb.<name>` series besides `cb.<asset>`. Flows are cumulative from the start. */
export const CB_SERIES: Readonly<Record<string, ValueType>> = {
  assets: 'money',
  liabilities: 'money',
  capital: 'money',
  loans: 'money',
  income: 'money',
  interest_expense: 'money',
  remittances: 'money',
  deferred_asset: 'money',
  reserves: 'money',
  currency: 'money',
  tga: 'money',
  sfp: 'money',
  term_deposits: 'money',
  reverse_repos: 'money',
};

/** Window names accepted as the second argument of min/max/avg/sum. */
export const WINDOWS = ['maintenance_period', 'month', 'quarter', 'year', 'week'] as const;

export const FUNCTIONS = ['min', 'max', 'avg', 'sum', 'abs', 'at', 'data'] as const;
