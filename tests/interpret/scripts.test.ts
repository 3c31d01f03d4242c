// Scripts whose expected results sit inside them (`expect`), for interpreter features that no example or
// conformance script covers. Each runs with the daily invariant audit on.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, runPlan } from '../../src/index.js';

const dir = join(import.meta.dirname, 'scripts');

describe('interpreter scripts', () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.mon'))) {
    it(`${name}: every expectation holds`, () => {
      const c = compile(readFileSync(join(dir, name), 'utf8'), { file: name });
      expect(c.diagnostics).toEqual([]);
      const r = runPlan(c.value!, { audit: true });
      expect(r.diagnostics).toEqual([]);
      expect(r.expectations.length).toBeGreaterThan(0);
      const failed = r.expectations.filter((x) => !x.passed);
      expect(failed).toEqual([]);
    });
  }
});
