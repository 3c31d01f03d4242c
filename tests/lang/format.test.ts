// `moneta fmt`: canonical, idempotent, keeps comments.
import { describe, expect, it } from 'vitest';
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
