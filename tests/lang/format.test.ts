// `moneta fmt`: canonical, idempotent, keeps comments.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as D from '../../src/lang/decimal.js';
import { formatMoney, formatNumber } from '../../src/lang/format-amount.js';
import { format } from '../../src/lang/index.js';
import { CONFORMANCE, monFiles, read } from './helpers.js';

const fmt = (text: string): string => {
  const r = format(text);
  expect(r.diagnostics).toEqual([]);
  return r.value!;
};

describe('fmt', () => {
  it('leaves the conformance scripts as they are (they are written canonically) and is idempotent', () => {
    for (const file of monFiles(CONFORMANCE)) {
      const text = read(file);
      expect(fmt(text), file).toBe(text);
    }
  });

  it('one statement per line, single spaces, two-space indentation', () => {
    expect(fmt('seed   1;title "x"\non 2010-01-01 {set ioer=1%  ;buy mbs 1bn USD}\n')).toBe(
      'seed 1\ntitle "x"\non 2010-01-01 {\n  set ioer = 1%\n  buy mbs 1bn USD\n}\n',
    );
  });

  it('keeps comments on their own lines and at the ends of lines', () => {
    const text = '# header\n\nseed 1   # the seed\n# before\nexpect ioer > 0%\n# trailing\n';
    expect(fmt(text)).toBe('# header\n\nseed 1  # the seed\n# before\nexpect ioer > 0%\n# trailing\n');
  });

  it('keeps comments inside blocks and holdings', () => {
    const text = 'economy e {\n# money\n  currency USD\n  bank A {\n  # none yet\n  }\n}\n';
    expect(fmt(text)).toBe('economy e {\n  # money\n  currency USD\n  bank A {\n    # none yet\n  }\n}\n');
  });

  it('runs of blank lines become one; none at the start or end of a block', () => {
    expect(fmt('\n\nseed 1\n\n\n\ntitle "x"\non 2010-01-01 {\n\n  seed 2\n\n}\n\n')).toBe(
      'seed 1\n\ntitle "x"\non 2010-01-01 {\n  seed 2\n}\n',
    );
  });

  it('keeps literals and parentheses as written', () => {
    expect(fmt('expect (reserves+1_000 USD)*2>=60e9 USD within 0.01% at end')).toBe(
      'expect (reserves + 1_000 USD) * 2 >= 60e9 USD within 0.01% at end\n',
    );
  });

  it('refuses a script with syntax errors', () => {
    const r = format('on 2010-01-01 {\n');
    expect(r.value).toBeUndefined();
    expect(r.diagnostics[0].code).toBe('MON1004');
  });

  it('is idempotent on a messy script', () => {
    const messy =
      'economy e{currency USD;central_bank Fed{treasuries 1tn}\nbank A{reserves 1tn}}# eco\nsimulate from 2010-01 to 2010-12\nwhen reserves<1bn USD{buy mbs 1bn USD weekly}\n';
    const once = fmt(messy);
    expect(fmt(once)).toBe(once);
  });
});

describe('amounts in messages', () => {
  it('read as a script writes them: a magnitude word up to tn, an exponent from 1000tn on', () => {
    const shown = (raw: string): string => formatNumber(D.parseDecimal(raw)!);
    expect(shown('40')).toBe('40');
    expect(shown('2500000000')).toBe('2.5bn');
    expect(shown('999tn')).toBe('999tn');
    expect(shown('1000tn')).toBe('1e15');
    expect(shown('1e99')).toBe('1e99');
    expect(formatNumber(D.neg(D.parseDecimal('2.5e20')!))).toBe('-2.5e20');
    expect(shown('12345678901234567')).toBe('1.2345678901234567e16');
    expect(formatMoney(D.parseDecimal('3e18')!, 'USD')).toBe('3e18 USD');
  });

  it('law: every amount a message shows reads back as the same number', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.nat(12), (int, scale) => {
        const v = D.dec(int, scale);
        const back = D.parseDecimal(formatNumber(v).replace(/^-/, ''));
        expect(back).toBeDefined();
        expect(D.cmp(int < 0n ? D.neg(back!) : back!, v)).toBe(0);
      }),
    );
  });
});
