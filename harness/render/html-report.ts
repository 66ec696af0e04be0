/**
 * The learner's report as one self-contained HTML file: progress, every exercise's checks, a
 * space-time diagram of each failed check's (shrunk) failing run, and the chapter guide. It loads
 * nothing (a Content-Security-Policy forbids any network use), and every string that comes from the
 * learner's code or files is escaped. The first failed check with a drawn run opens the page, its
 * diagram scrolled (inside its box) to the learner's first wrong decision.
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
import { LAMPORT_CSS, renderLamportDiagram } from './svg-lamport.ts';

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
  // The first failed check with a drawn run opens the page, so its first screen holds what matters
  // (a plain screenshot too: the page itself never scrolls on opening, only its diagrams do).
  const first = firstDrawnFailure(input.exercises);
  let diagrams = 0;
  const figure = (e: ReportExercise, c: CheckResult, run: SpaceTime): string => figureHtml(run, `diagram-${diagrams++}`, e.row.id, c);
  if (first !== undefined) {
    const { e, c, run } = first;
    body.push(
      `<section id="start"><h2>Start here — ${esc(e.row.id)}: ✗ ${esc(c.title)}</h2>${c.message !== '' ? `<p>${esc(c.message)}</p>` : ''}${c.firstBadDecision !== undefined ? `<p><strong>Your first decision outside the acceptable set:</strong> ${esc(c.firstBadDecision)}</p>` : ''}${figure(e, c, run)}<p class="meta">The check in full, with its scenario and replay command: <a href="#check-${esc(e.row.id)}-${esc(c.id)}">below</a>.</p></section>`,
    );
  }
  body.push(`<section id="progress"><h2>Progress: ${done}/${total} exercises done</h2><div class="bar" role="progressbar" aria-valuenow="${pct}" aria-valuemin="0" aria-valuemax="100"><div style="width:${pct}%"></div></div><table class="exercises"><tr><th></th><th>Exercise</th><th>Status</th><th>File</th></tr>`);
  for (const e of input.exercises) {
    body.push(`<tr class="status-${e.row.status.replace(/ /g, '-')}"><td>${mark(e.row.status)}</td><td><a href="#ex-${esc(e.row.id)}">${esc(e.row.id)}</a> — ${esc(e.row.title)}</td><td>${esc(e.row.status)}</td><td><code>${esc(e.row.file)}</code></td></tr>`);
  }
  body.push('</table></section>');
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
      if (first?.e === e && first.c.replay === c.replay) {
        body.push(`<p class="meta">The failing run is drawn <a href="#start">at the top of the page</a>.</p>`);
        continue;
      }
      if (drawn.has(c.replay)) {
        body.push(`<p class="meta">The failing run is the one drawn above.</p>`);
        continue;
      }
      drawn.add(c.replay);
      body.push(figure(e, c, run));
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
<script>${OPEN_AT_DECISION}</script>
</body>
</html>
`;
}

/**
 * Each diagram scrolls (inside its own box, never the page) to the learner's first decision outside
 * the acceptable set, else to the first violating event, a third of the way down.
 */
const OPEN_AT_DECISION = `
  for (const box of document.querySelectorAll('figure.diagram .scroll')) {
    const target = box.querySelector('.decision-mark > :is(path, text)') || box.querySelector('.violation > :is(circle, rect, line)');
    if (!target) continue;
    const r = target.getBoundingClientRect();
    const c = box.getBoundingClientRect();
    box.scrollTop += r.top - c.top - box.clientHeight / 3;
    if (r.left > c.left + box.clientWidth - 120) box.scrollLeft += r.left - c.left - box.clientWidth / 3;
  }
`;

/** The first failed check, in exercise order, whose failing run has a diagram. */
function firstDrawnFailure(exercises: readonly ReportExercise[]): { e: ReportExercise; c: CheckResult; run: SpaceTime } | undefined {
  for (const e of exercises) {
    for (const c of e.result?.checks ?? []) {
      const run = c.status !== 'passed' && c.replay !== undefined ? e.runs.get(c.replay) : undefined;
      if (run !== undefined) return { e, c, run };
    }
  }
  return undefined;
}

function figureHtml(run: SpaceTime, id: string, exercise: string, c: CheckResult): string {
  const drawn = renderLamportDiagram(run, { id, ...(c.firstBadDecision !== undefined ? { decision: c.firstBadDecision } : {}) });
  const toggle =
    drawn.background > 0
      ? `<label class="toggle"><input type="checkbox"> show the ${drawn.background} routine message${drawn.background === 1 ? '' : 's'} (heartbeats, retries, replication, other traffic)</label>`
      : '';
  return `<figure class="diagram show-routine" data-exercise="${esc(exercise)}" data-check="${esc(c.id)}"><figcaption>The failing run: a lane per node, time flowing down, messages as arrows (✕ dropped${(run.missing?.length ?? 0) > 0 ? ', <span class="missing-key">dashed: due but never sent</span>' : ''}); <span class="violation-key">the violation is highlighted</span>${drawn.decision ? ', ▲ marks your first wrong decision' : ''}. Hover over anything for its content.</figcaption>${toggle}<div class="scroll">${drawn.header}${drawn.svg}</div></figure>`;
}

function checkHtml(c: CheckResult, exercise: string): string {
  const out: string[] = [`<div class="check ${c.status === 'passed' ? 'passed' : 'failed'}" id="check-${esc(exercise)}-${esc(c.id)}" data-check="${esc(c.id)}"><h3>${c.status === 'passed' ? '✓' : '✗'} ${esc(c.title)} <span class="status">[${esc(c.status)}]</span></h3>`];
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
figure.diagram figcaption { font-size: 13px; color: #555; } figure.diagram .toggle { font-size: 13px; color: #555; display: block; margin: 2px 0; }
#start { border: 2px solid #b3261e; border-radius: 6px; padding: 0 14px 6px; margin-top: 12px; background: #fffdfc; }
#start h2 { margin-top: 10px; } #start p { margin: 4px 0; } #start figure.diagram .scroll { max-height: max(300px, calc(100vh - 330px)); }
.violation-key { color: #e4007c; font-weight: bold; } .missing-key { color: #d35400; font-weight: bold; }
details.chapter { margin: 6px 0; } details.chapter summary { cursor: pointer; font-weight: bold; }
article { padding: 0 12px; border-left: 3px solid #eee; }
`;
