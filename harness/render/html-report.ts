/**
 * The learner's report as one self-contained HTML file: progress, every exercise's checks, a
 * space-time diagram of each failed check's (shrunk) failing run, and the chapter guide. It loads
 * nothing (a Content-Security-Policy forbids any network use), and every string that comes from the
 * learner's code or files is escaped. On opening, the page scrolls to the first violation.
 */
import { createRequire } from 'node:module';
import type MarkdownItConstructor from 'markdown-it';

type MarkdownIt = InstanceType<typeof MarkdownItConstructor>;
import type { CheckResult } from '../curriculum/index.ts';
import { WORKBOOK_COMMAND } from '../curriculum/index.ts';
import type { ExerciseResult } from '../grading/index.ts';
import type { ExerciseListRow } from './exercise-list.ts';
import { escapeHtml as esc } from './html-escape.ts';
import type { SpaceTime } from './space-time.ts';
import { LAMPORT_CSS, renderLamportLaneHeader, renderLamportSvg } from './svg-lamport.ts';

export interface ReportExercise {
  readonly row: ExerciseListRow;
  /** The check of the learner's file (absent when it could not be checked, e.g. a missing file). */
  readonly result?: ExerciseResult;
  /** The failing run of a failed check, by its replay token. */
  readonly runs: ReadonlyMap<string, SpaceTime>;
}

export interface ReportInput {
  /** When the report was made (render code never reads the clock). */
  readonly generatedAt: string;
  readonly harnessVersion: string;
  /** The running harness's content hash (`harnessHash()`), shown short: what a bug report should quote. */
  readonly harnessHash: string;
  readonly exercises: readonly ReportExercise[];
  readonly chapters: readonly { readonly file: string; readonly markdown: string }[];
}

/** The CSP: nothing may be fetched; only the inline style and script run. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

// Loaded on first use: markdown-it costs tens of ms, and most commands never render Markdown.
let parser: MarkdownIt | undefined;
const markdownParser = (): MarkdownIt =>
  (parser ??= new (createRequire(import.meta.url)('markdown-it') as typeof MarkdownItConstructor)({ html: false, linkify: false }));

export function renderHtmlReport(input: ReportInput): string {
  const done = input.exercises.filter((e) => e.row.status === 'done').length;
  const total = input.exercises.length;
  const pct = total === 0 ? 0 : Math.round((done / total) * 100);
  const body: string[] = [];
  body.push(`<header><h1>DDIA chapter 6, Replication — your workbook</h1><p class="meta">Report made ${esc(input.generatedAt)} · harness ${esc(input.harnessVersion)} (build ${esc(input.harnessHash.slice(0, 12))})</p></header>`);
  body.push(`<section id="progress"><h2>Progress: ${done}/${total} exercises done</h2><div class="bar" role="progressbar" aria-valuenow="${pct}" aria-valuemin="0" aria-valuemax="100"><div style="width:${pct}%"></div></div><table class="exercises"><tr><th></th><th>Exercise</th><th>Status</th><th>File</th></tr>`);
  for (const e of input.exercises) {
    body.push(`<tr class="status-${e.row.status.replace(/ /g, '-')}"><td>${mark(e.row.status)}</td><td><a href="#ex-${esc(e.row.id)}">${esc(e.row.id)}</a> — ${esc(e.row.title)}</td><td>${esc(e.row.status)}</td><td><code>${esc(e.row.file)}</code></td></tr>`);
  }
  body.push('</table></section>');
  let diagrams = 0;
  for (const e of input.exercises) {
    body.push(`<section class="exercise" id="ex-${esc(e.row.id)}"><h2>${esc(e.row.id)}: ${esc(e.row.title)}</h2>`);
    const r = e.result;
    if (r === undefined) {
      body.push(`<p>Not checked: <code>${esc(e.row.file)}</code> was not found.</p></section>`);
      continue;
    }
    const passed = r.checks.filter((c) => c.status === 'passed').length;
    body.push(`<p class="${r.passed ? 'ok' : 'bad'}">${r.passed ? '✓ Every check passes.' : `✗ ${passed}/${r.checks.length} checks pass`} Score ${r.score}/${r.maxScore}. <span class="meta">Checked <code>${esc(r.file)}</code></span></p>`);
    if (r.loadProblem !== undefined) body.push(`<p class="bad">${esc(r.loadProblem)}</p>`);
    if (r.typeErrors.length > 0) body.push(`<ul class="type-errors">${r.typeErrors.map((d) => `<li><code>${esc(`${d.file}:${d.line}:${d.column}`)}</code> ${esc(d.code)}: ${esc(d.message)}</li>`).join('')}</ul>`);
    const drawn = new Set<string>();
    for (const c of r.checks) {
      body.push(checkHtml(c, r.exercise));
      if (c.status === 'passed' || c.replay === undefined) continue;
      const run = e.runs.get(c.replay);
      if (run === undefined) continue;
      if (drawn.has(c.replay)) {
        body.push(`<p class="meta">The failing run is the one drawn above.</p>`);
        continue;
      }
      drawn.add(c.replay);
      const id = `diagram-${diagrams++}`;
      body.push(
        `<figure class="diagram"><figcaption>The failing run, as a space-time diagram: a lane per node, time flowing down, messages as arrows; dropped messages end in ✕, faults are red, <span class="violation-key">the violating events are highlighted</span>. The events the check is about are labelled; the rest of the run is drawn faint. Hover over anything for its content.</figcaption><div class="scroll">${renderLamportLaneHeader(run)}${renderLamportSvg(run, { id })}</div></figure>`,
      );
    }
    body.push('</section>');
  }
  body.push('<section id="chapter"><h2>The chapter guide</h2>');
  for (const ch of input.chapters) {
    body.push(`<details class="chapter"><summary>${esc(firstHeading(ch.markdown) ?? ch.file)} <span class="meta">${esc(ch.file)}</span></summary><article>${markdownParser().render(ch.markdown)}</article></details>`);
  }
  body.push('</section>');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(REPORT_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>DDIA workbook report</title>
<style>${PAGE_CSS}${LAMPORT_CSS}</style>
</head>
<body>
${body.join('\n')}
<script>
  // Bring the first violation into view: the point of the report is the failing run.
  var v = document.querySelector('.violation');
  if (v) v.scrollIntoView({ block: 'center', inline: 'center' });
</script>
</body>
</html>
`;
}

function checkHtml(c: CheckResult, exercise: string): string {
  const out: string[] = [`<div class="check ${c.status === 'passed' ? 'passed' : 'failed'}" data-check="${esc(c.id)}"><h3>${c.status === 'passed' ? '✓' : '✗'} ${esc(c.title)} <span class="status">[${esc(c.status)}]</span></h3>`];
  if (c.status !== 'passed') {
    if (c.message !== '') out.push(`<p>${esc(c.message)}</p>`);
    if (c.location !== undefined) out.push(`<p>at <code>${esc(c.location)}</code></p>`);
  }
  if (c.details.length > 0) out.push(`<ul class="details">${c.details.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>`);
  if (c.firstBadDecision !== undefined) out.push(`<p><strong>Your first decision outside the acceptable set:</strong> ${esc(c.firstBadDecision)}</p>`);
  if (c.scenario !== undefined) {
    const sc = c.scenario;
    out.push(`<p><strong>Scenario</strong>${sc.shrinkRuns > 0 ? ` (shrunk in ${sc.shrinkRuns} runs${sc.shrinkCapped ? ', stopped at the cap' : ''})` : ''}: ${esc(sc.parameters)}</p><pre>${esc(sc.schedule.join('\n'))}</pre>`);
  }
  if (c.replay !== undefined && c.status !== 'passed') out.push(`<p><strong>Replay exactly this run:</strong> <code class="replay">${WORKBOOK_COMMAND} check ${esc(exercise)} --replay ${esc(c.replay)}</code></p>`);
  if (c.console !== undefined && c.console !== '') out.push(`<p><strong>Your code printed:</strong></p><pre>${esc(c.console)}</pre>`);
  out.push('</div>');
  return out.join('');
}

function mark(status: ExerciseListRow['status']): string {
  return status === 'done' ? '✓' : status === 'failing' ? '✗' : '·';
}

function firstHeading(markdown: string): string | undefined {
  return /^#+\s+(.*)$/m.exec(markdown)?.[1];
}

const PAGE_CSS = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 0 20px 60px; color: #222; }
h1 { font-size: 22px; margin: 18px 0 0; } h2 { font-size: 19px; margin-top: 28px; border-bottom: 1px solid #ddd; } h3 { font-size: 15px; margin: 10px 0 4px; }
.meta { color: #777; font-size: 13px; }
.bar { height: 12px; background: #eee; border-radius: 6px; overflow: hidden; max-width: 400px; } .bar div { height: 100%; background: #2e9d4f; }
table.exercises { border-collapse: collapse; margin-top: 8px; } table.exercises td, table.exercises th { padding: 2px 10px; text-align: left; }
.ok { color: #1d7a39; } .bad { color: #b3261e; }
.check { border-left: 3px solid #2e9d4f; padding: 0 10px; margin: 6px 0; } .check.failed { border-color: #b3261e; background: #fff8f7; }
.check .status { color: #777; font-weight: normal; font-size: 12px; }
pre, code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; } pre { background: #f6f6f6; padding: 8px; overflow-x: auto; }
code.replay { word-break: break-all; }
figure.diagram { margin: 10px 0 20px; } figure.diagram .scroll { overflow: auto; max-height: 85vh; border: 1px solid #ddd; }
.violation-key { color: #e4007c; font-weight: bold; }
details.chapter { margin: 6px 0; } details.chapter summary { cursor: pointer; font-weight: bold; }
article { padding: 0 12px; border-left: 3px solid #eee; }
`;
