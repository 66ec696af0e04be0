/**
 * An exercise result as text for the terminal: what passed, and for each failure what was expected,
 * what happened, in which scenario, how to replay it, a timeline, and what to try next.
 */
import type { CheckResult } from '../curriculum/index.ts';
import type { ExerciseResult } from '../grading/index.ts';
import type { Style } from './style.ts';
import { checkMark, gradeStatusWord, MARKS } from './status-word.ts';
import { renderTimeline } from './timeline-text.ts';

export interface ResultTextOptions {
  readonly style: Style;
  /** The command that replays a token, e.g. `npx workbook check failover-coordinator --replay`. */
  readonly replayCommand: string;
  /** The hint to show after a failure, if any: its level, text, the check it is for, and the line saying how to go on. */
  readonly nextHint?: { readonly number: number; readonly text: string; readonly followUp: string; readonly about?: string };
  /** Short advice instead of a hint, when the code gave no answer to judge (it does not compile, hangs, …). */
  readonly advice?: string;
  /** Show a timeline for at most this many failed checks (they are long). */
  readonly timelines?: number;
}

export function renderResultText(r: ExerciseResult, o: ResultTextOptions): string {
  const s = o.style;
  const out: string[] = [s.bold(`${r.exercise}: ${r.title}`), s.dim(`checking ${r.file}`), ''];
  if (r.loadProblem !== undefined) out.push(s.bad(`✗ ${r.loadProblem}`), '');
  const ownTypeErrors = r.typeErrors;
  if (ownTypeErrors.length > 0) {
    out.push(s.bad(`✗ type errors (${ownTypeErrors.length}):`));
    for (const d of ownTypeErrors.slice(0, 10)) out.push(`    ${d.file}:${d.line}:${d.column} ${d.code}: ${d.message}`);
    out.push('');
  }
  let timelinesLeft = o.timelines ?? 1;
  const failed = r.checks.filter((c) => c.status !== 'passed');
  const sameReason = r.loadProblem !== undefined || (failed.length > 1 && failed.every((c) => c.message === failed[0]!.message));
  for (const c of r.checks) {
    if (c.status === 'passed') {
      // What a passed check adds is information (lessons, notes, runs not judged); a skipped check says why it was skipped.
      out.push(c.skipped === true ? `${s.dim(checkMark(c))} ${c.title}` : `${s.ok(checkMark(c))} ${c.title}`);
      for (const d of c.details) out.push(s.dim(c.skipped === true ? `    ${d}` : `    ${MARKS.info} ${d}`));
      continue;
    }
    out.push(`${s.bad(checkMark(c))} ${c.title} ${s.dim(`[${gradeStatusWord(c)}]${c.weight === 0 ? ' (optional, no points)' : ''}`)}`);
    if (sameReason && c !== failed[0]) continue;
    out.push(...failureLines(c, o, timelinesLeft > 0).map((l) => `    ${l}`));
    if (c.timeline !== undefined) timelinesLeft--;
  }
  if (sameReason && failed.length > 1 && r.loadProblem === undefined) out.push(s.dim(`    (every failed check above failed for the same reason)`));
  out.push('');
  const passed = r.checks.filter((c) => c.status === 'passed').length;
  const summary = `${passed}/${r.checks.length} checks passed, score ${r.score}/${r.maxScore}`;
  if (r.passed) {
    out.push(s.ok(passed === r.checks.length ? `All checks pass. ${summary}.` : `Every required check passes. ${summary} (the rest are optional).`));
  } else {
    out.push(s.bad(summary + (r.typeErrors.length > 0 && passed === r.checks.length ? ', but the file has type errors' : '')));
    if (o.nextHint !== undefined) out.push('', s.bold(`Hint ${o.nextHint.number}/3${o.nextHint.about !== undefined ? ` · ${o.nextHint.about}` : ''}:`), wrap(o.nextHint.text, 96), s.dim(o.nextHint.followUp));
    if (o.advice !== undefined) out.push('', o.advice);
  }
  return out.join('\n') + '\n';
}

function failureLines(c: CheckResult, o: ResultTextOptions, withTimeline: boolean): string[] {
  const s = o.style;
  const out: string[] = [c.status === 'harness-bug' ? s.warn(c.message) : c.message];
  if (c.location !== undefined) out.push(`at ${c.location}`);
  for (const d of c.details) out.push(s.dim(c.info?.includes(d) === true ? `${MARKS.info} ${d}` : d));
  if (c.firstBadDecision !== undefined) out.push(`${s.bold('Your first decision outside the acceptable set:')} ${c.firstBadDecision}`);
  if (c.scenario !== undefined) {
    const sc = c.scenario;
    const shrunk = sc.shrinkRuns > 0 ? ` (shrunk in ${sc.shrinkRuns} runs${sc.shrinkCapped ? ', stopped at the cap' : ''})` : '';
    out.push(`${s.bold('Scenario')}${shrunk}: ${sc.parameters}`);
    for (const line of sc.schedule) out.push(`  ${line}`);
  }
  if (c.replay !== undefined) out.push(`${s.bold('Replay exactly this run:')} ${o.replayCommand} ${c.replay}`);
  if (withTimeline && c.timeline !== undefined) out.push(s.bold('Timeline:'), ...renderTimeline(c.timeline, s));
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
