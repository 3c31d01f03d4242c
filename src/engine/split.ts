// Pro-rata splits by largest remainder: the shares are integers that sum exactly to the total, each is the
// floor of its exact proportional share or one more, and the units left over go to the largest fractional
// remainders (ties to the lower index). Deterministic, allocation-free, O(n): a histogram of remainders finds
// the threshold bucket and a quickselect orders only that bucket.

import { bucketsFor } from './kernels.js';

export class Splitter {
  /** Fractional remainders (scratch; −1 marks a bank that takes no part). */
  readonly frac: Float64Array;
  /** Candidate indices (scratch). */
  readonly cand: Int32Array;
  /** Number of remainder buckets. */
  readonly nb: number;
  /** Histogram of remainders by bucket (scratch). */
  readonly hist: Int32Array;
  /** Set by thresholdBucket: the bucket holding the k-th largest remainder, and how many it must give. */
  tb = 0;
  need = 0;
  private readonly count = new Float64Array(1);

  constructor(
    n: number,
    readonly exact: boolean,
  ) {
    this.frac = new Float64Array(Math.max(1, n));
    this.nb = bucketsFor(n);
    this.hist = new Int32Array(this.nb);
    this.cand = new Int32Array(Math.max(1, n));
  }

  /** Back to the state of a new splitter (the arena's next engine; see arena.ts). */
  reset(): void {
    this.frac.fill(0);
    this.cand.fill(0);
    this.hist.fill(0);
    this.count[0] = 0;
    this.tb = 0;
    this.need = 0;
  }

  /**
   * Splits `total` over [lo, hi) pro-rata by weights w[i] − (sub ? sub[i] : 0) (non-positive weights take
   * nothing) and writes the shares into out[lo..hi). Returns false (writing nothing) when no weight is
   * positive. In float mode the shares are plain proportions.
   */
  split(
    total: number,
    w: Float64Array,
    sub: Float64Array | null,
    lo: number,
    hi: number,
    out: Float64Array,
  ): boolean {
    const W = weightSum(w, sub, lo, hi);
    if (!(W > 0)) return false;
    out.fill(0, lo, hi);
    this.addShares(total, w, sub, lo, hi, W, out, null);
    return true;
  }

  private addShares(
    total: number,
    w: Float64Array,
    sub: Float64Array | null,
    lo: number,
    hi: number,
    W: number,
    a: Float64Array,
    b: Float64Array | null,
  ): number {
    if (!this.exact) return proportionalPass(w, sub, lo, hi, total / W, a, b);
    const sign = total < 0 ? -1 : 1;
    const T = total < 0 ? -total : total;
    const f = T / W;
    const frac = this.frac;
    const hist = this.hist;
    hist.fill(0);
    // Remainders exact in integers when T·W is (see exactRemainders); else float.
    const ex = exactRemainders(T, W);
    const sumq = floorsPass(
      w,
      sub,
      lo,
      hi,
      f,
      ex ? T : 0,
      ex ? W : 0,
      sign,
      a,
      b,
      frac,
      hist,
      this.count,
      this.nb,
    );
    const m = this.count[0];
    let neg = 0;
    let left = T - sumq;
    if (left >= m) {
      // Only possible through float error on extreme inputs: give whole rounds first.
      const rounds = Math.floor(left / m);
      for (let i = lo; i < hi; i++) {
        if (frac[i] >= 0) {
          a[i] += sign * rounds;
          if (b !== null) b[i] += sign * rounds;
        }
      }
      left -= rounds * m;
    }
    if (left > 0) this.giveTop(left, lo, hi, sign, a, b);
    else if (left < 0) this.takeBottom(-left, lo, hi, sign, a, b, w, sub, f);
    if (b !== null && sign < 0) for (let i = lo; i < hi; i++) if (b[i] < 0) neg++;
    return neg;
  }

  /** ±1 (by sign) to the `k` largest remainders. */
  private giveTop(
    k: number,
    lo: number,
    hi: number,
    sign: number,
    a: Float64Array,
    b: Float64Array | null,
  ): void {
    this.thresholdBucket(k);
    const m = topPass(this.frac, lo, hi, this.tb, sign, a, b, this.cand, this.nb);
    this.finishTop(m, sign, a, b);
  }

  /** From the histogram: the bucket where the k-th largest remainder lies (tb) and how many it gives (need). */
  thresholdBucket(k: number): void {
    const hist = this.hist;
    let cum = 0;
    let tb = 0;
    for (let bk = this.nb - 1; bk >= 0; bk--) {
      if (cum + hist[bk] >= k) {
        tb = bk;
        break;
      }
      cum += hist[bk];
    }
    this.tb = tb;
    this.need = k - cum;
  }

  /**
   * Gives ±1 to the `need` largest remainders among the m candidates of the threshold bucket (cand, in index
   * order): a 3-way quickselect over plain values finds the threshold value (robust to many equal
   * remainders); ties at the threshold go to the lowest indices.
   */
  finishTop(m: number, sign: number, a: Float64Array, b: Float64Array | null): void {
    const need = this.need;
    if (need <= 0) return;
    const frac = this.frac;
    const cand = this.cand;
    let v = -Infinity;
    if (need < m) {
      const vals = this.values();
      for (let j = 0; j < m; j++) vals[j] = frac[cand[j]];
      v = kthLargest(vals, m, need);
    }
    let greater = 0;
    for (let j = 0; j < m; j++) if (frac[cand[j]] > v) greater++;
    let ties = need - greater;
    for (let j = 0; j < m; j++) {
      const i = cand[j];
      const fr = frac[i];
      if (fr > v || (fr === v && ties-- > 0)) {
        a[i] += sign;
        if (b !== null) b[i] += sign;
      }
    }
  }

  /**
   * Decides the threshold bucket's m candidates (cand) the way finishTop would, but by rewriting their
   * remainders instead of adding: winners to 1 (above every bucket), the others to −0.5 (below bucket 0), so
   * that a later pass gives one unit exactly to the remainders in buckets above tb.
   */
  decideTop(m: number): void {
    const need = this.need;
    const frac = this.frac;
    const cand = this.cand;
    let v = -Infinity;
    if (need < m) {
      const vals = this.values();
      for (let j = 0; j < m; j++) vals[j] = frac[cand[j]];
      v = kthLargest(vals, m, need);
    }
    let greater = 0;
    for (let j = 0; j < m; j++) if (frac[cand[j]] > v) greater++;
    let ties = need - greater;
    for (let j = 0; j < m; j++) {
      const i = cand[j];
      const fr = frac[i];
      frac[i] = fr > v || (fr === v && ties-- > 0) ? 1 : -0.5;
    }
  }

  /**
   * The fused re-deposit's choice: among m candidates of the threshold bucket (cand[j] in index order, their
   * remainders compact in frac[j]), adds one unit to shares[i] for the `need` largest (ties to the lower
   * index); returns how many.
   */
  decideCompact(m: number, shares: Float64Array): number {
    const need = this.need;
    if (need <= 0) return 0;
    const frac = this.frac;
    const cand = this.cand;
    let v = -Infinity;
    if (need < m) {
      const vals = this.values();
      for (let j = 0; j < m; j++) vals[j] = frac[j];
      v = kthLargest(vals, m, need);
    }
    let greater = 0;
    for (let j = 0; j < m; j++) if (frac[j] > v) greater++;
    let ties = need - greater;
    let k = 0;
    for (let j = 0; j < m; j++) {
      const fr = frac[j];
      if (fr > v || (fr === v && ties-- > 0)) {
        shares[cand[j]] += 1;
        k++;
      }
    }
    return k;
  }

  private vals: Float64Array | null = null;

  /** Scratch for threshold selection (allocated on first use). */
  private values(): Float64Array {
    if (this.vals === null) this.vals = new Float64Array(this.frac.length);
    return this.vals;
  }

  /** Bytes of scratch state. */
  get bytes(): number {
    return this.frac.byteLength + this.cand.byteLength + (this.vals?.byteLength ?? 0) + this.hist.byteLength;
  }

  /** ∓1 from the `k` smallest remainders among shares ≥ 1 (float error on extreme inputs only). */
  takeBottom(
    k: number,
    lo: number,
    hi: number,
    sign: number,
    a: Float64Array,
    b: Float64Array | null,
    w: Float64Array,
    sub: Float64Array | null,
    f: number,
  ): void {
    const cand = this.cand;
    const frac = this.frac;
    let m = 0;
    for (let i = lo; i < hi; i++) {
      if (frac[i] < 0) continue;
      const x = sub === null ? w[i] : w[i] - sub[i];
      if (Math.floor(x * f) >= 1) cand[m++] = i;
    }
    const kk = Math.min(k, m);
    selectBest(cand, m, kk, frac, false);
    for (let j = 0; j < kk; j++) {
      const i = cand[j];
      a[i] -= sign;
      if (b !== null) b[i] -= sign;
    }
  }
}

// The loops live alone in small functions: V8 optimizes a loop that ends its function once and keeps it,
// where a loop followed by rarely-run code is recompiled (on-stack) and bailed out of on every call.

/** Float mode: adds total × w/W to a (and b); returns how many entries of b end negative. */
function proportionalPass(
  w: Float64Array,
  sub: Float64Array | null,
  lo: number,
  hi: number,
  f: number,
  a: Float64Array,
  b: Float64Array | null,
): number {
  let neg = 0;
  for (let i = lo; i < hi; i++) {
    const x = sub === null ? w[i] : w[i] - sub[i];
    if (x > 0) {
      const s = x * f;
      a[i] += s;
      if (b !== null) {
        const v = b[i] + s;
        b[i] = v;
        if (v < 0) neg++;
      }
    }
  }
  return neg;
}

/**
 * Exact mode, first pass: adds ±floor(share) to a (and b), records each remainder (−1 for banks without a
 * positive weight) and its histogram; returns Σ floors and writes the number of participants to count[0].
 */
function floorsPass(
  w: Float64Array,
  sub: Float64Array | null,
  lo: number,
  hi: number,
  f: number,
  T: number,
  W: number,
  sign: number,
  a: Float64Array,
  b: Float64Array | null,
  frac: Float64Array,
  hist: Int32Array,
  count: Float64Array,
  nb: number,
): number {
  let sumq = 0;
  let m = 0;
  const invW = W > 0 ? 1 / W : 0;
  for (let i = lo; i < hi; i++) {
    const x = sub === null ? w[i] : w[i] - sub[i];
    if (x > 0) {
      let q: number;
      let fr: number;
      if (W > 0) {
        // q = floor(T·x / W), remainder T·x − q·W exactly (integers below 2^53), as a fraction of W.
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
      hist[(fr * nb) | 0]++;
      sumq += q;
      m++;
      a[i] += sign * q;
      if (b !== null) b[i] += sign * q;
    } else frac[i] = -1;
  }
  count[0] = m;
  return sumq;
}

/** Exact mode, second pass: ±1 to every remainder in a bucket above `tb`; collects bucket `tb`'s indices. */
function topPass(
  frac: Float64Array,
  lo: number,
  hi: number,
  tb: number,
  sign: number,
  a: Float64Array,
  b: Float64Array | null,
  cand: Int32Array,
  nb: number,
): number {
  let m = 0;
  for (let i = lo; i < hi; i++) {
    // Non-participants have fr = −1 (bucket −nb): never above the threshold, never in its bucket.
    const bk = (frac[i] * nb) | 0;
    const up = sign * ((tb - bk) >>> 31); // 1 when bk > tb, without a branch
    a[i] += up;
    if (b !== null) b[i] += up;
    if (bk === tb) cand[m++] = i;
  }
  return m;
}

/**
 * The k-th largest (1-based) of vals[0..m), rearranging vals: iterative quickselect with a three-way
 * partition around a median-of-three pivot (deterministic; linear on average even with many equal values).
 */
export function kthLargest(vals: Float64Array, m: number, k: number): number {
  let lo = 0;
  let hi = m - 1;
  const target = k - 1; // index in descending order
  while (lo < hi) {
    const a = vals[lo];
    const b = vals[(lo + hi) >>> 1];
    const c = vals[hi];
    const pivot = a > b ? (b > c ? b : a > c ? c : a) : a > c ? a : b > c ? c : b;
    // Three-way partition (descending): [lo, lt) > pivot, [lt, i) == pivot, (gt, hi] < pivot.
    let lt = lo;
    let i = lo;
    let gt = hi;
    while (i <= gt) {
      const x = vals[i];
      if (x > pivot) {
        vals[i] = vals[lt];
        vals[lt] = x;
        lt++;
        i++;
      } else if (x < pivot) {
        vals[i] = vals[gt];
        vals[gt] = x;
        gt--;
      } else i++;
    }
    if (target < lt) hi = lt - 1;
    else if (target > gt) lo = gt + 1;
    else return pivot;
  }
  return vals[lo];
}

/**
 * Whether a split of T over weights summing to W can take its remainders exactly in integers: T and W are
 * integers and T·W ≤ 2^53 (so every T·w is exact). Then each remainder is (T·w mod W) / W, monotone in the
 * exact rational remainder, and equal remainders are equal; otherwise remainders are float approximations.
 */
export function exactRemainders(T: number, W: number): boolean {
  return Number.isInteger(T) && Number.isInteger(W) && T * W <= 9007199254740992;
}

/** Σ max(0, w − sub) over [lo, hi). */
export function weightSum(w: Float64Array, sub: Float64Array | null, lo: number, hi: number): number {
  let W = 0;
  if (sub === null) {
    for (let i = lo; i < hi; i++) {
      const x = w[i];
      if (x > 0) W += x;
    }
  } else {
    for (let i = lo; i < hi; i++) {
      const x = w[i] - sub[i];
      if (x > 0) W += x;
    }
  }
  return W;
}

/**
 * Rearranges cand[0..m) so that its first k entries are the k best: the largest remainders (ties: lower
 * index) when `largest`, else the smallest (ties: higher index). Iterative quickselect, deterministic pivots.
 */
export function selectBest(
  cand: Int32Array,
  m: number,
  k: number,
  frac: Float64Array,
  largest: boolean,
): void {
  if (k <= 0 || k >= m) return;
  let left = 0;
  let right = m - 1;
  const target = k - 1;
  while (right > left) {
    const mid = (left + right) >>> 1;
    // Median of three as the pivot.
    let a = cand[left];
    let b = cand[mid];
    const c = cand[right];
    if (better(frac, b, a, largest)) {
      const t = a;
      a = b;
      b = t;
    }
    if (better(frac, c, b, largest)) b = better(frac, c, a, largest) ? a : c;
    const pv = b;
    let i = left;
    let j = right;
    while (i <= j) {
      while (better(frac, cand[i], pv, largest)) i++;
      while (better(frac, pv, cand[j], largest)) j--;
      if (i <= j) {
        const t = cand[i];
        cand[i] = cand[j];
        cand[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) right = j;
    else if (target >= i) left = i;
    else break;
  }
}

/** Strict total order: larger (or smaller) remainder first, ties by index. */
function better(frac: Float64Array, i: number, j: number, largest: boolean): boolean {
  const fi = frac[i];
  const fj = frac[j];
  if (fi === fj) return largest ? i < j : i > j;
  return largest ? fi > fj : fi < fj;
}

/**
 * Pure helper: splits an integer total over integer or real weights by largest remainder (exact mode).
 * For tests and small one-off splits; allocates.
 */
export function splitLargestRemainder(total: number, weights: readonly number[]): number[] {
  const n = weights.length;
  const w = Float64Array.from(weights);
  const out = new Float64Array(n);
  const s = new Splitter(n, true);
  if (!s.split(total, w, null, 0, n, out)) throw new Error('no positive weight');
  return Array.from(out);
}
