/**
 * A course's workflow: per-exercise points (scaled after the cache, so changing them regrades
 * nothing), cache keys from each exercise's own slice of the configuration, `--student` /
 * `--exercise` scoping `--force`, `regrade-diff.csv` against the gradebook a run replaces, and
 * `summary.html` (offline, the report's CSP, failure table, statistics, histogram, identical groups).
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExercise } from '../../harness/curriculum/index.ts';
import { applyLatePolicy, daysLate, parseLatePolicy, declaredMaxScore, exerciseConfigHash, parseCsv, parseGradeConfig, pointsFactor, scalePair, studentGrade, type GradedCheck, type PairResult } from '../../harness/grading/index.ts';
import { classStats, histogramBins, REPORT_CSP, renderClassSummary, renderGradescopeResults, renderRegradeDiff } from '../../harness/render/index.ts';
import { workbook, type WorkbookRun } from '../cli/run-workbook.ts';
import { CLASS, CLASS_CONFIG } from './grade-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'ddia-course-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FAILOVER = findExercise('failover-coordinator')!;

function check(over: Partial<GradedCheck>): GradedCheck {
  return { id: 'c', title: 'A check', weight: 1, status: 'passed', message: '', details: [], tier: 'public', ...over };
}

function pair(exercise: string, checks: GradedCheck[], over: Partial<PairResult> = {}): PairResult {
  const score = checks.reduce((s, c) => s + (c.status === 'passed' ? c.weight : 0), 0);
  return { student: 's', exercise, title: exercise, outcome: 'graded', submitted: 'x.ts', submissionHash: 'h', typeErrors: [], checks, score, maxScore: checks.reduce((s, c) => s + c.weight, 0), ...over };
}

describe('points', () => {
  it('scales an exercise to its points from the declared weights, and refuses bad values', () => {
    const config = parseGradeConfig({ exercises: ['failover-coordinator'], hidden: { 'failover-coordinator': { seed: 1, schedules: 10, weight: 1 } }, points: { 'failover-coordinator': 10 } }, 'c');
    expect(declaredMaxScore(FAILOVER, config)).toBe(25);
    expect(pointsFactor(FAILOVER, config)).toBe(0.4);
    const p = scalePair(pair('failover-coordinator', [check({ id: 'a', weight: 2 }), check({ id: 'b', weight: 3, status: 'failed' })]), 0.4);
    expect(p.checks.map((c) => c.weight)).toEqual([0.8, 1.2]);
    expect([p.score, p.maxScore]).toEqual([0.8, 2]);
    expect(() => parseGradeConfig({ points: { 'failover-coordinator': 0 } }, 'c')).toThrow('"points.failover-coordinator" must be a number above 0');
    expect(() => parseGradeConfig({ points: { nope: 1 } }, 'c')).toThrow('"points.nope": no exercise named "nope"');
  });

  it('keys the cache on each exercise’s own slice of the configuration', () => {
    const base = { hidden: { 'failover-coordinator': { seed: 1, schedules: 10, weight: 1 } } };
    const a = parseGradeConfig(base, 'a');
    const otherTier = parseGradeConfig({ ...base, exercises: ['failover-coordinator'] }, 'b');
    const otherPoints = parseGradeConfig({ ...base, points: { 'failover-coordinator': 5 } }, 'c');
    const otherSeed = parseGradeConfig({ hidden: { 'failover-coordinator': { seed: 2, schedules: 10, weight: 1 } } }, 'd');
    expect(exerciseConfigHash(otherTier, 'failover-coordinator')).toBe(exerciseConfigHash(a, 'failover-coordinator'));
    expect(exerciseConfigHash(otherPoints, 'failover-coordinator')).toBe(exerciseConfigHash(a, 'failover-coordinator'));
    expect(exerciseConfigHash(otherSeed, 'failover-coordinator')).not.toBe(exerciseConfigHash(a, 'failover-coordinator'));
    expect(exerciseConfigHash(otherSeed, 'vector-clock')).toBe(exerciseConfigHash(a, 'vector-clock'));
  });
});

describe('late policy', () => {
  const fail = (m: string): never => {
    throw new Error(m);
  };
  const policy = parseLatePolicy({ deadline: '2026-03-01T23:59:00-08:00', penaltyPerDay: 10, graceDays: 1, maxDaysLate: 5 }, fail)!;

  it('counts each started day after the deadline, forgives the grace days, and stops at maxDaysLate', () => {
    expect(daysLate(policy, '2026-03-01T23:00:00-08:00')).toBe(0);
    expect(daysLate(policy, '2026-03-02T00:00:00-08:00')).toBe(1);
    expect(daysLate(policy, '2026-03-04T00:00:00-08:00')).toBe(3);
    const g = studentGrade('s', [pair('failover-coordinator', [check({ weight: 20 })])]);
    expect(applyLatePolicy(g, policy, '2026-03-02T00:00:00-08:00')).toMatchObject({ score: 20, late: { daysLate: 1, penaltyPercent: 0 } });
    expect(applyLatePolicy(g, policy, '2026-03-04T00:00:00-08:00')).toMatchObject({ score: 16, percent: 80, late: { daysLate: 3, penaltyPercent: 20, scoreBeforePenalty: 20 } });
    expect(applyLatePolicy(g, policy, '2026-03-08T00:00:00-08:00')).toMatchObject({ score: 0, late: { daysLate: 7, penaltyPercent: 100 } });
    expect(() => parseLatePolicy({ deadline: 'soon', penaltyPerDay: 10 }, fail)).toThrow('"late.deadline" must be a date and time');
    expect(() => parseLatePolicy({ deadline: '2026-03-01', penaltyPerDay: 120 }, fail)).toThrow('"late.penaltyPerDay" must be a percentage from 0 to 100');
  });

  it('tells a Gradescope student the penalty, never the total it was taken from', () => {
    const g = applyLatePolicy(studentGrade('s', [pair('failover-coordinator', [check({ weight: 20 }), check({ id: 'hidden:x', tier: 'hidden', weight: 5, status: 'failed' })])]), policy, '2026-03-04T00:00:00-08:00');
    const r = JSON.parse(renderGradescopeResults(g)) as { score: number; output: string };
    expect(r.score).toBe(16);
    expect(r.output).toContain('Late policy: 3 days late: −20 % of your score.');
    // The visible output shows the public 20 / 20; neither the total with the hidden check (25) nor what is left of it (16).
    expect(r.output).not.toMatch(/\b(16|25)\b/);
  });
});

describe('regrade diff and class summary', () => {
  const alice = studentGrade('alice', [pair('failover-coordinator', [check({ id: 'a' }), check({ id: 'b' })], { submissionHash: 'same' })], { name: 'Alice <b>' });
  const bob = studentGrade('bob', [pair('failover-coordinator', [check({ id: 'a' }), check({ id: 'b', status: 'failed' })], { submissionHash: 'same' })]);
  const carol = studentGrade('carol', [pair('failover-coordinator', [check({ id: 'a', status: 'timed-out' }), check({ id: 'b', status: 'failed' })])]);

  it('lists the pairs whose score moved, with the checks that flipped', () => {
    const bobBefore = studentGrade('bob', [pair('failover-coordinator', [check({ id: 'a' }), check({ id: 'b' })])]);
    const rows = parseCsv(renderRegradeDiff([alice, bobBefore, studentGrade('gone', [pair('failover-coordinator', [check({})])])], [alice, bob, carol]));
    expect(rows).toEqual([
      ['student', 'name', 'exercise', 'old', 'new', 'change', 'checks'],
      ['bob', 'bob', 'failover-coordinator', '2', '1', '-1', 'fails now: b'],
      ['carol', 'carol', 'failover-coordinator', '', '0', 'new', ''],
      ['gone', 'gone', 'failover-coordinator', '1', '', 'gone', ''],
    ]);
  });

  it('renders an offline page: counts, statistics, histogram, the checks most fail, identical submissions', () => {
    const html = renderClassSummary({ students: [alice, bob, carol], exercises: ['failover-coordinator'], missing: [{ lmsId: '9', name: 'Zoë' }] });
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP.replace(/'/g, '&#39;')}">`);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).not.toContain('<script');
    expect(classStats([alice, bob, carol], 'failover-coordinator')).toEqual({ mean: 1, median: 1, max: 2 });
    expect(histogramBins([0, 50, 100, 100, 99.5])).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 3]);
    expect(html).toContain('<svg');
    // b fails for two students, a for one: b first.
    expect(html.indexOf('<td>failover-coordinator</td><td>A check</td><td class="n">2</td>')).toBeGreaterThan(0);
    expect(html).toContain('<tr><td>timed out (a check or the load)</td><td class="n">1</td></tr>');
    expect(html).toContain('<tr><td>roster students without a submission</td><td class="n">1</td></tr>');
    expect(html).toContain('Alice &lt;b&gt;, bob');
    expect(html).not.toContain('<b>');
  });
});

describe('workbook grade: a scoped --force, points and the regrade diff, end to end', () => {
  let classDir: string;
  let out: string;
  let first: WorkbookRun;
  let second: WorkbookRun;
  const config = join(dir, 'grading.json');

  beforeAll(async () => {
    classDir = join(dir, 'class');
    mkdirSync(classDir);
    for (const s of ['alice-correct', 'carol-partial']) cpSync(join(CLASS, s), join(classDir, s), { recursive: true });
    cpSync(join(CLASS, 'alice-correct'), join(classDir, 'alice-twin'), { recursive: true });
    const base = JSON.parse(readFileSync(CLASS_CONFIG, 'utf8')) as Record<string, unknown>;
    writeFileSync(config, JSON.stringify(base));
    out = join(dir, 'out');
    first = await workbook(['grade', classDir, '--out', out, '--config', config, '--jobs', '2', '--export-for-moss', join(dir, 'moss')]);
    writeFileSync(config, JSON.stringify({ ...base, points: { 'failover-coordinator': 10 }, late: { deadline: '2026-03-01T00:00:00Z', penaltyPerDay: 10, graceDays: 1 } }));
    const times = join(dir, 'times.csv');
    writeFileSync(times, 'student,submitted_at\nalice-correct,2026-02-28T10:00:00Z\ncarol-partial,2026-03-03T12:00:00Z\n');
    second = await workbook(['grade', classDir, '--out', out, '--config', config, '--jobs', '2', '--force', '--student', 'carol-partial', '--times', times]);
  }, 600_000);

  it('regrades only the scoped student; new points rescale every pair from the cache', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain('3 pairs: 1 graded, 2 from the cache');
    const rows = parseCsv(readFileSync(join(out, 'gradebook.csv'), 'utf8'));
    expect(rows.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual([
      ['alice-correct', '10', '10'],
      ['alice-twin', '10', '10'],
      ['carol-partial', '6.4', '10'],
    ]);
  });

  it('applies the late policy to totals from --times: grace day first, then 10 % a day', () => {
    const rows = parseCsv(readFileSync(join(out, 'gradebook.csv'), 'utf8'));
    expect(rows.slice(1).map((r) => [r[0], r[2], r[4], r[5]])).toEqual([
      ['alice-correct', '10', '100', ''],
      ['alice-twin', '10', '100', ''],
      ['carol-partial', '5.12', '51.2', '3 days late: −20 % (6.4 before the penalty)'],
    ]);
    expect(second.stderr).toContain('no submission time for alice-twin');
    const feedback = readFileSync(join(out, 'students', 'carol-partial', 'feedback.md'), 'utf8');
    expect(feedback).toContain('**Total: 5.12 / 10 (51.2 %)**');
    expect(feedback).toContain('Submitted 3 days late: −20 % \\(6\\.4 before the penalty\\).');
  });

  it('writes regrade-diff.csv against the gradebook it replaced', () => {
    expect(parseCsv(readFileSync(join(out, 'regrade-diff.csv'), 'utf8')).map((r) => r.slice(0, 6))).toEqual([
      ['student', 'name', 'exercise', 'old', 'new', 'change'],
      ['alice-correct', 'alice-correct', 'failover-coordinator', '25', '10', '-15'],
      ['alice-twin', 'alice-twin', 'failover-coordinator', '25', '10', '-15'],
      ['carol-partial', 'carol-partial', 'failover-coordinator', '16', '6.4', '-9.6'],
    ]);
  });

  it('writes summary.html with the identical pair of submissions', () => {
    const html = readFileSync(join(out, 'summary.html'), 'utf8');
    expect(html).toContain('alice-correct, alice-twin');
    expect(html).toContain('Class summary: 3 submissions');
  });

  it('grades the twins once, lists them in similarity.csv and exports the class for MOSS', () => {
    expect(first.stderr).toContain('3 pairs: 2 graded, 0 from the cache, 1 copied from an identical submission');
    const rows = parseCsv(readFileSync(join(out, 'similarity.csv'), 'utf8'));
    expect(rows[0]).toEqual(['exercise', 'student_a', 'name_a', 'student_b', 'name_b', 'similarity_percent', 'shared_windows']);
    expect(rows[1]!.slice(0, 6)).toEqual(['failover-coordinator', 'alice-correct', 'alice-correct', 'alice-twin', 'alice-twin', '100']);
    expect(readFileSync(join(out, 'summary.html'), 'utf8')).toContain('<h2>Similar submissions</h2>');
    const moss = join(dir, 'moss', 'failover-coordinator');
    expect(readdirSync(join(moss, 'submissions')).sort()).toEqual(['alice-correct', 'alice-twin', 'carol-partial']);
    expect(readdirSync(join(moss, 'base'))).toEqual(['failover-coordinator.ts']);
  });

  it('refuses --student without --force, and a student or exercise that is not there', async () => {
    expect((await workbook(['grade', classDir, '--out', out, '--student', 'carol-partial'])).stderr).toContain('add --force');
    expect((await workbook(['grade', classDir, '--out', out, '--force', '--student', 'nobody'])).stderr).toContain('--student nobody: no submission');
    expect((await workbook(['grade', classDir, '--out', out, '--config', config, '--force', '--exercise', 'vector-clock'])).stderr).toContain('--exercise vector-clock: not an exercise this configuration grades');
  });
});
