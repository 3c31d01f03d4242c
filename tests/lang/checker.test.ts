// The checker, one rule at a time. `<|…|>` marks where each diagnostic must be (tests/lang/helpers.ts).
import { describe, expect, it } from 'vitest';
import { ECONOMY, diagnosticsOf, expectMarked } from './helpers.js';

const E = ECONOMY;

describe('names', () => {
  it('unknown asset, with did-you-mean', () => {
    const [d] = expectMarked(`${E}buy <|treasurys|> 10bn USD`, 'MON2001');
    expect(d.hint).toBe('did you mean `treasuries`?');
  });

  it('asset aliases resolve', () => {
    expect(diagnosticsOf(`${E}buy gilts 10bn USD\nbuy jgbs 1bn USD`)).toEqual([]);
  });

  it('unknown instrument in holdings', () => {
    expectMarked(
      'economy e {\n  currency USD\n  central_bank Fed\n  bank A {\n    <|reservs|> 10\n  }\n}\n',
      'MON2002',
    );
  });

  it('unknown series name', () => {
    const [d] = expectMarked(`${E}expect <|reservs|> > 1bn USD at end`, 'MON2003');
    expect(d.hint).toBe('did you mean `reserves`?');
  });

  it('unknown agent in a holding series and as a counterparty', () => {
    expectMarked(`${E}expect <|Bank|>.reserves > 0 USD at end\npay 10 from <|Alice|> to Public`, 'MON2004');
  });

  it('unknown setting', () => {
    expectMarked(`${E}set <|ioerr|> = 0.25%`, 'MON2005');
  });

  it('unknown function', () => {
    expectMarked(`${E}set ioer = <|mean|>(target, month)`, 'MON2006');
  });

  it('duplicate agents and constants, with the first one related', () => {
    const ds = expectMarked(
      'economy e {\n  currency USD\n  central_bank Fed\n  bank A\n  bank <|A|>\n}\nlet x = 1\nlet <|x|> = 2\n',
      'MON2007',
    );
    expect(ds[0].related?.[0].message).toBe('first declared here');
  });

  it('modules: found relative to the script, missing, circular', () => {
    expect(
      diagnosticsOf('use "./eco.mon"\nsimulate from 2010-01-01 to 2010-12-31\nbuy mbs 1bn USD', {
        'eco.mon': E.split('simulate')[0],
      }),
    ).toEqual([]);
    expectMarked('<|use "./nope.mon"|>\n', 'MON2008');
    expectMarked('<|use "./test.mon"|>\n', 'MON2009', { 'test.mon': 'use "./test.mon"\n' });
  });

  it('stdlib modules by name, dotted names as paths', () => {
    const files = {
      '/stdlib/economies/tiny.mon': E.split('simulate')[0],
      '/stdlib/fed/rules.mon': 'set iorr = 1%\n',
    };
    expect(diagnosticsOf('use tiny\nuse fed.rules\nsimulate from 2010-01-01 to 2010-12-31\n', files)).toEqual(
      [],
    );
  });

  it('unknown enum value', () => {
    expectMarked(`${E}set framework = <|corridr|>`, 'MON2010');
  });

  it('unknown window', () => {
    expectMarked(`${E}set ioer = avg(target, <|fortnight|>)`, 'MON2011');
  });

  it('operations without an economy', () => {
    expectMarked('simulate from 2010-01-01 to 2010-12-31\n<|buy mbs 1bn USD|>\n', 'MON2012');
  });

  it('a firm banks with a bank', () => {
    expectMarked(
      'economy e {\n  currency USD\n  central_bank Fed\n  public P\n  firm X banks with <|P|>\n}\n',
      'MON2013',
    );
  });
});

describe('types and units', () => {
  it('money plus a rate: the whole binary expression', () => {
    expectMarked(`${E}expect reserves > <|10bn USD + 5bp|> at end`, 'MON3001');
  });

  it('amount in another currency', () => {
    expectMarked(`${E}buy treasuries <|10bn EUR|> monthly until 2010-06`, 'MON3002');
  });

  it('money of two currencies', () => {
    expectMarked(`${E}expect reserves > <|1 USD + 1 EUR|> at end`, 'MON3002');
  });

  it('a bare number in arithmetic with money', () => {
    const [d] = expectMarked(`${E}expect <|reserves > 10bn|> at end`, 'MON3003');
    expect(d.hint).toBe('add a currency: `10bn USD`');
  });

  it('a bare number in an amount slot is the economy’s currency', () => {
    expect(diagnosticsOf(`${E}buy mbs 10bn\nlend 40 to Banks`)).toEqual([]);
  });

  it('a bare number stands for a ratio', () => {
    expect(diagnosticsOf(`${E}expect multiplier = 10 at end\nset reserve_ratio = 0.1`)).toEqual([]);
  });

  it('wrong type for a setting', () => {
    expectMarked(`${E}set ioer = <|5bn USD|>\nset reserve_ratio = <|5bp|>`, 'MON3005');
  });

  it('zero and negative amounts', () => {
    expectMarked(
      `${E}buy treasuries <|0 USD|>\nsell mbs <|-5bn USD|>\npay <|-1|> from Banks to Public`,
      'MON3006',
    );
  });

  it('literals beyond the exact range of the economy, or not finite', () => {
    const eco =
      'economy e {\n  currency USD\n  unit 0.01 USD\n  central_bank Fed\n}\nsimulate from 2010-01-01 to 2010-12-31\n';
    expectMarked(`${eco}buy treasuries <|100tn USD|>\nexpect reserves > <|1e999 USD|> at end`, 'MON3007');
  });

  it('rates finer than the 10^-8 grid', () => {
    expectMarked(`${E}set ioer = <|0.0000001%|>`, 'MON3007');
  });

  it('missing amount, at the token where it belongs', () => {
    expectMarked(`${E}buy treasuries <|monthly|> until 2010-03\nlend <|to|> Banks`, 'MON3008');
  });

  it('an expectation must be a condition', () => {
    expectMarked(`${E}expect <|reserves|> at end`, 'MON3009');
  });

  it('tolerances: relative in %, otherwise of the compared type', () => {
    expect(
      diagnosticsOf(`${E}expect reserves = 1bn USD within 5% at end\nexpect ioer = 1% within 5bp at end`),
    ).toEqual([]);
    expectMarked(`${E}expect reserves = 100bn USD within <|5bp|> at end`, 'MON3010');
  });

  it('function arguments', () => {
    expectMarked(`${E}expect <|at(reserves)|> > 0 USD at end`, 'MON3011');
  });

  it('holdings are constants', () => {
    expectMarked(
      'economy e {\n  currency USD\n  central_bank Fed\n  bank A {\n    reserves <|cb.assets|>\n  }\n}\n',
      'MON3012',
    );
  });

  it('an amount that is not a whole number of units is rounded, with a warning', () => {
    const ds = diagnosticsOf(
      'economy e {\n  currency USD\n  unit 1m USD\n  central_bank Fed\n  public P {\n    currency 1.5 USD\n  }\n}\n',
    );
    expect(ds.map((d) => [d.code, d.severity])).toEqual([['MON3013', 'warning']]);
  });

  it('only the target is a range', () => {
    expectMarked(`${E}set ioer = <|0% to 0.25%|>`, 'MON3014');
    expectMarked(`${E}set target = <|1% to 0.5%|>`, 'MON3014');
  });

  it('durations are whole and positive, in the units a place takes', () => {
    expectMarked(`${E}lend 10 to Banks for <|0 days|>\nevery <|2 years|> { set ioer = 1% }`, 'MON3015');
  });
});

describe('the target: point or range', () => {
  it('a rule that needs a point while a range is in force', () => {
    expectMarked(`${E}set target = 0% to 0.25%\nset ioer = <|target|> - 35bp`, 'MON3004');
  });

  it('a rule in force when the target becomes a range, unless replaced the same day', () => {
    expectMarked(
      `${E}set discount_rate = <|target|> + 25bp\non 2010-06-01 set target = 0% to 0.25%`,
      'MON3004',
    );
    expect(
      diagnosticsOf(
        `${E}set discount_rate = target + 25bp\non 2010-06-01 {\n  set target = 0% to 0.25%\n  set discount_rate = target.high + 25bp\n}`,
      ),
    ).toEqual([]);
  });

  it('expectations that read the target as a point while it is a range', () => {
    expectMarked(
      `${E}on 2010-06-01 set target = 0% to 0.25%\nexpect <|target|> = 0.25% at end\nexpect target = 1% on 2010-03-01`,
      'MON3004',
    );
  });

  it('target.low, target.high and target.mid are always points', () => {
    expect(
      diagnosticsOf(
        `${E}set target = 0% to 0.25%\nset ioer = target.high - 5bp\nexpect target.mid > 0% always`,
      ),
    ).toEqual([]);
  });
});

describe('dates, schedules and rules', () => {
  it('a date that does not exist', () => {
    expectMarked(`${E}on <|2010-13-01|> set target = 1%\non <|2010-02-30|> set target = 2%`, 'MON4001');
  });

  it('leap days exist in leap years only', () => {
    expect(diagnosticsOf(`${E.replace('2010-12-31', '2012-12-31')}on 2012-02-29 set target = 1%`)).toEqual(
      [],
    );
    expectMarked(`${E}on <|2010-02-29|> set target = 1%`, 'MON4001');
  });

  it('simulate backwards is reported on the later-written date', () => {
    expectMarked(`${E.split('simulate')[0]}simulate from 2010-12-31 to <|2010-01-01|>\n`, 'MON4002');
  });

  it('a schedule backwards is reported on its until date', () => {
    expectMarked(`${E}buy mbs 40bn USD monthly from 2010-10 until <|2010-09|>`, 'MON4003');
    expectMarked(`${E}on 2010-06-01 buy mbs 1bn USD by <|2010-03-01|>`, 'MON4003');
  });

  it('a cycle of rules is reported on every rule in it', () => {
    expectMarked(`${E}<|set iorr = ioer - 10bp|>\n<|set ioer = iorr + 10bp|>`, 'MON4004');
    expectMarked(`${E}<|set ioer = ioer + 1bp|>`, 'MON4004');
  });

  it('no cycle once a rule is replaced', () => {
    expect(
      diagnosticsOf(
        `${E}set iorr = 1%\nset ioer = iorr\non 2010-06-01 set iorr = ioer - 10bp\non 2010-06-01 set ioer = 1%`,
      ),
    ).toEqual([]);
  });

  it('iorb sets both iorr and ioer', () => {
    expectMarked(`${E}<|set iorb = iorr|>`, 'MON4004');
  });

  it('dates outside the simulation are a warning', () => {
    const ds = diagnosticsOf(`${E}on 2012-01-02 set target = 1%`);
    expect(ds.map((d) => [d.code, d.severity])).toEqual([['MON4009', 'warning']]);
  });

  it('statements that belong at the top level', () => {
    expectMarked(
      `${E}on 2010-03-01 {\n  <|report reserves|>\n}\nwhen reserves > 0 USD {\n  <|expect reserves > 0 USD|>\n}`,
      'MON1008',
    );
  });

  it('definitions in terms of themselves', () => {
    expectMarked(`${E}let <|a|> = b + 1bn USD\nlet <|b|> = a\nexpect reserves > a at end`, 'MON4013');
  });

  it('param ranges', () => {
    expectMarked(`${E}param cut = <|5%|> in 0% .. 2%`, 'MON4014');
    expect(diagnosticsOf(`${E}param cut = 1% in 0% .. 2%\nset ioer = cut`)).toEqual([]);
  });

  it('a file without a simulation period is a module: rules and operations check, without an economy', () => {
    const text = 'on 2008-10-09 {\n  set iorr = avg(target, maintenance_period) - 10bp\n}\nbuy mbs 1bn USD\n';
    expect(diagnosticsOf(text)).toEqual([]);
  });

  it('declared twice', () => {
    expectMarked(`${E}<|simulate from 2011-01-01 to 2011-12-31|>`, 'MON4008');
    expectMarked('economy e {\n  currency USD\n  <|currency USD|>\n  central_bank Fed\n}\n', 'MON4008');
  });
});

describe('the economy', () => {
  it('needs a currency', () => {
    expectMarked('economy <|tiny|> {\n  central_bank Fed\n}\n', 'MON4005');
  });

  it('needs one central bank', () => {
    expectMarked('economy <|e|> {\n  currency USD\n  bank A\n}\n', 'MON4010');
  });

  it('an unbalanced bank is reported on the whole item, naming the agent and the gap', () => {
    const [d] = expectMarked(
      'economy e {\n  currency USD\n  unit 1 USD\n  central_bank CB {\n    treasuries 20\n  }\n  <|bank A {\n    reserves 20\n    loans 50\n    deposits 100\n    capital 10\n  }|>\n}\n',
      'MON4006',
    );
    expect(d.message).toContain('`A`');
    expect(d.message).toContain('40 USD');
  });

  it('lends are a liability of the borrower', () => {
    const eco =
      'economy e {\n  currency USD\n  unit 1 USD\n  central_bank CB {\n    treasuries 20\n  }\n  bank A {\n    reserves 10\n    loans 50\n    treasuries 10\n    lends B 40\n    deposits 100\n    capital 10\n  }\n  bank B {\n    reserves 10\n    loans 130\n    treasuries 10\n    deposits 100\n    capital 10\n  }\n}\n';
    expect(diagnosticsOf(eco)).toEqual([]);
  });

  it('the central bank balances against what the others hold', () => {
    expectMarked(
      'economy e {\n  currency USD\n  unit 1 USD\n  <|central_bank CB {\n    treasuries 30\n  }|>\n  bank A {\n    reserves 20\n  }\n}\n',
      'MON4006',
    );
  });

  it('a posting must balance', () => {
    // Underlined at the entries that do not balance: the agent's, or the instrument's without its counterpart.
    expectMarked(`${E}post {\n  <|Banks.reserves + 10|>\n}`, 'MON4011');
    const [agent] = expectMarked(
      `${E}post {\n  <|Banks.reserves + 10\n  Fed.reserves + 10\n  Banks.loans + 10|>\n}`,
      'MON4011',
    );
    expect(agent.message).toBe(
      'the entries of `Banks` do not net to zero: its assets change 20 USD more than its liabilities and equity',
    );
    const [owed] = expectMarked(
      `${E}post {\n  <|Public.deposits - 10|>\n  Public.treasuries + 10\n}`,
      'MON4011',
    );
    expect(owed.message).toBe(
      'deposits owed changes by 10 USD more than deposits held as an asset: every claim needs its counterpart',
    );
    expect(
      diagnosticsOf(
        `${E}post "QE" {\n  Banks.reserves + 10\n  Fed.reserves + 10\n  Fed.treasuries + 10\n  Banks.treasuries - 10\n}`,
      ),
    ).toEqual([]);
  });

  it('the unit is a positive amount of the currency', () => {
    expectMarked('economy e {\n  currency USD\n  unit <|1 EUR|>\n  central_bank Fed\n}\n', 'MON4012');
  });
});

describe('never throws', () => {
  it('on pathological input', () => {
    for (const text of [
      '',
      '{',
      '}',
      '((((((',
      '"',
      '#',
      'economy',
      'on',
      'expect',
      '\u0000\u0001',
      'set = = =',
    ]) {
      expect(() => diagnosticsOf(text)).not.toThrow();
    }
  });
});

describe('checking is repeatable', () => {
  it('the same parsed file checked twice gives the same diagnostics', async () => {
    const { parse, check } = await import('../../src/lang/index.js');
    const p = parse(`${E}buy treasurys 1bn USD`, 'r.mon').value!;
    const first = check(p, {}).diagnostics;
    expect(check(p, {}).diagnostics).toEqual(first);
    expect(first.map((d) => d.code)).toEqual(['MON2001']);
  });
});
