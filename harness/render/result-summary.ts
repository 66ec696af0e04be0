/**
 * The last lines of every check run in the terminal: at most five, so they are what a learner sees
 * without scrolling whatever came above (timelines, views). The first failing check, its reason in one
 * line, the first wrong decision, the hint line, and what to do next; each cut to the terminal's
 * width so five lines stay five rows. A replay says how many checks it judged (only the scenario
 * checks take part in one), and never that all checks pass.
 */
import type { CheckResult } from '../curriculum/index.ts';
import type { ExerciseResult } from '../grading/index.ts';
import type { Style } from './style.ts';

export interface SummaryOptions {
  readonly style: Style;
  /** The terminal's columns: every line is cut to fit (no cut without). */
  readonly width?: number;
  /** The hint line: where the hint printed above is and how to get the next one. */
  readonly hint?: string;
  /** What to do next, in the caller's words (check: run again; watch: save again). */
  readonly next?: string;
  /** How to run just the first failing scenario again (`--replay last`). */
  readonly replay?: string;
  /** Every check of the exercise, for a replay's result (which judges only the scenario checks). */
  readonly checksInExercise?: number;
}

/** The summary block, at most five lines, without a trailing newline. */
export function summaryLines(r: ExerciseResult, o: SummaryOptions): string[] {
  const s = o.style;
  const cut = (text: string): string => (o.width === undefined || text.length <= o.width ? text : `${text.slice(0, Math.max(1, o.width - 1))}…`);
  // A skipped check passed without being judged: it is counted apart, never as a pass.
  const skipped = r.checks.filter((c) => c.status === 'passed' && c.skipped === true).length;
  const passed = r.checks.filter((c) => c.status === 'passed').length - skipped;
  const counts = `${passed}/${r.checks.length} checks passed${skipped > 0 ? `, ${skipped} skipped` : ''}, score ${r.score}/${r.maxScore}`;
  const failed = r.checks.filter((c) => c.status !== 'passed');
  const first = failed.find((c) => c.weight > 0) ?? failed[0];
  const lines: string[] = [];
  if (r.replayed === true) {
    const of = o.checksInExercise ?? r.checks.length;
    const judged = `Replay of one run: ${r.checks.length} of ${of} checks judged (the scenario checks)`;
    if (first !== undefined) lines.push(s.bad(cut(`✗ ${judged}, ${failed.length} failed: ${first.title}`)));
    else if (r.typeErrors.length > 0) lines.push(s.bad(cut(`✗ ${judged}: ${passed} passed${skipped > 0 ? `, ${skipped} skipped` : ''}, but the file has type errors`)));
    else lines.push(s.ok(cut(`✓ ${judged}: ${passed} passed${skipped > 0 ? `, ${skipped} skipped` : ''}.`)));
  } else if (r.passed) {
    lines.push(s.ok(cut(passed === r.checks.length ? `All checks pass. ${counts}.` : `Every required check passes. ${counts} (the rest are optional or skipped).`)));
  } else if (first === undefined) {
    lines.push(s.bad(cut(`✗ ${counts}, but the file has type errors`)));
    const t = r.typeErrors[0];
    if (t !== undefined) lines.push(cut(`  first: ${t.file}:${t.line}:${t.column} ${t.code}: ${t.message}`));
  } else lines.push(s.bad(cut(`✗ ${counts}. First failing: ${first.title}`)));
  if (first !== undefined) {
    lines.push(cut(`  ${reasonOf(r, first)}`));
    // A decision check's message is the wrong decision itself; the first one of a run may be another check's.
    const decided = first.firstBadDecision !== undefined ? first : failed.find((c) => c.firstBadDecision !== undefined);
    if (decided !== undefined) {
      lines.push(s.bold(cut(`  first wrong decision: ${decided.firstBadDecision!}`)));
    }
  }
  if (!r.passed || r.replayed === true) {
    if (o.hint !== undefined) lines.push(cut(`  ${o.hint}`));
    const next = nextStep(r, first, failed.some((c) => c.replay !== undefined), o);
    if (next !== undefined) lines.push(s.dim(cut(`  next: ${next}`)));
  }
  return lines.slice(0, 5);
}

/** The check's reason as one line: the first line of its message (or why the file could not run). */
function reasonOf(r: ExerciseResult, c: CheckResult): string {
  const text = r.loadProblem ?? c.message;
  return text.split('\n')[0]!.trim();
}

function nextStep(r: ExerciseResult, first: CheckResult | undefined, replayable: boolean, o: SummaryOptions): string | undefined {
  if (r.replayed === true) return `fix your file and replay again, then check all ${o.checksInExercise ?? r.checks.length} without --replay`;
  if (first?.status === 'not-implemented') return `replace each TODO(human) in ${r.file.split('/').pop()!}, ${o.next ?? 'then check again'}`;
  const replay = o.replay !== undefined && replayable ? ` · only the failing run: add ${o.replay}` : '';
  return `${o.next ?? 'fix your file and check again'}${replay}`;
}
