// The per-bank loops of the daily step. They allocate nothing, take no data-dependent branches where the
// data would make them mispredict, and keep each loop alone in a small function.
//
// Specialisation: V8 compiles a loop over typed arrays that it knows as constants (captured by a closure
// whose function literal has a single closure instance) to much tighter code — about 4× faster on these
// loops — than the same loop over typed arrays passed as parameters. `kernelFactory` closes over one
// engine's columns; `makeKernels` re-instantiates it from its own source for each large engine, so every
// engine gets its own function literals and stays specialised. Where code generation is unavailable (a
// strict Content-Security-Policy), it falls back to the shared factory: same results, slower.
//
// The factory must stay self-contained: it may use only its parameters and JavaScript globals (Math).

/**
 * Tiers as a flat array, five numbers each: base (0 required, 1 excess, 2 reserves, 3 rest), has cap
 * (0/1), cap per unit of requirement, fixed cap, rate × 1e8. Ordered as they fill (`rest` last).
 */
export const TIER_STRIDE = 5;

/** Tranches as a flat array, two numbers each: cumulative upper bound (Infinity for `above`), rate. */
export const TRANCHE_STRIDE = 2;

/** Most remainder buckets in the largest-remainder histogram. */
export const BUCKETS = 2048;

/** The bucket of a bank that takes no part in a re-deposit (above every real bucket). */
export const NO_BUCKET = 0xffff;

/**
 * Remainder buckets for n banks: a power of two near n / 4, from 64 to BUCKETS (a small economy need not
 * clear and scan 2048 buckets a day).
 */
export function bucketsFor(n: number): number {
  let b = 64;
  while (b < BUCKETS && b * 4 < n) b *= 2;
  return b;
}

/**
 * What one engine's kernels work on, captured as constants (never reassigned while the kernels live; the
 * engine rebuilds its kernels when a lazily allocated column appears).
 */
export interface KernelColumns {
  n: number;
  /** Exact mode (integers, rounding) rather than float. */
  exact: boolean;
  /** Whether banks hold vault cash / named depositors' deposits (else those columns are all zero). */
  hasVc: boolean;
  hasOdep: boolean;
  /** Whether a requirement on time deposits applies (reqT; else that column is all zero). */
  hasReqT: boolean;
  res: Float64Array;
  vc: Float64Array;
  dep: Float64Array;
  odep: Float64Array;
  loans: Float64Array;
  req: Float64Array;
  /** The requirement on each bank's time deposits, added to the one on its deposits. */
  reqT: Float64Array;
  accr: Float64Array;
  frac: Float64Array;
  /** Histogram of remainders; its length is the number of buckets. */
  hist: Int32Array;
  cand: Int32Array;
  /** Tomorrow's lending decision per bank, computed by the day pass (see Kernels.day). */
  lendNext: Float64Array;
  /** The fused re-deposit's floor share per bank, written by histPass for the day pass. */
  qv: Float64Array;
  /** The fused re-deposit's remainder bucket per bank (NO_BUCKET: takes no part), written by histPass. */
  bkt: Uint16Array;
  /**
   * The fused re-deposit's buckets as chains, written by histPass: head[b] is the last bank put in bucket b,
   * nxt[i] the bank put in bank i's bucket before it. Only the first hist[b] links of a chain are this
   * split's (the rest are stale), so neither needs clearing.
   */
  nxt: Int32Array;
  head: Int32Array;
  /** A split's weights (a copy of the column it is split by) and its shares (see splitFloors). */
  wv: Float64Array;
  share: Float64Array;
  /** Each bank's accrual of the last flat day pass that was asked to store it (see Kernels.accrueStored). */
  acc1: Float64Array;
  /**
   * Scalar outputs: lend → [0] Σ loans, [1] Σ weights; day → [0] Σ requirement, [1] negative balances,
   * [2] amounts beyond 2^53, [3] Σ tomorrow's loans, [4] Σ tomorrow's weights; floors → [6] participants.
   */
  out: Float64Array;
}

/** Index of the first scalar output of each kernel (see KernelColumns.out). */
export const OUT = {
  sum: 0,
  weights: 1,
  neg: 1,
  big: 2,
  nextLoans: 3,
  nextWeights: 4,
  participants: 6,
} as const;

export interface Kernels {
  /**
   * One lending round: each bank lends its reserves above required + desired excess (as they stand at the
   * round's start), capped by its balance and by capShare × deposits (Infinity: textbook). The loans are
   * spent at once. `reqValid`: req already holds the requirement on today's deposits under today's ratio.
   * out[0] = Σ loans, out[1] = Σ the public's deposits (the re-deposit weights).
   */
  lend(
    lo: number,
    hi: number,
    ratio: number,
    rk: number,
    exRatio: number,
    capShare: number,
    tr: Float64Array | null,
    nt: number,
    reqValid: boolean,
  ): void;
  /**
   * Float mode: adds f × (public deposits) to deposits and reserves of every bank (`applyLend`: first makes
   * and spends the loans lendNext). Returns the number of negative balances.
   */
  redistProportional(lo: number, hi: number, f: number, applyLend: boolean): number;
  /**
   * Exact mode, largest remainder, first pass: adds sign × floor(f × public deposits) to deposits and
   * reserves, records remainders and their histogram; returns Σ floors, out[2] = participants.
   */
  redistFloors(lo: number, hi: number, f: number, sign: number, applyLend: boolean): number;
  /**
   * Second pass: sign to every bank whose remainder's bucket is above tb; appends bucket tb's indices to
   * cand from position m; returns the new count.
   */
  redistTop(lo: number, hi: number, tb: number, sign: number, m: number): number;
  /** Appends to cand (from position m) the banks whose remainder lies in bucket tb; returns the new count. */
  collectBucket(lo: number, hi: number, tb: number, m: number): number;
  /**
   * The fused re-deposit (exact), first pass: the histogram of the remainders of f × (public deposits) —
   * taken exactly in integers as (T·w mod W)/W when W > 0 (the caller passes W = 0 where T·W exceeds 2^53);
   * each bank's floor goes to qv, its bucket to bkt (NO_BUCKET: no part) and the front of its bucket's chain
   * (head, nxt); returns Σ floors, out[6] += participants.
   */
  histPass(lo: number, hi: number, f: number, T: number, W: number): number;
  /**
   * The banks of bucket tb, from its chain (no pass over the banks): their indices to cand in index order,
   * their remainders to frac, both compact from 0; returns their count (hist[tb]). The caller adds the unit
   * of the bucket's winners to qv; the day pass adds the unit of every bank above tb.
   */
  chainBucket(tb: number, f: number, T: number, W: number): number;
  /**
   * Applies a pending re-deposit without the day pass (see `day`'s `redist` and `tb`): the fallback when the
   * day pass is not the fused one.
   */
  applyRedist(lo: number, hi: number, redist: number, f: number, tb: number, applyLend: boolean): void;
  /** Counts negative balances. */
  countNegative(lo: number, hi: number): number;
  /**
   * accr += acc1: a day on which nothing moved since the flat day pass that stored acc1 (a weekend after a
   * Friday) accrues exactly what that day did.
   */
  accrueStored(lo: number, hi: number): void;
  /** Σ max(0, wv) over [lo, hi). */
  sumWeights(lo: number, hi: number): number;
  /**
   * An exact split of T > 0 by the weights wv (W = their positive sum), first pass: share gets each bank's
   * floor (0 without a positive weight), frac its remainder (−1: no part) and hist the remainders' buckets,
   * as the Splitter's floorsPass does, exactly in integers when W > 0 (the caller passes W = 0 where T·W
   * exceeds 2^53); returns Σ floors, out[6] += participants.
   */
  splitFloors(lo: number, hi: number, f: number, T: number, W: number): number;
  /** Second pass: one more unit in share above bucket tb; bucket tb's banks go to cand; returns their count. */
  splitTop(lo: number, hi: number, tb: number): number;
  /** wv −= share, res += share: banks sell what a split of wv (a copy of their holdings) decided. */
  sellShares(lo: number, hi: number): void;
  /**
   * The day pass: `stats` computes the requirement on end-of-day deposits plus reqT (into req; with maintenance
   * periods accumulated into accSlot, the effective requirement from periodSlot / periodDiv), out[0] = Σ req;
   * `accrue` accrues interest by the tiers for `days` days and the maintenance balance sums. out[1] counts
   * negative balances, out[2] amounts beyond 2^53. (Sums over [lo, hi) are added to out.)
   *
   * Fusions on the common path (flat ratio, no maintenance periods): before anything else, `applyLend` makes
   * and spends the loans decided yesterday (lendNext) and `redist` adds the day's re-deposit, f × the
   * public's deposits: 2 in float; 1 exactly, by largest remainder — qv as histPass and the threshold
   * bucket's choice left it, plus one unit where bkt is above the threshold bucket tb;
   * `next` computes tomorrow's lending decision from today's end-of-day position into lendNext (Σ in out[3],
   * weights in out[4]), which the next round uses when nothing has touched the banks since; `store` (flat pass
   * only) also writes each bank's accrual to acc1 (see accrueStored).
   */
  day(
    lo: number,
    hi: number,
    stats: boolean,
    accrue: boolean,
    ratio: number,
    rk: number,
    tr: Float64Array | null,
    nt: number,
    tierMode: number,
    tiers: Float64Array,
    ntiers: number,
    days: number,
    accSlot: Float64Array | null,
    periodSlot: Float64Array | null,
    periodDiv: number,
    sumHeld: Float64Array | null,
    sumVc: Float64Array | null,
    applyLend: boolean,
    redist: number,
    f: number,
    tb: number,
    next: boolean,
    exRatio: number,
    capShare: number,
    store: boolean,
  ): void;
  /** Reserve requirement on deposits d (flat ratio, or cumulative tranches when tr is non-null). */
  requirement(
    d: number,
    ratio: number,
    rk: number,
    exact: boolean,
    tr: Float64Array | null,
    nt: number,
  ): number;
  /** Σ(amount in tier × rate×1e8) for one bank: balance r, requirement er, vault cash v. */
  tierAcc(T: Float64Array, nt: number, r: number, er: number, v: number): number;
}

/**
 * Builds the kernels over one engine's columns. Self-contained (see the file's header): `mulRatioExact`
 * and `MAX_EXACT` come in as parameters.
 */
export function kernelFactory(
  c: KernelColumns,
  mulRatioExact: (a: number, k: number) => number,
  MAX_EXACT: number,
  STRIDE_T: number,
  STRIDE_R: number,
  NB: number,
): Kernels {
  const exact = c.exact;
  const hasVc = c.hasVc;
  const hasOdep = c.hasOdep;
  const hasReqT = c.hasReqT;
  const res = c.res;
  const vc = c.vc;
  const dep = c.dep;
  const odep = c.odep;
  const loans = c.loans;
  const req = c.req;
  const reqT = c.reqT;
  const accr = c.accr;
  const frac = c.frac;
  const hist = c.hist;
  const cand = c.cand;
  const lendNext = c.lendNext;
  const qv = c.qv;
  const bkt = c.bkt;
  const nxt = c.nxt;
  const head = c.head;
  const wv = c.wv;
  const share = c.share;
  const acc1 = c.acc1;
  const NO_BUCKET_ = 0xffff; // NO_BUCKET (the factory is self-contained)
  const out = c.out;

  // Branch-free helpers: min/max by arithmetic (exact on integers below 2^52), so that the data never
  // decides a branch.
  function min(a: number, b: number): number {
    return (a + b - Math.abs(a - b)) * 0.5;
  }
  function pos(a: number): number {
    return (a + Math.abs(a)) * 0.5;
  }
  function roundHE(x: number): number {
    const f = Math.floor(x);
    const d = x - f;
    if (d > 0.5) return f + 1;
    if (d < 0.5) return f;
    return f * 0.5 === Math.floor(f * 0.5) ? f : f + 1;
  }
  // x = a·k/1e8 lies within float error of c − 0.5 for the integer c nearest to x + 0.5: decide exactly by
  // comparing a·k with (2c − 1)·5e7 in integers (ties to even), or in BigInt beyond 2^53.
  function mulTie(a: number, k: number, y: number): number {
    const cc = Math.floor(y + 0.5);
    const p = a * k;
    if (a >= 0 && k >= 0 && p <= MAX_EXACT && cc <= 9e7) {
      const t = (2 * cc - 1) * 5e7;
      if (p > t) return cc;
      if (p < t) return cc - 1;
      return cc * 0.5 === Math.floor(cc * 0.5) ? cc : cc - 1;
    }
    return mulRatioExact(a, k);
  }
  // round-half-even(a × f), f = k / 1e8: floor(x + 0.5) unless x is within float error of a tie.
  function mulR(a: number, f: number, k: number): number {
    const x = a * f;
    const y = x + 0.5;
    const fl = Math.floor(y);
    const d = y - fl;
    const tol = Math.abs(x) * 4.5e-16 + 1e-300;
    if (d > tol && d < 1 - tol) return fl;
    return mulTie(a, k, y);
  }
  // round-half-even(d·k/1e8) for an integer amount d ≥ 0 and ratio k (×1e8). When d·k ≤ 2^53 the product is
  // exact, the division is correctly rounded, a true tie k + ½ is representable and so comes out exactly,
  // and any other quotient lies ≥ 1e-8 from a tie — more than the division's error below 2^27. Adding and
  // subtracting 1.5·2^52 then rounds to an integer, ties to even, in hardware and without a branch.
  function ratioOf(d: number, ratio: number, rk: number): number {
    const p = d * rk;
    if (p <= MAX_EXACT && p >= 0) return p / 1e8 + 6755399441055744 - 6755399441055744;
    return mulR(d, ratio, rk);
  }
  function requirement(
    d: number,
    ratio: number,
    rk: number,
    exact: boolean,
    tr: Float64Array | null,
    nt: number,
  ): number {
    if (tr === null) return exact ? ratioOf(d, ratio, rk) : d * ratio;
    let prev = 0;
    let total = 0;
    for (let t = 0; t < nt; t++) {
      const up = tr[t * STRIDE_R];
      if (d > prev) total += ((d < up ? d : up) - prev) * tr[t * STRIDE_R + 1];
      prev = up;
      if (d <= up) break;
    }
    return exact ? roundHE(total) : total;
  }
  function tierAcc(T: Float64Array, nt: number, r: number, er: number, v: number): number {
    // Branches depend only on the tier structure (the same for every bank), never on the data.
    const bal = pos(r);
    let rq = min(bal, pos(er - v));
    let ex = bal - rq;
    let acc = 0;
    for (let t = 0; t < nt; t++) {
      const o = t * STRIDE_T;
      const base = T[o];
      const hasCap = T[o + 1] !== 0;
      const cap = hasCap ? pos(T[o + 2] * er + T[o + 3]) : 0;
      let take: number;
      if (base === 0) {
        take = hasCap ? min(rq, cap) : rq;
        rq -= take;
      } else if (base === 1) {
        take = hasCap ? min(ex, cap) : ex;
        ex -= take;
      } else {
        const all = rq + ex;
        take = hasCap ? min(all, cap) : all;
        const fromRq = min(take, rq);
        rq -= fromRq;
        ex -= take - fromRq;
      }
      acc += take * T[o + 4];
    }
    return acc;
  }

  function lend(
    lo: number,
    hi: number,
    ratio: number,
    rk: number,
    exRatio: number,
    capShare: number,
    tr: Float64Array | null,
    nt: number,
    reqValid: boolean,
  ): void {
    let Ltot = 0;
    let W = 0;
    const capped = capShare !== Infinity;
    for (let i = lo; i < hi; i++) {
      const d = dep[i];
      const r = res[i];
      // The requirement on deposits as they stand: yesterday's day pass computed it when nothing moved them.
      const rq = reqValid ? req[i] : requirement(d, ratio, rk, exact, tr, nt) + (hasReqT ? reqT[i] : 0);
      // The desired buffer exRatio × d is a threshold, not an amount: a bank lends the nearest whole number
      // of units (so it keeps at most one unit above required + desired, half from each rounding).
      // (min and max by arithmetic, written out: no call and no data-dependent branch on the fast path.)
      const want = (hasVc ? r + vc[i] : r) - rq - d * exRatio;
      let L = (want + r - Math.abs(want - r)) * 0.5;
      if (capped) {
        const cap = d * capShare;
        L = (L + cap - Math.abs(L - cap)) * 0.5;
      }
      // The nearest whole number, ties to even (SPEC §4.7), in hardware below 2^51 (beyond, by roundHE).
      if (exact)
        L =
          L < 2251799813685248 && L > -2251799813685248
            ? L + 6755399441055744 - 6755399441055744
            : roundHE(L);
      L = (L + Math.abs(L)) * 0.5;
      loans[i] += L;
      res[i] = r - L;
      Ltot += L;
      if (hasOdep) {
        const w = d - odep[i];
        W += (w + Math.abs(w)) * 0.5;
      } else W += d;
    }
    out[0] += Ltot;
    out[1] += W;
  }

  function redistProportional(lo: number, hi: number, f: number, applyLend: boolean): number {
    let neg = 0;
    for (let i = lo; i < hi; i++) {
      if (applyLend) {
        const L = lendNext[i];
        loans[i] += L;
        res[i] -= L;
      }
      const w = hasOdep ? pos(dep[i] - odep[i]) : dep[i];
      const s = w * f;
      dep[i] += s;
      const r = res[i] + s;
      res[i] = r;
      if (r < 0) neg++;
    }
    return neg;
  }

  function redistFloors(lo: number, hi: number, f: number, sign: number, applyLend: boolean): number {
    let sumq = 0;
    let m = 0;
    for (let i = lo; i < hi; i++) {
      if (applyLend) {
        const L = lendNext[i];
        loans[i] += L;
        res[i] -= L;
      }
      const x = hasOdep ? dep[i] - odep[i] : dep[i];
      if (x > 0) {
        const s = x * f;
        const q = Math.floor(s);
        const fr = s - q;
        frac[i] = fr;
        hist[(fr * NB) | 0]++;
        sumq += q;
        m++;
        if (sign > 0) {
          dep[i] += q;
          res[i] += q;
        } else {
          dep[i] -= q;
          res[i] -= q;
        }
      } else frac[i] = -1;
    }
    out[6] += m;
    return sumq;
  }

  function redistTop(lo: number, hi: number, tb: number, sign: number, m0: number): number {
    let m = m0;
    for (let i = lo; i < hi; i++) {
      // Non-participants have remainder −1 (bucket −NB): never above the threshold, never in its bucket.
      const bk = (frac[i] * NB) | 0;
      const up = (tb - bk) >>> 31; // 1 when bk > tb, without a branch
      if (sign > 0) {
        dep[i] += up;
        res[i] += up;
      } else {
        dep[i] -= up;
        res[i] -= up;
      }
      if (bk === tb) cand[m++] = i;
    }
    return m;
  }

  function collectBucket(lo: number, hi: number, tb: number, m0: number): number {
    let m = m0;
    for (let i = lo; i < hi; i++) if (((frac[i] * NB) | 0) === tb) cand[m++] = i;
    return m;
  }

  function histPass(lo: number, hi: number, f: number, T: number, W: number): number {
    let sumq = 0;
    let m = 0;
    const invW = W > 0 ? 1 / W : 0;
    for (let i = lo; i < hi; i++) {
      const w = hasOdep ? dep[i] - odep[i] : dep[i];
      if (w > 0) {
        let q: number;
        let fr: number;
        if (W > 0) {
          // floor(T·w / W) and the remainder T·w − q·W, exactly in integers, as a fraction of W.
          const p = w * T;
          q = Math.floor(p * invW);
          let rem = p - q * W;
          if (rem < 0) {
            q -= 1;
            rem += W;
          } else if (rem >= W) {
            q += 1;
            rem -= W;
          }
          fr = rem * invW;
        } else {
          const x = w * f;
          q = Math.floor(x);
          fr = x - q;
        }
        const bk = (fr * NB) | 0;
        hist[bk]++;
        nxt[i] = head[bk];
        head[bk] = i;
        qv[i] = q;
        bkt[i] = bk;
        sumq += q;
        m++;
      } else {
        qv[i] = 0;
        bkt[i] = NO_BUCKET_;
      }
    }
    out[6] += m;
    return sumq;
  }

  // The remainder of w × f as histPass takes it (exactly in integers when W > 0), for the few banks that
  // need it again.
  function remainderOf(w: number, f: number, T: number, W: number, invW: number): number {
    if (W > 0) {
      const p = w * T;
      const q = Math.floor(p * invW);
      const rem = p - q * W;
      return (rem < 0 ? rem + W : rem >= W ? rem - W : rem) * invW;
    }
    const x = w * f;
    return x - Math.floor(x);
  }

  function chainBucket(tb: number, f: number, T: number, W: number): number {
    const m = hist[tb];
    const invW = W > 0 ? 1 / W : 0;
    // The chain runs from the last bank put in the bucket back to the first: fill from the end.
    let i = head[tb];
    for (let j = m - 1; j >= 0; j--) {
      cand[j] = i;
      frac[j] = remainderOf(hasOdep ? dep[i] - odep[i] : dep[i], f, T, W, invW);
      i = nxt[i];
    }
    return m;
  }

  function applyRedist(
    lo: number,
    hi: number,
    redist: number,
    f: number,
    tb: number,
    applyLend: boolean,
  ): void {
    for (let i = lo; i < hi; i++) {
      let r = res[i];
      if (applyLend) {
        const L = lendNext[i];
        loans[i] += L;
        r -= L;
      }
      if (redist !== 0) {
        const d = dep[i];
        const w = hasOdep ? d - odep[i] : d;
        if (w > 0) {
          let sh = w * f;
          if (redist === 1) {
            // The share histPass and the bucket's choice left, and one more unit above the threshold bucket
            // (by arithmetic: about half the banks get it, so a branch would mispredict).
            sh = qv[i] + ((tb - bkt[i]) >>> 31);
          }
          dep[i] = d + sh;
          r += sh;
        }
      }
      res[i] = r;
    }
  }

  function accrueStored(lo: number, hi: number): void {
    for (let i = lo; i < hi; i++) accr[i] += acc1[i];
  }

  function sumWeights(lo: number, hi: number): number {
    let W = 0;
    for (let i = lo; i < hi; i++) {
      const x = wv[i];
      W += (x + Math.abs(x)) * 0.5;
    }
    return W;
  }

  function splitFloors(lo: number, hi: number, f: number, T: number, W: number): number {
    let sumq = 0;
    let m = 0;
    const invW = W > 0 ? 1 / W : 0;
    for (let i = lo; i < hi; i++) {
      const x = wv[i];
      if (x > 0) {
        let q: number;
        let fr: number;
        if (W > 0) {
          // floor(T·x / W) and the remainder T·x − q·W, exactly in integers, as a fraction of W.
          const p = x * T;
          q = Math.floor(p * invW);
          let rem = p - q * W;
          if (rem < 0) {
            q -= 1;
            rem += W;
          } else if (rem >= W) {
            q += 1;
            rem -= W;
          }
          fr = rem * invW;
        } else {
          const s = x * f;
          q = Math.floor(s);
          fr = s - q;
        }
        frac[i] = fr;
        hist[(fr * NB) | 0]++;
        share[i] = q;
        sumq += q;
        m++;
      } else {
        frac[i] = -1;
        share[i] = 0;
      }
    }
    out[6] += m;
    return sumq;
  }

  function splitTop(lo: number, hi: number, tb: number): number {
    let m = 0;
    for (let i = lo; i < hi; i++) {
      // Non-participants have remainder −1 (bucket −NB): never above the threshold, never in its bucket.
      const bk = (frac[i] * NB) | 0;
      share[i] += (tb - bk) >>> 31;
      if (bk === tb) cand[m++] = i;
    }
    return m;
  }

  function sellShares(lo: number, hi: number): void {
    for (let i = lo; i < hi; i++) {
      const s = share[i];
      wv[i] -= s;
      res[i] += s;
    }
  }

  function countNegative(lo: number, hi: number): number {
    let neg = 0;
    for (let i = lo; i < hi; i++) if (res[i] < 0) neg++;
    return neg;
  }

  // The common day: requirement on a flat ratio and accrual in one pass, no maintenance periods.
  function dayFlat(
    lo: number,
    hi: number,
    ratio: number,
    rk: number,
    mode: number,
    tiers: Float64Array,
    ntiers: number,
    days: number,
    applyLend: boolean,
    redist: number,
    f: number,
    tb: number,
    next: boolean,
    exRatio: number,
    capShare: number,
    store: boolean,
  ): void {
    let sumReq = 0;
    let neg = 0;
    let big = 0;
    let sumL = 0;
    let Wnext = 0;
    const capped = capShare !== Infinity;
    let k0 = 0;
    let k1 = 0;
    let k2 = 0;
    let cp = 0;
    let cf = 0;
    if (mode === 1) k0 = tiers[4] * days;
    else if (mode === 3 || mode === 4 || mode === 5) {
      k0 = tiers[4] * days;
      k1 = tiers[STRIDE_T + 4] * days;
      if (mode === 4) {
        k2 = tiers[2 * STRIDE_T + 4] * days;
        cp = tiers[STRIDE_T + 2];
        cf = tiers[STRIDE_T + 3];
      } else if (mode === 5) {
        cp = tiers[2];
        cf = tiers[3];
      }
    }
    const moves = applyLend || redist !== 0;
    for (let i = lo; i < hi; i++) {
      let r = res[i];
      let d = dep[i];
      if (moves) {
        // Yesterday's lending decision and today's re-deposit (see the interface).
        if (applyLend) {
          const L = lendNext[i];
          loans[i] += L;
          r -= L;
        }
        if (redist !== 0) {
          const w = hasOdep ? d - odep[i] : d;
          if (w > 0) {
            let sh = w * f;
            if (redist === 1) {
              // The share histPass and the bucket's choice left, and one more unit above the threshold bucket
              // (by arithmetic: about half the banks get it, so a branch would mispredict).
              sh = qv[i] + ((tb - bkt[i]) >>> 31);
            }
            d += sh;
            r += sh;
            dep[i] = d;
          }
        }
        res[i] = r;
      }
      let er: number;
      if (exact) {
        // ratioOf(d, ratio, rk) written out (see there): exact product, correctly rounded quotient, hardware
        // rounding to even.
        const p = d * rk;
        er = p <= MAX_EXACT && p >= 0 ? p / 1e8 + 6755399441055744 - 6755399441055744 : ratioOf(d, ratio, rk);
      } else er = d * ratio;
      req[i] = er;
      sumReq += er;
      if (r < 0) neg++;
      if (d > MAX_EXACT || r > MAX_EXACT || r < -MAX_EXACT) big++;
      if (mode !== 0) {
        const bal = (r + Math.abs(r)) * 0.5;
        let inc: number;
        if (mode === 1) inc = bal * k0;
        else {
          const v = hasVc ? vc[i] : 0;
          const rb = er - v;
          const reqBal = (rb + Math.abs(rb)) * 0.5;
          if (mode === 4) {
            const rq = (bal + reqBal - Math.abs(bal - reqBal)) * 0.5;
            const ex = bal - rq;
            const c0 = cp * er + cf;
            const cap = (c0 + Math.abs(c0)) * 0.5;
            const e1 = (ex + cap - Math.abs(ex - cap)) * 0.5;
            inc = rq * k0 + e1 * k1 + (ex - e1) * k2;
          } else if (mode === 3) {
            const rq = (bal + reqBal - Math.abs(bal - reqBal)) * 0.5;
            inc = rq * k0 + (bal - rq) * k1;
          } else if (mode === 5) {
            const c0 = cp * er + cf;
            const cap = (c0 + Math.abs(c0)) * 0.5;
            const t1 = (bal + cap - Math.abs(bal - cap)) * 0.5;
            inc = t1 * k0 + (bal - t1) * k1;
          } else inc = tierAcc(tiers, ntiers, r, er, v) * days;
        }
        accr[i] += inc;
        if (store) acc1[i] = inc;
      }
      if (next) {
        // Tomorrow's round, if nothing moves before it: the nearest whole units above required + desired excess.
        const want = (hasVc ? r + vc[i] : r) - er - d * exRatio;
        let L = (want + r - Math.abs(want - r)) * 0.5;
        if (capped) {
          const cap = d * capShare;
          L = (L + cap - Math.abs(L - cap)) * 0.5;
        }
        // The nearest whole number, ties to even (SPEC §4.7), in hardware below 2^51 (beyond, by roundHE).
        if (exact)
          L =
            L < 2251799813685248 && L > -2251799813685248
              ? L + 6755399441055744 - 6755399441055744
              : roundHE(L);
        L = (L + Math.abs(L)) * 0.5;
        lendNext[i] = L;
        sumL += L;
        if (hasOdep) {
          const w = d - odep[i];
          Wnext += (w + Math.abs(w)) * 0.5;
        } else Wnext += d;
      }
    }
    out[0] += sumReq;
    out[1] += neg;
    out[2] += big;
    out[3] += sumL;
    out[4] += Wnext;
  }

  function day(
    lo: number,
    hi: number,
    stats: boolean,
    accrue: boolean,
    ratio: number,
    rk: number,
    tr: Float64Array | null,
    nt: number,
    tierMode: number,
    tiers: Float64Array,
    ntiers: number,
    days: number,
    accSlot0: Float64Array | null,
    periodSlot: Float64Array | null,
    periodDiv: number,
    sumHeld0: Float64Array | null,
    sumVc0: Float64Array | null,
    applyLend: boolean,
    redist: number,
    f: number,
    tb: number,
    next: boolean,
    exRatio: number,
    capShare: number,
    store: boolean,
  ): void {
    if (stats && accrue && tr === null && !hasReqT && accSlot0 === null && sumHeld0 === null) {
      dayFlat(
        lo,
        hi,
        ratio,
        rk,
        tierMode,
        tiers,
        ntiers,
        days,
        applyLend,
        redist,
        f,
        tb,
        next,
        exRatio,
        capShare,
        store,
      );
      return;
    }
    if (applyLend || redist !== 0) applyRedist(lo, hi, redist, f, tb, applyLend);
    let sumReq = 0;
    let neg = 0;
    let big = 0;
    const accSlot = stats ? accSlot0 : null;
    const sumHeld = accrue ? sumHeld0 : null;
    const sumVc = accrue ? sumVc0 : null;
    const mode = accrue ? tierMode : 0;
    // Closed-form tier shapes: rates × days and the one cap (per unit of requirement, fixed).
    let k0 = 0;
    let k1 = 0;
    let k2 = 0;
    let cp = 0;
    let cf = 0;
    if (mode === 1) k0 = tiers[4] * days;
    else if (mode === 3 || mode === 4 || mode === 5) {
      k0 = tiers[4] * days;
      k1 = tiers[STRIDE_T + 4] * days;
      if (mode === 4) {
        k2 = tiers[2 * STRIDE_T + 4] * days;
        cp = tiers[STRIDE_T + 2];
        cf = tiers[STRIDE_T + 3];
      } else if (mode === 5) {
        cp = tiers[2];
        cf = tiers[3];
      }
    }
    for (let i = lo; i < hi; i++) {
      const r = res[i];
      const v = hasVc ? vc[i] : 0;
      let er: number;
      if (stats) {
        const d = dep[i];
        const dreq = requirement(d, ratio, rk, exact, tr, nt) + (hasReqT ? reqT[i] : 0);
        if (accSlot !== null) {
          accSlot[i] += dreq;
          er =
            periodSlot !== null
              ? exact
                ? roundHE(periodSlot[i] / periodDiv)
                : periodSlot[i] / periodDiv
              : dreq;
        } else er = dreq;
        req[i] = er;
        sumReq += er;
        if (d > MAX_EXACT) big++;
      } else er = req[i];
      if (r < 0) neg++;
      if (Math.abs(r) > MAX_EXACT) big++;
      if (mode !== 0) {
        const bal = pos(r);
        if (mode === 1) accr[i] += bal * k0;
        else if (mode === 3 || mode === 4) {
          const rq = min(bal, pos(er - v));
          const ex = bal - rq;
          if (mode === 3) accr[i] += rq * k0 + ex * k1;
          else {
            const e1 = min(ex, pos(cp * er + cf));
            accr[i] += rq * k0 + e1 * k1 + (ex - e1) * k2;
          }
        } else if (mode === 5) {
          const t1 = min(bal, pos(cp * er + cf));
          accr[i] += t1 * k0 + (bal - t1) * k1;
        } else accr[i] += tierAcc(tiers, ntiers, r, er, v) * days;
      }
      if (sumHeld !== null) {
        sumHeld[i] += (pos(r) + v) * days;
        if (sumVc !== null) sumVc[i] += v * days;
      }
    }
    out[0] += sumReq;
    out[1] += neg;
    out[2] += big;
  }

  return {
    lend,
    redistProportional,
    redistFloors,
    redistTop,
    collectBucket,
    histPass,
    chainBucket,
    applyRedist,
    countNegative,
    accrueStored,
    sumWeights,
    splitFloors,
    splitTop,
    sellShares,
    day,
    requirement,
    tierAcc,
  };
}

/**
 * Tier shapes with a closed form in the day pass (the rest go through tierAcc): 1 one uncapped
 * `reserves`/`rest` tier; 3 `required` then uncapped `excess`; 4 `required`, capped `excess`, `rest`;
 * 5 capped `reserves`, `rest`. Returns 2 (generic) when none fits.
 */
export function tierShape(T: Float64Array, nt: number): number {
  const base = (t: number): number => T[t * TIER_STRIDE];
  const capped = (t: number): boolean => T[t * TIER_STRIDE + 1] !== 0;
  if (nt === 1 && base(0) >= 2 && !capped(0)) return 1;
  if (nt === 2 && base(0) === 0 && !capped(0) && base(1) === 1 && !capped(1)) return 3;
  if (nt === 3 && base(0) === 0 && !capped(0) && base(1) === 1 && capped(1) && base(2) === 3 && !capped(2))
    return 4;
  if (nt === 2 && base(0) === 2 && capped(0) && base(1) === 3 && !capped(1)) return 5;
  return 2;
}

type Factory = typeof kernelFactory;

/** Banks from which an engine gets its own specialised kernels (below, the shared ones are fast enough). */
export const SPECIALISE_FROM = 512;

/**
 * Banks per kernel call. The engine calls each kernel over chunks, so that V8 optimises the kernels by
 * invocation count; one long call per day gets them compiled on-stack instead, sometimes into slower code
 * that then stays.
 */
export const CHUNK = 256;

function runsOnNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

/** Copies made so far: each copy's source differs by this number (see freshFactory). */
let copies = 0;

/** A fresh copy of the factory (its own function literals), or null where code generation is refused. */
function freshFactory(): Factory | null {
  try {
    // The number makes each copy's source text unique. V8 caches `new Function` by source, so identical
    // copies shared one compiled script: every engine after the first got the first one's function
    // literals (no longer single-closure, so not specialised) and its optimised code. Measured on the
    // playground script run 6 times in one process: 105–145 ms per run before, 80–89 ms with unique copies;
    // sweep points 146–173 ms before (bimodal across processes), 126–129 ms after.
    // `__name` is the keep-names helper some transpilers insert; the copy needs only a no-op for it.
    const make = new Function(
      `"use strict"; /* copy ${++copies} */ const __name = (f) => f; return (${kernelFactory.toString()});`,
    );
    return make() as Factory;
  } catch {
    return null;
  }
}

/**
 * The kernels for one engine's columns, specialised for large engines. `specialise`: true or false forces
 * it; by default it is on under Node and off elsewhere (a page's Content-Security-Policy may forbid code
 * generation, and a refused attempt is reported as a violation even though the fallback works).
 */
export function makeKernels(
  c: KernelColumns,
  mulRatioExact: (a: number, k: number) => number,
  maxExact: number,
  specialise?: boolean,
): Kernels {
  const allowed = specialise ?? runsOnNode();
  const factory = allowed && c.n >= SPECIALISE_FROM ? (freshFactory() ?? kernelFactory) : kernelFactory;
  let k: Kernels;
  try {
    k = factory(c, mulRatioExact, maxExact, TIER_STRIDE, TRANCHE_STRIDE, c.hist.length);
  } catch {
    k = kernelFactory(c, mulRatioExact, maxExact, TIER_STRIDE, TRANCHE_STRIDE, c.hist.length);
  }
  train(k, c);
  return k;
}

/**
 * Runs the day pass and the lending round on bank 0 through the branches that a run first takes only after
 * its first day (making yesterday's loans, the re-deposit, tomorrow's lending decision, the stored
 * requirement), and puts back what it touched.
 * V8 optimises the day pass within the first day; a branch it has not seen by then deoptimises it when
 * first taken, and in about one process in three the day pass was then re-optimised on-stack into code
 * ~3× slower for the rest of the run (measured: 12.4 vs 35 ns per bank-day, bimodal across processes).
 * Only these branches are trained: feedback for branches a run never takes (other tier shapes, the other
 * arithmetic) would make the optimised loop larger and slower (~8% measured).
 */
function train(k: Kernels, c: KernelColumns): void {
  if (c.n === 0) return;
  const cols = [c.res, c.dep, c.loans, c.req, c.accr, c.lendNext, c.qv];
  const saved = cols.map((a) => a[0]);
  const out = c.out.slice();
  const redist = c.exact ? 1 : 2;
  const none = new Float64Array(0);
  try {
    // V8 allocates a function's feedback vector only after it has run about 8× its bytecode size: the first
    // calls record nothing, so train with many (on one bank each, a fraction of a millisecond in all).
    for (let t = 0; t < 200; t++) {
      k.day(0, 1, true, true, 0.1, 1e7, null, 0, 0, none, 0, 1, null, null, 1, null, null, true, redist, 0, 0, true, 0, Infinity, false); // prettier-ignore
      k.applyRedist(0, 1, redist, 0, 0, true);
      // The lending round reads the stored requirement only once the day pass has computed one.
      k.lend(0, 1, 0.1, 1e7, 0, Infinity, null, 0, t % 2 === 0);
    }
  } finally {
    cols.forEach((a, j) => (a[0] = saved[j]));
    c.out.set(out);
  }
}
