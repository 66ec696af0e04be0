/**
 * A student's feedback as Markdown: their total, then per exercise every check with what broke, the
 * scenario, how to replay it, the timeline and what their code printed. Hidden checks arrive already
 * reduced to the property they judged (grading/grade/student-view.ts). Every string the student
 * controls (messages of their own errors, console output, file names) is escaped or fenced.
 */
import type { GradedCheck, PairResult, StudentGrade } from '../grading/index.ts';
import { describeLate, displayName, studentPair } from '../grading/index.ts';
import { PLAIN } from './style.ts';
import { gradeStatusWord } from './status-word.ts';
import { renderTimeline } from './timeline-text.ts';
import { WORKBOOK_COMMAND } from '../curriculum/index.ts';


/** What a failed check says, as plain text lines (shared by the Markdown, HTML, Gradescope and JUnit renderers). */
export function checkFeedbackLines(c: GradedCheck, exercise: string): string[] {
  if (c.status === 'passed') return c.details.map((d) => d);
  const out: string[] = [c.message];
  if (c.location !== undefined) out.push(`at ${c.location}`);
  out.push(...c.details);
  if (c.firstBadDecision !== undefined) out.push(`Your first decision outside the acceptable set: ${c.firstBadDecision}`);
  if (c.scenario !== undefined) {
    const shrunk = c.scenario.shrinkRuns > 0 ? ` (shrunk in ${c.scenario.shrinkRuns} runs${c.scenario.shrinkCapped ? ', stopped at the cap' : ''})` : '';
    out.push(`Scenario${shrunk}: ${c.scenario.parameters}`, ...c.scenario.schedule.map((l) => `  ${l}`));
  }
  if (c.replay !== undefined) out.push(`Replay exactly this run: ${WORKBOOK_COMMAND} check ${exercise} --replay ${c.replay}`);
  if (c.timeline !== undefined) out.push('Timeline:', ...renderTimeline(c.timeline, PLAIN).map((l) => `  ${l}`));
  return out;
}

/** Renders the feedback file of one student. */
export function renderFeedbackMarkdown(grade: StudentGrade): string {
  const out: string[] = [`# Feedback for ${inline(displayName(grade))}`, '', `**Total: ${grade.score} / ${grade.maxScore} (${grade.percent} %)**`, ''];
  const late = describeLate(grade.late);
  if (late !== undefined) out.push(`Submitted ${inline(late)}.`, '');
  if (grade.intakeWarnings !== undefined && grade.intakeWarnings.length > 0) out.push('Reading your submission:', '', ...grade.intakeWarnings.map((w) => `- ${inline(w)}`), '');
  out.push('| Exercise | Score |', '| --- | --- |');
  for (const p of grade.pairs) out.push(`| ${inline(p.title)} | ${p.score} / ${p.maxScore} |`);
  out.push('');
  for (const pair of grade.pairs.map(studentPair)) out.push(...pairSection(pair));
  return out.join('\n') + '\n';
}

function pairSection(p: PairResult): string[] {
  const out: string[] = [`## ${inline(p.title)}`, '', `Score: **${p.score} / ${p.maxScore}**${p.submitted !== null ? ` — graded file: ${code(p.submitted)}` : ''}`, ''];
  if (p.problem !== undefined) out.push(`> ${inline(p.problem)}`, '');
  if (p.typeErrors.length > 0) {
    out.push(`Type errors (${p.typeErrors.length}; shown, not scored):`, '', ...fence(p.typeErrors.slice(0, 10).map((d) => `${d.file}:${d.line}:${d.column} ${d.code}: ${d.message}`)), '');
  }
  const sameReason = p.problem !== undefined;
  for (const tier of ['public', 'hidden'] as const) {
    const checks = p.checks.filter((c) => c.tier === tier);
    if (checks.length === 0) continue;
    if (tier === 'hidden') out.push('### Hidden checks', '', 'These run scenarios you have not seen; only the property each judged is shown.', '');
    for (const c of checks) {
      const mark = c.status === 'passed' ? '✓' : '✗';
      out.push(`- ${mark} ${inline(c.title)} — ${gradeStatusWord(c)} (${c.status === 'passed' ? c.weight : 0} / ${c.weight})`);
      if (c.status === 'passed' || sameReason) continue;
      out.push('', ...fence(checkFeedbackLines(c, p.exercise)).map((l) => `  ${l}`), '');
      if (c.console !== undefined && c.console !== '') out.push('  Your code printed:', '', ...fence(c.console.trimEnd().split('\n')).map((l) => `  ${l}`), '');
    }
    out.push('');
  }
  return out;
}

/** Escapes text for Markdown inline use, HTML included (Markdown renderers pass raw HTML through). */
export function inline(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+\-.!|~])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

/** Inline code that no backtick in `text` can close early. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks} ${text.replace(/\r?\n/g, ' ')} ${ticks}`;
}

/** A fenced block longer than any backtick run inside it, so the content cannot end it. */
function fence(lines: readonly string[]): string[] {
  const body = lines.map((l) => l.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''));
  const longest = Math.max(2, ...body.flatMap((l) => (l.match(/`+/g) ?? []).map((r) => r.length)));
  const f = '`'.repeat(longest + 1);
  return [`${f}text`, ...body, f];
}
