// Codes of diagnostics raised while a plan runs (interpreter and engine). Owned by src/interpret; merged
// into the catalogue (catalogue.ts) so that `moneta explain` and docs/errors.md cover them too.

export interface CodeEntry {
  code: string;
  title: string;
  /** Long explanation for `moneta explain`. */
  explanation: string;
  /** A minimal script that triggers it (for docs/errors.md and golden tests); omitted when none can. */
  example?: string;
}

export const RUNTIME_CODES: CodeEntry[] = [
  {
    code: 'MON7001',
    title: 'impossible operation',
    explanation:
      'An operation asked for more than its counterparties hold (selling more securities than the central bank owns, buying more than the banks hold, paying more than a depositor has) or would leave a balance negative where none may be. The run stops at the operation; the message names the agent and instrument.',
  },
  {
    code: 'MON7002',
    title: 'amount beyond the exact range',
    explanation:
      'Amounts are integers of the accounting unit held exactly in float64 up to 2^53 units. A balance beyond that cannot be exact. Declare a larger accounting unit in the economy, e.g. `unit 1m USD`.',
  },
  {
    code: 'MON7003',
    title: 'invariant broken',
    explanation:
      'A balance-sheet invariant of SPEC §4.7 failed (agents balance; instruments pair; monetary base; conservation of reserves; the reserves identity; determinism). This is a fault in a hand-written `post` or in Moneta itself; the message names the day, the invariant, the agent, the instrument and the script line.',
  },
  {
    code: 'MON7004',
    title: 'value not available',
    explanation:
      "An expression asked for something that does not exist at run time: `at(x, DATE)` with DATE still in the future, a `data()` series with no value on or before today, a division by zero, or a `--param` value that is not of its param's type (an amount in another currency than the economy's included).",
  },
  {
    code: 'MON7005',
    title: 'runtime limit exceeded',
    explanation:
      'The run exceeded one of its limits (simulated days, banks, schedule expansions, time). Raise the limit on the command line if the script really needs it.',
  },
  {
    code: 'MON7006',
    title: 'not a number',
    explanation:
      'An expression produced a value that is not finite (NaN or infinity); no such value may reach the ledger.',
  },
  {
    code: 'MON7007',
    title: 'value out of range',
    explanation:
      'A rule gave a setting a value it cannot take: a ratio or share (reserve_ratio, cash_ratio, excess_ratio, ineligible_share, arbitrage_share) outside 0% to 100%, or a `--param` value outside the range its `param … in lo .. hi` declares. The message names the setting and the value; the span is the rule or the param.',
  },
];
