// Parsed modules are cached by path and text (src/lang/modules.ts): a module used again is not parsed again,
// an edited one is, and either way the results are those of a fresh parse.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check, compile } from '../../src/lang/index.js';
import { ECONOMY, memoryHost } from './helpers.js';

const SCRIPT = 'use "./eco.mon"\nsimulate from 2010-01-01 to 2010-12-31\nbuy mbs 1bn USD\n';

describe('module cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'moneta-modules-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reuses the parse of an unchanged module, with the same results', () => {
    const host = memoryHost({ 'eco.mon': ECONOMY.replace(/simulate.*\n/, '') });
    const a = check(SCRIPT, { file: 'test.mon', host });
    const b = check(SCRIPT, { file: 'test.mon', host });
    expect(b.value!.files[1]).toBe(a.value!.files[1]);
    expect(b.diagnostics).toEqual(a.diagnostics);
  });

  it('parses a module again when its file changes, whatever the host', () => {
    const script = join(dir, 'main.mon');
    const module = join(dir, 'eco.mon');
    writeFileSync(script, SCRIPT);
    writeFileSync(module, ECONOMY.replace(/simulate.*\n/, ''));
    const first = compile(SCRIPT, { file: script });
    expect(first.diagnostics).toEqual([]);
    expect(first.value).toBeDefined();

    // Same length, same second: only the contents tell the versions apart.
    writeFileSync(module, ECONOMY.replace(/simulate.*\n/, '').replace('mbs 500bn', 'mbz 500bn'));
    const second = compile(SCRIPT, { file: script });
    expect(second.diagnostics.map((d) => [d.code, d.span.file, d.span.start.line])).toEqual([
      ['MON2002', module, ECONOMY.split('\n').findIndex((l) => l.includes('mbs 500bn')) + 1],
    ]);

    writeFileSync(module, ECONOMY.replace(/simulate.*\n/, ''));
    expect(compile(SCRIPT, { file: script })).toEqual(first);
  });

  it('a fresh parse and a cached one give the same diagnostics inside the module', () => {
    const broken = 'economy e {\n  currency USD\n  central_bank Fed\n  bank A {\n    reservs 10\n  }\n}\n';
    const host = memoryHost({ 'eco.mon': broken });
    const fresh = check(SCRIPT, { file: 'test.mon', host });
    const cached = check(SCRIPT, { file: 'test.mon', host });
    expect(fresh.diagnostics.some((d) => d.span.file === 'eco.mon')).toBe(true);
    expect(cached.diagnostics).toEqual(fresh.diagnostics);
  });
});
