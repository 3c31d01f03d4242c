// The ledger's vocabulary: internal instrument indices, the small (non-bank) agents, bank groups and
// claims between agents. Banks live in structure-of-arrays columns inside the engine; everything else here
// is a handful of objects.

import type { AgentKind, AssetName, InstrumentName } from './api.js';

// Internal instruments. 0–5 are the securities in AssetName order.
export const TSY = 0;
export const BILLS = 1;
export const AGENCY = 2;
export const MBS = 3;
export const CORP = 4;
export const ETFS = 5;
export const RES = 6;
export const VC = 7;
export const CUR = 8;
export const DEP = 9;
export const TDEP = 10;
/** Bank loans to the public and firms (asset of banks, liability of borrowers). */
export const LOANS = 11;
export const TGA = 12;
export const SFP = 13;
export const TD = 14;
export const RRP = 15;
/** Central-bank credit: CB loans and standing-facility borrowing. */
export const CBC = 16;
/** The corridor desk's overnight repos (CB asset, bank liability). */
export const REPO = 17;
/** Bilateral interbank claims (also non-bank lenders lending to banks). */
export const IB = 18;
/** Overnight interbank market (through the market's clearing). */
export const IBO = 19;
/** The loans behind agency debt, MBS, corporate bonds and ETFs: issuers' claims on the public. */
export const UND = 20;
export const NI = 21;

export const SECURITIES = 6;

export const INTERNAL_NAMES: readonly string[] = [
  'treasuries',
  'bills',
  'agency_debt',
  'mbs',
  'corporate_bonds',
  'etfs',
  'reserves',
  'vault_cash',
  'currency',
  'deposits',
  'time_deposits',
  'loans',
  'tga',
  'sfp',
  'term_deposits',
  'reverse_repos',
  'loans',
  'repos',
  'interbank',
  'interbank',
  'loans',
];

export const ASSET_INDEX: Readonly<Record<AssetName, number>> = {
  treasuries: TSY,
  bills: BILLS,
  agency_debt: AGENCY,
  mbs: MBS,
  corporate_bonds: CORP,
  etfs: ETFS,
};

export const ASSET_NAMES: readonly AssetName[] = [
  'treasuries',
  'bills',
  'agency_debt',
  'mbs',
  'corporate_bonds',
  'etfs',
];

export type Side = 'a' | 'l' | 'e';

/** Which side of an agent's balance sheet a declared instrument sits on (mirrors the catalogue's sideOf). */
export function sideOf(kind: AgentKind, instrument: InstrumentName): Side {
  if (instrument === 'capital') return 'e';
  if (kind === 'central_bank') {
    return instrument in ASSET_INDEX || instrument === 'loans' ? 'a' : 'l';
  }
  if (kind === 'treasury') {
    return instrument === 'tga' || instrument === 'sfp' || instrument === 'deposits' ? 'a' : 'l';
  }
  if (kind === 'bank' || kind === 'group') {
    return instrument === 'deposits' || instrument === 'time_deposits' ? 'l' : 'a';
  }
  return instrument === 'loans' ? 'l' : 'a';
}

/** Internal index of a declared instrument on an agent of `kind` (null: not an instrument it may hold). */
export function internalIndex(kind: AgentKind, instrument: InstrumentName): number | null {
  if (instrument in ASSET_INDEX) return ASSET_INDEX[instrument as AssetName];
  switch (instrument) {
    case 'reserves':
      return RES;
    case 'vault_cash':
      return kind === 'bank' || kind === 'group' ? VC : null;
    case 'currency':
      return kind === 'bank' || kind === 'group' ? VC : CUR;
    case 'deposits':
      return DEP;
    case 'time_deposits':
      return TDEP;
    case 'loans':
      return kind === 'central_bank' ? CBC : LOANS;
    case 'tga':
      return TGA;
    case 'sfp':
      return SFP;
    case 'term_deposits':
      return TD;
    case 'reverse_repos':
      return RRP;
    default:
      return null;
  }
}

/** A non-bank agent: central bank, treasury, the public, a firm, a lender, the implicit issuers. */
export class Agent {
  readonly a = new Float64Array(NI);
  readonly l = new Float64Array(NI);
  eq = 0;
  readonly srcA = new Int32Array(NI).fill(-1);
  readonly srcL = new Int32Array(NI).fill(-1);
  srcEq = -1;
  /** The line last moved: [0, NI) assets, [NI, 2NI) liabilities, 2NI equity; −1 none. */
  last = -1;
  /** Home bank (index) for a depositor; −1 when none. */
  hb = -1;
  declaredCapital: number | null = null;

  constructor(
    readonly name: string,
    readonly kind: AgentKind | 'issuers',
    readonly implicit: boolean,
    readonly ineligible = false,
    readonly rrpAccess = false,
  ) {}

  get assets(): number {
    let s = 0;
    for (let k = 0; k < NI; k++) s += this.a[k];
    return s;
  }

  get liabilities(): number {
    let s = 0;
    for (let k = 0; k < NI; k++) s += this.l[k];
    return s;
  }
}

/** A named bank (one bank) or a group of banks: a contiguous range of bank indices. */
export interface Group {
  name: string;
  kind: 'bank' | 'group';
  lo: number;
  hi: number;
  /** Last source per line: [0, NI) assets, [NI, 2NI) liabilities, 2NI equity. */
  src: Int32Array;
  /** The line last moved (an index into src); −1 none. */
  last: number;
  declaredCapital: number | null;
}

/** One side of a claim: a small agent, or a range of banks with per-bank amounts (null: one bank). */
export interface ClaimSide {
  agent: Agent | null;
  lo: number;
  hi: number;
  split: Float64Array | null;
}

export type ClaimKind = 'cbloan' | 'bilateral' | 'bankloan' | 'td' | 'rrp';

/** A claim with terms: who owes whom, at what rate, until when. Column totals mirror open claims. */
export interface Claim {
  kind: ClaimKind;
  cr: ClaimSide;
  dr: ClaimSide;
  principal: number;
  /** Annual rate × 1e8. */
  rateInt: number;
  start: number;
  /** Day it is repaid with interest; −1: open until repaid. */
  maturity: number;
  /** Accrued Σ(principal × rateInt × days), not yet settled. */
  acc: number;
  src: number;
}

/** The instrument index a claim of this kind occupies (asset of the creditor, liability of the debtor). */
export function claimInstrument(kind: ClaimKind): number {
  switch (kind) {
    case 'cbloan':
      return CBC;
    case 'bilateral':
      return IB;
    case 'bankloan':
      return LOANS;
    case 'td':
      return TD;
    case 'rrp':
      return RRP;
  }
}
