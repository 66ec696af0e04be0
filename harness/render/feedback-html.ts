/**
 * A student's feedback as a self-contained HTML page. A Content-Security-Policy forbids every network
 * load and every script; every string is escaped. Hidden checks arrive reduced (see feedback-md.ts).
 */
import { escapeHtml as esc } from './html-escape.ts';
import type { PairResult, StudentGrade } from '../grading/index.ts';
import { describeLate, displayName, studentPair } from '../grading/index.ts';
import { checkFeedbackLines } from './feedback-md.ts';
import { gradeStatusWord } from './status-word.ts';

/** Forbids scripts, fonts, images, frames, forms and fetches; allows only the inline stylesheet. */
export const FEEDBACK_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
pre{background:#f6f6f6;padding:.6rem;overflow-x:auto;font-size:13px}.passed{color:#176c2e}.failed{color:#a51d1d}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .6rem;text-align:left}li{margin:.3rem 0}`;

export function renderFeedbackHtml(grade: StudentGrade): string {
  const rows = grade.pairs.map((p) => `<tr><td>${esc(p.title)}</td><td>${p.score} / ${p.maxScore}</td></tr>`).join('');
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${FEEDBACK_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>Feedback for ${esc(displayName(grade))}</title><style>${STYLE}</style></head><body>`,
    `<h1>Feedback for ${esc(displayName(grade))}</h1>`,
    `<p><strong>Total: ${grade.score} / ${grade.maxScore} (${grade.percent} %)</strong></p>`,
    ...(describeLate(grade.late) !== undefined ? [`<p>Submitted ${esc(describeLate(grade.late)!)}.</p>`] : []),
    ...(grade.intakeWarnings !== undefined && grade.intakeWarnings.length > 0 ? [`<p>Reading your submission:</p><ul>${grade.intakeWarnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`] : []),
    `<table><thead><tr><th>Exercise</th><th>Score</th></tr></thead><tbody>${rows}</tbody></table>`,
    ...grade.pairs.map(studentPair).map(pairSection),
    '</body></html>',
    '',
  ].join('\n');
}

function pairSection(p: PairResult): string {
  const out: string[] = [`<section><h2>${esc(p.title)}</h2>`, `<p>Score: <strong>${p.score} / ${p.maxScore}</strong>${p.submitted !== null ? ` — graded file: <code>${esc(p.submitted)}</code>` : ''}</p>`];
  if (p.problem !== undefined) out.push(`<p class="failed">${esc(p.problem)}</p>`);
  if (p.typeErrors.length > 0) {
    out.push(`<p>Type errors (${p.typeErrors.length}; shown, not scored):</p>`, `<pre>${esc(p.typeErrors.slice(0, 10).map((d) => `${d.file}:${d.line}:${d.column} ${d.code}: ${d.message}`).join('\n'))}</pre>`);
  }
  for (const tier of ['public', 'hidden'] as const) {
    const checks = p.checks.filter((c) => c.tier === tier);
    if (checks.length === 0) continue;
    if (tier === 'hidden') out.push('<h3>Hidden checks</h3><p>These run scenarios you have not seen; only the property each judged is shown.</p>');
    out.push('<ul>');
    for (const c of checks) {
      const cls = c.status === 'passed' ? 'passed' : 'failed';
      let item = `<li><span class="${cls}">${c.status === 'passed' ? '✓' : '✗'} ${esc(c.title)}</span> — ${esc(gradeStatusWord(c))} (${c.status === 'passed' ? c.weight : 0} / ${c.weight})`;
      if (c.status !== 'passed' && p.problem === undefined) {
        item += `<pre>${esc(checkFeedbackLines(c, p.exercise).join('\n'))}</pre>`;
        if (c.console !== undefined && c.console !== '') item += `<p>Your code printed:</p><pre>${esc(c.console)}</pre>`;
      }
      out.push(`${item}</li>`);
    }
    out.push('</ul>');
  }
  out.push('</section>');
  return out.join('\n');
}

