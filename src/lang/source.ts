// A source file: its path as given, its text, and the offset ↔ line/column mapping every diagnostic and
// plan span goes through.
import type { Pos, Span } from '../plan/types.js';
import type { Range } from './ast.js';

/** Positions `span` keeps for reuse (a power of two). */
const POS_CACHE = 64;

export class SourceFile {
  private lineStarts: number[] | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  private starts(): number[] {
    if (this.lineStarts === undefined) {
      const starts = [0];
      const text = this.text;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  // 0-based line of the last `pos`: callers walk a file in order, so the next offset is usually on it. A
  // #private field, so that it stays out of JSON and structural comparisons of the file.
  #lastLine = 0;

  /** 1-based line and column of an offset (clamped into the text). */
  pos(offset: number): Pos {
    const starts = this.starts();
    const at = Math.max(0, Math.min(Number.isFinite(offset) ? offset : this.text.length, this.text.length));
    let lo = this.#lastLine;
    const next = lo + 1;
    if (!(starts[lo] <= at && (next === starts.length || at < starts[next]))) {
      if (next < starts.length && starts[next] <= at && (next + 1 === starts.length || at < starts[next + 1]))
        lo = next;
      else {
        lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (starts[mid] <= at) lo = mid;
          else hi = mid - 1;
        }
      }
      this.#lastLine = lo;
    }
    return { line: lo + 1, col: at - starts[lo] + 1 };
  }

  // The last positions handed out by `span`, by offset modulo their number: a node's span starts where its
  // first child's starts and ends where its last child's ends, so the plan asks for each position several
  // times. Nothing writes to a span, so they share the object. #private, like #lastLine.
  // Plain arrays, made at the first span: a typed array's buffer costs more to make than a file's spans save.
  #posAt: number[] | undefined;
  #posOf: Pos[] = [];

  private cachedPos(offset: number): Pos {
    const slot = offset & (POS_CACHE - 1);
    const at = (this.#posAt ??= new Array<number>(POS_CACHE).fill(-1));
    if (at[slot] === offset) return this.#posOf[slot];
    const p = this.pos(offset);
    at[slot] = offset;
    this.#posOf[slot] = p;
    return p;
  }

  /** The span of a range, its end inclusive (an empty range spans the character at its start). */
  span(range: Range): Span {
    const start = range.start;
    const end = range.end;
    // Offsets outside the text, or not whole numbers, take `pos`'s clamping and no cache slot.
    if (!(start >= 0 && end <= this.text.length && (start | 0) === start && (end | 0) === end))
      return { file: this.path, start: this.pos(start), end: this.pos(end > start ? end - 1 : start) };
    return {
      file: this.path,
      start: this.cachedPos(start),
      end: this.cachedPos(end > start ? end - 1 : start),
    };
  }

  slice(range: Range): string {
    return this.text.slice(range.start, range.end);
  }

  /** The text of a 1-based line, without its line break. */
  line(n: number): string {
    const starts = this.starts();
    if (n < 1 || n > starts.length) return '';
    const end = n < starts.length ? starts[n] - 1 : this.text.length;
    return this.text.slice(starts[n - 1], end).replace(/\r$/, '');
  }

  get lineCount(): number {
    return this.starts().length;
  }

  /** Offset of a 1-based line and column. */
  offset(pos: Pos): number {
    const starts = this.starts();
    const line = Math.max(1, Math.min(pos.line, starts.length));
    return Math.min(starts[line - 1] + pos.col - 1, this.text.length);
  }
}
