// docs/errors.md is generated from the catalogue; the committed file must be current (`npm run gen:errors`).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/diagnostics/catalogue.js';
import { errorsDoc, ERRORS_DOC } from '../../scripts/gen-errors-doc.js';

describe('docs/errors.md', () => {
  it('equals the file generated from the catalogue', async () => {
    expect(readFileSync(ERRORS_DOC, 'utf8')).toBe(await errorsDoc());
  });

  it('has a section for every code', async () => {
    const doc = await errorsDoc();
    for (const e of CATALOGUE) expect(doc).toContain(`### ${e.code}: ${e.title}`);
  });
});
