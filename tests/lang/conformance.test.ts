// The shared conformance scripts (read from ../shared/conformance at run time): every valid script checks
// and compiles without a diagnostic; every error case gets a coded diagnostic covering each
// `# expect-error LINE[:COL]`, exit status 2 and no stack trace.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { check, compile } from '../../src/lang/index.js';
import { defaultHost } from '../../src/lang/node-host.js';
import { CONFORMANCE, CONFORMANCE_ERRORS, ROOT, monFiles, read } from './helpers.js';

function captureIo(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(t: string) {
      io.stdout += t;
    },
    err(t: string) {
      io.stderr += t;
    },
    isTty: false,
    cwd: ROOT,
  };
  return io;
}

const valid = monFiles(CONFORMANCE);
const errorCases = monFiles(CONFORMANCE_ERRORS).filter((f) => !f.endsWith('/_economy.mon'));

interface Expected {
  line: number;
  col?: number;
}

function expectedErrors(text: string): Expected[] {
  return [...text.matchAll(/^# expect-error (\d+)(?::(\d+))?\s*$/gm)].map((m) => ({
    line: Number(m[1]),
    col: m[2] === undefined ? undefined : Number(m[2]),
  }));
}

function covers(
  span: { start: { line: number; col: number }; end: { line: number; col: number } },
  e: Expected,
): boolean {
  if (e.line < span.start.line || e.line > span.end.line) return false;
  if (e.col === undefined) return true;
  if (e.line === span.start.line && e.col < span.start.col) return false;
  if (e.line === span.end.line && e.col > span.end.col) return false;
  return true;
}

describe('valid conformance scripts', () => {
  it('finds the scripts', () => {
    expect(valid.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of valid) {
    it(`${file.split('/').pop()} checks and compiles with no diagnostic`, () => {
      const r = compile(read(file), { file, host: defaultHost() });
      expect(r.diagnostics).toEqual([]);
      expect(r.value?.version).toBe(1);
    });
  }

  it('`moneta check` on all of them prints nothing and exits 0', async () => {
    const io = captureIo();
    const code = await main(['check', ...valid], io);
    expect(io.stdout + io.stderr).toBe('');
    expect(code).toBe(0);
  });

  it('_economy.mon, a module without a simulation, checks cleanly', () => {
    const file = `${CONFORMANCE_ERRORS}/_economy.mon`;
    expect(check(read(file), { file }).diagnostics).toEqual([]);
  });
});

describe('error conformance scripts', () => {
  it('finds the cases', () => {
    expect(errorCases.length).toBeGreaterThanOrEqual(11);
  });

  for (const file of errorCases) {
    const name = file.split('/').pop()!;
    it(`${name}: a coded diagnostic covers each expected position`, () => {
      const text = read(file);
      const wanted = expectedErrors(text);
      expect(wanted.length).toBeGreaterThan(0);
      const ds = check(text, { file, host: defaultHost() }).diagnostics.filter((d) => d.severity === 'error');
      for (const e of wanted) {
        const hit = ds.find((d) => /^MON\d{4}$/.test(d.code) && d.span.file === file && covers(d.span, e));
        expect(
          hit,
          `${name}: nothing covers ${e.line}:${e.col ?? '*'}; got ${JSON.stringify(ds.map((d) => [d.code, d.span.start, d.span.end, d.message]))}`,
        ).toBeDefined();
      }
    });

    it(`${name}: \`moneta check\` exits 2 without a stack trace`, async () => {
      const io = captureIo();
      const code = await main(['check', file], io);
      expect(code).toBe(2);
      expect(io.stdout).toMatch(/error\[MON\d{4}\]/);
      expect(io.stdout + io.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    });
  }
});
