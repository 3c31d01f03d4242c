// Determinism (SPEC §4.7): the same script gives byte-identical output, from the CLI and from the sweep
// worker path.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import runPoint from '../../src/cli/sweep-worker.js';
import { compileScript, runCompiled } from '../../src/cli/pipeline.js';
import { runToJson } from '../../src/interpret/index.js';
import { cli } from '../cli/harness.js';
import { ROOT } from './fuzz-core.js';

const SCRIPTS = [
  'examples/quickstart.mon',
  'examples/teaching/06_two_bank_crisis.mon',
  'tests/fixtures/sweep.mon',
];

describe('determinism', () => {
  it.each(SCRIPTS)('`moneta run --json %s` is byte-identical twice', async (script) => {
    const a = await cli(['run', script, '--json'], ROOT);
    const b = await cli(['run', script, '--json'], ROOT);
    expect(a.out.length).toBeGreaterThan(100);
    expect(b.out).toBe(a.out);
    expect(b.code).toBe(a.code);
  });

  it.each(SCRIPTS)('the sweep worker path gives identical results twice for %s', (script) => {
    const c = compileScript(script, ROOT);
    expect(c.plan).toBeDefined();
    // The plan crosses to a worker as JSON.
    const plan = () => JSON.parse(JSON.stringify(c.plan));
    const json = () => JSON.stringify(runToJson(runCompiled(plan())));
    expect(json()).toBe(json());
    const row1 = JSON.stringify(runPoint({ plan: plan(), params: {} }));
    const row2 = JSON.stringify(runPoint({ plan: plan(), params: {} }));
    expect(row2).toBe(row1);
    // And the worker path agrees with the CLI's.
    expect(json()).toBe(JSON.stringify(runToJson(runCompiled(c.plan!))));
  });

  it('a banking system of many banks (random sizes from the seed) is deterministic', async () => {
    const file = join('tests', 'robustness', 'fixtures', 'many_banks.mon');
    const a = await cli(['run', file, '--json'], ROOT);
    const b = await cli(['run', file, '--json'], ROOT);
    expect(a.code, a.out + a.err).toBe(0);
    expect(b.out).toBe(a.out);
  });
});
