// The front end's commands: check, plan, fmt and explain (through main(), and once through the built bin).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { CONFORMANCE, ECONOMY, ROOT, monFiles } from './helpers.js';

function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), isTty: false, cwd };
  return main(args, io).then((code) => ({ code, out, err }));
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'moneta-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const NO_STACK = /\n\s+at .+:\d+:\d+/;

describe('moneta check', () => {
  it('prints file:line:col: error[CODE]: message, the line, carets and a hint; exit 2', async () => {
    const dir = workspace({ 'bad.mon': `${ECONOMY}buy treasurys 10bn USD\n` });
    const r = await run(['check', 'bad.mon'], dir);
    expect(r.code).toBe(2);
    const line = ECONOMY.split('\n').length;
    expect(r.out).toBe(
      [
        `bad.mon:${line}:5: error[MON2001]: unknown asset \`treasurys\``,
        ` ${line} | buy treasurys 10bn USD`,
        `    |     ^^^^^^^^^`,
        '  hint: did you mean `treasuries`?',
        '1 error',
        '',
      ].join('\n'),
    );
  });

  it('--json prints the SPEC §5 shape, 1-based, end inclusive', async () => {
    const dir = workspace({ 'bad.mon': `${ECONOMY}buy treasurys 10bn USD\n` });
    const r = await run(['check', '--json', 'bad.mon'], dir);
    expect(r.code).toBe(2);
    const line = ECONOMY.split('\n').length;
    expect(JSON.parse(r.out)).toEqual({
      diagnostics: [
        {
          code: 'MON2001',
          severity: 'error',
          message: 'unknown asset `treasurys`',
          hint: 'did you mean `treasuries`?',
          file: 'bad.mon',
          range: { start: { line, col: 5 }, end: { line, col: 13 } },
        },
      ],
    });
  });

  it('checks every file given and reports modules in their own files', async () => {
    const dir = workspace({
      'eco.mon': 'economy e {\n  currency USD\n  central_bank Fed\n  bank A {\n    reservs 1\n  }\n}\n',
      'main.mon': 'use "./eco.mon"\nsimulate from 2010-01-01 to 2010-02-01\n',
      'ok.mon': `${ECONOMY}`,
    });
    const r = await run(['check', 'ok.mon', 'main.mon'], dir);
    expect(r.code).toBe(2);
    expect(r.out).toContain('eco.mon:5:5: error[MON2002]');
    expect(r.out).toContain('5 |     reservs 1');
  });

  it('a missing file is a usage error (64), in one line', async () => {
    const r = await run(['check', 'nope.mon'], tmpdir());
    expect(r.code).toBe(64);
    expect(r.err).toBe('moneta: nope.mon: no such file\n');
  });

  it('never prints a stack trace, whatever the input', async () => {
    const dir = workspace({ 'junk.mon': '\u0000}{)("\n economy {{{ on on on 9999-99-99 \\' });
    const r = await run(['check', 'junk.mon'], dir);
    expect(r.code).toBe(2);
    expect(r.out + r.err).not.toMatch(NO_STACK);
  });
});

describe('moneta plan', () => {
  it('prints the plan as JSON', async () => {
    const dir = workspace({ 'p.mon': `${ECONOMY}buy mbs 1bn USD\n` });
    const r = await run(['plan', 'p.mon'], dir);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out);
    expect(plan).toMatchObject({
      version: 1,
      file: 'p.mon',
      simulate: { from: '2010-01-01', to: '2010-12-31' },
    });
  });

  it('exits 2 with the diagnostics on stderr when the script does not compile', async () => {
    const dir = workspace({ 'p.mon': `${ECONOMY}buy mbs 1bn EUR\n` });
    const r = await run(['plan', 'p.mon'], dir);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('error[MON3002]');
  });
});

describe('moneta fmt', () => {
  it('--check lists files not formatted and exits 1, without writing', async () => {
    const dir = workspace({ 'a.mon': 'seed   1\n', 'b.mon': 'seed 1\n' });
    const r = await run(['fmt', '--check', 'a.mon', 'b.mon'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toBe('a.mon: not formatted\n');
    expect(readFileSync(join(dir, 'a.mon'), 'utf8')).toBe('seed   1\n');
  });

  it('rewrites files in place', async () => {
    const dir = workspace({ 'a.mon': 'seed   1 # s\n' });
    const r = await run(['fmt', 'a.mon'], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'a.mon'), 'utf8')).toBe('seed 1  # s\n');
  });

  it('leaves a file with syntax errors alone (exit 2)', async () => {
    const dir = workspace({ 'a.mon': 'on 2010-01-01 {\n' });
    const r = await run(['fmt', 'a.mon'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('error[MON1004]');
  });
});

describe('moneta explain', () => {
  it('prints the explanation, the example and what check says about it', async () => {
    const r = await run(['explain', 'MON2001'], ROOT);
    expect(r.code).toBe(0);
    expect(r.out).toContain('MON2001: unknown asset (error)');
    expect(r.out).toContain('buy treasurys 10bn USD');
    expect(r.out).toContain('example.mon:15:5: error[MON2001]');
  });

  it('accepts a lowercase code or the bare number', async () => {
    expect((await run(['explain', 'mon4004'], ROOT)).code).toBe(0);
    expect((await run(['explain', '4004'], ROOT)).code).toBe(0);
  });

  it('an unknown code is a usage error, with a suggestion', async () => {
    const r = await run(['explain', 'MON2O01'], ROOT);
    expect(r.code).toBe(64);
    expect(r.err).toContain('did you mean MON2001?');
  });

  it('covers the runtime codes too', async () => {
    const r = await run(['explain', 'MON7002'], ROOT);
    expect(r.out).toContain('unit 1m USD');
  });
});

describe('the built command', () => {
  const bin = join(ROOT, 'bin', 'moneta.js');
  const built = existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'));
  it.skipIf(!built)('`moneta check` on the conformance scripts exits 0 and prints nothing', () => {
    const r = spawnSync(process.execPath, [bin, 'check', ...monFiles(CONFORMANCE)], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
