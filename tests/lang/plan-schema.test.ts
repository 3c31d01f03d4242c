// src/plan/plan.schema.json describes the plans the compiler makes: every conformance script's plan, and
// plans using every kind of statement, validate against it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/lang/index.js';
import { defaultHost } from '../../src/lang/node-host.js';
import { CONFORMANCE, ECONOMY, ROOT, memoryHost, monFiles, read } from './helpers.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'src', 'plan', 'plan.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function expectValid(plan: unknown): void {
  const ok = validate(plan);
  expect(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toBe(true);
}

describe('plan.schema.json', () => {
  for (const file of monFiles(CONFORMANCE)) {
    it(`validates the plan of ${file.split('/').pop()}`, () => {
      const r = compile(read(file), { file, host: defaultHost() });
      expectValid(r.value);
    });
  }

  it('validates a plan with every kind of statement', () => {
    const text = `${ECONOMY.replace(
      '  public Public\n',
      '  public Public\n  lender GSEs {\n    ineligible\n    rrp_access\n  }\n  firm X banks with Banks\n  maintenance 14 days from 2010-01-07 lag 2 weeks\n  reserve_requirement { 0% up to 10.7m; 10% above }\n',
    )}title "All"
seed 3
param cut = 10bp in 0bp .. 50bp
let big = 10bn USD
set target = 0% to 0.25%
set ioer = target.high - cut
set yield.mbs = 3%
set framework = floor
remunerate {
  required at iorr
  excess up to 6 * required at 0%
  rest at ioer
}
buy treasuries big monthly from 2010-02 until 2010-06 from banks
sell mbs 1bn USD by 2010-06-30 to public
hold sfp at 200bn USD
runoff mbs cap 17.5bn USD monthly
lend 40 from Banks to X at 1% for 28 days
repay 40 from Banks
pay 60 from X to Public
withdraw 5bn USD cash by Public
deposit 5bn USD cash
offer term_deposits 5bn USD for 28 days at 0.25% weekly
offer reverse_repos unlimited at rrp_rate
treasury issue 100bn USD for sfp daily until 2010-03
post "teach" {
  Banks.reserves + 10
  Banks.treasuries - 10
  Fed.treasuries + 10
  Fed.reserves + 10
}
on 2010-03-01 {
  set iorr = avg(target.mid, maintenance_period) - 10bp
  expect iorr >= 0%
}
when overnight_rate > discount_rate and not (framework = corridor) {
  buy mbs 1bn USD weekly
}
every 2 weeks {
  set penalty_rate = max(min(target.high, 1%), 0%, abs(cut))
}
expect reserves = 800bn USD within 0.1% always
expect ioer <= 1% within 5bp monthly from 2010-02 until 2010-10
expect at(reserves, 2010-02-01) > data("fred/WRESBAL") * 1m USD on 2010-06-30
report reserves as "R", ioer, Banks.deposits weekly to "out.csv"
show balance_sheets of Banks, Fed on 2010-06-30
show balance_sheets on 2010-06-30
`;
    const r = compile(text, { file: 'all.mon', host: memoryHost({}) });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expectValid(r.value);
  });

  it('rejects what is not a plan', () => {
    expect(validate({ version: 2 })).toBe(false);
  });
});
