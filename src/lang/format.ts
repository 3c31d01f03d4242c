// `moneta fmt`: the canonical layout of a script, printed from its AST. One statement per line, blocks
// indented by two spaces, single spaces around operators, literals as written, parentheses as written.
// Comments stay where they were (own line or end of line); runs of blank lines become one.
import type * as A from './ast.js';
import type { Comment, ParsedFile } from './parse.js';

const INDENT = '  ';

export function printExpr(e: A.Expr): string {
  switch (e.kind) {
    case 'number':
    case 'date':
    case 'name':
      return e.kind === 'name' ? e.name : e.raw;
    case 'amount':
      return `${e.raw} ${e.currency}`;
    case 'percent':
      return `${e.raw}%`;
    case 'bp':
      return `${e.raw}bp`;
    case 'duration':
      return `${e.raw} ${e.unit}`;
    case 'string':
      return e.raw;
    case 'member':
      return `${printExpr(e.object)}.${e.member.name}`;
    case 'call':
      return `${e.callee.name}(${e.args.map(printExpr).join(', ')})`;
    case 'unary':
      return e.op === 'not' ? `not ${printExpr(e.arg)}` : `-${printExpr(e.arg)}`;
    case 'binary':
      return `${printExpr(e.left)} ${e.op} ${printExpr(e.right)}`;
    case 'paren':
      return `(${printExpr(e.expr)})`;
    case 'error':
      return '';
  }
}

function freq(f: A.Frequency): string {
  return f.kind === 'every' ? `every ${f.count} ${f.unit}` : f.kind;
}

function window(w: { from?: A.DateLit; until?: A.DateLit }): string {
  return `${w.from ? ` from ${w.from.raw}` : ''}${w.until ? ` until ${w.until.raw}` : ''}`;
}

function schedule(s: A.Schedule | undefined): string {
  if (s === undefined) return '';
  return s.kind === 'by' ? ` by ${s.date.raw}` : ` ${freq(s.freq)}${window(s)}`;
}

function amount(e: A.Expr | undefined): string {
  return e === undefined ? '' : ` ${printExpr(e)}`;
}

function dur(d: A.DurationLit): string {
  return `${d.raw} ${d.unit}`;
}

function checkTime(t: A.CheckTime): string {
  switch (t.kind) {
    case 'on':
      return `on ${t.date.raw}`;
    case 'end':
      return 'at end';
    case 'always':
      return 'always';
    case 'freq':
      return `${freq(t.freq)}${window(t)}`;
  }
}

function period(p: A.Period): string {
  return p.kind === 'count' ? dur(p.duration) : p.kind;
}

/** A node printed as lines: the first line is the header; `body` is a brace block after it. */
interface Layout {
  head: string;
  body?: { items: Element[]; end: number };
}

interface Element {
  range: A.Range;
  layout: () => Layout;
}

class Printer {
  private readonly lines: string[] = [];
  private next = 0;

  constructor(
    private readonly text: string,
    private readonly comments: Comment[],
  ) {}

  result(): string {
    while (this.lines.length > 0 && this.lines[this.lines.length - 1] === '') this.lines.pop();
    return this.lines.length === 0 ? '' : `${this.lines.join('\n')}\n`;
  }

  private blankBetween(a: number, b: number): boolean {
    return /\n[ \t\r]*\n/.test(this.text.slice(a, b));
  }

  private lineEnd(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    return nl === -1 ? this.text.length : nl;
  }

  /** Prints elements of a block (or the program) and the comments among them, up to offset `end`. */
  block(items: Element[], end: number, depth: number): void {
    const pad = INDENT.repeat(depth);
    const first = this.lines.length;
    let prevEnd: number | undefined;
    const gap = (start: number): void => {
      if (prevEnd !== undefined && this.lines.length > first && this.blankBetween(prevEnd, start))
        this.lines.push('');
    };
    for (const item of items) {
      while (this.next < this.comments.length && this.comments[this.next].range.start < item.range.start) {
        const c = this.comments[this.next++];
        gap(c.range.start);
        this.lines.push(pad + c.text);
        prevEnd = c.range.end;
      }
      gap(item.range.start);
      this.element(item, depth);
      prevEnd = item.range.end;
      // A comment after the item on the same line stays at the end of its (last) line.
      const c = this.comments[this.next];
      if (
        c !== undefined &&
        c.range.start >= item.range.end &&
        c.range.start < this.lineEnd(item.range.end)
      ) {
        this.lines[this.lines.length - 1] += `  ${c.text}`;
        this.next++;
        prevEnd = c.range.end;
      }
    }
    while (this.next < this.comments.length && this.comments[this.next].range.start < end) {
      const c = this.comments[this.next++];
      gap(c.range.start);
      this.lines.push(pad + c.text);
      prevEnd = c.range.end;
    }
  }

  private element(item: Element, depth: number): void {
    const pad = INDENT.repeat(depth);
    const l = item.layout();
    if (l.body === undefined) {
      this.lines.push(pad + l.head);
      return;
    }
    const hasComments = this.comments.slice(this.next).some((c) => c.range.start < l.body!.end);
    if (l.body.items.length === 0 && !hasComments) {
      this.lines.push(`${pad}${l.head} {}`);
      return;
    }
    this.lines.push(`${pad}${l.head} {`);
    this.block(l.body.items, l.body.end, depth + 1);
    this.lines.push(`${pad}}`);
  }
}

const el = (range: A.Range, layout: () => Layout): Element => ({ range, layout });

function holdingsBody(items: A.HoldingItem[] | undefined, end: number): Layout['body'] {
  if (items === undefined) return undefined;
  return { items: items.map((h) => el(h.range, () => ({ head: holding(h) }))), end };
}

function holding(h: A.HoldingItem): string {
  switch (h.kind) {
    case 'holding':
      return `${h.instrument.name} ${printExpr(h.amount)}`;
    case 'lends':
      return `lends ${h.to.name} ${printExpr(h.amount)}`;
    case 'yield':
      return `yield ${h.instrument.name} ${printExpr(h.rate)}`;
    case 'maturity':
      return `maturity ${h.instrument.name} ${dur(h.duration)}`;
    case 'flag':
      return h.flag;
    case 'sizes':
      return `sizes ${h.dist.name} ${h.param}`;
  }
}

function economyItem(item: A.EconomyItem): Layout {
  switch (item.kind) {
    case 'currency':
      return { head: `currency ${item.code}` };
    case 'unit':
      return { head: `unit ${printExpr(item.value)}` };
    case 'maintenance':
      return {
        head: `maintenance ${item.length === 'monthly' ? 'monthly' : dur(item.length)}${item.from ? ` from ${item.from.raw}` : ''}${item.lag ? ` lag ${dur(item.lag)}` : ''}`,
      };
    case 'agent': {
      const name = item.name ? ` ${item.name.name}` : '';
      const head =
        item.agentKind === 'banks'
          ? `banks${name} ${item.count?.raw ?? ''}`
          : `${item.agentKind}${name}${item.homeBank ? ` banks with ${item.homeBank.name}` : ''}`;
      return { head, body: holdingsBody(item.holdings, item.range.end) };
    }
    default:
      return statement(item);
  }
}

function counterparty(c: A.Counterparty | undefined): string {
  return c === undefined ? '' : ` ${c.dir} ${c.party.name}`;
}

function statement(s: A.Stmt): Layout {
  switch (s.kind) {
    case 'title':
      return { head: `title ${s.title.raw}` };
    case 'use':
      return {
        head: `use ${Array.isArray(s.target) ? s.target.map((p) => p.name).join('.') : s.target.raw}`,
      };
    case 'simulate':
      return { head: `simulate from ${s.from.raw} to ${s.to.raw}` };
    case 'seed':
      return { head: `seed ${s.value.raw}` };
    case 'let':
      return { head: `let ${s.name.name} = ${printExpr(s.value)}` };
    case 'param':
      return {
        head: `param ${s.name.name} = ${printExpr(s.value)}${s.lo && s.hi ? ` in ${printExpr(s.lo)} .. ${printExpr(s.hi)}` : ''}`,
      };
    case 'economy':
      return {
        head: `economy ${s.name.name}${s.title ? ` ${s.title.raw}` : ''}`,
        body: { items: s.items.map((i) => el(i.range, () => economyItem(i))), end: s.range.end },
      };
    case 'set':
      return {
        head: `set ${s.target.map((p) => p.name).join('.')} = ${printExpr(s.value)}${s.to ? ` to ${printExpr(s.to)}` : ''}`,
      };
    case 'reserve_requirement':
      return {
        head: `reserve_requirement${s.on ? ` on ${s.on.name}` : ''}`,
        body: {
          items: s.tranches.map((t) =>
            el(t.range, () => ({
              head: `${t.rate.raw}%${t.upTo ? ` up to ${printExpr(t.upTo)}` : ' above'}`,
            })),
          ),
          end: s.range.end,
        },
      };
    case 'remunerate':
      return {
        head: 'remunerate',
        body: {
          items: s.tiers.map((t) =>
            el(t.range, () => ({
              head: `${t.base}${t.upTo ? ` up to ${printExpr(t.upTo)}` : ''} at ${printExpr(t.rate)}`,
            })),
          ),
          end: s.range.end,
        },
      };
    case 'trade':
      return {
        head: `${s.op} ${s.asset.name}${amount(s.amount)}${schedule(s.schedule)}${counterparty(s.counterparty)}`,
      };
    case 'hold':
      return { head: `hold ${s.what.name} at ${printExpr(s.level)}` };
    case 'runoff':
      return {
        head: `runoff ${s.asset.name}${s.cap && s.capFreq ? ` cap ${printExpr(s.cap)} ${freq(s.capFreq)}` : ''}`,
      };
    case 'lend':
      return {
        head: `lend${amount(s.amount)}${s.from ? ` from ${s.from.name}` : ''} to ${s.to.name}${s.rate ? ` at ${printExpr(s.rate)}` : ''}${s.term ? ` for ${dur(s.term)}` : ''}${schedule(s.schedule)}`,
      };
    case 'repay':
      return { head: `repay${amount(s.amount)} from ${s.from.name}${s.to ? ` to ${s.to.name}` : ''}` };
    case 'pay':
      return { head: `pay${amount(s.amount)} from ${s.from.name} to ${s.to.name}` };
    case 'cash':
      return { head: `${s.op}${amount(s.amount)} cash${s.by ? ` by ${s.by.name}` : ''}` };
    case 'offer':
      return {
        head: `offer ${s.facility}${s.amount === 'unlimited' ? ' unlimited' : amount(s.amount)}${s.term ? ` for ${dur(s.term)}` : ''} at ${printExpr(s.rate)}${schedule(s.schedule)}`,
      };
    case 'treasury':
      return {
        head: `treasury ${s.action}${amount(s.amount)}${s.forSfp ? ' for sfp' : ''}${schedule(s.schedule)}${counterparty(s.counterparty)}`,
      };
    case 'post':
      return {
        head: `post${s.label ? ` ${s.label.raw}` : ''}`,
        body: {
          items: s.entries.map((e) =>
            el(e.range, () => ({
              head: `${e.party.name}.${e.instrument.name} ${e.sign} ${printExpr(e.amount)}`,
            })),
          ),
          end: s.range.end,
        },
      };
    case 'on': {
      if (s.body.kind === 'block') {
        return { head: `on ${s.date.raw}`, body: { items: blockItems(s.body), end: s.body.range.end } };
      }
      const inner = statement(s.body);
      return { head: `on ${s.date.raw} ${inner.head}`, body: inner.body };
    }
    case 'when':
      return {
        head: `when ${printExpr(s.cond)}`,
        body: { items: blockItems(s.body), end: s.body.range.end },
      };
    case 'every':
      return {
        head: `every ${period(s.period)}`,
        body: { items: blockItems(s.body), end: s.body.range.end },
      };
    case 'expect':
      return {
        head: `expect ${printExpr(s.expr)}${s.within ? ` within ${printExpr(s.within)}` : ''}${s.time ? ` ${checkTime(s.time)}` : ''}`,
      };
    case 'report':
      return {
        head: `report ${s.series.map((x) => `${printExpr(x.expr)}${x.label ? ` as ${x.label.raw}` : ''}`).join(', ')}${s.freq ? ` ${freq(s.freq)}` : ''}${s.to ? ` to ${s.to.raw}` : ''}`,
      };
    case 'show':
      return {
        head: `show balance_sheets${s.parties ? ` of ${s.parties.map((p) => p.name).join(', ')}` : ''} on ${s.date.raw}`,
      };
  }
}

function blockItems(b: A.Block): Element[] {
  return b.statements.map((s) => el(s.range, () => statement(s)));
}

export function formatParsed(p: ParsedFile): string {
  const printer = new Printer(p.source.text, p.comments);
  printer.block(
    blockItems({ kind: 'block', statements: p.program.statements, range: p.program.range }),
    Infinity,
    0,
  );
  return printer.result();
}

/** Prints a program that has no source text (one built by a tool, or generated by a test). */
export function printProgram(program: A.Program): string {
  const printer = new Printer('', []);
  printer.block(
    blockItems({ kind: 'block', statements: program.statements, range: program.range }),
    Infinity,
    0,
  );
  return printer.result();
}
