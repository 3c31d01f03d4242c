// The expectations (pass/fail with actual vs expected), diagnostics (click → the range in the editor) and
// plan JSON panels.
import { diagnosticEntry, type Diagnostic, type ExpectationResult } from '../api';
import { download, escapeHtml } from '../format';

export function renderExpectations(
  root: HTMLElement,
  expectations: ExpectationResult[] | undefined,
  note: string | undefined,
): { passed: number; failed: number } {
  if (!expectations) {
    root.innerHTML = '<p class="empty">The script has not run.</p>';
    return { passed: 0, failed: 0 };
  }
  if (!expectations.length) {
    root.innerHTML =
      '<p class="empty">No <code>expect</code> in the script: add one, e.g. <code>expect reserves &gt; 0 USD at end</code>.</p>';
    return { passed: 0, failed: 0 };
  }
  const failed = expectations.filter((x) => !x.passed).length;
  const rows = expectations.map((x) => {
    const status = x.passed ? 'pass' : 'fail';
    const detail = [
      x.actualText !== undefined ? `actual <strong>${escapeHtml(x.actualText)}</strong>` : '',
      x.expectedText !== undefined ? `expected ${escapeHtml(x.expectedText)}` : '',
      x.date ? `<span class="nowrap">on ${escapeHtml(x.date)}</span>` : '',
      x.message ? escapeHtml(x.message) : '',
    ]
      .filter(Boolean)
      .join(' · ');
    return `<tr class="${status}" data-status="${status}">
      <td><span class="badge ${status}">${x.passed ? '✓ pass' : '✗ fail'}</span></td>
      <td><button type="button" class="link" data-line="${x.line}">line ${x.line}</button></td>
      <td><code>${escapeHtml(x.text)}</code><div class="detail">${detail}</div></td></tr>`;
  });
  root.innerHTML = `<p class="summary ${failed ? 'fail' : 'pass'}">${expectations.length - failed} passed, ${failed} failed${
    note ? ` · ${escapeHtml(note)}` : ''
  }</p><table class="expectations"><tbody>${rows.join('')}</tbody></table>`;
  return { passed: expectations.length - failed, failed };
}

/** The catalogue's long explanation of a code (what `moneta explain CODE` prints), folded. */
function explain(code: string): string {
  const e = diagnosticEntry(code);
  if (!e?.explanation) return '';
  return `<details class="explain"><summary>Explain ${escapeHtml(code)}: ${escapeHtml(e.title)}</summary><p>${escapeHtml(e.explanation)}</p>${
    e.example ? `<pre><code>${escapeHtml(e.example)}</code></pre>` : ''
  }</details>`;
}

export interface Fix {
  title: string;
  apply(): void;
}

export function renderDiagnostics(
  root: HTMLElement,
  diagnostics: Diagnostic[],
  file: string,
  fixes: (d: Diagnostic) => Fix[],
  goto: (d: Diagnostic) => void,
): void {
  if (!diagnostics.length) {
    root.innerHTML = '<p class="empty">No problems.</p>';
    return;
  }
  const fixList: Fix[][] = [];
  const items = diagnostics.map((d, i) => {
    const here = d.span.file === file || d.span.file === '';
    const where = `${here ? '' : `${escapeHtml(d.span.file)}:`}${d.span.start.line}:${d.span.start.col}`;
    const fs = here ? fixes(d) : [];
    fixList.push(fs);
    return `<li class="diag ${d.severity}">
      <button type="button" class="goto" data-index="${i}" ${here ? '' : 'disabled'}>
        <span class="badge ${d.severity}">${escapeHtml(d.severity)}</span>
        <span class="code">${escapeHtml(d.code)}</span> <span class="where">${where}</span>
        <span class="message">${escapeHtml(d.message)}</span>
        ${d.hint ? `<span class="hint">hint: ${escapeHtml(d.hint)}</span>` : ''}
      </button>
      ${explain(d.code)}
      ${fs.map((f, j) => `<button type="button" class="small fix" data-index="${i}" data-fix="${j}">${escapeHtml(f.title)}</button>`).join(' ')}
    </li>`;
  });
  root.innerHTML = `<ul class="diagnostics">${items.join('')}</ul>`;
  root
    .querySelectorAll<HTMLButtonElement>('button.goto')
    .forEach((b) => b.addEventListener('click', () => goto(diagnostics[Number(b.dataset.index)])));
  root
    .querySelectorAll<HTMLButtonElement>('button.fix')
    .forEach((b) =>
      b.addEventListener('click', () => fixList[Number(b.dataset.index)][Number(b.dataset.fix)].apply()),
    );
}

export function renderPlan(root: HTMLElement, json: string | undefined): void {
  if (!json) {
    root.innerHTML = '<p class="empty">The script does not compile: no plan.</p>';
    return;
  }
  let pre = root.querySelector('pre');
  if (!pre) {
    root.innerHTML = `<p class="plan-actions"><button type="button" class="small" data-export="plan">Download plan.json</button>
      <span class="muted">The compiled plan (src/plan/types.ts): what the engine runs.</span></p><pre class="plan" tabindex="0"></pre>`;
    pre = root.querySelector('pre')!;
    root
      .querySelector('[data-export="plan"]')!
      .addEventListener('click', () =>
        download(
          'plan.json',
          new Blob([root.querySelector('pre')!.textContent ?? ''], { type: 'application/json' }),
        ),
      );
  }
  if (pre.textContent !== json) pre.textContent = json;
}
