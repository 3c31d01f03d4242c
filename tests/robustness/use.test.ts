// `use "file"` resolves relative to the script (not the working directory); a missing file is MON2008.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/lang/index.js';
import { cli } from '../cli/harness.js';
import { ECONOMY } from './helpers.js';

function project(): { root: string; script: string } {
  const root = mkdtempSync(join(tmpdir(), 'moneta-use-'));
  mkdirSync(join(root, 'scripts', 'lib'), { recursive: true });
  writeFileSync(join(root, 'scripts', 'lib', '_economy.mon'), ECONOMY);
  writeFileSync(
    join(root, 'scripts', 'main.mon'),
    'use "lib/_economy.mon"\nsimulate from 2010-01-01 to 2010-01-31\nexpect reserves = 100bn USD at end\n',
  );
  writeFileSync(
    join(root, 'scripts', 'missing.mon'),
    'use "lib/_nowhere.mon"\nsimulate from 2010-01-01 to 2010-01-31\n',
  );
  return { root, script: join(root, 'scripts', 'main.mon') };
}

describe('use of a file', () => {
  it('resolves relative to the script, from any working directory', async () => {
    const { root } = project();
    for (const [cwd, file] of [
      [root, 'scripts/main.mon'],
      [join(root, 'scripts'), 'main.mon'],
      [join(root, 'scripts', 'lib'), '../main.mon'],
      [tmpdir(), relative(tmpdir(), join(root, 'scripts', 'main.mon'))],
    ]) {
      const r = await cli(['run', file], cwd);
      expect(r.code, `${cwd} ${file}: ${r.out}${r.err}`).toBe(0);
      expect(r.out).toContain('pass');
    }
    expect((await cli(['test', 'scripts/main.mon'], root)).out).toContain('1 passed, 0 failed');
  });

  it('a missing file is a MON2008 diagnostic at the `use` (exit 2), not a crash', async () => {
    const { root } = project();
    const r = await cli(['run', 'scripts/missing.mon'], root);
    expect(r.code).toBe(2);
    const text = r.out + r.err;
    expect(text).toContain('MON2008');
    expect(text).toContain('scripts/missing.mon:1:');
    const j = await cli(['check', '--json', 'scripts/missing.mon'], root);
    const ds = (JSON.parse(j.out) as { diagnostics: { code: string; range: { start: { line: number } } }[] })
      .diagnostics;
    expect(ds.map((d) => d.code)).toEqual(['MON2008']);
    expect(ds[0].range.start.line).toBe(1);
  });

  it('through the API, with no host for the file, is MON2008 as well', () => {
    const r = compile('use "./nowhere.mon"\nsimulate from 2010-01-01 to 2010-01-31\n', {
      file: '/nonexistent/dir/x.mon',
    });
    expect(r.diagnostics.map((d) => d.code)).toContain('MON2008');
  });
});

describe('regressions found by fuzzing', () => {
  it('`param x = x` is a definition cycle (MON4013), not a stack overflow in the checker', () => {
    const text = `${ECONOMY}param x = x\nsimulate from 2010-01-01 to 2010-01-31\nexpect x > 0 at end\n`;
    const r = compile(text, { file: 'x.mon', host: { readFile: () => undefined } });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['MON4013']);
    const named = compile(`${ECONOMY}param deposits = deposits\nsimulate from 2010-01-01 to 2010-01-31\n`, {
      file: 'x.mon',
      host: { readFile: () => undefined },
    });
    expect(named.diagnostics.map((d) => d.code)).toEqual(['MON4013']);
  });
});
