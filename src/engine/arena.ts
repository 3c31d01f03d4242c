// The per-bank columns that the kernels capture, with the kernels compiled over them, kept from one engine to
// the next engine of the same size and mode in the same realm.
//
// Why: an engine's specialised kernels (kernels.ts) are compiled for its own arrays, and V8 needs part of a
// run to optimise them. A playground re-run on every keystroke, a sweep's points in one worker and the scripts
// of one `moneta test` all build engines of the same size one after another; each paid that warm-up again.
// An engine that has finished gives its arena back (Engine.release); the next one of the same size takes it,
// zeroed, and starts with kernels that are already optimised.
//
// Only released arenas are reused, so two live engines never share columns. The pool is bounded (SPARE
// arenas of at most MAX_BANKS banks): a large economy's run dwarfs the warm-up, and its columns would be a
// lot of memory to keep.

import type { KernelColumns, Kernels } from './kernels.js';
import { Splitter } from './split.js';

/** Most released arenas kept. */
export const SPARE = 2;
/** Largest arena kept (banks). */
export const MAX_BANKS = 1 << 17;

/** The columns an engine's kernels capture, owned by the arena (see KernelColumns). */
export class Arena {
  readonly len: number;
  /** The shared all-zero column (it stands for a column an economy never writes; never written). */
  readonly zero: Float64Array;
  readonly res: Float64Array;
  readonly loans: Float64Array;
  readonly dep: Float64Array;
  readonly req: Float64Array;
  readonly accr: Float64Array;
  readonly lendNext: Float64Array;
  readonly qv: Float64Array;
  readonly bkt: Uint16Array;
  /** The fused re-deposit's bucket chains (see KernelColumns.nxt, .head). */
  readonly nxt: Int32Array;
  readonly head: Int32Array;
  /** A split's weights and shares (see Kernels.splitFloors); share is also the engine's split output. */
  readonly wv: Float64Array;
  readonly share: Float64Array;
  /** The accrual a day pass stored for the days after it (see Kernels.accrueStored). */
  readonly acc1: Float64Array;
  readonly out = new Float64Array(8);
  /** Largest-remainder splits; the kernels capture its scratch (frac, hist, cand). */
  readonly splitter: Splitter;
  private vcCol: Float64Array | null = null;
  private odepCol: Float64Array | null = null;
  private reqTCol: Float64Array | null = null;
  /** Kernels built over these columns, by KernelColumns' flags (see flagsOf). */
  private readonly built = new Map<number, Kernels>();

  constructor(
    readonly n: number,
    readonly exact: boolean,
  ) {
    const len = Math.max(1, n);
    this.len = len;
    const col = (): Float64Array => new Float64Array(len);
    this.zero = col();
    this.res = col();
    this.loans = col();
    this.dep = col();
    this.req = col();
    this.accr = col();
    this.lendNext = col();
    this.qv = col();
    this.bkt = new Uint16Array(len);
    this.nxt = new Int32Array(len);
    this.wv = col();
    this.share = col();
    this.acc1 = col();
    this.splitter = new Splitter(n, exact);
    this.head = new Int32Array(this.splitter.nb);
  }

  /** Vault cash, the named depositors' deposits, the requirement on time deposits: zeroed when attached. */
  vc(): Float64Array {
    return (this.vcCol = attach(this.vcCol, this.len));
  }
  odep(): Float64Array {
    return (this.odepCol = attach(this.odepCol, this.len));
  }
  reqT(): Float64Array {
    return (this.reqTCol = attach(this.reqTCol, this.len));
  }

  /** Kernels already built over exactly these columns, or null. */
  kernelsFor(c: KernelColumns, specialise: boolean | undefined): Kernels | null {
    return this.owns(c) ? (this.built.get(flagsOf(c, specialise)) ?? null) : null;
  }

  /** Keeps kernels built over these columns for the next engine. */
  keep(c: KernelColumns, specialise: boolean | undefined, k: Kernels): void {
    if (this.owns(c)) this.built.set(flagsOf(c, specialise), k);
  }

  /** Whether c is made of this arena's columns (the flags then say which optional ones). */
  private owns(c: KernelColumns): boolean {
    const opt = (a: Float64Array, mine: Float64Array | null): boolean => a === this.zero || a === mine;
    return (
      c.res === this.res &&
      c.dep === this.dep &&
      c.loans === this.loans &&
      c.req === this.req &&
      c.accr === this.accr &&
      c.lendNext === this.lendNext &&
      c.qv === this.qv &&
      c.bkt === this.bkt &&
      c.nxt === this.nxt &&
      c.head === this.head &&
      c.wv === this.wv &&
      c.share === this.share &&
      c.acc1 === this.acc1 &&
      c.out === this.out &&
      c.frac === this.splitter.frac &&
      c.hist === this.splitter.hist &&
      c.cand === this.splitter.cand &&
      opt(c.vc, this.vcCol) &&
      opt(c.odep, this.odepCol) &&
      opt(c.reqT, this.reqTCol) &&
      c.hasVc === (c.vc !== this.zero) &&
      c.hasOdep === (c.odep !== this.zero) &&
      c.hasReqT === (c.reqT !== this.zero)
    );
  }

  /** Zeroes every column for the next engine. */
  clear(): void {
    for (const a of [this.res, this.loans, this.dep, this.req, this.accr, this.lendNext, this.qv]) a.fill(0);
    this.wv.fill(0);
    this.share.fill(0);
    this.acc1.fill(0);
    this.zero.fill(0);
    this.bkt.fill(0);
    this.nxt.fill(0);
    this.head.fill(0);
    this.out.fill(0);
    this.splitter.reset();
    this.vcCol?.fill(0);
    this.odepCol?.fill(0);
    this.reqTCol?.fill(0);
  }
}

function attach(a: Float64Array | null, len: number): Float64Array {
  if (a === null) return new Float64Array(len);
  a.fill(0);
  return a;
}

function flagsOf(c: KernelColumns, specialise: boolean | undefined): number {
  return (
    (c.exact ? 1 : 0) |
    (c.hasVc ? 2 : 0) |
    (c.hasOdep ? 4 : 0) |
    (c.hasReqT ? 8 : 0) |
    (specialise === undefined ? 0 : specialise ? 16 : 32)
  );
}

const spare: Arena[] = [];

/** An arena for n banks: a released one of the same size and mode (zeroed), else a new one. */
export function takeArena(n: number, exact: boolean): Arena {
  const i = spare.findIndex((a) => a.n === n && a.exact === exact);
  if (i < 0) return new Arena(n, exact);
  const [a] = spare.splice(i, 1);
  a.clear();
  return a;
}

/** Gives an arena back for the next engine (kept if small enough; the oldest goes when the pool is full). */
export function giveBack(a: Arena): void {
  if (a.n > MAX_BANKS || spare.includes(a)) return;
  spare.push(a);
  if (spare.length > SPARE) spare.shift();
}

/** Drops every released arena (tests: a run that starts from nothing). */
export function dropArenas(): void {
  spare.length = 0;
}
