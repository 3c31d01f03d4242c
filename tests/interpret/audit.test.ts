import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, runPlan } from '../../src/index.js';

const file = '../shared/conformance/04_two_banks.mon';

describe('--audit', () => {
  const plan = compile(readFileSync(file, 'utf8'), { file }).value!;

  it('passes when nothing is broken', () => {
    const r = runPlan(plan, { audit: true });
    expect(r.diagnostics).toEqual([]);
  });

  it('catches a deliberately broken invariant and names the day, invariant, agent and instrument', () => {
    const r = runPlan(plan, {
      audit: true,
      testHook: (engine, date) => {
        if (date === '2008-09-16') engine.__testCorrupt('A', 'reserves', 5);
      },
    });
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0];
    expect(d.code).toBe('MON7003');
    expect(d.message).toMatch(/invariant \d/);
    expect(d.message).toContain('2008-09-16');
    expect(d.message).toMatch(/\bA\b/);
    expect(d.message).toContain('reserves');
  });

  it('without --audit the same corruption is not checked daily', () => {
    const r = runPlan(plan, {
      testHook: (engine, date) => {
        if (date === '2008-09-16') engine.__testCorrupt('A', 'reserves', 5);
      },
    });
    expect(r.diagnostics.filter((d) => d.code === 'MON7003')).toEqual([]);
  });
});
