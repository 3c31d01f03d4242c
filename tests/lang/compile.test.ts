// The compiler: how a checked script becomes a plan (src/plan/types.ts).
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/lang/index.js';
import type { Action, Expr, Plan } from '../../src/plan/types.js';
import { ECONOMY, memoryHost } from './helpers.js';

function plan(text: string, files: Record<string, string> = {}): Plan {
  const r = compile(text, { file: 'test.mon', host: memoryHost(files) });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.value!;
}

/** A plan without spans, for readable comparisons. */
function strip<T>(x: T): T {
  return JSON.parse(JSON.stringify(x, (k, v) => (k === 'span' ? undefined : v)));
}

const startActions = (p: Plan): Action[] =>
  p.events.filter((e) => e.trigger.k === 'start').flatMap((e) => e.actions);

describe('the economy', () => {
  it('holdings in integer accounting units, exactly', () => {
    const p = plan(ECONOMY);
    expect(p.economy.unit).toBe('1000000');
    const banks = p.economy.agents.find((a) => a.name === 'Banks')!;
    expect(strip(banks.holdings)).toEqual([
      { instrument: 'reserves', amount: 800_000 },
      { instrument: 'treasuries', amount: 1_000_000 },
      { instrument: 'mbs', amount: 500_000 },
      { instrument: 'loans', amount: 5_000_000 },
      { instrument: 'deposits', amount: 6_500_000 },
    ]);
  });

  it('the default unit is the minor unit; exponents and underscores are exact', () => {
    const p = plan(
      'economy e {\n  currency JPY\n  central_bank BoJ {\n    jgbs 60_000_000_000\n  }\n  public P {\n    currency 60e9\n  }\n}\nsimulate from 2010-01-01 to 2010-01-31\n',
    );
    expect(p.economy.unit).toBe('1');
    expect(p.economy.agents.map((a) => a.holdings[0].amount)).toEqual([60e9, 60e9]);
    expect(p.economy.agents[0].holdings[0].instrument).toBe('treasuries');
  });

  it('agents of every kind, lends, yields, maturities, groups, firms, flags, maintenance', () => {
    const p = plan(
      'economy e {\n  currency USD\n  unit 1m USD\n  central_bank Fed {\n    treasuries 1.02tn\n    yield treasuries 2.5%\n    maturity treasuries 5 years\n  }\n  bank A {\n    reserves 1tn\n    lends G 10bn\n  }\n  banks G 4000 {\n    reserves 20bn\n    sizes lognormal 1.0\n  }\n  lender GSEs {\n    ineligible\n    rrp_access\n  }\n  public\n  firm X banks with A\n  maintenance 2 weeks from 2010-01-07 lag 30 days\n}\nsimulate from 2010-01-01 to 2010-12-31\n',
    );
    const a = strip(p.economy.agents);
    expect(a.map((x) => [x.kind, x.name])).toEqual([
      ['central_bank', 'Fed'],
      ['bank', 'A'],
      ['group', 'G'],
      ['lender', 'GSEs'],
      ['public', 'public'],
      ['firm', 'X'],
    ]);
    expect(a[0].yields).toEqual([{ instrument: 'treasuries', rate: '0.025' }]);
    expect(a[0].maturities).toEqual([{ instrument: 'treasuries', months: 60 }]);
    expect(a[1].lends).toEqual([{ to: 'G', amount: 10_000 }]);
    expect(a[2]).toMatchObject({ count: 4000, sizes: { dist: 'lognormal', param: 1 } });
    expect(a[3]).toMatchObject({ ineligible: true, rrpAccess: true });
    expect(a[5].homeBank).toBe('A');
    expect(strip(p.economy.maintenance)).toEqual({ days: 14, from: '2010-01-07', lagDays: 30 });
  });

  it('economy-level rules are the first start events', () => {
    const p = plan(
      ECONOMY.replace('  public Public\n', '  public Public\n  set reserve_ratio = 10%\n') +
        'set ioer = 1%\n',
    );
    expect(p.events.map((e) => e.trigger.k)).toEqual(['start', 'start']);
    expect(strip(startActions(p))).toEqual([
      { k: 'set', name: 'reserve_ratio', value: { k: 'ratio', t: 'ratio', v: '0.1' } },
      { k: 'set', name: 'ioer', value: { k: 'rate', t: 'rate', v: '0.01' } },
    ]);
  });
});

describe('statements', () => {
  it('defaults: seed 1, title, the simulation period with months resolved', () => {
    const p = plan(
      `${ECONOMY.replace('simulate from 2010-01-01 to 2010-12-31', 'simulate from 2010-01 to 2010-06')}title "T"`,
    );
    expect(p.seed).toBe(1);
    expect(p.title).toBe('T');
    expect(p.simulate).toEqual({ from: '2010-01-01', to: '2010-06-30' });
    expect(p.version).toBe(1);
    expect(p.file).toBe('test.mon');
  });

  it('a top-level operation starts on the first simulated day; under `on DATE` on that date', () => {
    const p = plan(
      `${ECONOMY}buy mbs 1bn USD monthly until 2010-03\non 2010-04-01 buy mbs 2bn USD monthly until 2010-05`,
    );
    const [a, b] = p.events;
    expect(strip(a)).toEqual({
      trigger: { k: 'start' },
      actions: [
        {
          k: 'op',
          op: {
            op: 'buy',
            asset: 'mbs',
            amount: { k: 'money', t: 'money', v: '1000000000', cur: 'USD' },
            party: { k: 'banks' },
          },
          schedule: { k: 'freq', freq: { k: 'monthly' }, from: '2010-01-01', until: '2010-03-31' },
        },
      ],
    });
    expect(b.trigger).toEqual({ k: 'on', date: '2010-04-01' });
    expect((b.actions[0] as Extract<Action, { k: 'op' }>).schedule).toEqual({
      k: 'freq',
      freq: { k: 'monthly' },
      from: '2010-04-01',
      until: '2010-05-31',
    });
  });

  it('a bare number in an amount slot is money of the economy', () => {
    const p = plan(`${ECONOMY}lend 40 to Banks at 0% for 28 days`);
    expect(strip(startActions(p)[0])).toMatchObject({
      op: {
        op: 'lend',
        amount: { k: 'money', v: '40', cur: 'USD' },
        to: { k: 'agent', name: 'Banks' },
        rate: { k: 'rate', v: '0' },
        term: { n: 28, unit: 'day' },
      },
    });
  });

  it('let constants are inlined; percentages become rates or ratios by context', () => {
    const p = plan(
      `${ECONOMY}let step = 25bp\nlet q = 10%\nset ioer = target - step\nset reserve_ratio = q\nset iorr = q`,
    );
    const values = strip(startActions(p)).map((a) => (a as { value: Expr }).value);
    expect(values).toEqual([
      {
        k: 'bin',
        t: 'rate',
        op: '-',
        l: { k: 'policy', t: 'rate', name: 'target' },
        r: { k: 'rate', t: 'rate', v: '0.0025' },
      },
      { k: 'ratio', t: 'ratio', v: '0.1' },
      { k: 'rate', t: 'rate', v: '0.1' },
    ]);
  });

  it('target ranges, parts, aliases and windows', () => {
    const p = plan(
      `${ECONOMY}set target = 0% to 0.25%\nset ioer = target.high - 5bp\nset iorr = avg(mro.low, 14 days)`,
    );
    const [range, part, win] = strip(startActions(p)) as Extract<Action, { k: 'set' }>[];
    expect(range.value).toEqual({
      k: 'range',
      t: 'range',
      lo: { k: 'rate', t: 'rate', v: '0' },
      hi: { k: 'rate', t: 'rate', v: '0.0025' },
    });
    expect(part.value).toMatchObject({ l: { k: 'policy', name: 'target', part: 'high' } });
    expect(win.value).toMatchObject({
      k: 'window',
      fn: 'avg',
      window: { k: 'days', n: 14 },
      arg: { k: 'policy', name: 'target', part: 'low' },
    });
  });

  it('expectations: text as written, tolerances, times; inside `on DATE` they are checked on that date', () => {
    const p = plan(
      `${ECONOMY}expect reserves = 800bn USD within 0.01% always\nexpect ioer <= 1% within 5bp monthly from 2010-02 until 2010-03\non 2010-06-30 {\n  expect reserves > 0 USD\n}`,
    );
    expect(strip(p.expectations).map((e) => [e.text, e.tolerance, e.when])).toEqual([
      ['expect reserves = 800bn USD within 0.01% always', { k: 'rel', v: '0.0001' }, { k: 'always' }],
      [
        'expect ioer <= 1% within 5bp monthly from 2010-02 until 2010-03',
        { k: 'abs', v: { k: 'rate', t: 'rate', v: '0.0005' } },
        { k: 'freq', freq: { k: 'monthly' }, from: '2010-02-01', until: '2010-03-31' },
      ],
      ['expect reserves > 0 USD', undefined, { k: 'on', date: '2010-06-30' }],
    ]);
    expect(p.expectations[0].expr).toMatchObject({ k: 'cmp', op: '==' });
  });

  it('reports are labelled by `as` or by their source text; shows list their parties', () => {
    const p = plan(
      `${ECONOMY}report cb.assets, reserves + 0 USD as "R", ioer weekly to "out.csv"\nshow balance_sheets of Banks, Fed on 2010-06`,
    );
    expect(p.reports[0].series.map((s) => s.label)).toEqual(['cb.assets', 'R', 'ioer']);
    expect(strip(p.reports[0])).toMatchObject({ freq: { k: 'weekly' }, to: 'out.csv' });
    expect(strip(p.shows)).toEqual([{ parties: ['Banks', 'Fed'], date: '2010-06-01' }]);
  });

  it('when and every blocks, with nested events and schedules that start when they fire', () => {
    const p = plan(
      `${ECONOMY}when reserves < 100bn USD {\n  buy mbs 1bn USD weekly\n}\non 2010-02-01 {\n  every month {\n    set ioer = 1%\n  }\n}`,
    );
    const [when, on] = strip(p.events);
    expect(when.trigger).toMatchObject({ k: 'when', cond: { k: 'cmp', op: '<' } });
    expect((when.actions[0] as Extract<Action, { k: 'op' }>).schedule).toEqual({
      k: 'freq',
      freq: { k: 'weekly' },
      from: '2010-01-01',
      fromFiring: true,
    });
    expect(on.actions[0]).toMatchObject({
      k: 'event',
      event: { trigger: { k: 'every', period: { k: 'month' }, from: '2010-02-01' } },
    });
  });

  it('remuneration tiers and reserve requirements', () => {
    const p = plan(
      `${ECONOMY}remunerate {\n  required at iorr\n  excess up to 6 * required at 0%\n  rest at ioer\n}\nreserve_requirement {\n  0% up to 10.7m\n  3% up to 58.8m\n  10% above\n}`,
    );
    const [rem, rr] = strip(startActions(p));
    expect(rem).toMatchObject({
      k: 'remunerate',
      tiers: [
        { base: 'required', rate: { k: 'policy', name: 'iorr' } },
        {
          base: 'excess',
          upTo: { k: 'bin', op: '*', l: { k: 'num', v: '6' }, r: { k: 'required' } },
          rate: { k: 'rate', v: '0' },
        },
        { base: 'rest' },
      ],
    });
    expect(rr).toEqual({
      k: 'reserve_requirement',
      on: 'deposits',
      tranches: [
        { rate: '0', upTo: { k: 'money', t: 'money', v: '10700000', cur: 'USD' } },
        { rate: '0.03', upTo: { k: 'money', t: 'money', v: '58800000', cur: 'USD' } },
        { rate: '0.1' },
      ],
    });
  });

  it('a module’s statements take effect where it is used', () => {
    const p = plan('use "eco.mon"\nsimulate from 2010-01-01 to 2010-12-31\nset ioer = 1%\n', {
      'eco.mon': `${ECONOMY.split('simulate')[0]}set iorr = 2%\n`,
    });
    expect(strip(startActions(p)).map((a) => (a as { name: string }).name)).toEqual(['iorr', 'ioer']);
    expect(p.events[0].span.file).toBe('eco.mon');
  });

  it('params, with their ranges', () => {
    const p = plan(`${ECONOMY}param cut = 0.25% in 0% .. 1%\nset ioer = 1% - cut`);
    expect(strip(p.params)).toEqual([
      {
        name: 'cut',
        value: { k: 'ratio', t: 'ratio', v: '0.0025' },
        lo: { k: 'ratio', t: 'ratio', v: '0' },
        hi: { k: 'ratio', t: 'ratio', v: '0.01' },
      },
    ]);
    expect(strip(startActions(p)[0])).toMatchObject({ value: { r: { k: 'param', name: 'cut', t: 'rate' } } });
  });

  it('spans are 1-based and inclusive', () => {
    const p = plan(`${ECONOMY}buy mbs 1bn USD`);
    const line = ECONOMY.split('\n').length;
    expect(p.events[0].span).toEqual({ file: 'test.mon', start: { line, col: 1 }, end: { line, col: 15 } });
  });

  it('a script that does something but has no simulation period cannot be planned', () => {
    const r = compile(
      'economy e {\n  currency USD\n  central_bank Fed\n}\nexpect reserves = 0 USD at end\n',
      { file: 'm.mon', host: memoryHost({}) },
    );
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.span.start.line])).toEqual([['MON4007', 5]]);
  });

  it('a script without a simulation is a module: no plan, an info diagnostic, no error', () => {
    const r = compile(ECONOMY.split('simulate')[0], { file: 'm.mon', host: memoryHost({}) });
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['MON4015', 'info']]);
  });
});
