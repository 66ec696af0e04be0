/**
 * An exercise result as text for the terminal: what passed, and for each failure what was expected,
 * what happened, in which scenario and how to replay it; one timeline (the first failing scenario
 * check's, fitted to the terminal); then a summary of at most five lines (result-summary.ts).
 * Short by default, because the key lines must not scroll away: identical failures are printed once,
 * an untouched stub shows no scenario, replay tokens are shown by a short reference. `verbose`
 * prints everything. Short output is a rule of the terminal only: JSON, reports and feedback files
 * keep every check's data.
 */
import type { CheckResult } from '../curriculum/index.ts';
import type { ExerciseResult } from '../grading/index.ts';
import type { Style } from './style.ts';
import { checkMark, gradeStatusWord, MARKS } from './status-word.ts';
import { summaryLines } from './result-summary.ts';
import { renderTimeline } from './timeline-text.ts';

export interface ResultTextOptions {
  readonly style: Style;
  /** The command that replays a token, e.g. `./workbook check failover-coordinator --replay`. */
  readonly replayCommand: string;
  /** The hint to show after a failure, if any: its level, text, the check it is for, and the line saying how to go on. */
  readonly nextHint?: { readonly number: number; readonly text: string; readonly followUp: string; readonly about?: string };
  /** Short advice instead of a hint, when the code gave no answer to judge (it does not compile, hangs, …). */
  readonly advice?: string;
  /** Which failing checks get a timeline: the first failing scenario check's (default), or all. */
  readonly timelines?: 'first' | 'all';
  /** Everything: every timeline, every detail, identical failures in full, whole replay tokens. */
  readonly verbose?: boolean;
  /** The terminal's columns: timelines and summary lines are cut to fit (nothing is cut without). */
  readonly width?: number;
  /** How a replay token appears in a command: a short reference to the stored failures (`#1`), or the token. */
  readonly replayRef?: (token: string) => string;
  /** What to do next, for the summary's last line (default: fix the file and check again). */
  readonly next?: string;
  /** Every check of the exercise, when `r` is a replay's (it judges only the scenario checks). */
  readonly checksInExercise?: number;
}

export function renderResultText(r: ExerciseResult, o: ResultTextOptions): string {
  const s = o.style;
  const verbose = o.verbose === true;
  const out: string[] = [s.bold(`${r.exercise}: ${r.title}`), s.dim(`checking ${r.file}`), ''];
  if (r.loadProblem !== undefined) out.push(s.bad(`✗ ${r.loadProblem}`), '');
  const ownTypeErrors = r.typeErrors;
  if (ownTypeErrors.length > 0) {
    out.push(s.bad(`✗ type errors (${ownTypeErrors.length}):`));
    for (const d of ownTypeErrors.slice(0, 10)) out.push(`    ${d.file}:${d.line}:${d.column} ${d.code}: ${d.message}`);
    out.push('');
  }
  let timelineShown = false;
  const failed = r.checks.filter((c) => c.status !== 'passed');
  const sameReason = r.loadProblem !== undefined || (failed.length > 1 && failed.every((c) => c.message === failed[0]!.message));
  const printed: CheckResult[] = [];
  for (const c of r.checks) {
    if (c.status === 'passed') {
      // What a passed check adds is information (lessons, notes, runs not judged); a skipped check says why it was skipped.
      out.push(c.skipped === true ? `${s.dim(checkMark(c))} ${c.title}` : `${s.ok(checkMark(c))} ${c.title}`);
      for (const d of c.details) out.push(s.dim(c.skipped === true ? `    ${d}` : `    ${MARKS.info} ${d}`));
      continue;
    }
    out.push(`${s.bad(checkMark(c))} ${c.title} ${s.dim(`[${gradeStatusWord(c)}]${c.weight === 0 ? ' (optional, no points)' : ''}`)}`);
    if (sameReason && c !== failed[0] && !verbose) continue;
    const twin = verbose ? undefined : printed.find((p) => p.message === c.message || sameRun(p, c));
    if (twin !== undefined && twin.message === c.message) {
      out.push(s.dim(`    the same failure as "${twin.title}" above`));
      continue;
    }
    const withTimeline = c.timeline !== undefined && (verbose || o.timelines === 'all' || !timelineShown);
    out.push(...failureLines(c, o, withTimeline, twin).map((l) => `    ${l}`));
    if (withTimeline) timelineShown = true;
    printed.push(c);
  }
  if (sameReason && failed.length > 1 && r.loadProblem === undefined && !verbose) out.push(s.dim(`    (every failed check above failed for the same reason)`));
  out.push('');
  const width = Math.min(96, (o.width ?? 98) - 2);
  // Printed whenever one is given: `afterCheck` has counted it as shown (an optional check's wrong answer may have one on a pass).
  if (o.nextHint !== undefined) {
    out.push(s.bold(`Hint ${o.nextHint.number}/3${o.nextHint.about !== undefined ? ` · ${o.nextHint.about}` : ''}:`), wrap(o.nextHint.text, width), s.dim(o.nextHint.followUp), '');
  }
  if (!r.passed && o.advice !== undefined) out.push(o.advice, '');
  const firstReplay = failed.find((c) => c.replay !== undefined)?.replay;
  out.push(
    ...summaryLines(r, {
      style: s,
      ...(o.width !== undefined ? { width: o.width } : {}),
      ...(o.nextHint !== undefined && !r.passed ? { hint: `hint ${o.nextHint.number}/3 is above ${o.nextHint.followUp}` } : {}),
      ...(o.next !== undefined ? { next: o.next } : {}),
      ...(firstReplay !== undefined && o.replayRef !== undefined ? { replay: `--replay ${o.replayRef(firstReplay)}` } : {}),
      ...(o.checksInExercise !== undefined ? { checksInExercise: o.checksInExercise } : {}),
    }),
  );
  return out.join('\n') + '\n';
}

/** Two failures of one scenario run with the same first wrong decision: the second needs only its own message. */
function sameRun(a: CheckResult, b: CheckResult): boolean {
  return a.replay !== undefined && a.replay === b.replay && a.firstBadDecision === b.firstBadDecision;
}

function shownToken(token: string, o: ResultTextOptions): string {
  return o.verbose === true || o.replayRef === undefined ? token : o.replayRef(token);
}

function failureLines(c: CheckResult, o: ResultTextOptions, withTimeline: boolean, twin: CheckResult | undefined): string[] {
  const s = o.style;
  const out: string[] = [c.status === 'harness-bug' ? s.warn(c.message) : c.message];
  if (c.location !== undefined) out.push(`at ${c.location}`);
  // An untouched stub: the message says what to do; a view or a scenario would only bury it.
  if (c.status === 'not-implemented' && o.verbose !== true) return out;
  for (const d of c.details) out.push(s.dim(c.info?.includes(d) === true ? `${MARKS.info} ${d}` : d));
  if (twin !== undefined) {
    out.push(s.dim(`the same run and first wrong decision as "${twin.title}" above (replay: ${shownToken(c.replay!, o)})`));
    return out;
  }
  if (c.firstBadDecision !== undefined) out.push(`${s.bold('Your first decision outside the acceptable set:')} ${c.firstBadDecision}`);
  if (c.scenario !== undefined) {
    const sc = c.scenario;
    const shrunk = sc.shrinkRuns > 0 ? ` (shrunk in ${sc.shrinkRuns} runs${sc.shrinkCapped ? ', stopped at the cap' : ''})` : '';
    out.push(`${s.bold('Scenario')}${shrunk}: ${sc.parameters}`);
    for (const line of sc.schedule) out.push(`  ${line}`);
  }
  if (c.replay !== undefined) out.push(`${s.bold('Replay exactly this run:')} ${o.replayCommand} ${shownToken(c.replay, o)}`);
  // Rows are indented by four under the check: fit them to what is left of the terminal.
  if (withTimeline && c.timeline !== undefined) out.push(s.bold('Timeline:'), ...renderTimeline(c.timeline, s, o.width === undefined ? undefined : o.width - 4));
  if (c.console !== undefined && c.console !== '') out.push(s.bold('Your code printed:'), ...c.console.trimEnd().split('\n').map((l) => `  ${l}`));
  return out;
}

function wrap(text: string, width: number): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line.length + w.length + 1 > width && line !== '') {
      lines.push(line);
      line = w;
    } else line = line === '' ? w : `${line} ${w}`;
  }
  if (line !== '') lines.push(line);
  return lines.map((l) => `  ${l}`).join('\n');
}
