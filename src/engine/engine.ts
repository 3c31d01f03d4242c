// The monetary engine: an exact double-entry ledger of a central bank, a treasury, banks (structure of
// arrays: one Float64Array column per instrument, one element per bank), non-bank lenders, firms and the
// public; the operations of SPEC §4.4; the daily step of SPEC §4.5; the invariants of SPEC §4.7.
// See CONTEXT.md for the model and the decisions behind it.

import {
  EngineError,
  type AgentKind,
  type AgentSpec,
  type AssetName,
  type BalanceSheet,
  type BalanceSheetLine,
  type Engine,
  type EngineConfig,
  type InstrumentName,
  type InvariantViolation,
  type PartyRef,
  type Policy,
  type TrancheValue,
} from './api.js';
import { giveBack, takeArena, type Arena } from './arena.js';
import {
  isBusinessDay,
  isLastOfMonth,
  lastOfMonth,
  monthIndex,
  nextBusinessDay,
  weekday,
} from './calendar.js';
import {
  ASSET_INDEX,
  ASSET_NAMES,
  Agent,
  BILLS,
  CBC,
  CUR,
  DEP,
  IB,
  IBO,
  INTERNAL_NAMES,
  LOANS,
  NI,
  REPO,
  RES,
  RRP,
  SECURITIES,
  SFP,
  TD,
  TDEP,
  TGA,
  TSY,
  UND,
  VC,
  claimInstrument,
  internalIndex,
  sideOf,
  type Claim,
  type ClaimKind,
  type ClaimSide,
  type Group,
} from './ledger.js';
import { PeriodGrid, carryOverLimit, settlePeriod } from './maintenance.js';
import {
  DAY_COUNT_SCALE,
  MAX_EXACT,
  Prng,
  creditAccrued,
  mulRatioExact,
  rateToInt,
  roundHalfEven,
  roundRate,
} from './num.js';
import { excessForTarget, overnightRatesInto, type RateModelInput } from './rates.js';
import {
  CHUNK,
  OUT,
  TIER_STRIDE,
  TRANCHE_STRIDE,
  makeKernels,
  tierShape,
  type KernelColumns,
  type Kernels,
} from './kernels.js';
import { Splitter, exactRemainders, weightSum } from './split.js';

/** Banks from which an exact split runs on the compiled kernels (below, the general path is as fast). */
const SPLIT_KERNEL_FROM = 64;

/** Amounts in runtime errors: thousands grouped, the accounting unit's decimals kept (down to 10^-8). */
const MESSAGE_AMOUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 8, useGrouping: true });

/** The policy every rate and ratio starts from (SPEC §4.2 defaults). */
export function defaultPolicy(): Policy {
  return {
    target: 0,
    targetLow: 0,
    targetHigh: 0,
    iorr: 0,
    ioer: 0,
    discountRate: 0,
    depositRate: 0,
    lendingRate: 0,
    rrpRate: 0,
    penaltyRate: 0,
    reserveRatio: 0,
    cashRatio: NaN,
    excessRatio: 0,
    ineligibleShare: 0,
    arbitrageShare: 0.5,
    paymentShock: NaN,
    framework: 'floor',
    lending: 'off',
    interbank: 'open',
    yields: { treasuries: 0, bills: 0, agency_debt: 0, mbs: 0, corporate_bonds: 0, etfs: 0 },
    tiers: null,
    tranches: null,
    timeTranches: null,
    loanRate: NaN,
    loanDemandGrowth: 0.05,
  };
}

type Party = { bank: true; lo: number; hi: number; name: string } | { bank: false; agent: Agent };

interface SecurityState {
  /** Months to maturity of the CB's holdings (evenly spread ladder); 0: does not mature. */
  months: number;
  mode: 'reinvest' | 'runoff' | 'hold';
  /** Runoff cap per month (units); Infinity: uncapped. */
  cap: number;
  /** Hold level (units). */
  level: number;
  /** Month (y*12+m) the current redemption plan belongs to; −1 none. */
  month: number;
  /** Redemptions planned this month, business days in the plan, business days done, redeemed so far. */
  planned: number;
  bizDays: number;
  bizDone: number;
  redeemed: number;
  src: number;
}

interface TierPlan {
  base: number; // 0 required, 1 excess, 2 reserves, 3 rest
  rate: number;
  hasCap: boolean;
  perRequired: number;
  fixed: number;
  rateInt: number;
}

interface MaintenanceState {
  grid: PeriodGrid;
  lag: number;
  slots: Float64Array[];
  slotPeriod: number[];
  slotDays: number[];
  /** Σ end-of-day (balance + vault cash) over the current period, per bank. */
  sumHeld: Float64Array;
  sumVc: Float64Array | null;
  carry: Float64Array;
  period: number;
  periodDays: number;
}

/** An overnight book held in bank columns (desk repos, desk drains, standing facility, interbank market). */
interface OvernightBook {
  total: number;
  rateInt: number;
  acc: number;
  /** Per-bank amounts (a column owned by this book, or ZERO when never used). */
  col: Float64Array;
  src: number;
}

/** The instrument of a line index ([0, NI) assets, [NI, 2NI) liabilities, 2NI equity); undefined for −1. */
function lineName(l: number): string | undefined {
  if (l < 0) return undefined;
  return l < NI ? INTERNAL_NAMES[l] : l < 2 * NI ? INTERNAL_NAMES[l - NI] : 'capital';
}

export class MonetaEngine implements Engine {
  readonly policy: Policy;
  private readonly exact: boolean;
  private readonly cfg: EngineConfig;
  private readonly unitMajor: number;

  // --- banks (structure of arrays) ---
  readonly n: number;
  private readonly groups: Group[] = [];
  private readonly groupByName = new Map<string, Group>();
  private readonly ZERO: Float64Array;
  private readonly colA: Float64Array[] = [];
  private readonly colL: Float64Array[] = [];
  private readonly beq: Float64Array;
  private odep: Float64Array;
  private oloans: Float64Array;
  private readonly req: Float64Array;
  private readonly accr: Float64Array;
  private readonly share: Float64Array;
  private readonly splitter: Splitter;
  private readonly maint: MaintenanceState | null = null;

  // --- small agents ---
  private readonly agents: Agent[] = [];
  private readonly byName = new Map<string, Agent>();
  private readonly cbA: Agent;
  private readonly tsyA: Agent;
  private readonly pubA: Agent;
  private readonly issA: Agent;
  private readonly claims: Claim[] = [];

  // --- books and programmes ---
  private readonly deskRepo: OvernightBook;
  private readonly deskDrain: OvernightBook;
  private readonly sf: OvernightBook;
  private readonly ibo: OvernightBook;
  private readonly sec: SecurityState[] = [];
  private holdTgaLevel = NaN;
  private holdTgaSrc = -1;
  private readonly couponAcc = new Float64Array(SECURITIES);

  // --- CB income ---
  private readonly cap0: number;
  private income = 0;
  private expense = 0;
  private remitted = 0;

  // --- invariant 4 bookkeeping ---
  private flow = 0;
  private resCheckpoint: number;

  // --- day state ---
  private lastDay = NaN;
  private explicitDay = NaN;
  private src = -1;
  private lastOpSrc = -1;
  private negFlag = false;
  /** Deposits moved since the day pass last computed the requirement (req) for ratio reqKey. */
  private depDirty = true;
  private reqKey = NaN;
  private reqTranches: Policy['tranches'] = null;
  private sumReq = 0;
  /** Bumped by every change to banks' balances (markBanks). */
  private bankEpoch = 0;
  /** Bumped when today's tiers differ from yesterday's (prepareTiers). */
  private tierVersion = 0;
  /**
   * What the last day pass that stored its accrual (acc1) saw: a later day with the same banks, ratio, tiers
   * and day count accrues acc1 instead of a day pass (see dailyPass). accDays 0: nothing stored.
   */
  private accEpoch = -1;
  private accRk = NaN;
  private accTiers = -1;
  private accDays = 0;
  /** Whether that pass also decided the next lending round (lendNext*, ln* are its decision). */
  private accNext = false;
  private readonly sigma0: number;
  private rates = { bankToBank: 0, ineligible: 0, overnight: 0, floor: 0, ceiling: 0 };
  private tiers: TierPlan[] = [];
  private tierFlat = new Float64Array(4 * TIER_STRIDE);
  private readonly tiersKey: number[] = [];
  private trancheBuf = new Float64Array(4 * TRANCHE_STRIDE);
  private trancheFlat: Float64Array | null = null;
  private ntranches = 0;
  /** The requirement on each bank's time deposits (ZERO when none applies), and what it was computed for. */
  private reqT!: Float64Array;
  private reqTFor = new Float64Array(0);
  private timeTrancheBuf = new Float64Array(2 * TRANCHE_STRIDE);
  /** Banks' time deposits moved since reqT was computed. */
  private tdepDirty = true;
  /** Scratch outputs of the kernels. */
  private readonly kout: Float64Array;
  /** The columns the kernels capture and the kernels over them, given back by release (see arena.ts). */
  private readonly arena: Arena;
  private released = false;
  /** Tomorrow's lending decision (see Kernels.day) and what it assumed. */
  private readonly lendNext: Float64Array;
  private lendNextValid = false;
  private lendDirty = true;
  private lendNextSum = 0;
  private lendNextW = 0;
  private lnLending: Policy['lending'] = 'off';
  private lnRk = NaN;
  private lnExcess = NaN;
  private lnCap = NaN;
  /**
   * Today's re-deposit (and yesterday's lending decision) left to the fused day pass: redist 0 none, 1 exact
   * (every bank's share in qv, one more unit where bkt is above the threshold bucket tb), 2 float; f the
   * share per unit of the public's deposits.
   */
  private pendingRedist = 0;
  private pendingLend = false;
  private pendingF = 0;
  private pendingTb = 0;
  /** The fused re-deposit's shares and remainder buckets (see KernelColumns.qv, .bkt). */
  private readonly qv: Float64Array;
  private readonly bkt: Uint16Array;
  private dayIsBusiness = false;
  private readonly fuse: boolean;
  private kcols: KernelColumns | null = null;
  private kern: Kernels | null = null;
  private tierMode = 0;
  private readonly rateIn: RateModelInput = {
    floor: 0,
    ceiling: 0,
    excess: 0,
    buffer: 0,
    sigma: 1,
    ineligibleShare: 0,
    outside: 0,
    arbitrageShare: 0.5,
  };
  private readonly hasIneligible: boolean;
  private readonly ineligibleRrp: boolean;
  private readonly loanYield: number;

  constructor(config: EngineConfig) {
    this.cfg = config;
    this.exact = config.mode === 'exact';
    this.fuse = config.tuning?.fuse !== false;
    this.unitMajor = config.unitMajor;
    this.policy = defaultPolicy();

    const specs = config.agents;
    const cbSpecs = specs.filter((s) => s.kind === 'central_bank');
    if (cbSpecs.length !== 1) {
      throw new EngineError({
        code: 'MON7001',
        message: `an economy needs exactly one central bank (found ${cbSpecs.length})`,
        source: -1,
      });
    }
    // Banks first: they fix the columns' length.
    let n = 0;
    for (const s of specs) {
      if (s.kind === 'bank' || s.kind === 'group') {
        const count = s.kind === 'bank' ? 1 : Math.max(1, Math.floor(s.count ?? 1));
        const g: Group = {
          name: s.name,
          kind: s.kind,
          lo: n,
          hi: n + count,
          src: new Int32Array(2 * NI + 1).fill(-1),
          last: -1,
          declaredCapital: null,
        };
        this.groups.push(g);
        this.groupByName.set(s.name, g);
        n += count;
      }
    }
    this.n = n;
    const arena = takeArena(n, this.exact);
    this.arena = arena;
    this.ZERO = arena.zero;
    this.reqT = this.ZERO;
    for (let k = 0; k < NI; k++) {
      this.colA.push(this.ZERO);
      this.colL.push(this.ZERO);
    }
    this.colA[RES] = arena.res;
    this.colA[LOANS] = arena.loans;
    this.colL[DEP] = arena.dep;
    this.beq = new Float64Array(Math.max(1, n));
    this.odep = this.ZERO;
    this.oloans = this.ZERO;
    this.req = arena.req;
    this.accr = arena.accr;
    this.share = arena.share;
    this.lendNext = arena.lendNext;
    this.qv = arena.qv;
    this.bkt = arena.bkt;
    this.splitter = arena.splitter;
    this.kout = arena.out;

    const mkBook = (): OvernightBook => ({ total: 0, rateInt: 0, acc: 0, col: this.ZERO, src: -1 });
    this.deskRepo = mkBook();
    this.deskDrain = mkBook();
    this.sf = mkBook();
    this.ibo = mkBook();

    // Small agents.
    const addAgent = (a: Agent): Agent => {
      if (this.byName.has(a.name) || this.groupByName.has(a.name)) {
        throw new EngineError({ code: 'MON7001', message: `agent ${a.name} is declared twice`, source: -1 });
      }
      this.agents.push(a);
      this.byName.set(a.name, a);
      return a;
    };
    this.cbA = addAgent(new Agent(cbSpecs[0].name, 'central_bank', false));
    const tsySpec = specs.find((s) => s.kind === 'treasury');
    this.tsyA = addAgent(new Agent(tsySpec?.name ?? 'treasury', 'treasury', !tsySpec));
    const pubSpec = specs.find((s) => s.kind === 'public');
    this.pubA = addAgent(new Agent(pubSpec?.name ?? 'public', 'public', !pubSpec));
    this.issA = addAgent(new Agent('issuers', 'issuers', true));
    for (const s of specs) {
      if (s.kind === 'firm' || s.kind === 'lender') {
        const a = addAgent(new Agent(s.name, s.kind, false, s.ineligible === true, s.rrpAccess === true));
        if (n > 0) {
          if (s.kind === 'firm' && s.homeBank !== undefined) {
            const g = this.groupByName.get(s.homeBank);
            if (!g) {
              throw new EngineError({
                code: 'MON7001',
                message: `firm ${s.name} banks with ${s.homeBank}, which is not a bank`,
                source: -1,
                agent: s.name,
              });
            }
            a.hb = g.lo;
          } else {
            a.hb = 0;
          }
        }
      }
    }
    if (n > 0) this.tsyA.hb = 0;
    this.hasIneligible = this.agents.some((a) => a.ineligible);
    this.ineligibleRrp = this.agents.some((a) => a.ineligible && a.rrpAccess);

    let loanYield = NaN;
    for (const s of specs) {
      for (const y of s.yields) {
        if (y.instrument === 'loans' && Number.isNaN(loanYield)) loanYield = y.rate;
      }
    }
    this.loanYield = loanYield;

    // Securities programmes: maturity profile of the CB's holdings.
    const cbSpec = cbSpecs[0];
    for (let k = 0; k < SECURITIES; k++) {
      const m = cbSpec.maturities.find((x) => x.instrument === ASSET_NAMES[k]);
      this.sec.push({
        months: m ? m.months : 0,
        mode: 'reinvest',
        cap: Infinity,
        level: 0,
        month: -1,
        planned: 0,
        bizDays: 0,
        bizDone: 0,
        redeemed: 0,
        src: -1,
      });
    }

    this.open(specs, config.seed);

    this.cap0 = this.cbA.eq;
    this.resCheckpoint = this.sumCol(this.colA[RES], 0, n);
    this.sigma0 = Math.max(1, roundHalfEven(0.01 * this.cbA.l[RES]));

    if (config.maintenance) {
      const grid = new PeriodGrid(config.maintenance, config.startDay);
      const lag = Math.max(0, Math.floor(config.maintenance.lagDays));
      const K = Math.floor(lag / grid.minLength) + 2;
      const slots: Float64Array[] = [];
      for (let i = 0; i < K; i++) slots.push(new Float64Array(Math.max(1, n)));
      this.maint = {
        grid,
        lag,
        slots,
        slotPeriod: new Array<number>(K).fill(Number.NEGATIVE_INFINITY),
        slotDays: new Array<number>(K).fill(0),
        sumHeld: new Float64Array(Math.max(1, n)),
        sumVc: null,
        carry: new Float64Array(Math.max(1, n)),
        period: Number.NEGATIVE_INFINITY,
        periodDays: 0,
      };
    }
    this.computeRequirementOnly();
    this.checkExactAll();
  }

  // =========================================================================================================
  // Opening balances

  private open(specs: AgentSpec[], seed: number): void {
    const n = this.n;
    const cb = this.cbA;
    const tsy = this.tsyA;
    const pub = this.pubA;
    const iss = this.issA;
    let cbDeclaredCurrency: number | null = null;
    let cbDeclaredReserves: number | null = null;
    const declaredOutstanding = new Float64Array(2);
    let hasDeclaredOutstanding = false;
    const pubDeclared: { dep: number | null; tdep: number | null; loans: number | null } = {
      dep: null,
      tdep: null,
      loans: null,
    };
    const pendingCbLends: { to: string; amount: number }[] = [];
    const pendingLends: { from: AgentSpec; to: string; amount: number }[] = [];
    const unsupported = (s: AgentSpec, instrument: string): never => {
      throw new EngineError({
        code: 'MON7001',
        message: `${s.name} cannot hold ${instrument}`,
        source: -1,
        agent: s.name,
        instrument,
      });
    };
    // Counterparts of securities held: the treasury's or the issuers' liabilities.
    const issue = (k: number, amount: number): void => {
      if (k === TSY || k === BILLS) tsy.l[k] += amount;
      else {
        iss.l[k] += amount;
        iss.a[UND] += amount;
        pub.l[UND] += amount;
      }
    };

    let groupIndex = 0;
    for (const s of specs) {
      if (s.kind === 'bank' || s.kind === 'group') {
        const g = this.groups[groupIndex++];
        const weights = this.sizeWeights(s, seed, groupIndex);
        const put = (col: Float64Array, amount: number): void => {
          if (g.hi - g.lo === 1) col[g.lo] += amount;
          else {
            this.splitter.split(amount, weights, null, 0, g.hi - g.lo, this.share);
            for (let j = 0; j < g.hi - g.lo; j++) col[g.lo + j] += this.share[j];
          }
        };
        for (const h of s.holdings) {
          if (h.amount === 0) continue;
          if (h.instrument === 'capital') {
            g.declaredCapital = (g.declaredCapital ?? 0) + h.amount;
            continue;
          }
          const k = internalIndex(s.kind, h.instrument);
          if (k === null || k === TGA || k === SFP) return unsupported(s, h.instrument);
          if (sideOf(s.kind, h.instrument) === 'l') {
            put(this.lw(k), h.amount);
            if (k === TDEP) pub.a[TDEP] += h.amount;
          } else {
            put(this.aw(k), h.amount);
            if (k === RES) cb.l[RES] += h.amount;
            else if (k === VC) cb.l[CUR] += h.amount;
            else if (k === LOANS) pub.l[LOANS] += h.amount;
            else if (k < SECURITIES) issue(k, h.amount);
            else if (k === TD || k === RRP) {
              cb.l[k] += h.amount;
              const split = g.hi - g.lo > 1 ? new Float64Array(g.hi - g.lo) : null;
              if (split) for (let j = 0; j < split.length; j++) split[j] = this.colA[k][g.lo + j];
              this.claims.push({
                kind: k === TD ? 'td' : 'rrp',
                cr: { agent: null, lo: g.lo, hi: g.hi, split },
                dr: { agent: cb, lo: -1, hi: -1, split: null },
                principal: h.amount,
                rateInt: 0,
                start: this.cfg.startDay,
                maturity: nextBusinessDay(this.cfg.startDay + 1),
                acc: 0,
                src: -1,
              });
            }
          }
        }
        for (const l of s.lends) pendingLends.push({ from: s, to: l.to, amount: l.amount });
        continue;
      }
      const a = this.byName.get(s.name) ?? (s.kind === 'treasury' ? tsy : s.kind === 'public' ? pub : null);
      if (!a) continue;
      for (const h of s.holdings) {
        if (h.amount === 0) continue;
        if (h.instrument === 'capital') {
          a.declaredCapital = (a.declaredCapital ?? 0) + h.amount;
          continue;
        }
        const k = internalIndex(s.kind, h.instrument);
        if (k === null) return unsupported(s, h.instrument);
        const side = sideOf(s.kind, h.instrument);
        if (s.kind === 'central_bank') {
          if (side === 'a') {
            if (k === CBC) {
              pendingCbLends.push({ to: '', amount: h.amount });
            } else {
              cb.a[k] += h.amount;
              issue(k, h.amount);
            }
          } else if (k === RES) cbDeclaredReserves = (cbDeclaredReserves ?? 0) + h.amount;
          else if (k === CUR) cbDeclaredCurrency = (cbDeclaredCurrency ?? 0) + h.amount;
          else if (k === TGA || k === SFP) {
            cb.l[k] += h.amount;
            tsy.a[k] += h.amount;
          } else return unsupported(s, h.instrument);
        } else if (s.kind === 'treasury') {
          if (k === TGA || k === SFP) {
            tsy.a[k] += h.amount;
            cb.l[k] += h.amount;
          } else if (k === DEP) {
            this.depositorOpen(a, h.amount, s);
          } else if (k === TSY || k === BILLS) {
            declaredOutstanding[k] += h.amount;
            hasDeclaredOutstanding = true;
          } else return unsupported(s, h.instrument);
        } else {
          // public, firm, lender
          if (k < SECURITIES) {
            a.a[k] += h.amount;
            issue(k, h.amount);
          } else if (k === CUR) {
            a.a[CUR] += h.amount;
            cb.l[CUR] += h.amount;
          } else if (k === DEP) {
            if (a === pub) pubDeclared.dep = (pubDeclared.dep ?? 0) + h.amount;
            else this.depositorOpen(a, h.amount, s);
          } else if (k === TDEP && a === pub) {
            pubDeclared.tdep = (pubDeclared.tdep ?? 0) + h.amount;
          } else if (k === LOANS) {
            if (a === pub) pubDeclared.loans = (pubDeclared.loans ?? 0) + h.amount;
            else {
              if (a.hb < 0) return unsupported(s, h.instrument);
              a.l[LOANS] += h.amount;
              this.ow('oloans')[a.hb] += h.amount;
              pub.l[LOANS] -= h.amount;
              this.claims.push({
                kind: 'bankloan',
                cr: { agent: null, lo: a.hb, hi: a.hb + 1, split: null },
                dr: { agent: a, lo: -1, hi: -1, split: null },
                principal: h.amount,
                rateInt: 0,
                start: this.cfg.startDay,
                maturity: -1,
                acc: 0,
                src: -1,
              });
            }
          } else return unsupported(s, h.instrument);
        }
      }
      for (const l of s.lends) {
        if (s.kind === 'central_bank') pendingCbLends.push({ to: l.to, amount: l.amount });
        else pendingLends.push({ from: s, to: l.to, amount: l.amount });
      }
    }

    // Claims declared with `lends`.
    for (const pl of pendingCbLends) {
      if (pl.amount === 0) continue;
      cb.a[CBC] += pl.amount;
      if (pl.to === '') {
        if (n === 0) throw new EngineError({ code: 'MON7001', message: 'CB loans need banks', source: -1 });
        this.openClaimToBanks('cbloan', { agent: cb, lo: -1, hi: -1, split: null }, 0, n, pl.amount, CBC);
        continue;
      }
      const g = this.groupByName.get(pl.to);
      if (g)
        this.openClaimToBanks(
          'cbloan',
          { agent: cb, lo: -1, hi: -1, split: null },
          g.lo,
          g.hi,
          pl.amount,
          CBC,
        );
      else {
        const d = this.byName.get(pl.to);
        if (!d || d === cb || d === iss) {
          throw new EngineError({
            code: 'MON7001',
            message: `${cb.name} lends to unknown ${pl.to}`,
            source: -1,
          });
        }
        d.l[CBC] += pl.amount;
        this.claims.push(
          this.mkClaim(
            'cbloan',
            { agent: cb, lo: -1, hi: -1, split: null },
            this.agentSide(d),
            pl.amount,
            0,
            -1,
          ),
        );
        // The loan's proceeds were deposited at opening: the borrower's money is part of its declared holdings.
      }
    }
    for (const pl of pendingLends) {
      if (pl.amount === 0) continue;
      const dg = this.groupByName.get(pl.to);
      const fromG = this.groupByName.get(pl.from.name);
      if (fromG) {
        const crSide = this.bankSideSplit(fromG.lo, fromG.hi, pl.amount, this.aw(IB));
        if (dg) {
          const drSide = this.bankSideSplit(dg.lo, dg.hi, pl.amount, this.lw(IB));
          this.claims.push(this.mkClaim('bilateral', crSide, drSide, pl.amount, 0, -1));
        } else {
          const d = this.byName.get(pl.to);
          if (!d || d.kind === 'central_bank' || d.kind === 'issuers' || d.kind === 'treasury') {
            throw new EngineError({
              code: 'MON7001',
              message: `${pl.from.name} lends to unknown ${pl.to}`,
              source: -1,
            });
          }
          // A bank's loan to a named borrower: part of the bank's loans, owed by that borrower.
          for (let i = fromG.lo; i < fromG.hi; i++) {
            const v = this.colA[IB][i];
            this.colA[IB][i] -= v;
            this.colA[LOANS][i] += v;
            this.ow('oloans')[i] += v;
          }
          d.l[LOANS] += pl.amount;
          this.claims.push(this.mkClaim('bankloan', crSide, this.agentSide(d), pl.amount, 0, -1));
        }
      } else {
        const a = this.byName.get(pl.from.name);
        if (!a || !dg) {
          throw new EngineError({
            code: 'MON7001',
            message: `${pl.from.name} lends to unknown ${pl.to}`,
            source: -1,
          });
        }
        a.a[IB] += pl.amount;
        const drSide = this.bankSideSplit(dg.lo, dg.hi, pl.amount, this.lw(IB));
        this.claims.push(this.mkClaim('bilateral', this.agentSide(a), drSide, pl.amount, 0, -1));
      }
    }

    // The public: deposits, time deposits and loans not declared by another holder.
    const pubDep = this.publicDepositsAtOpening();
    pub.a[DEP] = pubDep;
    const checkDeclared = (what: string, declared: number | null, actual: number): void => {
      if (declared !== null && declared !== actual) {
        throw new EngineError({
          code: 'MON7001',
          message: `${pub.name} declares ${declared} of ${what} but banks' books give ${actual}`,
          source: -1,
          agent: pub.name,
          instrument: what,
        });
      }
    };
    checkDeclared('deposits', pubDeclared.dep, pubDep);
    checkDeclared('time_deposits', pubDeclared.tdep, pub.a[TDEP]);
    checkDeclared('loans', pubDeclared.loans, pub.l[LOANS]);
    if (pub.l[LOANS] < 0) {
      throw new EngineError({
        code: 'MON7001',
        message: 'named borrowers owe more than banks lent',
        source: -1,
      });
    }

    // Currency not held by a declared holder is held by the public.
    if (cbDeclaredCurrency !== null) {
      const rest = cbDeclaredCurrency - cb.l[CUR];
      if (rest < 0) {
        throw new EngineError({
          code: 'MON7001',
          message: `${cb.name} declares ${cbDeclaredCurrency} of currency but holders declare ${cb.l[CUR]}`,
          source: -1,
          agent: cb.name,
          instrument: 'currency',
        });
      }
      pub.a[CUR] += rest;
      cb.l[CUR] = cbDeclaredCurrency;
    }
    if (cbDeclaredReserves !== null && cbDeclaredReserves !== cb.l[RES]) {
      throw new EngineError({
        code: 'MON7001',
        message: `${cb.name} declares ${cbDeclaredReserves} of reserves but banks hold ${cb.l[RES]}`,
        source: -1,
        agent: cb.name,
        instrument: 'reserves',
      });
    }
    if (hasDeclaredOutstanding) {
      for (const k of [TSY, BILLS]) {
        if (declaredOutstanding[k] === 0) continue;
        const rest = declaredOutstanding[k] - tsy.l[k];
        if (rest < 0) {
          throw new EngineError({
            code: 'MON7001',
            message: `${tsy.name} declares ${declaredOutstanding[k]} of ${INTERNAL_NAMES[k]} outstanding but holders declare ${tsy.l[k]}`,
            source: -1,
            agent: tsy.name,
            instrument: INTERNAL_NAMES[k],
          });
        }
        pub.a[k] += rest;
        tsy.l[k] += rest;
      }
    }

    // Equity: the residual, checked against declared capital.
    for (const a of this.agents) {
      a.eq = a.assets - a.liabilities;
      if (a.declaredCapital !== null && a.declaredCapital !== a.eq) {
        throw new EngineError({
          code: 'MON7001',
          message: `${a.name} is unbalanced: declared capital ${a.declaredCapital}, assets − liabilities ${a.eq} (gap ${a.eq - a.declaredCapital})`,
          source: -1,
          agent: a.name,
          instrument: 'capital',
        });
      }
    }
    for (const g of this.groups) {
      const total = this.openEquity(g.lo, g.hi);
      if (g.declaredCapital !== null && g.declaredCapital !== total) {
        throw new EngineError({
          code: 'MON7001',
          message: `${g.name} is unbalanced: declared capital ${g.declaredCapital}, assets − liabilities ${total} (gap ${total - g.declaredCapital})`,
          source: -1,
          agent: g.name,
          instrument: 'capital',
        });
      }
    }
  }

  // open's loops over the banks live in their own functions: open runs once per engine (once per point of a
  // sweep), and its loops made the whole of it hot enough for TurboFan, which then compiled it — the
  // engine's largest function — twice in every sweep worker (~50 ms of compile time each, measured by
  // --trace-opt), competing with the workers for the cores.

  /** Σ of the public's deposits at the banks, checking every bank's named depositors and borrowers. */
  private publicDepositsAtOpening(): number {
    const dep = this.colL[DEP];
    let pubDep = 0;
    for (let i = 0; i < this.n; i++) {
      const v = dep[i] - this.odep[i];
      if (v < 0) {
        throw new EngineError({
          code: 'MON7001',
          message: `depositors at ${this.bankName(i)} declare ${this.odep[i]} of deposits but it owes only ${dep[i]}`,
          source: -1,
          agent: this.bankName(i),
          instrument: 'deposits',
        });
      }
      pubDep += v;
      if (this.colA[LOANS][i] - this.oloans[i] < 0) {
        throw new EngineError({
          code: 'MON7001',
          message: `borrowers at ${this.bankName(i)} owe more than its loans`,
          source: -1,
          agent: this.bankName(i),
          instrument: 'loans',
        });
      }
    }
    return pubDep;
  }

  /** Sets the equity of banks [lo, hi) as assets − liabilities; returns its sum. */
  private openEquity(lo: number, hi: number): number {
    let total = 0;
    for (let i = lo; i < hi; i++) {
      this.beq[i] = this.bankAssets(i) - this.bankLiabilities(i);
      total += this.beq[i];
    }
    return total;
  }

  private depositorOpen(a: Agent, amount: number, s: AgentSpec): void {
    if (a.hb < 0) {
      throw new EngineError({
        code: 'MON7001',
        message: `${s.name} holds deposits but there are no banks`,
        source: -1,
      });
    }
    a.a[DEP] += amount;
    this.ow('odep')[a.hb] += amount;
  }

  private openClaimToBanks(
    kind: ClaimKind,
    cr: ClaimSide,
    lo: number,
    hi: number,
    amount: number,
    k: number,
  ): void {
    const col = this.lw(k);
    const side = this.bankSideSplit(lo, hi, amount, col, this.colL[DEP]);
    this.claims.push(this.mkClaim(kind, cr, side, amount, 0, -1));
  }

  /** Splits `amount` over banks [lo, hi) (by `by`, else deposits, else equally), adds it to `col`, returns the side. */
  private bankSideSplit(
    lo: number,
    hi: number,
    amount: number,
    col: Float64Array,
    by?: Float64Array,
  ): ClaimSide {
    if (hi - lo === 1) {
      col[lo] += amount;
      return { agent: null, lo, hi, split: null };
    }
    this.splitBanks(amount, by ?? this.colL[DEP], null, lo, hi);
    const split = new Float64Array(hi - lo);
    for (let i = lo; i < hi; i++) {
      col[i] += this.share[i];
      split[i - lo] = this.share[i];
    }
    return { agent: null, lo, hi, split };
  }

  private sizeWeights(s: AgentSpec, seed: number, stream: number): Float64Array {
    const count = s.kind === 'bank' ? 1 : Math.max(1, Math.floor(s.count ?? 1));
    const w = new Float64Array(count);
    const dist = s.sizes?.dist ?? 'equal';
    const p = s.sizes?.param ?? 1;
    const rng = new Prng(seed, stream);
    for (let i = 0; i < count; i++) {
      if (dist === 'lognormal') w[i] = Math.exp(p * rng.normal());
      else if (dist === 'pareto') w[i] = Math.pow(rng.uniform(), -1 / p);
      else if (dist === 'equal' || dist === 'uniform') w[i] = dist === 'equal' ? 1 : 0.5 + rng.uniform();
      else {
        throw new EngineError({
          code: 'MON7001',
          message: `unknown size distribution "${dist}" for ${s.name} (use lognormal, pareto, uniform or equal)`,
          source: -1,
          agent: s.name,
        });
      }
    }
    return w;
  }

  private mkClaim(
    kind: ClaimKind,
    cr: ClaimSide,
    dr: ClaimSide,
    principal: number,
    rate: number,
    maturity: number,
  ): Claim {
    return {
      kind,
      cr,
      dr,
      principal,
      rateInt: rateToInt(rate),
      start: this.opDay(),
      maturity,
      acc: 0,
      src: this.src,
    };
  }

  private agentSide(a: Agent): ClaimSide {
    return { agent: a, lo: -1, hi: -1, split: null };
  }

  // =========================================================================================================
  // Columns and bookkeeping helpers

  /** Writable asset column (allocated on first use). */
  private aw(k: number): Float64Array {
    let c = this.colA[k];
    if (c === this.ZERO) {
      // Vault cash is the kernels' (the arena's); other columns are this engine's own.
      c = k === VC ? this.arena.vc() : new Float64Array(Math.max(1, this.n));
      this.colA[k] = c;
    }
    return c;
  }

  private lw(k: number): Float64Array {
    let c = this.colL[k];
    if (c === this.ZERO) {
      c = new Float64Array(Math.max(1, this.n));
      this.colL[k] = c;
    }
    return c;
  }

  private ow(which: 'odep' | 'oloans'): Float64Array {
    if (which === 'odep') {
      if (this.odep === this.ZERO) this.odep = this.arena.odep();
      return this.odep;
    }
    if (this.oloans === this.ZERO) this.oloans = new Float64Array(Math.max(1, this.n));
    return this.oloans;
  }

  private bookCol(b: OvernightBook): Float64Array {
    if (b.col === this.ZERO) b.col = new Float64Array(Math.max(1, this.n));
    return b.col;
  }

  private bankAssets(i: number): number {
    let s = 0;
    for (let k = 0; k < NI; k++) s += this.colA[k][i];
    return s;
  }

  private bankLiabilities(i: number): number {
    let s = 0;
    for (let k = 0; k < NI; k++) s += this.colL[k][i];
    return s;
  }

  private sumCol(c: Float64Array, lo: number, hi: number): number {
    // The shared zero column is never written: most instruments of most economies (a balance sheet sums
    // every column of a group).
    if (c === this.ZERO) return 0;
    let s = 0;
    for (let i = lo; i < hi; i++) s += c[i];
    return s;
  }

  private groupOf(i: number): Group {
    let lo = 0;
    let hi = this.groups.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.groups[mid].lo <= i) lo = mid;
      else hi = mid - 1;
    }
    return this.groups[lo];
  }

  private bankName(i: number): string {
    const g = this.groupOf(i);
    return g.hi - g.lo === 1 ? g.name : `${g.name}#${i - g.lo}`;
  }

  /** Records the current source on banks [lo, hi) for a line (side 0 assets, 1 liabilities, 2 equity). */
  private markBanks(lo: number, hi: number, side: 0 | 1 | 2, k: number): void {
    // Every change to banks' balances passes through here: the stored requirement (deposits), tomorrow's
    // lending decision (deposits, reserves, vault cash, loans) and the stored accrual are stale from now on.
    this.bankEpoch++;
    if (side === 1 && k === DEP) {
      this.depDirty = true;
      this.lendDirty = true;
    } else if (side === 1 && k === TDEP) this.tdepDirty = true;
    else if (side === 0 && (k === RES || k === VC || k === LOANS)) this.lendDirty = true;
    const off = side === 2 ? 2 * NI : side * NI + k;
    const gs = this.groups;
    for (let j = 0; j < gs.length; j++) {
      const g = gs[j];
      if (g.lo < hi && g.hi > lo) {
        g.src[off] = this.src;
        g.last = off;
      }
    }
  }

  private markA(a: Agent, k: number): void {
    a.srcA[k] = this.src;
    a.last = k;
  }

  private markL(a: Agent, k: number): void {
    a.srcL[k] = this.src;
    a.last = NI + k;
  }

  private markEq(a: Agent): void {
    a.srcEq = this.src;
    a.last = 2 * NI;
  }

  private fail(message: string, agent?: string, instrument?: string, code = 'MON7001'): never {
    throw new EngineError({ code, message, source: this.src, agent, instrument });
  }

  /** An amount in a message, grouped as the reports print it (`1,000,000,000,000 USD`). */
  private money(x: number): string {
    const major = Number((x * this.unitMajor).toPrecision(15));
    return `${MESSAGE_AMOUNT.format(major === 0 ? 0 : major)} ${this.cfg.currency}`;
  }

  private opDay(): number {
    this.live(); // every operation asks for its day first: a released engine must not write the arena
    if (!Number.isNaN(this.explicitDay)) return this.explicitDay;
    return Number.isNaN(this.lastDay) ? this.cfg.startDay : this.lastDay + 1;
  }

  private round(x: number): number {
    return this.exact ? roundHalfEven(x) : x;
  }

  /**
   * Splits `total` over banks [lo, hi) into this.share by weights (w − sub), falling back to deposits, then
   * to equal shares.
   */
  private splitBanks(total: number, w: Float64Array, sub: Float64Array | null, lo: number, hi: number): void {
    const sp = this.splitter;
    // A fast path (tuning.fuse: false turns it off, so that the fast-path law compares it with the general one).
    this.splitOnKernels =
      this.fuse &&
      this.exact &&
      total > 0 &&
      sub === null &&
      hi - lo >= SPLIT_KERNEL_FROM &&
      this.splitByKernels(total, w, lo, hi);
    if (this.splitOnKernels) return;
    if (sp.split(total, w, sub, lo, hi, this.share)) return;
    if (w !== this.colL[DEP] && sp.split(total, this.colL[DEP], null, lo, hi, this.share)) return;
    const len = hi - lo;
    if (!this.exact) {
      for (let i = lo; i < hi; i++) this.share[i] = total / len;
      return;
    }
    const neg = total < 0;
    const T = Math.abs(total);
    const q = Math.floor(T / len);
    const r = T - q * len;
    for (let i = lo; i < hi; i++) {
      const v = q + (i - lo < r ? 1 : 0);
      this.share[i] = neg ? -v : v;
    }
  }

  /**
   * The common exact split (a positive total by one column's positive entries) on this engine's compiled
   * kernels, over a copy of the weights: the same shares as Splitter.split, about 2× faster on a large group
   * (profiled on the playground script: ~24 → ~11 ns per bank and purchase; the script 65 → 57 ms). False, with nothing decided, where the
   * general path must do it: no positive weight, or the rare float-error cases of largest remainder.
   */
  /** Whether the last splitBanks ran on the kernels (then the arena's wv holds a copy of its weights). */
  private splitOnKernels = false;

  private splitByKernels(T: number, w: Float64Array, lo: number, hi: number): boolean {
    const K = this.kernels();
    const wv = this.arena.wv;
    if (lo === 0 && hi === this.n && w.length === wv.length) wv.set(w);
    else for (let i = lo; i < hi; i++) wv[i] = w[i];
    const W = K.sumWeights(lo, hi);
    if (!(W > 0)) return false;
    const sp = this.splitter;
    sp.hist.fill(0);
    const out = this.kout;
    out[OUT.participants] = 0;
    const ex = exactRemainders(T, W);
    const sumq = K.splitFloors(lo, hi, T / W, ex ? T : 0, ex ? W : 0);
    const left = T - sumq;
    if (left < 0 || left >= out[OUT.participants]) return false;
    if (left > 0) {
      sp.thresholdBucket(left);
      sp.finishTop(K.splitTop(lo, hi, sp.tb), 1, this.share, null);
    }
    return true;
  }

  // =========================================================================================================
  // Parties and money

  private party(p: PartyRef, role: string): Party {
    if (p.k === 'banks' || p.k === 'dealers') {
      if (this.n === 0) this.fail(`there are no banks to ${role}`);
      return { bank: true, lo: 0, hi: this.n, name: 'banks' };
    }
    if (p.k === 'public') return { bank: false, agent: this.pubA };
    const g = this.groupByName.get(p.name);
    if (g) return { bank: true, lo: g.lo, hi: g.hi, name: g.name };
    const a = this.byName.get(p.name);
    if (!a || a === this.issA) this.fail(`unknown party ${p.name}`, p.name);
    return { bank: false, agent: a };
  }

  private isDepositor(a: Agent): boolean {
    return a.kind === 'firm' || a.kind === 'lender';
  }

  private homeBank(a: Agent): number {
    if (a.hb < 0) this.fail(`${a.name} has no bank`, a.name, 'deposits');
    return a.hb;
  }

  /**
   * A non-bank pays X out of its money: a depositor's deposits fall at its home bank (and its bank's
   * reserves with them); the public's are spread over banks by its deposits; the treasury pays from the TGA
   * and the CB by creating reserves (both put reserves "in transit" to the payee's bank).
   */
  private debitAgent(a: Agent, X: number): void {
    if (X === 0) return;
    const cb = this.cbA;
    if (a === cb) {
      cb.l[RES] += X;
      this.flow += X;
      this.markL(cb, RES);
      return;
    }
    if (a === this.tsyA) {
      if (a.a[TGA] < X) {
        this.fail(
          `${a.name} has only ${this.money(a.a[TGA])} in the TGA; cannot pay ${this.money(X)}`,
          a.name,
          'tga',
        );
      }
      a.a[TGA] -= X;
      cb.l[TGA] -= X;
      cb.l[RES] += X;
      this.flow += X;
      this.markA(a, TGA);
      this.markL(cb, TGA);
      this.markL(cb, RES);
      return;
    }
    if (a.a[DEP] < X) {
      this.fail(
        `${a.name} has only ${this.money(a.a[DEP])} of deposits; cannot pay ${this.money(X)}`,
        a.name,
        'deposits',
      );
    }
    const dep = this.colL[DEP];
    const res = this.colA[RES];
    if (a === this.pubA) {
      this.splitBanks(-X, dep, this.odepOrNull(), 0, this.n);
      const sh = this.share;
      for (let i = 0; i < this.n; i++) {
        const s = sh[i];
        if (s !== 0) {
          dep[i] += s;
          res[i] += s;
          if (res[i] < 0) this.negFlag = true;
        }
      }
      a.a[DEP] -= X;
      this.markA(a, DEP);
      this.markBanks(0, this.n, 0, RES);
      this.markBanks(0, this.n, 1, DEP);
      return;
    }
    const hb = this.homeBank(a);
    a.a[DEP] -= X;
    dep[hb] -= X;
    this.odep[hb] -= X;
    res[hb] -= X;
    if (res[hb] < 0) this.negFlag = true;
    this.markA(a, DEP);
    this.markBanks(hb, hb + 1, 0, RES);
    this.markBanks(hb, hb + 1, 1, DEP);
  }

  /** A non-bank receives X (the mirror of debitAgent). */
  private creditAgent(a: Agent, X: number): void {
    if (X === 0) return;
    const cb = this.cbA;
    if (a === cb) {
      cb.l[RES] -= X;
      this.flow -= X;
      this.markL(cb, RES);
      return;
    }
    if (a === this.tsyA) {
      a.a[TGA] += X;
      cb.l[TGA] += X;
      cb.l[RES] -= X;
      this.flow -= X;
      this.markA(a, TGA);
      this.markL(cb, TGA);
      this.markL(cb, RES);
      return;
    }
    if (this.n === 0) this.fail(`${a.name} cannot receive deposits: there are no banks`, a.name, 'deposits');
    const dep = this.colL[DEP];
    const res = this.colA[RES];
    if (a === this.pubA) {
      this.splitBanks(X, dep, this.odepOrNull(), 0, this.n);
      const sh = this.share;
      for (let i = 0; i < this.n; i++) {
        const s = sh[i];
        if (s !== 0) {
          dep[i] += s;
          res[i] += s;
        }
      }
      a.a[DEP] += X;
      this.markA(a, DEP);
      this.markBanks(0, this.n, 0, RES);
      this.markBanks(0, this.n, 1, DEP);
      return;
    }
    const hb = this.homeBank(a);
    a.a[DEP] += X;
    dep[hb] += X;
    this.ow('odep')[hb] += X;
    res[hb] += X;
    this.markA(a, DEP);
    this.markBanks(hb, hb + 1, 0, RES);
    this.markBanks(hb, hb + 1, 1, DEP);
  }

  /** What a non-bank can pay with: deposits (the treasury: its TGA; the CB: anything). */
  private moneyOf(a: Agent): number {
    if (a === this.cbA) return Infinity;
    if (a === this.tsyA) return Math.max(0, a.a[TGA]);
    return Math.max(0, a.a[DEP]);
  }

  private odepOrNull(): Float64Array | null {
    return this.odep === this.ZERO ? null : this.odep;
  }

  /** Banks [lo, hi) pay X from their reserves, pro-rata by positive balances; shares left in this.share. */
  private debitBanks(lo: number, hi: number, X: number): void {
    this.splitBanks(X, this.colA[RES], null, lo, hi);
    const res = this.colA[RES];
    for (let i = lo; i < hi; i++) {
      res[i] -= this.share[i];
      if (res[i] < 0) this.negFlag = true;
    }
    this.markBanks(lo, hi, 0, RES);
  }

  /** Banks [lo, hi) receive X of reserves pro-rata by deposits; shares left in this.share. */
  private creditBanks(lo: number, hi: number, X: number): void {
    this.splitBanks(X, this.colL[DEP], null, lo, hi);
    const res = this.colA[RES];
    for (let i = lo; i < hi; i++) res[i] += this.share[i];
    this.markBanks(lo, hi, 0, RES);
  }

  private payerDebit(p: Party, X: number): void {
    if (p.bank) this.debitBanks(p.lo, p.hi, X);
    else this.debitAgent(p.agent, X);
  }

  private payeeCredit(p: Party, X: number): void {
    if (p.bank) this.creditBanks(p.lo, p.hi, X);
    else this.creditAgent(p.agent, X);
  }

  /** Equity of a party changes by d (a transfer); banks pro-rata by the last split (this.share). */
  private partyEquity(p: Party, d: number): void {
    if (p.bank) {
      for (let i = p.lo; i < p.hi; i++) this.beq[i] += Math.sign(d) * Math.abs(this.share[i]);
      this.markBanks(p.lo, p.hi, 2, 0);
    } else {
      p.agent.eq += d;
      this.markEq(p.agent);
    }
  }

  // =========================================================================================================
  // Engine API: operations

  setSource(tag: number): void {
    this.src = tag;
    this.lastOpSrc = tag;
  }

  /** Optional: the day the following operations belong to (default: the day after the last endOfDay). */
  beginDay(day: number): void {
    this.explicitDay = day;
  }

  private positive(amount: number, what: string): void {
    if (!(amount > 0) || !Number.isFinite(amount))
      this.fail(`${what}: the amount must be positive (got ${amount})`);
    if (this.exact && !Number.isInteger(amount))
      this.fail(`${what}: the amount must be an integer of the unit`);
    if (amount > MAX_EXACT) {
      this.fail(
        `${what}: ${amount} units is beyond the exact range; use a larger unit`,
        undefined,
        undefined,
        'MON7002',
      );
    }
  }

  buy(asset: AssetName, amount: number, from: PartyRef): void {
    this.startOfDay(this.opDay());
    this.positive(amount, 'buy');
    this.buySecurity(ASSET_INDEX[asset], amount, this.party(from, 'sell'));
    this.afterOp();
  }

  private buySecurity(k: number, X: number, p: Party): void {
    const cb = this.cbA;
    if (p.bank) {
      const col = this.colA[k];
      const held = this.sumCol(col, p.lo, p.hi);
      if (held < X) {
        this.fail(
          `${p.name} hold only ${this.money(held)} of ${INTERNAL_NAMES[k]}; cannot sell ${this.money(X)}`,
          p.name,
          INTERNAL_NAMES[k],
        );
      }
      this.splitBanks(X, col, null, p.lo, p.hi);
      if (this.splitOnKernels) {
        // The split ran over a copy of the holdings (wv): sell from the copy on the kernels, copy it back.
        this.kernels().sellShares(p.lo, p.hi);
        col.set(this.arena.wv.subarray(p.lo, p.hi), p.lo);
      } else {
        const res = this.colA[RES];
        const share = this.share;
        for (let i = p.lo, hi = p.hi; i < hi; i++) {
          const s = share[i];
          col[i] -= s;
          res[i] += s;
        }
      }
      this.markBanks(p.lo, p.hi, 0, k);
      this.markBanks(p.lo, p.hi, 0, RES);
      cb.l[RES] += X;
      this.flow += X;
      this.markL(cb, RES);
    } else {
      const a = p.agent;
      if (a === cb) this.fail(`${cb.name} cannot buy from itself`, cb.name);
      if (a === this.tsyA) {
        if (k !== TSY && k !== BILLS)
          this.fail(`${a.name} does not issue ${INTERNAL_NAMES[k]}`, a.name, INTERNAL_NAMES[k]);
        a.l[k] += X;
        a.a[TGA] += X;
        cb.l[TGA] += X;
        this.markL(a, k);
        this.markA(a, TGA);
        this.markL(cb, TGA);
      } else {
        if (a.a[k] < X) {
          this.fail(
            `${a.name} holds only ${this.money(a.a[k])} of ${INTERNAL_NAMES[k]}; cannot sell ${this.money(X)}`,
            a.name,
            INTERNAL_NAMES[k],
          );
        }
        a.a[k] -= X;
        this.markA(a, k);
        this.debitAgent(cb, X);
        this.creditAgent(a, X);
      }
    }
    cb.a[k] += X;
    this.markA(cb, k);
  }

  sell(asset: AssetName, amount: number, to: PartyRef): void {
    this.startOfDay(this.opDay());
    this.positive(amount, 'sell');
    const k = ASSET_INDEX[asset];
    const cb = this.cbA;
    if (cb.a[k] < amount) {
      this.fail(
        `${cb.name} holds only ${this.money(cb.a[k])} of ${asset}; cannot sell ${this.money(amount)}`,
        cb.name,
        asset,
      );
    }
    const p = this.party(to, 'buy');
    if (p.bank) {
      this.debitBanks(p.lo, p.hi, amount);
      const col = this.aw(k);
      for (let i = p.lo; i < p.hi; i++) col[i] += this.share[i];
      this.markBanks(p.lo, p.hi, 0, k);
      cb.l[RES] -= amount;
      this.flow -= amount;
      this.markL(cb, RES);
    } else {
      const a = p.agent;
      if (a === cb) this.fail(`${cb.name} cannot sell to itself`, cb.name);
      if (a === this.tsyA) {
        if (k !== TSY && k !== BILLS) this.fail(`${a.name} does not redeem ${asset}`, a.name, asset);
        if (a.a[TGA] < amount)
          this.fail(`${a.name} has only ${this.money(a.a[TGA])} in the TGA`, a.name, 'tga');
        a.a[TGA] -= amount;
        cb.l[TGA] -= amount;
        a.l[k] -= amount;
        this.markA(a, TGA);
        this.markL(cb, TGA);
        this.markL(a, k);
      } else {
        this.debitAgent(a, amount);
        this.creditAgent(cb, amount);
        a.a[k] += amount;
        this.markA(a, k);
      }
    }
    cb.a[k] -= amount;
    this.markA(cb, k);
    this.afterOp();
  }

  hold(what: AssetName | 'sfp' | 'tga', level: number): void {
    this.startOfDay(this.opDay());
    if (!(level >= 0) || (this.exact && !Number.isInteger(level))) this.fail(`hold: invalid level ${level}`);
    if (what === 'sfp' || what === 'tga') {
      const acct = what === 'sfp' ? SFP : TGA;
      if (what === 'tga') {
        this.holdTgaLevel = level;
        this.holdTgaSrc = this.src;
      }
      this.adjustTreasuryAccount(acct, level);
    } else {
      const k = ASSET_INDEX[what];
      const gap = level - this.cbA.a[k];
      if (gap > 0) this.buySecurity(k, gap, this.party({ k: 'banks' }, 'sell'));
      const st = this.sec[k];
      st.mode = 'hold';
      st.level = level;
      st.src = this.src;
      st.month = -1;
    }
    this.afterOp();
  }

  /**
   * Brings the TGA or SFP balance to `level` by issuing or redeeming bills with the banks. `automatic` (the
   * daily `hold tga`): redeems only the bills the banks hold instead of failing.
   */
  private adjustTreasuryAccount(acct: number, level: number, automatic = false): void {
    const cur = this.tsyA.a[acct];
    if (level > cur) {
      if (this.n > 0 || !automatic) this.treasuryIssue(level - cur, acct, null);
    } else if (level < cur) {
      const x = automatic
        ? Math.min(cur - level, this.n > 0 ? this.sumCol(this.colA[BILLS], 0, this.n) : 0)
        : cur - level;
      if (x > 0) this.treasuryRedeem(x, acct, null);
    }
  }

  runoff(asset: AssetName, capPerMonth: number | null): void {
    this.startOfDay(this.opDay());
    const st = this.sec[ASSET_INDEX[asset]];
    if (capPerMonth !== null && !(capPerMonth >= 0)) this.fail(`runoff: invalid cap ${capPerMonth}`);
    st.mode = 'runoff';
    st.cap = capPerMonth === null ? Infinity : capPerMonth;
    st.src = this.src;
    st.month = -1;
    this.afterOp();
  }

  lend(amount: number, to: PartyRef, from: PartyRef | null, rate: number, termDays: number | null): void {
    this.startOfDay(this.opDay());
    this.positive(amount, 'lend');
    const maturity =
      termDays === null ? -1 : nextBusinessDay(this.opDay() + Math.max(1, Math.floor(termDays)));
    const lender = from === null ? null : this.party(from, 'lend');
    const borrower = this.party(to, 'borrow');
    const cb = this.cbA;
    const X = amount;
    if (lender === null || (!lender.bank && lender.agent === cb)) {
      // The central bank lends.
      if (borrower.bank) {
        const split = borrower.hi - borrower.lo > 1 ? new Float64Array(borrower.hi - borrower.lo) : null;
        if (split) this.splitBanks(X, this.colL[DEP], null, borrower.lo, borrower.hi);
        else this.share[borrower.lo] = X;
        const col = this.lw(CBC);
        const res = this.colA[RES];
        for (let i = borrower.lo; i < borrower.hi; i++) {
          const s = this.share[i];
          col[i] += s;
          res[i] += s;
          if (split) split[i - borrower.lo] = s;
        }
        this.markBanks(borrower.lo, borrower.hi, 1, CBC);
        this.markBanks(borrower.lo, borrower.hi, 0, RES);
        cb.l[RES] += X;
        this.flow += X;
        this.markL(cb, RES);
        this.claims.push(
          this.mkClaim(
            'cbloan',
            this.agentSide(cb),
            { agent: null, lo: borrower.lo, hi: borrower.hi, split },
            X,
            rate,
            maturity,
          ),
        );
      } else {
        const a = borrower.agent;
        if (a === cb || a === this.issA) this.fail(`${cb.name} cannot lend to ${a.name}`, a.name);
        a.l[CBC] += X;
        this.markL(a, CBC);
        this.debitAgent(cb, X);
        this.creditAgent(a, X);
        this.claims.push(this.mkClaim('cbloan', this.agentSide(cb), this.agentSide(a), X, rate, maturity));
      }
      cb.a[CBC] += X;
      this.markA(cb, CBC);
    } else if (lender.bank) {
      if (borrower.bank) {
        // Interbank: reserves move from the lender(s) to the borrower(s).
        this.debitBanks(lender.lo, lender.hi, X);
        const crSplit = this.captureSplit(lender.lo, lender.hi, this.aw(IB));
        this.markBanks(lender.lo, lender.hi, 0, IB);
        this.creditBanks(borrower.lo, borrower.hi, X);
        const drSplit = this.captureSplit(borrower.lo, borrower.hi, this.lw(IB));
        this.markBanks(borrower.lo, borrower.hi, 1, IB);
        this.claims.push(
          this.mkClaim(
            'bilateral',
            { agent: null, lo: lender.lo, hi: lender.hi, split: crSplit },
            { agent: null, lo: borrower.lo, hi: borrower.hi, split: drSplit },
            X,
            rate,
            maturity,
          ),
        );
      } else {
        const a = borrower.agent;
        if (a === this.tsyA || a === cb || a === this.issA)
          this.fail(`${lender.name} cannot lend to ${a.name}`, a.name);
        const isPub = a === this.pubA;
        // The lender's loans rise; the borrower's deposit rises at its home bank (the lender for the public).
        this.splitBanks(X, this.colL[DEP], null, lender.lo, lender.hi);
        const loans = this.colA[LOANS];
        const res = this.colA[RES];
        const dep = this.colL[DEP];
        const crSplit = !isPub && lender.hi - lender.lo > 1 ? new Float64Array(lender.hi - lender.lo) : null;
        for (let i = lender.lo; i < lender.hi; i++) {
          const s = this.share[i];
          loans[i] += s;
          if (isPub) dep[i] += s;
          else {
            this.ow('oloans')[i] += s;
            res[i] -= s;
            if (res[i] < 0) this.negFlag = true;
          }
          if (crSplit) crSplit[i - lender.lo] = s;
        }
        this.markBanks(lender.lo, lender.hi, 0, LOANS);
        this.markBanks(lender.lo, lender.hi, 0, RES);
        if (isPub) {
          a.l[LOANS] += X;
          a.a[DEP] += X;
          this.markL(a, LOANS);
          this.markA(a, DEP);
          this.markBanks(lender.lo, lender.hi, 1, DEP);
        } else {
          a.l[LOANS] += X;
          this.markL(a, LOANS);
          this.creditAgent(a, X);
          this.claims.push(
            this.mkClaim(
              'bankloan',
              { agent: null, lo: lender.lo, hi: lender.hi, split: crSplit },
              this.agentSide(a),
              X,
              rate,
              maturity,
            ),
          );
        }
      }
    } else {
      // A non-bank lender lends to banks (e.g. a GSE in the federal funds market).
      const a = lender.agent;
      if (!borrower.bank || !this.isDepositor(a)) {
        this.fail(`${a.name} can lend only to banks`, a.name);
      }
      this.debitAgent(a, X);
      a.a[IB] += X;
      this.markA(a, IB);
      this.creditBanks(borrower.lo, borrower.hi, X);
      const drSplit = this.captureSplit(borrower.lo, borrower.hi, this.lw(IB));
      this.markBanks(borrower.lo, borrower.hi, 1, IB);
      this.claims.push(
        this.mkClaim(
          'bilateral',
          this.agentSide(a),
          { agent: null, lo: borrower.lo, hi: borrower.hi, split: drSplit },
          X,
          rate,
          maturity,
        ),
      );
    }
    this.afterOp();
  }

  /** Adds this.share over [lo, hi) to `col` and returns a copy of the split (null for one bank). */
  private captureSplit(lo: number, hi: number, col: Float64Array): Float64Array | null {
    for (let i = lo; i < hi; i++) col[i] += this.share[i];
    if (hi - lo === 1) return null;
    const s = new Float64Array(hi - lo);
    for (let i = lo; i < hi; i++) s[i - lo] = this.share[i];
    return s;
  }

  repay(amount: number, from: PartyRef, to: PartyRef | null): void {
    this.startOfDay(this.opDay());
    this.positive(amount, 'repay');
    const P = this.party(from, 'repay');
    let Q: Party | null = to === null ? null : this.party(to, 'be repaid');
    const cb = this.cbA;
    if (Q === null) {
      // The default creditor: the CB if the borrower owes it, else the banks (or, for a bank, other lenders).
      const owesCb = this.claims.some(
        (c) => c.kind === 'cbloan' && c.principal > 0 && this.sideWithin(c.dr, P) > 0,
      );
      if (owesCb) Q = { bank: false, agent: cb };
      else if (P.bank) {
        const lender = this.claims.find(
          (c) => c.kind === 'bilateral' && c.principal > 0 && this.sideWithin(c.dr, P) > 0,
        );
        Q = lender?.cr.agent
          ? { bank: false, agent: lender.cr.agent }
          : { bank: true, lo: 0, hi: this.n, name: 'banks' };
      } else Q = { bank: true, lo: 0, hi: this.n, name: 'banks' };
    }
    let kind: ClaimKind;
    if (!Q.bank && Q.agent === cb) kind = 'cbloan';
    else if (P.bank) kind = 'bilateral';
    else kind = 'bankloan';

    if (kind === 'bankloan' && !P.bank && P.agent === this.pubA) {
      this.publicRepaysBanks(amount, Q as Party & { bank: true });
      this.afterOp();
      return;
    }
    // Claims of that kind between P (debtor) and Q (creditor), oldest first.
    let available = 0;
    for (const c of this.claims) {
      if (c.kind !== kind || c.principal <= 0) continue;
      if (kind !== 'cbloan' && !this.sideMatches(c.cr, Q)) continue;
      available += this.sideWithin(c.dr, P);
    }
    const pname = P.bank ? P.name : P.agent.name;
    const qname = Q.bank ? Q.name : Q.agent.name;
    if (available < amount) {
      this.fail(
        `${pname} owes ${qname} only ${this.money(available)}; cannot repay ${this.money(amount)}`,
        pname,
        'loans',
      );
    }
    // Plan (oldest claims first; each repaid part carries its share of the interest accrued so far), check
    // that a non-bank payer can pay it all, then settle.
    const plan: { c: Claim; t: number; accPart: number; I: number }[] = [];
    let left = amount;
    let due = 0;
    for (const c of this.claims) {
      if (left <= 0) break;
      if (c.kind !== kind || c.principal <= 0) continue;
      if (kind !== 'cbloan' && !this.sideMatches(c.cr, Q)) continue;
      const within = this.sideWithin(c.dr, P);
      if (within <= 0) continue;
      const t = Math.min(left, within);
      let accPart = c.acc;
      if (t < c.principal)
        accPart = this.exact ? Math.floor((c.acc * t) / c.principal) : (c.acc * t) / c.principal;
      const I = this.exact ? creditAccrued(accPart) : accPart / DAY_COUNT_SCALE;
      plan.push({ c, t, accPart, I });
      due += t + I;
      left -= t;
    }
    if (!P.bank && this.moneyOf(P.agent) < due) {
      this.fail(
        `${pname} has only ${this.money(this.moneyOf(P.agent))} to repay ${this.money(due)} (principal and interest)`,
        pname,
        P.agent === this.tsyA ? 'tga' : 'deposits',
      );
    }
    for (const x of plan) {
      x.c.acc -= x.accPart;
      this.settleClaim(x.c, x.t, x.I, P);
    }
    this.compactClaims();
    this.afterOp();
  }

  /** The public repays bank loans to banks Q pro-rata by what it owes each. */
  private publicRepaysBanks(X: number, Q: Party & { bank: true }): void {
    const pub = this.pubA;
    const loans = this.colA[LOANS];
    const ol = this.oloans === this.ZERO ? null : this.oloans;
    let owed = 0;
    for (let i = Q.lo; i < Q.hi; i++) owed += loans[i] - (ol ? ol[i] : 0);
    if (owed < X)
      this.fail(
        `${pub.name} owes ${Q.name} only ${this.money(owed)}; cannot repay ${this.money(X)}`,
        pub.name,
        'loans',
      );
    this.debitAgent(pub, X);
    this.splitBanks(X, loans, ol, Q.lo, Q.hi);
    const res = this.colA[RES];
    for (let i = Q.lo; i < Q.hi; i++) {
      loans[i] -= this.share[i];
      res[i] += this.share[i];
    }
    this.markBanks(Q.lo, Q.hi, 0, LOANS);
    this.markBanks(Q.lo, Q.hi, 0, RES);
    pub.l[LOANS] -= X;
    this.markL(pub, LOANS);
  }

  private sideMatches(s: ClaimSide, p: Party): boolean {
    if (p.bank) return s.agent === null && s.lo >= p.lo && s.hi <= p.hi;
    return s.agent === p.agent;
  }

  /** How much of a claim side lies within party p (the part p owes). */
  private sideWithin(s: ClaimSide, p: Party): number {
    if (!p.bank) return s.agent === p.agent ? this.sideTotal(s) : 0;
    if (s.agent !== null) return 0;
    const lo = Math.max(s.lo, p.lo);
    const hi = Math.min(s.hi, p.hi);
    if (hi <= lo) return 0;
    if (s.split === null) return this.sideTotal(s);
    let t = 0;
    for (let i = lo; i < hi; i++) t += s.split[i - s.lo];
    return t;
  }

  private sideTotal(s: ClaimSide): number {
    if (s.split === null) return this.claimOf(s)?.principal ?? 0;
    let t = 0;
    for (let j = 0; j < s.split.length; j++) t += s.split[j];
    return t;
  }

  private claimOf(s: ClaimSide): Claim | undefined {
    return this.claims.find((c) => c.cr === s || c.dr === s);
  }

  /**
   * Settles `p` of a claim's principal with interest `I`: the debtor pays p + I to the creditor; claim
   * columns fall by p; equity moves by I. `within` restricts the debtor side to part of a bank range.
   */
  private settleClaim(c: Claim, p: number, I: number, within: Party | null): void {
    const k = claimInstrument(c.kind);
    const cb = this.cbA;
    // Debtor side amounts (principal part and interest part), per bank when a bank range.
    const dr = c.dr;
    const cr = c.cr;
    const total = p + I;
    if (dr.agent !== null) {
      const a = dr.agent;
      if (a === cb) {
        cb.l[k] -= p;
        cb.eq -= I;
        this.markL(cb, k);
        if (I !== 0) this.cbInterest(-I);
        this.debitAgent(cb, total);
      } else {
        // The payment first: it is the only step that can fail, and it fails before anything moved.
        if (this.isDepositor(a) || a === this.pubA || a === this.tsyA) this.debitAgent(a, total);
        else this.fail(`${a.name} cannot pay`, a.name);
        a.l[k] -= p;
        a.eq -= I;
        this.markL(a, k);
      }
    } else {
      this.payFromBankSide(dr, p, I, k, within);
    }
    if (cr.agent !== null) {
      const a = cr.agent;
      if (a === cb) {
        cb.a[k] -= p;
        cb.eq += I;
        this.markA(cb, k);
        if (I !== 0) this.cbInterest(I);
        this.creditAgent(cb, total);
      } else {
        a.a[k] -= p;
        a.eq += I;
        this.markA(a, k);
        this.creditAgent(a, total);
      }
    } else {
      // A named borrower's bank loans are also tracked per bank (oloans), alongside the bank's loans.
      this.payToBankSide(cr, p, I, k, c.kind === 'bankloan' && dr.agent !== null ? this.ow('oloans') : null);
    }
    c.principal -= p;
  }

  /**
   * Shares of `amount` over a claim side's split within [lo, hi) (relative indices) into this.share; equal
   * shares when the split is exhausted (interest on a claim repaid in full).
   */
  private splitSide(amount: number, split: Float64Array, lo: number, hi: number): void {
    if (!this.splitter.split(amount, split, null, lo, hi, this.share)) {
      this.splitEqual(amount, hi - lo);
      if (lo > 0) for (let j = hi - 1; j >= lo; j--) this.share[j] = this.share[j - lo];
    }
  }

  private payFromBankSide(s: ClaimSide, p: number, I: number, k: number, within: Party | null): void {
    const res = this.colA[RES];
    const col = this.colL[k];
    if (s.split === null) {
      const i = s.lo;
      col[i] -= p;
      res[i] -= p + I;
      this.beq[i] -= I;
      if (res[i] < 0) this.negFlag = true;
    } else {
      const len = s.hi - s.lo;
      let lo = 0;
      let hi = len;
      if (within && within.bank) {
        lo = Math.max(s.lo, within.lo) - s.lo;
        hi = Math.min(s.hi, within.hi) - s.lo;
      }
      // Interest first (by the claim's split as it stands), then principal.
      if (I !== 0) {
        this.splitSide(I, s.split, lo, hi);
        for (let j = lo; j < hi; j++) {
          res[s.lo + j] -= this.share[j];
          this.beq[s.lo + j] -= this.share[j];
        }
      }
      if (p !== 0) {
        this.splitSide(p, s.split, lo, hi);
        for (let j = lo; j < hi; j++) {
          const v = this.share[j];
          col[s.lo + j] -= v;
          res[s.lo + j] -= v;
          s.split[j] -= v;
        }
      }
      for (let j = lo; j < hi; j++) if (res[s.lo + j] < 0) this.negFlag = true;
    }
    this.markBanks(s.lo, s.hi, 1, k);
    this.markBanks(s.lo, s.hi, 0, RES);
    if (I !== 0) this.markBanks(s.lo, s.hi, 2, 0);
  }

  private payToBankSide(s: ClaimSide, p: number, I: number, k: number, ol: Float64Array | null): void {
    const res = this.colA[RES];
    const col = this.colA[k];
    if (s.split === null) {
      const i = s.lo;
      col[i] -= p;
      if (ol) ol[i] -= p;
      res[i] += p + I;
      this.beq[i] += I;
    } else {
      const len = s.hi - s.lo;
      if (I !== 0) {
        this.splitSide(I, s.split, 0, len);
        for (let j = 0; j < len; j++) {
          res[s.lo + j] += this.share[j];
          this.beq[s.lo + j] += this.share[j];
        }
      }
      if (p !== 0) {
        this.splitSide(p, s.split, 0, len);
        for (let j = 0; j < len; j++) {
          const v = this.share[j];
          col[s.lo + j] -= v;
          res[s.lo + j] += v;
          s.split[j] -= v;
          if (ol) ol[s.lo + j] -= v;
        }
      }
    }
    this.markBanks(s.lo, s.hi, 0, k);
    this.markBanks(s.lo, s.hi, 0, RES);
    if (I !== 0) this.markBanks(s.lo, s.hi, 2, 0);
  }

  private splitEqual(total: number, len: number): boolean {
    const q = this.exact ? Math.floor(Math.abs(total) / len) : Math.abs(total) / len;
    const r = Math.abs(total) - q * len;
    for (let j = 0; j < len; j++) this.share[j] = Math.sign(total) * (q + (j < r ? 1 : 0));
    return true;
  }

  private compactClaims(): void {
    let w = 0;
    for (let r = 0; r < this.claims.length; r++) {
      const c = this.claims[r];
      if (c.principal > 0 || c.acc !== 0) this.claims[w++] = c;
    }
    this.claims.length = w;
  }

  pay(amount: number, from: PartyRef, to: PartyRef): void {
    this.startOfDay(this.opDay());
    this.positive(amount, 'pay');
    const P = this.party(from, 'pay');
    const Q = this.party(to, 'be paid');
    if (!P.bank && !Q.bank && P.agent === Q.agent) return;
    if (!P.bank && P.agent === this.cbA)
      this.fail(`${this.cbA.name} does not pay; use lend or buy`, this.cbA.name);
    if (!Q.bank && (Q.agent === this.cbA || Q.agent === this.issA))
      this.fail(`cannot pay ${Q.agent.name}`, Q.agent.name);
    this.payerDebit(P, amount);
    this.partyEquity(P, -amount);
    this.payeeCredit(Q, amount);
    this.partyEquity(Q, amount);
    this.afterOp();
  }

  withdrawCash(amount: number, by: PartyRef | null): void {
    this.startOfDay(this.opDay());
    this.positive(amount, 'withdraw');
    this.cashMove(amount, by, true);
    this.afterOp();
  }

  depositCash(amount: number, by: PartyRef | null): void {
    this.startOfDay(this.opDay());
    this.positive(amount, 'deposit');
    this.cashMove(amount, by, false);
    this.afterOp();
  }

  private cashMove(X: number, by: PartyRef | null, withdraw: boolean): void {
    const P = this.party(by ?? { k: 'public' }, withdraw ? 'withdraw cash' : 'deposit cash');
    const cb = this.cbA;
    if (P.bank) {
      // A bank turns reserves into vault cash (or back).
      const vc = this.aw(VC);
      if (withdraw) this.debitBanks(P.lo, P.hi, X);
      else {
        const held = this.sumCol(vc, P.lo, P.hi);
        if (held < X)
          this.fail(`${P.name} hold only ${this.money(held)} of vault cash`, P.name, 'vault_cash');
        this.splitBanks(X, vc, null, P.lo, P.hi);
        for (let i = P.lo; i < P.hi; i++) this.colA[RES][i] += this.share[i];
        this.markBanks(P.lo, P.hi, 0, RES);
      }
      const sgn = withdraw ? 1 : -1;
      for (let i = P.lo; i < P.hi; i++) vc[i] += sgn * this.share[i];
      this.markBanks(P.lo, P.hi, 0, VC);
      cb.l[RES] -= sgn * X;
      cb.l[CUR] += sgn * X;
      this.flow -= sgn * X;
      this.markL(cb, RES);
      this.markL(cb, CUR);
      return;
    }
    const a = P.agent;
    if (a === cb || a === this.tsyA || a === this.issA)
      this.fail(`${a.name} does not hold cash`, a.name, 'currency');
    if (withdraw) {
      this.debitAgent(a, X);
      cb.l[RES] -= X;
      this.flow -= X;
      cb.l[CUR] += X;
      a.a[CUR] += X;
    } else {
      if (a.a[CUR] < X)
        this.fail(`${a.name} holds only ${this.money(a.a[CUR])} of currency`, a.name, 'currency');
      a.a[CUR] -= X;
      cb.l[CUR] -= X;
      cb.l[RES] += X;
      this.flow += X;
      this.creditAgent(a, X);
    }
    this.markA(a, CUR);
    this.markL(cb, CUR);
    this.markL(cb, RES);
  }

  offer(
    facility: 'term_deposits' | 'reverse_repos',
    amount: number | null,
    termDays: number,
    rate: number,
  ): void {
    this.startOfDay(this.opDay());
    if (amount !== null) this.positive(amount, 'offer');
    const day = this.opDay();
    const maturity = nextBusinessDay(day + Math.max(1, Math.floor(termDays)));
    const cb = this.cbA;
    const k = facility === 'term_deposits' ? TD : RRP;
    const kind: ClaimKind = facility === 'term_deposits' ? 'td' : 'rrp';
    const rrpLenders =
      facility === 'reverse_repos' ? this.agents.filter((a) => a.rrpAccess && a.hb >= 0) : [];
    if (rrpLenders.length > 0) {
      let avail = 0;
      for (const a of rrpLenders) avail += Math.max(0, a.a[DEP]);
      const take = amount === null ? avail : Math.min(amount, avail);
      if (take <= 0) return this.afterOp();
      const w = rrpLenders.map((a) => Math.max(0, a.a[DEP]));
      const shares = this.smallSplit(take, w);
      rrpLenders.forEach((a, j) => {
        const x = shares[j];
        if (x <= 0) return;
        this.debitAgent(a, x);
        this.creditAgent(cb, x);
        a.a[RRP] += x;
        cb.l[RRP] += x;
        this.markA(a, RRP);
        this.markL(cb, RRP);
        this.claims.push(this.mkClaim('rrp', this.agentSide(a), this.agentSide(cb), x, rate, maturity));
      });
      return this.afterOp();
    }
    if (this.n === 0) return this.afterOp();
    // Banks place reserves: pro-rata by balances (a fixed amount) or all their excess (unlimited).
    const res = this.colA[RES];
    const n = this.n;
    let take: number;
    if (amount === null) {
      const vc = this.colA[VC];
      take = 0;
      for (let i = 0; i < n; i++) {
        const x = Math.max(0, res[i] - Math.max(0, this.req[i] - vc[i]));
        this.share[i] = x;
        take += x;
      }
    } else {
      let avail = 0;
      for (let i = 0; i < n; i++) if (res[i] > 0) avail += res[i];
      take = Math.min(amount, avail);
      if (take > 0) this.splitBanks(take, res, null, 0, n);
    }
    if (take <= 0) return this.afterOp();
    const col = this.aw(k);
    const split = n > 1 ? new Float64Array(n) : null;
    for (let i = 0; i < n; i++) {
      const x = this.share[i];
      res[i] -= x;
      col[i] += x;
      if (split) split[i] = x;
    }
    this.markBanks(0, n, 0, RES);
    this.markBanks(0, n, 0, k);
    cb.l[RES] -= take;
    this.flow -= take;
    cb.l[k] += take;
    this.markL(cb, RES);
    this.markL(cb, k);
    this.claims.push(
      this.mkClaim(kind, { agent: null, lo: 0, hi: n, split }, this.agentSide(cb), take, rate, maturity),
    );
    this.afterOp();
  }

  /** Largest-remainder split over a few weights (small agents). */
  private smallSplit(total: number, w: number[]): number[] {
    const n = w.length;
    const W = w.reduce((s, x) => s + Math.max(0, x), 0);
    if (!(W > 0)) return w.map((_, j) => (j === 0 ? total : 0));
    if (!this.exact) return w.map((x) => (Math.max(0, x) * total) / W);
    const raw = w.map((x) => (Math.max(0, x) * total) / W);
    const out = raw.map((x) => Math.floor(x));
    let left = total - out.reduce((s, x) => s + x, 0);
    const order = Array.from({ length: n }, (_, j) => j).sort(
      (a, b) => raw[b] - out[b] - (raw[a] - out[a]) || a - b,
    );
    for (let j = 0; left > 0; j = (j + 1) % n, left--) out[order[j]] += 1;
    return out;
  }

  treasury(
    action: 'issue' | 'redeem' | 'spend' | 'tax',
    amount: number,
    forSfp: boolean,
    party: PartyRef | null,
  ): void {
    this.startOfDay(this.opDay());
    this.positive(amount, `treasury ${action}`);
    const acct = forSfp ? SFP : TGA;
    const P = party === null ? null : this.party(party, action);
    const tsy = this.tsyA;
    switch (action) {
      case 'issue':
        this.treasuryIssue(amount, acct, P);
        break;
      case 'redeem':
        this.treasuryRedeem(amount, acct, P);
        break;
      case 'spend': {
        const Q = P ?? { bank: false as const, agent: this.pubA };
        this.debitAgent(tsy, amount);
        tsy.eq -= amount;
        this.markEq(tsy);
        this.payeeCredit(Q, amount);
        this.partyEquity(Q, amount);
        break;
      }
      case 'tax': {
        const Q = P ?? { bank: false as const, agent: this.pubA };
        this.payerDebit(Q, amount);
        this.partyEquity(Q, -amount);
        this.creditAgent(tsy, amount);
        tsy.eq += amount;
        this.markEq(tsy);
        break;
      }
    }
    this.afterOp();
  }

  /** The treasury sells X of bills (to banks pro-rata by balances, or to a party) into its TGA or SFP. */
  private treasuryIssue(X: number, acct: number, P: Party | null): void {
    const tsy = this.tsyA;
    const cb = this.cbA;
    const buyer = P ?? { bank: true as const, lo: 0, hi: this.n, name: 'banks' };
    if (buyer.bank) {
      if (this.n === 0) this.fail('there are no banks to buy bills');
      this.debitBanks(buyer.lo, buyer.hi, X);
      const col = this.aw(BILLS);
      for (let i = buyer.lo; i < buyer.hi; i++) col[i] += this.share[i];
      this.markBanks(buyer.lo, buyer.hi, 0, BILLS);
    } else {
      const a = buyer.agent;
      if (a === cb || a === tsy || a === this.issA) this.fail(`${a.name} cannot buy bills`, a.name, 'bills');
      this.debitAgent(a, X);
      a.a[BILLS] += X;
      this.markA(a, BILLS);
    }
    // The proceeds land in the treasury's account at the CB: reserves fall one for one.
    cb.l[RES] -= X;
    this.flow -= X;
    cb.l[acct] += X;
    tsy.a[acct] += X;
    tsy.l[BILLS] += X;
    this.markL(cb, RES);
    this.markL(cb, acct);
    this.markA(tsy, acct);
    this.markL(tsy, BILLS);
  }

  /** The treasury buys back X of bills from their holders (banks pro-rata by holdings, or a party). */
  private treasuryRedeem(X: number, acct: number, P: Party | null): void {
    const tsy = this.tsyA;
    const cb = this.cbA;
    if (tsy.a[acct] < X) {
      this.fail(
        `${tsy.name} has only ${this.money(tsy.a[acct])} in its ${INTERNAL_NAMES[acct]} account`,
        tsy.name,
        INTERNAL_NAMES[acct],
      );
    }
    const seller = P ?? { bank: true as const, lo: 0, hi: this.n, name: 'banks' };
    if (seller.bank) {
      const col = this.colA[BILLS];
      const held = this.sumCol(col, seller.lo, seller.hi);
      if (held < X) this.fail(`${seller.name} hold only ${this.money(held)} of bills`, seller.name, 'bills');
      this.splitBanks(X, col, null, seller.lo, seller.hi);
      const res = this.colA[RES];
      for (let i = seller.lo; i < seller.hi; i++) {
        col[i] -= this.share[i];
        res[i] += this.share[i];
      }
      this.markBanks(seller.lo, seller.hi, 0, BILLS);
      this.markBanks(seller.lo, seller.hi, 0, RES);
    } else {
      const a = seller.agent;
      if (a.a[BILLS] < X)
        this.fail(`${a.name} holds only ${this.money(a.a[BILLS])} of bills`, a.name, 'bills');
      a.a[BILLS] -= X;
      this.markA(a, BILLS);
      this.creditAgent(a, X);
    }
    // Paid out of the treasury's account: reserves are created one for one.
    cb.l[RES] += X;
    this.flow += X;
    cb.l[acct] -= X;
    tsy.a[acct] -= X;
    tsy.l[BILLS] -= X;
    this.markL(cb, RES);
    this.markL(cb, acct);
    this.markA(tsy, acct);
    this.markL(tsy, BILLS);
  }

  post(entries: { agent: string; instrument: InstrumentName; delta: number }[]): void {
    this.startOfDay(this.opDay());
    // Validate: each agent's entries net to zero; every instrument's asset and liability deltas pair.
    const perAgent = new Map<string, number>();
    const perInstrument = new Map<string, number>();
    type Resolved = { e: (typeof entries)[number]; side: 'a' | 'l' | 'e'; k: number; g?: Group; a?: Agent };
    const resolved: Resolved[] = [];
    for (const e of entries) {
      if (!Number.isFinite(e.delta) || (this.exact && !Number.isInteger(e.delta))) {
        this.fail(
          `post: ${e.agent}.${e.instrument} ${e.delta} is not an integer amount`,
          e.agent,
          e.instrument,
        );
      }
      const g = this.groupByName.get(e.agent);
      const a = g ? undefined : e.agent === 'public' ? this.pubA : this.byName.get(e.agent);
      if (!g && !a) this.fail(`post: unknown agent ${e.agent}`, e.agent);
      const kind: AgentKind = g ? g.kind : (a!.kind as AgentKind);
      const side = sideOf(kind, e.instrument);
      const k = side === 'e' ? -1 : internalIndex(kind, e.instrument);
      if (k === null) this.fail(`post: ${e.agent} cannot hold ${e.instrument}`, e.agent, e.instrument);
      resolved.push({ e, side, k: k as number, g, a });
      const sgn = side === 'a' ? 1 : -1;
      perAgent.set(e.agent, (perAgent.get(e.agent) ?? 0) + sgn * e.delta);
      if (side !== 'e') {
        const key = this.pairKey(k as number);
        perInstrument.set(key, (perInstrument.get(key) ?? 0) + sgn * e.delta);
      }
    }
    for (const [name, net] of perAgent) {
      if (net !== 0)
        this.fail(`post: the entries of ${name} do not net to zero (off by ${this.money(net)})`, name);
    }
    for (const [instrument, net] of perInstrument) {
      if (net !== 0)
        this.fail(
          `post: ${instrument} has no counterpart for ${this.money(Math.abs(net))}`,
          undefined,
          instrument,
        );
    }
    // A group's entries are split over its banks by one set of weights (its deposits); the entry with the
    // largest amount absorbs each bank's rounding so that every bank balances.
    const balancing = new Map<Group, Resolved>();
    for (const r of resolved) {
      if (!r.g || r.g.hi - r.g.lo === 1) continue;
      const cur = balancing.get(r.g);
      if (!cur || Math.abs(r.e.delta) > Math.abs(cur.e.delta)) balancing.set(r.g, r);
    }
    const net = new Map<Group, Float64Array>();
    const apply = (r: Resolved, perBank: (i: number) => number): void => {
      const g = r.g!;
      const col = r.side === 'e' ? this.beq : r.side === 'a' ? this.aw(r.k) : this.lw(r.k);
      const sgn = r.side === 'a' ? 1 : -1;
      let acc = net.get(g);
      if (!acc) {
        acc = new Float64Array(g.hi - g.lo);
        net.set(g, acc);
      }
      for (let i = g.lo; i < g.hi; i++) {
        const v = perBank(i);
        col[i] += v;
        acc[i - g.lo] += sgn * v;
        if (r.side === 'a' && r.k === RES && col[i] < 0) this.negFlag = true;
      }
      this.markBanks(g.lo, g.hi, r.side === 'a' ? 0 : r.side === 'l' ? 1 : 2, r.k);
      if (r.side === 'a' && r.k === RES) this.flow += r.e.delta;
    };
    for (const r of resolved) {
      const d = r.e.delta;
      if (r.g) {
        const g = r.g;
        if (balancing.get(g) === r) continue;
        if (g.hi - g.lo === 1) apply(r, () => d);
        else {
          this.splitBanks(d, this.colL[DEP], null, g.lo, g.hi);
          apply(r, (i) => this.share[i]);
        }
      } else {
        const a = r.a!;
        if (r.side === 'e') {
          a.eq += d;
          this.markEq(a);
        } else if (r.side === 'a') {
          a.a[r.k] += d;
          this.markA(a, r.k);
          if (r.k === DEP && a !== this.pubA && a.hb >= 0) this.ow('odep')[a.hb] += d;
        } else {
          a.l[r.k] += d;
          this.markL(a, r.k);
          if (r.k === LOANS && a !== this.pubA && a.hb >= 0) this.ow('oloans')[a.hb] += d;
        }
      }
    }
    for (const [g, r] of balancing) {
      const acc = net.get(g) ?? new Float64Array(g.hi - g.lo);
      const sgn = r.side === 'a' ? 1 : -1;
      // Per bank: this entry's signed amount makes the bank's entries net to zero.
      apply(r, (i) => -sgn * acc[i - g.lo]);
    }
    this.afterOp();
  }

  /** Instruments that pair with each other in a posting (vault cash and currency are both CB currency). */
  private pairKey(k: number): string {
    if (k === VC) return 'currency';
    if (k === UND) return 'loans';
    return INTERNAL_NAMES[k];
  }

  private afterOp(): void {
    this.checkExactAll();
  }

  // =========================================================================================================
  // The daily step (SPEC §4.5)

  endOfDay(day: number, businessDay: boolean): void {
    this.live();
    const opSrc = this.src;
    this.src = -1;
    const days = Number.isNaN(this.lastDay) ? 1 : Math.max(1, day - this.lastDay);
    this.dayInStep = day;
    this.dayIsBusiness = businessDay;
    this.prepareTiers();
    this.prepareTimeRequirement();
    try {
      this.startOfDay(day);
      if (businessDay) {
        this.securitiesMaturities(day);
        if (!Number.isNaN(this.holdTgaLevel)) {
          this.src = this.holdTgaSrc;
          this.adjustTreasuryAccount(TGA, this.holdTgaLevel, true);
          this.src = -1;
        }
      }
      const P = this.policy;
      const desk = businessDay && P.framework === 'corridor' && this.n > 0;
      if (businessDay)
        this.behaviour(
          this.fuse &&
            !desk &&
            this.maint === null &&
            (P.tranches === null || P.tranches.length === 0) &&
            this.reqT === this.ZERO,
        );
      const interbank = businessDay && P.interbank === 'open';
      if (this.negFlag || desk) {
        this.dailyPass(true, false, days);
        if (this.negFlag && interbank) this.interbankMarket();
        if (desk) this.corridorDesk();
        this.computeRate();
        if (this.negFlag) this.standingFacility(day);
        this.dailyPass(false, true, days);
      } else {
        this.dailyPass(true, true, days);
        this.computeRate();
        if (this.negFlag) {
          this.standingFacility(day);
        }
      }
      this.ibo.rateInt = rateToInt(this.rates.bankToBank);
      this.accrueBooks(days);
      this.maintenanceBookkeeping(day);
      if (this.isCreditDay(day)) this.creditInterest();
      if (this.negFlag) this.standingFacility(day);
      if (weekday(day) === 2) this.remit();
      this.checkExactAll();
    } finally {
      this.src = opSrc;
    }
    this.lastDay = day;
    this.explicitDay = NaN;
  }

  // --- maturities ---

  /**
   * The start of a day: claims maturing today (overnight facilities, term loans, term deposits, reverse
   * repos) are settled before today's operations, so that overnight operations can roll. Runs once a day:
   * on the day's first operation, else at its end.
   */
  private startOfDay(day: number): void {
    if (this.startedDay === day) return;
    this.startedDay = day;
    if (!isBusinessDay(day)) return;
    const src = this.src;
    this.src = -1;
    try {
      this.maturities(day);
    } finally {
      this.src = src;
    }
  }

  private startedDay = NaN;

  private maturities(day: number): void {
    this.unwindBook(this.deskRepo, 'repo');
    this.unwindBook(this.deskDrain, 'drain');
    this.unwindBook(this.sf, 'sf');
    this.unwindIbo();
    let any = false;
    const cl = this.claims;
    for (let j = 0; j < cl.length; j++) {
      const c = cl[j];
      if (c.maturity >= 0 && c.maturity <= day && c.principal > 0) {
        this.src = c.src;
        const I = this.exact ? creditAccrued(c.acc) : c.acc / DAY_COUNT_SCALE;
        const can = c.dr.agent !== null ? this.moneyOf(c.dr.agent) : Infinity;
        if (can >= c.principal + I) {
          this.settleClaim(c, c.principal, I, null);
          c.acc = 0;
        } else {
          // A non-bank borrower that cannot pay in full pays what it can (interest first); the rest of the
          // loan stays outstanding, open until repaid.
          const payI = Math.min(I, can);
          const payP = Math.min(c.principal, can - payI);
          this.settleClaim(c, payP, payI, null);
          c.acc = this.exact ? (I - payI) * DAY_COUNT_SCALE : (I - payI) * DAY_COUNT_SCALE;
          c.maturity = -1;
        }
        any = true;
      }
    }
    this.src = -1;
    if (any) this.compactClaims();
  }

  /** Repays an overnight book with its interest (desk repo: banks pay; drain and SF as their kind). */
  private unwindBook(b: OvernightBook, kind: 'repo' | 'drain' | 'sf'): void {
    if (b.total === 0 && b.acc === 0) return;
    const n = this.n;
    const cb = this.cbA;
    const res = this.colA[RES];
    const I = this.exact ? creditAccrued(b.acc) : b.acc / DAY_COUNT_SCALE;
    const col = b.col;
    const k = kind === 'repo' ? REPO : kind === 'drain' ? RRP : CBC;
    const bankCol = kind === 'drain' ? this.colA[RRP] : this.colL[k];
    // Interest split pro-rata by the book's per-bank amounts.
    if (I !== 0) this.splitBanks(I, col, null, 0, n);
    const sgn = kind === 'drain' ? 1 : -1; // drain: the CB pays the banks; repo/SF: banks pay the CB
    for (let i = 0; i < n; i++) {
      const p = col[i];
      const ii = I !== 0 ? this.share[i] : 0;
      if (p === 0 && ii === 0) continue;
      bankCol[i] -= p;
      res[i] += sgn * (p + ii);
      this.beq[i] += sgn * ii;
      col[i] = 0;
      if (res[i] < 0) this.negFlag = true;
    }
    const total = b.total;
    if (kind === 'drain') {
      cb.l[RRP] -= total;
      cb.eq -= I;
      this.cbInterest(-I);
      cb.l[RES] += total + I;
      this.flow += total + I;
    } else {
      cb.a[k] -= total;
      cb.eq += I;
      this.cbInterest(I);
      cb.l[RES] -= total + I;
      this.flow -= total + I;
    }
    this.markBanks(0, n, 0, RES);
    b.total = 0;
    b.acc = 0;
  }

  private unwindIbo(): void {
    const b = this.ibo;
    if (b.total === 0) return;
    const n = this.n;
    const A = this.colA[IBO];
    const L = this.colL[IBO];
    const res = this.colA[RES];
    const I = this.exact ? creditAccrued(b.acc) : b.acc / DAY_COUNT_SCALE;
    // Borrowers repay principal and interest; lenders receive them.
    if (I !== 0) this.splitBanks(I, L, null, 0, n);
    for (let i = 0; i < n; i++) {
      const p = L[i];
      if (p === 0) continue;
      const ii = I !== 0 ? this.share[i] : 0;
      res[i] -= p + ii;
      this.beq[i] -= ii;
      L[i] = 0;
      if (res[i] < 0) this.negFlag = true;
    }
    if (I !== 0) this.splitBanks(I, A, null, 0, n);
    for (let i = 0; i < n; i++) {
      const p = A[i];
      if (p === 0) continue;
      const ii = I !== 0 ? this.share[i] : 0;
      res[i] += p + ii;
      this.beq[i] += ii;
      A[i] = 0;
    }
    this.markBanks(0, n, 0, RES);
    b.total = 0;
    b.acc = 0;
  }

  /** Redemptions of the CB's securities (runoff, hold) over an evenly spread maturity ladder. */
  private securitiesMaturities(day: number): void {
    const cb = this.cbA;
    for (let k = 0; k < SECURITIES; k++) {
      const st = this.sec[k];
      if (st.mode === 'hold' && cb.a[k] < st.level && this.n > 0) {
        this.src = st.src;
        const gap = st.level - cb.a[k];
        const held = this.sumCol(this.colA[k], 0, this.n);
        if (held > 0)
          this.buySecurity(k, Math.min(gap, held), { bank: true, lo: 0, hi: this.n, name: 'banks' });
      }
      if (st.months <= 0 || st.mode === 'reinvest') continue;
      const mk = monthIndex(day);
      if (st.month !== mk) {
        const holdings = cb.a[k];
        const maturing = this.round(holdings / st.months);
        let planned = 0;
        if (st.mode === 'runoff') planned = Math.min(maturing, st.cap);
        else planned = Math.min(maturing, Math.max(0, holdings - st.level));
        st.month = mk;
        st.planned = planned;
        st.bizDays = this.businessDaysLeftInMonth(day);
        st.bizDone = 0;
        st.redeemed = 0;
      }
      if (st.planned <= 0 || st.bizDone >= st.bizDays) continue;
      st.bizDone++;
      const per = this.exact ? Math.floor(st.planned / st.bizDays) : st.planned / st.bizDays;
      let amt = st.bizDone === st.bizDays ? st.planned - st.redeemed : per;
      amt = Math.min(amt, cb.a[k]);
      if (k !== TSY && k !== BILLS) amt = Math.min(amt, this.moneyOf(this.pubA));
      if (amt <= 0) continue;
      st.redeemed += amt;
      this.src = st.src;
      this.redeem(k, amt);
    }
    this.src = -1;
  }

  private businessDaysLeftInMonth(day: number): number {
    const end = lastOfMonth(day);
    let c = 0;
    for (let d = day; d <= end; d++) if (isBusinessDay(d)) c++;
    return Math.max(1, c);
  }

  /**
   * A CB-held security matures and is not reinvested: the treasury pays by selling new securities to the
   * banks (treasuries, bills); other issuers pay with the principal their borrowers (the public) pay down.
   * Either way reserves fall one for one.
   */
  private redeem(k: number, X: number): void {
    const cb = this.cbA;
    cb.a[k] -= X;
    this.markA(cb, k);
    if (this.n === 0) this.fail(`redemptions of ${INTERNAL_NAMES[k]} need banks`);
    if (k === TSY || k === BILLS) {
      this.debitBanks(0, this.n, X);
      const col = this.aw(k);
      for (let i = 0; i < this.n; i++) col[i] += this.share[i];
      this.markBanks(0, this.n, 0, k);
      cb.l[RES] -= X;
      this.flow -= X;
    } else {
      const pub = this.pubA;
      this.debitAgent(pub, X);
      this.creditAgent(cb, X);
      pub.l[UND] -= X;
      this.issA.a[UND] -= X;
      this.issA.l[k] -= X;
      this.markL(pub, UND);
    }
    this.markL(cb, RES);
  }

  // --- behaviour: the public's cash and bank lending ---

  /**
   * The public's cash behaviour and bank lending (SPEC §4.5–4.6). `fusable`: today's day pass will be the
   * fused one (flat ratio, no maintenance periods, no corridor desk), so the re-deposit's last step may be
   * left to it.
   */
  private behaviour(fusable: boolean): void {
    const n = this.n;
    if (n === 0) return;
    const P = this.policy;
    const lending = P.lending;
    const cashOn = !Number.isNaN(P.cashRatio);
    this.lendNextValid = this.lendNextValid && !this.lendDirty;
    if (lending === 'off' && !cashOn) return;
    const res = this.colA[RES];
    const dep = this.colL[DEP];
    const exact = this.exact;
    const out = this.kout;
    let Ltot = 0;
    let W = -1;
    let applyLend = false;
    if (lending !== 'off') {
      const capShare = this.capShare();
      const rk = rateToInt(P.reserveRatio);
      if (
        this.lendNextValid &&
        this.lnLending === lending &&
        this.lnRk === rk &&
        this.lnExcess === P.excessRatio &&
        this.lnCap === capShare &&
        this.lendNextW > 0
      ) {
        // Yesterday's day pass already decided this round (nothing has moved since): the floors pass below
        // makes and spends those loans.
        Ltot = this.lendNextSum;
        W = this.lendNextW;
        applyLend = true;
      } else {
        this.prepareTranches();
        const reqValid =
          !this.depDirty && this.maint === null && this.reqKey === rk && this.reqTranches === P.tranches;
        const K = this.kernels();
        out[0] = 0;
        out[1] = 0;
        for (let lo = 0; lo < n; lo += CHUNK) {
          const hi = lo + CHUNK < n ? lo + CHUNK : n;
          K.lend(
            lo,
            hi,
            P.reserveRatio,
            rk,
            P.excessRatio,
            capShare,
            this.trancheFlat,
            this.ntranches,
            reqValid,
          );
        }
        Ltot = out[0];
        W = out[1];
      }
    }
    this.lendNextValid = false;
    const pub = this.pubA;
    let dC = 0;
    if (cashOn) {
      const c = P.cashRatio;
      const D = pub.a[DEP];
      const C = pub.a[CUR];
      const target = (c * (D + C + Ltot)) / (1 + c);
      const C1 = exact ? roundHalfEven(target) : target;
      dC = C1 - C;
      if (dC > D + Ltot) dC = D + Ltot;
      if (-dC > C) dC = -C;
    }
    // The loans are spent and re-deposited, less what the public keeps as currency: one pro-rata split by
    // the public's deposits at the round's start.
    const N = Ltot - dC;
    if (N !== 0 || applyLend) {
      const sub = this.odepOrNull();
      if (W < 0) W = weightSum(dep, sub, 0, n);
      let neg: number;
      if (W > 0)
        neg = fusable && this.fuseRedistribution(N, W, applyLend) ? 0 : this.redistribute(N, W, applyLend);
      else {
        this.splitBanks(N, dep, sub, 0, n);
        neg = 0;
        for (let i = 0; i < n; i++) {
          dep[i] += this.share[i];
          res[i] += this.share[i];
          if (res[i] < 0) neg++;
        }
      }
      if (neg > 0) this.negFlag = true;
    }
    if (Ltot !== 0 || dC !== 0) {
      pub.a[DEP] += N;
      pub.l[LOANS] += Ltot;
      pub.a[CUR] += dC;
      const cb = this.cbA;
      cb.l[RES] -= dC;
      cb.l[CUR] += dC;
      this.flow -= dC;
      this.markA(pub, DEP);
      this.markL(pub, LOANS);
      this.markA(pub, CUR);
      this.markL(cb, RES);
      this.markL(cb, CUR);
      this.markBanks(0, n, 0, RES);
      this.markBanks(0, n, 0, LOANS);
      this.markBanks(0, n, 1, DEP);
    }
  }

  /** `lending endogenous`: the day's loan demand per unit of deposits (Infinity for textbook lending). */
  private capShare(): number {
    const P = this.policy;
    if (P.lending !== 'endogenous') return Infinity;
    // Loan demand (a share of deposits a day) scaled by the loan-rate spread over what reserves earn.
    const floor = this.floorRate();
    const loanRate = Number.isFinite(P.loanRate ?? NaN)
      ? (P.loanRate as number)
      : Number.isFinite(this.loanYield)
        ? this.loanYield
        : Math.max(this.policyTarget(), floor) + 0.03;
    const phi = Math.max(0, Math.min(1, (loanRate - floor) / 0.02));
    return ((P.loanDemandGrowth ?? 0.05) / 250) * phi;
  }

  /** This engine's kernels over its current columns (rebuilt when a lazily allocated column appears). */
  private kernels(): Kernels {
    const c = this.kcols;
    if (
      this.kern !== null &&
      c !== null &&
      c.vc === this.colA[VC] &&
      c.odep === this.odep &&
      c.reqT === this.reqT
    )
      return this.kern;
    const cols: KernelColumns = {
      n: this.n,
      exact: this.exact,
      hasVc: this.colA[VC] !== this.ZERO,
      hasOdep: this.odep !== this.ZERO,
      hasReqT: this.reqT !== this.ZERO,
      res: this.colA[RES],
      vc: this.colA[VC],
      dep: this.colL[DEP],
      odep: this.odep,
      loans: this.colA[LOANS],
      req: this.req,
      reqT: this.reqT,
      accr: this.accr,
      frac: this.splitter.frac,
      hist: this.splitter.hist,
      cand: this.splitter.cand,
      lendNext: this.lendNext,
      qv: this.qv,
      bkt: this.bkt,
      nxt: this.arena.nxt,
      head: this.arena.head,
      wv: this.arena.wv,
      share: this.share,
      acc1: this.arena.acc1,
      out: this.kout,
    };
    this.kcols = cols;
    const spec = this.cfg.tuning?.specialise;
    let k = this.arena.kernelsFor(cols, spec);
    if (k === null) {
      k = makeKernels(cols, mulRatioExact, MAX_EXACT, spec);
      this.arena.keep(cols, spec, k);
    }
    this.kern = k;
    return k;
  }

  /**
   * Sets up today's re-deposit of N > 0 (split by the public's deposits W) for the fused day pass: in exact
   * mode histPass stores every bank's floor share and remainder bucket and chains each bucket's banks; the
   * winners among the threshold bucket's banks (read from its chain) get their unit in qv; the day pass then
   * adds each bank's share as it goes, with one more unit above the threshold bucket. Returns false (nothing
   * set up) where the fused path does not apply: a negative N, negative balances already, float error on
   * extreme inputs.
   */
  private fuseRedistribution(N: number, W: number, applyLend: boolean): boolean {
    if (!(N >= 0) || this.negFlag) return false;
    const n = this.n;
    const f = N / W;
    if (!this.exact) {
      this.pendingRedist = 2;
      this.pendingLend = applyLend;
      this.pendingF = f;
      return true;
    }
    if (N === 0) {
      // Nothing to re-deposit (yesterday's loans, if any, are made by the day pass all the same).
      this.pendingRedist = 0;
      this.pendingLend = applyLend;
      return true;
    }
    const K = this.kernels();
    const sp = this.splitter;
    // Remainders exact in integers where N·W allows (see exactRemainders); W = 0 asks for float ones.
    const Wx = exactRemainders(N, W) ? W : 0;
    sp.hist.fill(0);
    this.kout[OUT.participants] = 0;
    let sumq = 0;
    for (let lo = 0; lo < n; lo += CHUNK) sumq += K.histPass(lo, lo + CHUNK < n ? lo + CHUNK : n, f, N, Wx);
    const m = this.kout[OUT.participants];
    const left = N - sumq;
    if (left < 0 || left >= m) return false;
    let tb = sp.nb; // nobody above: no unit left over
    if (left > 0) {
      sp.thresholdBucket(left);
      tb = sp.tb;
      sp.decideCompact(K.chainBucket(tb, f, N, Wx), this.qv);
    }
    this.pendingTb = tb;
    this.pendingRedist = 1;
    this.pendingLend = applyLend;
    this.pendingF = f;
    return true;
  }

  /**
   * Adds N, split pro-rata by the public's deposits (sum W) by largest remainder, to every bank's deposits
   * and reserves, in separate passes (where the fused day pass does not apply). Returns the number of
   * negative balances when N < 0 (0 otherwise).
   */
  private redistribute(N: number, W: number, applyLend: boolean): number {
    const K = this.kernels();
    const n = this.n;
    const hasOdep = this.odep !== this.ZERO;
    if (!this.exact) {
      let neg = 0;
      for (let lo = 0; lo < n; lo += CHUNK)
        neg += K.redistProportional(lo, lo + CHUNK < n ? lo + CHUNK : n, N / W, applyLend);
      return neg;
    }
    const sign = N < 0 ? -1 : 1;
    const T = N < 0 ? -N : N;
    const f = T / W;
    const sp = this.splitter;
    sp.hist.fill(0);
    this.kout[OUT.participants] = 0;
    let sumq = 0;
    for (let lo = 0; lo < n; lo += CHUNK)
      sumq += K.redistFloors(lo, lo + CHUNK < n ? lo + CHUNK : n, f, sign, applyLend);
    const m = this.kout[OUT.participants];
    const dep = this.colL[DEP];
    const res = this.colA[RES];
    let left = T - sumq;
    if (left >= m) {
      // Only through float error on extreme inputs: whole rounds first.
      const rounds = Math.floor(left / m);
      for (let i = 0; i < n; i++) {
        if (sp.frac[i] >= 0) {
          dep[i] += sign * rounds;
          res[i] += sign * rounds;
        }
      }
      left -= rounds * m;
    }
    if (left > 0) {
      // Decide the threshold bucket's banks first (a read-only scan), so that the last step is one rule for
      // every bank: one more unit to remainders above the bucket.
      sp.thresholdBucket(left);
      let mc = 0;
      for (let lo = 0; lo < n; lo += CHUNK)
        mc = K.collectBucket(lo, lo + CHUNK < n ? lo + CHUNK : n, sp.tb, mc);
      sp.decideTop(mc);
      for (let lo = 0; lo < n; lo += CHUNK) K.redistTop(lo, lo + CHUNK < n ? lo + CHUNK : n, sp.tb, sign, 0);
    } else if (left < 0) {
      sp.takeBottom(-left, 0, n, sign, dep, res, dep, hasOdep ? this.odep : null, f);
    }
    if (sign > 0) return 0;
    let neg = 0;
    for (let lo = 0; lo < n; lo += CHUNK) neg += K.countNegative(lo, lo + CHUNK < n ? lo + CHUNK : n);
    return neg;
  }

  /** Flat tranches for the kernels, rebuilt only when the policy's tranches change. */
  private prepareTranches(): void {
    const T = this.policy.tranches;
    if (T === null || T.length === 0) {
      this.trancheFlat = null;
      this.ntranches = 0;
      return;
    }
    this.trancheBuf = flattenTranches(T, this.trancheBuf);
    this.trancheFlat = this.trancheBuf;
    this.ntranches = T.length;
  }

  /**
   * The requirement on banks' time deposits (`reserve_requirement on time_deposits`), per bank in reqT:
   * recomputed only when those tranches or the time deposits change. Each part of a bank's requirement is
   * rounded on its own (exact mode), then the two are added.
   */
  private prepareTimeRequirement(): void {
    const T = this.policy.timeTranches;
    if (T === null || T.length === 0) {
      if (this.reqT !== this.ZERO) {
        this.reqT = this.ZERO;
        this.depDirty = true;
      }
      return;
    }
    // Compared by value: a caller may change the tranches in place.
    const flat = flattenTranches(T, this.timeTrancheBuf);
    this.timeTrancheBuf = flat;
    const len = T.length * TRANCHE_STRIDE;
    const old = this.reqTFor;
    let same = !this.tdepDirty && this.reqT !== this.ZERO && old.length === len;
    for (let j = 0; same && j < len; j++) same = old[j] === flat[j];
    if (same) return;
    this.reqTFor = flat.slice(0, len);
    if (this.reqT === this.ZERO) this.reqT = this.arena.reqT();
    const K = this.kernels();
    const td = this.colL[TDEP];
    for (let i = 0; i < this.n; i++) this.reqT[i] = K.requirement(td[i], 0, 0, this.exact, flat, T.length);
    this.tdepDirty = false;
    // The stored requirement (req) includes the old reqT.
    this.depDirty = true;
  }

  private policyTarget(): number {
    const P = this.policy;
    return P.targetHigh > P.targetLow ? (P.targetLow + P.targetHigh) / 2 : P.target;
  }

  // --- the per-bank daily pass: requirement, maintenance accumulation, interest accrual ---

  /**
   * Orders today's remuneration tiers (`rest` last) into reusable plans. Allocation-free unless the tiers'
   * values changed since yesterday.
   */
  private prepareTiers(): void {
    const T = this.policy.tiers;
    if (T === null || T.length === 0) {
      if (this.tiersKey.length !== 0 || this.tierMode !== 0) this.tierVersion++;
      this.tiers.length = 0;
      this.tierMode = 0;
      this.tiersKey.length = 0;
      return;
    }
    const key = this.tiersKey;
    let same = key.length === T.length * 5;
    for (let t = 0; same && t < T.length; t++) {
      const x = T[t];
      same =
        key[t * 5] ===
          (x.base === 'required' ? 0 : x.base === 'excess' ? 1 : x.base === 'reserves' ? 2 : 3) &&
        key[t * 5 + 1] === x.rate &&
        key[t * 5 + 2] === (x.upTo === null ? 0 : 1) &&
        key[t * 5 + 3] === (x.upTo?.perRequired ?? 0) &&
        key[t * 5 + 4] === (x.upTo?.fixed ?? 0);
    }
    if (same) return;
    this.tierVersion++;
    key.length = 0;
    this.tiers.length = 0;
    let anyRate = false;
    for (let pass = 0; pass < 2; pass++) {
      for (let t = 0; t < T.length; t++) {
        const x = T[t];
        if ((x.base === 'rest') !== (pass === 1)) continue;
        const rk = rateToInt(x.rate);
        if (rk !== 0) anyRate = true;
        this.tiers.push({
          base: x.base === 'required' ? 0 : x.base === 'excess' ? 1 : x.base === 'reserves' ? 2 : 3,
          rate: x.rate,
          hasCap: x.upTo !== null,
          perRequired: x.upTo?.perRequired ?? 0,
          fixed: x.upTo?.fixed ?? 0,
          rateInt: rk,
        });
      }
    }
    for (const x of T) {
      key.push(
        x.base === 'required' ? 0 : x.base === 'excess' ? 1 : x.base === 'reserves' ? 2 : 3,
        x.rate,
        x.upTo === null ? 0 : 1,
        x.upTo?.perRequired ?? 0,
        x.upTo?.fixed ?? 0,
      );
    }
    if (this.tierFlat.length < this.tiers.length * TIER_STRIDE)
      this.tierFlat = new Float64Array(this.tiers.length * TIER_STRIDE);
    this.tiers.forEach((t, j) => {
      const o = j * TIER_STRIDE;
      this.tierFlat[o] = t.base;
      this.tierFlat[o + 1] = t.hasCap ? 1 : 0;
      this.tierFlat[o + 2] = t.perRequired;
      this.tierFlat[o + 3] = t.fixed;
      this.tierFlat[o + 4] = t.rateInt;
    });
    this.tierMode = anyRate ? tierShape(this.tierFlat, this.tiers.length) : 0;
  }

  /**
   * One pass over the banks. `stats`: the day's requirement (on end-of-day deposits, or the maintenance
   * period's lagged requirement), maintenance accumulation and the aggregate requirement. `accrue`: interest
   * on balances at the CB by the remuneration tiers for `days` days, and the maintenance balance sums.
   */
  private dailyPass(stats: boolean, accrue: boolean, days: number): void {
    const n = this.n;
    if (n === 0) {
      this.sumReq = 0;
      return;
    }
    const P = this.policy;
    const m = this.maint;
    let accSlot: Float64Array | null = null;
    let periodSlot: Float64Array | null = null;
    let periodDiv = 1;
    let sumHeld: Float64Array | null = null;
    let sumVc: Float64Array | null = null;
    const vc = this.colA[VC];
    if (m !== null) {
      const day = this.currentDay();
      const K = m.slots.length;
      if (stats) {
        // Accumulate the daily requirement into the computation window of the period containing day + lag.
        const q = m.grid.index(day + m.lag);
        const qs = ((q % K) + K) % K;
        if (m.slotPeriod[qs] !== q) {
          m.slotPeriod[qs] = q;
          m.slotDays[qs] = 0;
          m.slots[qs].fill(0);
        }
        m.slotDays[qs]++;
        accSlot = m.slots[qs];
        const p = m.grid.index(day);
        const ps = ((p % K) + K) % K;
        if (m.slotPeriod[ps] === p && m.slotDays[ps] > 0) {
          periodSlot = m.slots[ps];
          periodDiv = m.slotDays[ps];
        }
      }
      if (accrue) {
        const p = m.grid.index(day);
        if (m.period !== p) {
          m.period = p;
          m.periodDays = 0;
          m.sumHeld.fill(0);
          if (m.sumVc) m.sumVc.fill(0);
        }
        sumHeld = m.sumHeld;
        if (vc !== this.ZERO) {
          if (!m.sumVc) m.sumVc = new Float64Array(Math.max(1, n));
          sumVc = m.sumVc;
        }
      }
    }
    if (stats) this.prepareTranches();
    const out = this.kout;
    out.fill(0);
    const K = this.kernels();
    const rk = rateToInt(P.reserveRatio);
    // The fused day pass (flat ratio, no maintenance periods) also finishes a pending re-deposit and decides
    // tomorrow's lending round.
    const flat = stats && accrue && this.trancheFlat === null && this.reqT === this.ZERO && m === null;
    const next = this.fuse && flat && P.lending !== 'off' && this.dayIsBusiness;
    const capShare = next ? this.capShare() : Infinity;
    const redist = this.pendingRedist;
    const applyLend = this.pendingLend;
    // Yesterday's loans, when it decided none (textbook lending at rest), move nothing.
    const lendMoves = applyLend && this.lendNextSum !== 0;
    if (
      flat &&
      this.fuse &&
      this.accDays === days &&
      this.accEpoch === this.bankEpoch &&
      this.accRk === rk &&
      this.accTiers === this.tierVersion &&
      redist === 0 &&
      !lendMoves &&
      (!next ||
        (this.accNext &&
          this.lnLending === P.lending &&
          this.lnRk === rk &&
          this.lnExcess === P.excessRatio &&
          this.lnCap === capShare))
    ) {
      // Nothing moved since the pass that stored acc1 (a weekend after a Friday, or an economy at rest): the
      // day pass would compute the same requirement, sums, accrual and lending decision (none, or the stored
      // one with the same parameters), so add the stored accrual alone (bit-identical).
      if (this.tierMode !== 0)
        for (let lo = 0; lo < n; lo += CHUNK) K.accrueStored(lo, lo + CHUNK < n ? lo + CHUNK : n);
      this.pendingLend = false;
      if (next) {
        this.lendNextValid = true;
        this.lendDirty = false;
      }
      return;
    }
    // Store the accrual when tomorrow may repeat today: a weekend day, or after a day that moved nothing.
    const store =
      this.fuse && flat && (!isBusinessDay(this.currentDay() + 1) || (redist === 0 && !lendMoves));
    this.accDays = 0;
    if ((redist !== 0 || applyLend) && !flat) {
      // Not the fused pass after all: apply the re-deposit before anything reads the deposits.
      for (let lo = 0; lo < n; lo += CHUNK)
        K.applyRedist(lo, lo + CHUNK < n ? lo + CHUNK : n, redist, this.pendingF, this.pendingTb, applyLend);
    }
    const fused = flat && (redist !== 0 || applyLend);
    for (let lo = 0; lo < n; lo += CHUNK) {
      const hi = lo + CHUNK < n ? lo + CHUNK : n;
      K.day(
        lo,
        hi,
        stats,
        accrue,
        P.reserveRatio,
        rk,
        this.trancheFlat,
        this.ntranches,
        this.tierMode,
        this.tierFlat,
        this.tiers.length,
        days,
        accSlot,
        periodSlot,
        periodDiv,
        sumHeld,
        sumVc,
        fused && applyLend,
        fused ? redist : 0,
        this.pendingF,
        this.pendingTb,
        next,
        P.excessRatio,
        capShare,
        store,
      );
    }
    if (store) {
      this.accDays = days;
      this.accEpoch = this.bankEpoch;
      this.accRk = rk;
      this.accTiers = this.tierVersion;
      this.accNext = next;
    }
    if (redist !== 0 || applyLend) {
      this.pendingRedist = 0;
      this.pendingLend = false;
    }
    if (next) {
      this.lendNextValid = true;
      this.lendDirty = false;
      this.lendNextSum = out[OUT.nextLoans];
      this.lendNextW = out[OUT.nextWeights];
      this.lnLending = P.lending;
      this.lnRk = rk;
      this.lnExcess = P.excessRatio;
      this.lnCap = capShare;
    }
    if (stats) {
      this.sumReq = out[0];
      this.depDirty = false;
      this.reqKey = rateToInt(P.reserveRatio);
      this.reqTranches = P.tranches;
    }
    if (out[1] > 0) this.negFlag = true;
    if (m !== null && accrue) m.periodDays += days;
    if (out[2] > 0) this.checkExactBanks();
  }

  private currentDay(): number {
    return this.dayInStep;
  }

  private dayInStep = 0;

  /** Requirement only (at construction, so required_reserves is meaningful before the first day). */
  private computeRequirementOnly(): void {
    const n = this.n;
    const P = this.policy;
    let s = 0;
    this.prepareTranches();
    this.prepareTimeRequirement();
    const K = this.kernels();
    const reqT = this.reqT;
    for (let i = 0; i < n; i++) {
      const r =
        K.requirement(
          this.colL[DEP][i],
          P.reserveRatio,
          rateToInt(P.reserveRatio),
          this.exact,
          this.trancheFlat,
          this.ntranches,
        ) + reqT[i];
      this.req[i] = r;
      s += r;
    }
    this.sumReq = s;
  }

  // --- interbank market, corridor desk, rate, standing facility ---

  /** Banks with negative balances borrow overnight from banks with balances above their requirement. */
  private interbankMarket(): void {
    const n = this.n;
    const res = this.colA[RES];
    const vc = this.colA[VC];
    let short = 0;
    let avail = 0;
    for (let i = 0; i < n; i++) {
      const r = res[i];
      if (r < 0) short -= r;
      else {
        const surplus = r - Math.max(0, this.req[i] - vc[i]);
        if (surplus > 0) avail += surplus;
      }
    }
    const X = Math.min(short, avail);
    if (!(X > 0)) return;
    const A = this.aw(IBO);
    const L = this.lw(IBO);
    // Lenders: pro-rata by surplus (computed into req-relative weights on the fly via the share array).
    const sh = this.share;
    for (let i = 0; i < n; i++) {
      const r = res[i];
      const surplus = r > 0 ? r - Math.max(0, this.req[i] - vc[i]) : 0;
      sh[i] = surplus > 0 ? surplus : 0;
    }
    const w = this.bookCol(this.ibo);
    w.set(sh.subarray(0, n));
    this.splitBanks(X, w, null, 0, n);
    for (let i = 0; i < n; i++) {
      const s = sh[i];
      if (s === 0) continue;
      res[i] -= s;
      A[i] += s;
    }
    // Borrowers: pro-rata by shortfall.
    for (let i = 0; i < n; i++) w[i] = res[i] < 0 ? -res[i] : 0;
    this.splitBanks(X, w, null, 0, n);
    for (let i = 0; i < n; i++) {
      const s = sh[i];
      if (s === 0) continue;
      res[i] += s;
      L[i] += s;
    }
    w.fill(0);
    this.ibo.total += X;
    this.ibo.src = -1;
    this.markBanks(0, n, 0, RES);
    this.markBanks(0, n, 0, IBO);
    this.markBanks(0, n, 1, IBO);
    let still = false;
    for (let i = 0; i < n; i++) if (res[i] < 0) still = true;
    this.negFlag = still;
  }

  /** The rate eligible banks earn on their marginal excess reserves (the corridor floor). */
  private floorRate(): number {
    const P = this.policy;
    const tiers = this.tiers;
    if (P.tiers === null || tiers.length === 0) return P.depositRate;
    // Aggregate position: the marginal unit of excess goes to the first excess-taking tier with room.
    const totalRes = Math.max(0, this.cbA.l[RES]);
    const vcTotal = this.cbA.l[CUR] - this.holdersCurrency();
    const reqBal = Math.max(0, this.sumReq - vcTotal);
    let rq = Math.min(totalRes, reqBal);
    let ex = totalRes - rq;
    for (let t = 0; t < tiers.length; t++) {
      const T = tiers[t];
      const cap = T.hasCap ? Math.max(0, T.perRequired * this.sumReq + T.fixed * this.n) : Infinity;
      if (T.base === 0) {
        rq -= Math.min(rq, cap);
        continue;
      }
      let take: number;
      if (T.base === 1) {
        take = Math.min(ex, cap);
        ex -= take;
      } else {
        take = Math.min(rq + ex, cap);
        const f = Math.min(take, rq);
        rq -= f;
        ex -= take - f;
      }
      if (take < cap) return T.rate;
    }
    return 0;
  }

  private holdersCurrency(): number {
    let s = 0;
    const ag = this.agents;
    for (let j = 0; j < ag.length; j++) s += ag[j].a[CUR];
    return s;
  }

  /** The rate model's inputs from today's aggregates (written into a reused object). */
  private rateInput(): RateModelInput {
    const P = this.policy;
    const m = this.rateIn;
    const floor = this.floorRate();
    const vcTotal = this.cbA.l[CUR] - this.holdersCurrency();
    m.floor = floor;
    m.ceiling = Math.max(P.discountRate, P.lendingRate, floor);
    m.excess = this.cbA.l[RES] + vcTotal - this.sumReq;
    m.buffer = P.excessRatio * this.depositsTotal();
    m.sigma = Number.isFinite(P.paymentShock) && P.paymentShock > 0 ? P.paymentShock : this.sigma0;
    m.ineligibleShare = this.hasIneligible ? Math.max(0, Math.min(1, P.ineligibleShare)) : 0;
    m.outside = this.ineligibleRrp && P.rrpRate !== 0 ? P.rrpRate : 0;
    m.arbitrageShare = P.arbitrageShare;
    return m;
  }

  private computeRate(): void {
    const m = this.rateInput();
    overnightRatesInto(m, this.rates);
    this.rates.floor = roundRate(m.floor);
    this.rates.ceiling = roundRate(m.ceiling);
  }

  /** The corridor desk: supplies (repo) or drains (reverse repo) reserves so the overnight rate is at target. */
  private corridorDesk(): void {
    const m = this.rateInput();
    const target = this.policyTarget();
    const want = excessForTarget(target, m);
    let delta = this.round(want - m.excess);
    const n = this.n;
    if (delta === 0) return;
    const cb = this.cbA;
    const res = this.colA[RES];
    const rk = rateToInt(target);
    if (delta > 0) {
      this.splitBanks(delta, this.colL[DEP], null, 0, n);
      const col = this.bookCol(this.deskRepo);
      const L = this.lw(REPO);
      for (let i = 0; i < n; i++) {
        const s = this.share[i];
        col[i] += s;
        L[i] += s;
        res[i] += s;
      }
      cb.a[REPO] += delta;
      cb.l[RES] += delta;
      this.flow += delta;
      this.deskRepo.total += delta;
      this.deskRepo.rateInt = rk;
      this.markBanks(0, n, 1, REPO);
    } else {
      let avail = 0;
      for (let i = 0; i < n; i++) if (res[i] > 0) avail += res[i];
      delta = -Math.min(-delta, avail);
      if (delta === 0) return;
      this.splitBanks(-delta, res, null, 0, n);
      const col = this.bookCol(this.deskDrain);
      const A = this.aw(RRP);
      for (let i = 0; i < n; i++) {
        const s = this.share[i];
        col[i] += s;
        A[i] += s;
        res[i] -= s;
      }
      cb.l[RRP] -= delta;
      cb.l[RES] += delta;
      this.flow += delta;
      this.deskDrain.total -= delta;
      this.deskDrain.rateInt = rk;
      this.markBanks(0, n, 0, RRP);
    }
    this.markBanks(0, n, 0, RES);
    this.markL(cb, RES);
  }

  /** Automatic overnight borrowing at the ceiling by every bank whose balance would end the day negative. */
  private standingFacility(_day: number): void {
    const n = this.n;
    const res = this.colA[RES];
    const cb = this.cbA;
    let total = 0;
    let col: Float64Array | null = null;
    let cbc: Float64Array | null = null;
    for (let i = 0; i < n; i++) {
      const r = res[i];
      if (r < 0) {
        if (col === null) {
          col = this.bookCol(this.sf);
          cbc = this.lw(CBC);
        }
        col[i] += -r;
        cbc![i] += -r;
        res[i] = 0;
        total += -r;
      }
    }
    this.negFlag = false;
    if (total === 0) return;
    cb.a[CBC] += total;
    cb.l[RES] += total;
    this.flow += total;
    this.sf.total += total;
    this.sf.rateInt = rateToInt(
      this.rates.ceiling || Math.max(this.policy.discountRate, this.policy.lendingRate),
    );
    this.markBanks(0, n, 1, CBC);
    this.markBanks(0, n, 0, RES);
    this.markA(cb, CBC);
    this.markL(cb, RES);
  }

  // --- accrual, maintenance, crediting, remittances ---

  private accrueBooks(days: number): void {
    const cl = this.claims;
    for (let j = 0; j < cl.length; j++) {
      const c = cl[j];
      if (c.principal > 0 && c.rateInt !== 0) c.acc += c.principal * c.rateInt * days;
    }
    this.accrueBook(this.deskRepo, days);
    this.accrueBook(this.deskDrain, days);
    this.accrueBook(this.sf, days);
    this.accrueBook(this.ibo, days);
    const y = this.policy.yields;
    const cb = this.cbA;
    for (let k = 0; k < SECURITIES; k++) {
      const yk = rateToInt(y[ASSET_NAMES[k]]);
      if (yk !== 0 && cb.a[k] > 0) this.couponAcc[k] += cb.a[k] * yk * days;
    }
  }

  private accrueBook(b: OvernightBook, days: number): void {
    if (b.total > 0 && b.rateInt !== 0) b.acc += b.total * b.rateInt * days;
  }

  private isCreditDay(day: number): boolean {
    const m = this.maint;
    if (m === null) return isLastOfMonth(day);
    return day === m.grid.end(m.grid.index(day));
  }

  /** At a period's end: carry-over and deficiency penalties per bank. */
  private maintenanceBookkeeping(day: number): void {
    const m = this.maint;
    if (m === null || this.n === 0) return;
    const p = m.grid.index(day);
    if (day !== m.grid.end(p)) return;
    const len = m.periodDays;
    if (len <= 0) return;
    const n = this.n;
    const res = this.colA[RES];
    const P = this.policy;
    const penaltyRate = P.penaltyRate !== 0 ? P.penaltyRate : P.discountRate + 0.02;
    const pk = rateToInt(penaltyRate);
    let penalties = 0;
    for (let i = 0; i < n; i++) {
      const R = this.req[i];
      if (R <= 0) {
        m.carry[i] = 0;
        continue;
      }
      const avgHeld = m.sumHeld[i] / len;
      const avgVc = m.sumVc ? m.sumVc[i] / len : 0;
      const limit = carryOverLimit(R, this.unitMajor);
      const s = settlePeriod(avgHeld, R, avgVc, m.carry[i], limit);
      m.carry[i] = this.round(s.carryOut);
      if (s.deficiency > 0 && pk > 0) {
        const pen = this.exact
          ? creditAccrued(s.deficiency * pk * len)
          : (s.deficiency * pk * len) / DAY_COUNT_SCALE;
        if (pen > 0) {
          res[i] -= pen;
          this.beq[i] -= pen;
          penalties += pen;
          if (res[i] < 0) this.negFlag = true;
        }
      }
    }
    if (penalties > 0) {
      const cb = this.cbA;
      cb.l[RES] -= penalties;
      cb.eq += penalties;
      this.flow -= penalties;
      this.income += penalties;
      this.markBanks(0, n, 0, RES);
      this.markBanks(0, n, 2, 0);
    }
  }

  /** Credits accrued interest (rounded once) on reserves, open claims and the CB's coupons. */
  private creditInterest(): void {
    const n = this.n;
    const cb = this.cbA;
    const res = this.colA[RES];
    const accr = this.accr;
    const exact = this.exact;
    let paid = 0;
    let charged = 0;
    let any = false;
    for (let i = 0; i < n; i++) {
      const a = accr[i];
      if (a === 0) continue;
      const I = exact ? creditAccrued(a) : a / DAY_COUNT_SCALE;
      accr[i] = 0;
      if (I === 0) continue;
      res[i] += I;
      this.beq[i] += I;
      if (I > 0) paid += I;
      else {
        charged -= I;
        if (res[i] < 0) this.negFlag = true;
      }
      any = true;
    }
    if (any) {
      const net = paid - charged;
      cb.l[RES] += net;
      cb.eq -= net;
      this.flow += net;
      this.expense += paid;
      this.income += charged;
      this.markBanks(0, n, 0, RES);
      this.markBanks(0, n, 2, 0);
      this.markL(cb, RES);
    }
    // Open claims with a rate: the debtor pays the accrued interest.
    for (const c of this.claims) {
      if (c.maturity >= 0 || c.acc === 0) continue;
      const I = exact ? creditAccrued(c.acc) : c.acc / DAY_COUNT_SCALE;
      const pay = c.dr.agent !== null ? Math.min(I, this.moneyOf(c.dr.agent)) : I;
      c.acc = (I - pay) * DAY_COUNT_SCALE;
      if (pay !== 0) {
        this.src = c.src;
        this.settleClaim(c, 0, pay, null);
      }
    }
    this.src = -1;
    this.compactClaims();
    // Coupons on the CB's securities: the treasury pays from its TGA (the public's taxes cover a shortfall);
    // other issuers pass on what their borrowers (the public) pay.
    for (let k = 0; k < SECURITIES; k++) {
      const acc = this.couponAcc[k];
      if (acc === 0) continue;
      const I = exact ? creditAccrued(acc) : acc / DAY_COUNT_SCALE;
      this.couponAcc[k] = 0;
      if (I <= 0) continue;
      this.payCoupon(k, I);
    }
  }

  private payCoupon(k: number, coupon: number): void {
    let I = coupon;
    const cb = this.cbA;
    const tsy = this.tsyA;
    const pub = this.pubA;
    if (k === TSY || k === BILLS) {
      const fromTga = Math.min(I, Math.max(0, tsy.a[TGA]));
      if (fromTga > 0) {
        tsy.a[TGA] -= fromTga;
        cb.l[TGA] -= fromTga;
        tsy.eq -= fromTga;
      }
      const rest = Math.min(I - fromTga, this.moneyOf(pub));
      if (rest > 0) {
        // Taxes: the public pays the rest (through the TGA, to the CB).
        this.debitAgent(pub, rest);
        this.creditAgent(cb, rest);
        pub.eq -= rest;
      }
      I = fromTga + Math.max(0, rest);
    } else {
      I = Math.min(I, this.moneyOf(pub));
      this.debitAgent(pub, I);
      this.creditAgent(cb, I);
      pub.eq -= I;
    }
    cb.eq += I;
    this.income += I;
  }

  private cbInterest(I: number): void {
    if (I > 0) this.income += I;
    else this.expense -= I;
  }

  /** Weekly (Wednesdays): capital above its starting level goes to the treasury's TGA. */
  private remit(): void {
    const cb = this.cbA;
    const excess = cb.eq - this.cap0;
    if (!(excess > 0)) return;
    cb.eq -= excess;
    cb.l[TGA] += excess;
    this.tsyA.a[TGA] += excess;
    this.tsyA.eq += excess;
    this.remitted += excess;
    this.markL(cb, TGA);
    this.markA(this.tsyA, TGA);
  }

  // =========================================================================================================
  // Exactness

  private checkExactAll(): void {
    const ag = this.agents;
    for (let j = 0; j < ag.length; j++) {
      const a = ag[j];
      for (let k = 0; k < NI; k++) {
        if (Math.abs(a.a[k]) > MAX_EXACT) this.tooBig(a.name, INTERNAL_NAMES[k], a.a[k]);
        if (Math.abs(a.l[k]) > MAX_EXACT) this.tooBig(a.name, INTERNAL_NAMES[k], a.l[k]);
      }
      if (Math.abs(a.eq) > MAX_EXACT) this.tooBig(a.name, 'capital', a.eq);
    }
  }

  private checkExactBanks(): void {
    const n = this.n;
    for (let k = 0; k < NI; k++) {
      for (const [col, name] of [
        [this.colA[k], INTERNAL_NAMES[k]],
        [this.colL[k], INTERNAL_NAMES[k]],
      ] as const) {
        if (col === this.ZERO) continue;
        for (let i = 0; i < n; i++)
          if (Math.abs(col[i]) > MAX_EXACT) this.tooBig(this.bankName(i), name, col[i]);
      }
    }
  }

  private tooBig(agent: string, instrument: string, v: number): never {
    throw new EngineError({
      code: 'MON7002',
      message: `${agent}.${instrument} = ${v} units is beyond the exact range of float64 (2^53); declare a larger accounting unit (e.g. \`unit 1m ${this.cfg.currency}\`)`,
      source: this.src >= 0 ? this.src : this.lastOpSrc,
      agent,
      instrument,
    });
  }

  // =========================================================================================================
  // Queries

  private depositsTotal(): number {
    let s = 0;
    const ag = this.agents;
    for (let j = 0; j < ag.length; j++) s += ag[j].a[DEP];
    return s;
  }

  private bankLoansTotal(): number {
    let s = 0;
    const ag = this.agents;
    for (let j = 0; j < ag.length; j++) s += ag[j].l[LOANS];
    return s;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    giveBack(this.arena);
  }

  /** Throws once released: the columns may already belong to another engine. */
  private live(): void {
    if (this.released) throw new Error('this engine was released (Engine.release) and may not be used');
  }

  series(name: string): number {
    this.live();
    const cb = this.cbA;
    const P = this.policy;
    const currency = this.holdersCurrency();
    const vaultCash = cb.l[CUR] - currency;
    const reserves = cb.l[RES];
    const base = currency + vaultCash + reserves;
    const deposits = this.depositsTotal();
    const tdep = this.pubA.a[TDEP];
    switch (name) {
      case 'reserves':
        return reserves;
      case 'vault_cash':
        return vaultCash;
      case 'total_reserves':
        return reserves + vaultCash;
      case 'required_reserves':
        return this.sumReq;
      case 'excess_reserves':
        return reserves + vaultCash - this.sumReq;
      case 'currency':
        return currency;
      case 'monetary_base':
        return base;
      case 'deposits':
        return deposits;
      case 'time_deposits':
        return tdep;
      case 'loans':
        return this.bankLoansTotal();
      case 'm1':
        return currency + deposits;
      case 'm2':
        return currency + deposits + tdep;
      case 'multiplier':
        return base === 0 ? NaN : (currency + deposits + tdep) / base;
      case 'm1_multiplier':
        return base === 0 ? NaN : (currency + deposits) / base;
      case 'overnight_rate':
      case 'fed_funds':
      case 'estr':
      case 'sonia':
      case 'call_rate':
        return this.rates.overnight;
      case 'interbank_rate':
        return this.rates.bankToBank;
      case 'ineligible_rate':
        return this.rates.ineligible;
      case 'corridor_floor':
        return this.rates.floor;
      case 'corridor_ceiling':
        return this.rates.ceiling;
      case 'tga':
        return cb.l[TGA];
      case 'sfp':
        return cb.l[SFP];
      case 'rrp':
        return cb.l[RRP];
      case 'term_deposits':
        return cb.l[TD];
      case 'target':
      case 'mro':
      case 'bank_rate':
        return P.target;
      case 'iorr':
        return P.iorr;
      case 'ioer':
      case 'iorb':
        return P.ioer;
      case 'discount_rate':
        return P.discountRate;
      case 'deposit_rate':
        return P.depositRate;
      case 'lending_rate':
        return P.lendingRate;
      case 'rrp_rate':
        return P.rrpRate;
      case 'penalty_rate':
        return P.penaltyRate;
      case 'reserve_ratio':
        return P.reserveRatio;
      case 'cash_ratio':
        return P.cashRatio;
      case 'excess_ratio':
        return P.excessRatio;
      default:
        throw new EngineError({ code: 'MON7004', message: `unknown series ${name}`, source: this.lastOpSrc });
    }
  }

  cb(name: string): number {
    this.live();
    const cb = this.cbA;
    if (name in ASSET_INDEX) return cb.a[ASSET_INDEX[name as AssetName]];
    switch (name) {
      case 'assets':
        return cb.assets;
      case 'liabilities':
        return cb.liabilities;
      case 'capital':
        return cb.eq;
      case 'loans':
        return cb.a[CBC];
      case 'repos':
        return cb.a[REPO];
      case 'income':
        return this.income;
      case 'interest_expense':
        return this.expense;
      case 'net_income':
        return this.income - this.expense;
      case 'remittances':
        return this.remitted;
      case 'deferred_asset':
        return Math.max(0, this.cap0 - cb.eq);
      case 'reserves':
        return cb.l[RES];
      case 'currency':
        return cb.l[CUR];
      case 'tga':
        return cb.l[TGA];
      case 'sfp':
        return cb.l[SFP];
      case 'term_deposits':
        return cb.l[TD];
      case 'reverse_repos':
        return cb.l[RRP];
      default:
        throw new EngineError({
          code: 'MON7004',
          message: `unknown series cb.${name}`,
          source: this.lastOpSrc,
        });
    }
  }

  /** Resolves `name` or `name#k` (one bank of a group) to a bank range. */
  private bankRange(name: string): { lo: number; hi: number; g: Group } | null {
    const g = this.groupByName.get(name);
    if (g) return { lo: g.lo, hi: g.hi, g };
    const hash = name.lastIndexOf('#');
    if (hash > 0) {
      const gg = this.groupByName.get(name.slice(0, hash));
      const k = Number(name.slice(hash + 1));
      if (gg && Number.isInteger(k) && k >= 0 && k < gg.hi - gg.lo)
        return { lo: gg.lo + k, hi: gg.lo + k + 1, g: gg };
    }
    return null;
  }

  private smallAgent(name: string): Agent | undefined {
    const a = this.byName.get(name);
    if (a) return a;
    if (name === 'public') return this.pubA;
    if (name === 'treasury') return this.tsyA;
    return undefined;
  }

  holding(agent: string, instrument: InstrumentName): number {
    this.live();
    const br = this.bankRange(agent);
    if (br) {
      const kind: AgentKind = br.g.kind;
      if (instrument === 'capital') return this.sumCol(this.beq, br.lo, br.hi);
      const k = internalIndex(kind, instrument);
      if (k === null) return 0;
      const side = sideOf(kind, instrument);
      return this.sumCol(side === 'a' ? this.colA[k] : this.colL[k], br.lo, br.hi);
    }
    const a = this.smallAgent(agent);
    if (!a)
      throw new EngineError({
        code: 'MON7004',
        message: `unknown agent ${agent}`,
        source: this.lastOpSrc,
        agent,
      });
    if (instrument === 'capital') return a.eq;
    const kind: AgentKind = a.kind === 'issuers' ? 'firm' : a.kind;
    const k = internalIndex(kind, instrument);
    if (k === null) return 0;
    if (a === this.cbA) {
      if (instrument === 'currency') return a.l[CUR];
      return sideOf(kind, instrument) === 'a' ? a.a[k] : a.l[k];
    }
    if (instrument === 'loans') return a.l[LOANS] + a.l[CBC] + a.l[UND];
    if (a.kind === 'issuers' && k < SECURITIES) return a.l[k];
    return sideOf(kind, instrument) === 'a' ? a.a[k] : a.l[k];
  }

  hasAgent(name: string): boolean {
    return this.groupByName.has(name) || this.byName.has(name) || this.bankRange(name) !== null;
  }

  agentNames(): string[] {
    const names: string[] = [];
    for (const a of this.agents) names.push(a.name);
    for (const g of this.groups) names.push(g.name);
    return names;
  }

  bankCount(): number {
    return this.n;
  }

  balanceSheet(agent: string): BalanceSheet {
    this.live();
    const br = this.bankRange(agent);
    const assets: BalanceSheetLine[] = [];
    const liabilities: BalanceSheetLine[] = [];
    const cbName = this.cbA.name;
    if (br) {
      const { lo, hi, g } = br;
      const inRange = (s: ClaimSide): number => {
        if (s.agent !== null) return 0;
        const a = Math.max(s.lo, lo);
        const b = Math.min(s.hi, hi);
        if (b <= a) return 0;
        if (s.split === null) return -1; // whole claim
        let t = 0;
        for (let i = a; i < b; i++) t += s.split[i - s.lo];
        return t;
      };
      const sideName = (s: ClaimSide): string =>
        s.agent !== null ? s.agent.name : this.rangeName(s.lo, s.hi);
      for (let k = 0; k < NI; k++) {
        const va = this.sumCol(this.colA[k], lo, hi);
        const vl = this.sumCol(this.colL[k], lo, hi);
        if (k === IB || k === LOANS) {
          // Itemise claims by counterparty.
          let restA = va;
          let restL = vl;
          const kind: ClaimKind = k === IB ? 'bilateral' : 'bankloan';
          for (const c of this.claims) {
            if (c.kind !== kind || c.principal <= 0) continue;
            const ca = inRange(c.cr);
            if (ca !== 0) {
              const amt = ca === -1 ? c.principal : ca;
              assets.push({
                instrument: INTERNAL_NAMES[k],
                counterparty: sideName(c.dr),
                amount: amt,
                source: c.src,
              });
              restA -= amt;
            }
            const cl = inRange(c.dr);
            if (cl !== 0) {
              const amt = cl === -1 ? c.principal : cl;
              liabilities.push({
                instrument: 'interbank',
                counterparty: sideName(c.cr),
                amount: amt,
                source: c.src,
              });
              restL -= amt;
            }
          }
          if (restA !== 0) {
            assets.push({
              instrument: INTERNAL_NAMES[k],
              counterparty: k === LOANS ? this.pubA.name : undefined,
              amount: restA,
              source: g.src[k],
            });
          }
          if (restL !== 0)
            liabilities.push({ instrument: INTERNAL_NAMES[k], amount: restL, source: g.src[NI + k] });
          continue;
        }
        if (va !== 0) {
          assets.push({
            instrument: INTERNAL_NAMES[k],
            counterparty:
              k === RES || k === TD || k === RRP ? cbName : k === IBO ? 'interbank market' : undefined,
            amount: va,
            source: g.src[k],
          });
        }
        if (vl !== 0) {
          liabilities.push({
            instrument: INTERNAL_NAMES[k],
            counterparty: k === CBC || k === REPO ? cbName : k === IBO ? 'interbank market' : undefined,
            amount: vl,
            source: g.src[NI + k],
          });
        }
      }
      return { agent, kind: g.kind, assets, liabilities, equity: this.sumCol(this.beq, lo, hi) };
    }
    const a = this.smallAgent(agent);
    if (!a)
      throw new EngineError({
        code: 'MON7004',
        message: `unknown agent ${agent}`,
        source: this.lastOpSrc,
        agent,
      });
    // Claims with terms are itemised by counterparty; what remains of a line is shown as one amount.
    const restA = Float64Array.from(a.a);
    const restL = Float64Array.from(a.l);
    const name = (sd: ClaimSide): string =>
      sd.agent !== null ? sd.agent.name : this.rangeName(sd.lo, sd.hi);
    for (const c of this.claims) {
      if (c.principal <= 0) continue;
      const k = claimInstrument(c.kind);
      if (c.cr.agent === a) {
        assets.push({
          instrument: INTERNAL_NAMES[k],
          counterparty: name(c.dr),
          amount: c.principal,
          source: c.src,
        });
        restA[k] -= c.principal;
      }
      if (c.dr.agent === a) {
        liabilities.push({
          instrument: INTERNAL_NAMES[k],
          counterparty: name(c.cr),
          amount: c.principal,
          source: c.src,
        });
        restL[k] -= c.principal;
      }
    }
    for (let k = 0; k < NI; k++) {
      if (restA[k] !== 0) {
        assets.push({
          instrument: INTERNAL_NAMES[k],
          counterparty: this.smallCounterparty(a, k, 'a'),
          amount: restA[k],
          source: a.srcA[k],
        });
      }
      if (restL[k] !== 0) {
        liabilities.push({
          instrument: INTERNAL_NAMES[k],
          counterparty: this.smallCounterparty(a, k, 'l'),
          amount: restL[k],
          source: a.srcL[k],
        });
      }
    }
    return {
      agent: a.name,
      kind: a.kind === 'issuers' ? 'public' : a.kind,
      assets,
      liabilities,
      equity: a.eq,
    };
  }

  private rangeName(lo: number, hi: number): string {
    if (lo === 0 && hi === this.n && this.groups.length > 1) return 'banks';
    const g = this.groupOf(lo);
    if (g.lo === lo && g.hi === hi) return g.name;
    return hi - lo === 1 ? this.bankName(lo) : 'banks';
  }

  private smallCounterparty(a: Agent, k: number, side: 'a' | 'l'): string | undefined {
    const cb = this.cbA.name;
    if (k === CBC) return side === 'a' ? 'banks' : cb; // standing-facility credit, or loans without terms
    if (k === REPO || k === RES || k === TD || k === RRP || k === VC) return side === 'a' ? cb : 'banks';
    if (k === CUR && a === this.cbA) return 'holders';
    if (k < SECURITIES) {
      if (side === 'l') return 'holders';
      return k === TSY || k === BILLS ? this.tsyA.name : this.issA.name;
    }
    if (k === UND) return side === 'a' ? this.pubA.name : this.issA.name;
    if (k === TGA || k === SFP) return side === 'a' ? cb : this.tsyA.name;
    if (k === DEP && a.hb >= 0 && a !== this.pubA) return this.bankName(a.hb);
    if (k === LOANS && side === 'l') {
      const c = this.claims.find((x) => x.kind === 'bankloan' && x.dr.agent === a && x.cr.agent === null);
      return c ? this.rangeName(c.cr.lo, c.cr.hi) : 'banks';
    }
    return undefined;
  }

  maintenancePeriod(day: number): { start: number; end: number } | null {
    if (!this.maint) return null;
    const j = this.maint.grid.index(day);
    return { start: this.maint.grid.start(j), end: this.maint.grid.end(j) };
  }

  // =========================================================================================================
  // Invariants (SPEC §4.7)

  checkInvariants(): InvariantViolation | null {
    this.live();
    const day = Number.isNaN(this.lastDay) ? this.cfg.startDay : this.lastDay;
    const n = this.n;
    const cb = this.cbA;
    // Float mode (comparison only) is held to a tolerance relative to the economy's size: rounding errors
    // scale with the amounts that flowed, not with what a line happens to hold at the end.
    const scale = this.exact ? 0 : Math.max(1, cb.assets, this.depositsTotal(), this.bankLoansTotal());
    const tol = (x: number): number => (this.exact ? 0 : 1e-9 * Math.max(scale, Math.abs(x)));
    const viol = (
      invariant: 1 | 2 | 3 | 4 | 5 | 6,
      name: string,
      detail: string,
      agent?: string,
      instrument?: string,
      source = -1,
    ): InvariantViolation => ({
      day,
      invariant,
      name,
      agent,
      instrument,
      detail,
      source: source >= 0 ? source : this.lastOpSrc,
    });

    // 6 first: amounts must be finite integers for anything else to be meaningful.
    if (this.exact) {
      for (const a of this.agents) {
        for (let k = 0; k < NI; k++) {
          for (const [v, side] of [
            [a.a[k], 'a'],
            [a.l[k], 'l'],
          ] as const) {
            if (!Number.isInteger(v) || Math.abs(v) > MAX_EXACT) {
              return viol(
                6,
                'determinism',
                `${a.name}.${INTERNAL_NAMES[k]} = ${v} is not an exact integer`,
                a.name,
                INTERNAL_NAMES[k],
                side === 'a' ? a.srcA[k] : a.srcL[k],
              );
            }
          }
        }
      }
      for (let k = 0; k < NI; k++) {
        for (const [col, side] of [
          [this.colA[k], 0],
          [this.colL[k], 1],
        ] as const) {
          if (col === this.ZERO) continue;
          for (let i = 0; i < n; i++) {
            const v = col[i];
            if (!Number.isInteger(v) || Math.abs(v) > MAX_EXACT) {
              const g = this.groupOf(i);
              return viol(
                6,
                'determinism',
                `${this.bankName(i)}.${INTERNAL_NAMES[k]} = ${v} is not an exact integer`,
                this.bankName(i),
                INTERNAL_NAMES[k],
                g.src[side * NI + k],
              );
            }
          }
        }
      }
    }

    // 1. Every agent balances.
    for (const a of this.agents) {
      const gap = a.assets - a.liabilities - a.eq;
      if (Math.abs(gap) > tol(a.assets)) {
        // Named after the line last moved (the one most likely to have broken it).
        const l = a.last;
        const src = l < 0 ? -1 : l < NI ? a.srcA[l] : l < 2 * NI ? a.srcL[l - NI] : a.srcEq;
        return viol(
          1,
          'agents balance',
          `${a.name}: assets − liabilities − equity = ${gap}`,
          a.name,
          lineName(l),
          src,
        );
      }
    }
    for (let i = 0; i < n; i++) {
      const A = this.bankAssets(i);
      const gap = A - this.bankLiabilities(i) - this.beq[i];
      if (Math.abs(gap) > tol(A)) {
        const g = this.groupOf(i);
        const l = g.last;
        return viol(
          1,
          'agents balance',
          `${this.bankName(i)}: assets − liabilities − equity = ${gap}`,
          this.bankName(i),
          lineName(l),
          l < 0 ? -1 : g.src[l],
        );
      }
    }

    // 2. Every instrument pairs.
    const assetTotal = new Float64Array(NI);
    const liabTotal = new Float64Array(NI);
    for (const a of this.agents) {
      for (let k = 0; k < NI; k++) {
        assetTotal[k] += a.a[k];
        liabTotal[k] += a.l[k];
      }
    }
    for (let k = 0; k < NI; k++) {
      assetTotal[k] += this.sumCol(this.colA[k], 0, n);
      liabTotal[k] += this.sumCol(this.colL[k], 0, n);
    }
    // Vault cash is the CB's currency liability too.
    assetTotal[CUR] += assetTotal[VC];
    assetTotal[VC] = 0;
    for (let k = 0; k < NI; k++) {
      const d = assetTotal[k] - liabTotal[k];
      if (Math.abs(d) > tol(assetTotal[k])) {
        const who = this.lineOwner(k);
        return viol(
          2,
          'instruments pair',
          `${INTERNAL_NAMES[k]}: held ${assetTotal[k]}, owed ${liabTotal[k]}`,
          who.name,
          INTERNAL_NAMES[k],
          who.src,
        );
      }
    }
    // Deposits per bank: named depositors' share never exceeds the bank's deposits; the public's sum matches.
    let pubDep = 0;
    let pubLoans = 0;
    for (let i = 0; i < n; i++) {
      pubDep += this.colL[DEP][i] - this.odep[i];
      pubLoans += this.colA[LOANS][i] - this.oloans[i];
    }
    if (Math.abs(pubDep - this.pubA.a[DEP]) > tol(pubDep)) {
      return viol(
        2,
        'instruments pair',
        `deposits: banks owe the public ${pubDep}, the public holds ${this.pubA.a[DEP]}`,
        this.pubA.name,
        'deposits',
        this.pubA.srcA[DEP],
      );
    }
    if (Math.abs(pubLoans - this.pubA.l[LOANS]) > tol(pubLoans)) {
      return viol(
        2,
        'instruments pair',
        `loans: banks lent the public ${pubLoans}, the public owes ${this.pubA.l[LOANS]}`,
        this.pubA.name,
        'loans',
        this.pubA.srcL[LOANS],
      );
    }
    // Claims agree with the ledger's columns.
    const claimA = new Float64Array(NI);
    for (const c of this.claims) claimA[claimInstrument(c.kind)] += c.principal;
    const cbcBooks = this.sf.total;
    if (Math.abs(claimA[CBC] + cbcBooks - cb.a[CBC]) > tol(cb.a[CBC])) {
      return viol(
        2,
        'instruments pair',
        `loans: the CB's loan records give ${claimA[CBC] + cbcBooks}, its books ${cb.a[CBC]}`,
        cb.name,
        'loans',
        cb.srcA[CBC],
      );
    }

    // 3. Monetary base.
    const sumRes = this.sumCol(this.colA[RES], 0, n);
    const sumVc = this.sumCol(this.colA[VC], 0, n);
    const cur = this.holdersCurrency();
    const mb = cur + sumVc + sumRes;
    if (Math.abs(mb - (cb.l[CUR] + cb.l[RES])) > tol(mb)) {
      return viol(
        3,
        'monetary base',
        `currency ${cur} + vault cash ${sumVc} + reserves ${sumRes} ≠ CB currency ${cb.l[CUR]} + reserves ${cb.l[RES]}`,
        cb.name,
        'currency',
        cb.srcL[CUR],
      );
    }

    // 4. Conservation of reserves.
    const change = sumRes - this.resCheckpoint;
    if (Math.abs(change - this.flow) > tol(sumRes)) {
      return viol(
        4,
        'conservation of reserves',
        `reserves changed by ${change} but flows across the CB sum to ${this.flow}`,
        this.bankName(0),
        'reserves',
        this.groupOf(0).src[RES],
      );
    }

    // 5. The weekly statement: reserves = factors supplying − factors absorbing.
    const supplying = cb.assets;
    const absorbing =
      cb.l[CUR] +
      cb.l[TGA] +
      cb.l[SFP] +
      cb.l[TD] +
      cb.l[RRP] +
      cb.eq +
      (cb.liabilities - cb.l[CUR] - cb.l[TGA] - cb.l[SFP] - cb.l[TD] - cb.l[RRP] - cb.l[RES]);
    if (Math.abs(supplying - absorbing - sumRes) > tol(supplying)) {
      return viol(
        5,
        'reserves identity',
        `factors supplying ${supplying} − absorbing ${absorbing} ≠ reserves ${sumRes}`,
        cb.name,
        'reserves',
        cb.srcL[RES],
      );
    }

    this.resCheckpoint = sumRes;
    this.flow = 0;
    return null;
  }

  private lineOwner(k: number): { name: string; src: number } {
    let best = { name: this.cbA.name, src: -1 };
    for (const a of this.agents) {
      const s = Math.max(a.srcA[k], a.srcL[k]);
      if (s > best.src && (a.a[k] !== 0 || a.l[k] !== 0)) best = { name: a.name, src: s };
    }
    for (const g of this.groups) {
      const s = Math.max(g.src[k], g.src[NI + k]);
      if (s > best.src) best = { name: g.name, src: s };
    }
    return best;
  }

  /** A hash of the whole state (FNV-1a over every amount's bytes): equal hashes ⇔ identical state. */
  stateHash(): string {
    this.live();
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    const mix = (arr: Float64Array, len: number): void => {
      const u = new Uint32Array(arr.buffer, arr.byteOffset, len * 2);
      for (let i = 0; i < u.length; i++) {
        h1 = Math.imul(h1 ^ u[i], 0x01000193);
        h2 = Math.imul(h2 ^ (u[i] + i), 0x85ebca6b) ^ (h2 >>> 13);
      }
    };
    for (let k = 0; k < NI; k++) {
      mix(this.colA[k], this.n);
      mix(this.colL[k], this.n);
    }
    mix(this.beq, this.n);
    mix(this.accr, this.n);
    mix(this.req, this.n);
    for (const a of this.agents) {
      mix(a.a, NI);
      mix(a.l, NI);
    }
    const scalars = new Float64Array([
      ...this.agents.map((a) => a.eq),
      this.income,
      this.expense,
      this.remitted,
      this.rates.overnight,
      this.rates.bankToBank,
      this.sumReq,
      ...this.claims.flatMap((c) => [c.principal, c.acc, c.maturity]),
    ]);
    mix(scalars, scalars.length);
    return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
  }

  /** Test-only: moves one side of a line without its counterpart, so an invariant must break. */
  __testCorrupt(agent: string, instrument: InstrumentName, delta: number): void {
    const br = this.bankRange(agent);
    if (br) {
      const kind: AgentKind = br.g.kind;
      const k = internalIndex(kind, instrument);
      if (instrument === 'capital') this.beq[br.lo] += delta;
      else if (k !== null) {
        (sideOf(kind, instrument) === 'a' ? this.aw(k) : this.lw(k))[br.lo] += delta;
        this.markBanks(br.lo, br.lo + 1, sideOf(kind, instrument) === 'a' ? 0 : 1, k);
      }
      return;
    }
    const a = this.smallAgent(agent);
    if (!a)
      throw new EngineError({ code: 'MON7004', message: `unknown agent ${agent}`, source: this.src, agent });
    const kind: AgentKind = a.kind === 'issuers' ? 'firm' : a.kind;
    if (instrument === 'capital') {
      a.eq += delta;
      this.markEq(a);
      return;
    }
    const k = internalIndex(kind, instrument);
    if (k === null) return;
    if (sideOf(kind, instrument) === 'a') {
      a.a[k] += delta;
      this.markA(a, k);
    } else {
      a.l[k] += delta;
      this.markL(a, k);
    }
  }

  /** Bytes of typed-array state per bank (columns, scratch and maintenance arrays). */
  stateBytesPerBank(): number {
    if (this.n === 0) return 0;
    const seen = new Set<ArrayBufferLike>();
    let bytes = 0;
    const add = (a: ArrayBufferView | null | undefined): void => {
      if (!a || seen.has(a.buffer)) return;
      seen.add(a.buffer);
      bytes += a.byteLength;
    };
    for (let k = 0; k < NI; k++) {
      add(this.colA[k]);
      add(this.colL[k]);
    }
    add(this.beq);
    add(this.odep);
    add(this.oloans);
    add(this.req);
    add(this.reqT);
    add(this.accr);
    add(this.share);
    add(this.arena.wv);
    add(this.arena.acc1);
    add(this.lendNext);
    add(this.qv);
    add(this.bkt);
    add(this.arena.nxt);
    add(this.arena.head);
    bytes += this.splitter.bytes; // remainders, candidates, selection scratch, histogram
    for (const b of [this.deskRepo, this.deskDrain, this.sf, this.ibo]) add(b.col);
    if (this.maint) {
      for (const s of this.maint.slots) add(s);
      add(this.maint.sumHeld);
      add(this.maint.sumVc);
      add(this.maint.carry);
    }
    for (const c of this.claims) {
      add(c.cr.split);
      add(c.dr.split);
    }
    return bytes / this.n;
  }
}

/** Tranches as the kernels read them (TRANCHE_STRIDE numbers each), in buf when it is large enough. */
function flattenTranches(
  T: readonly TrancheValue[],
  buf: Float64Array<ArrayBuffer>,
): Float64Array<ArrayBuffer> {
  const flat = buf.length >= T.length * TRANCHE_STRIDE ? buf : new Float64Array(T.length * TRANCHE_STRIDE);
  for (let t = 0; t < T.length; t++) {
    flat[t * TRANCHE_STRIDE] = T[t].upTo === null ? Infinity : (T[t].upTo as number);
    flat[t * TRANCHE_STRIDE + 1] = T[t].rate;
  }
  return flat;
}
