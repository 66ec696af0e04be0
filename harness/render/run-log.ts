/**
 * A run log for the instructor: harness and Node version, the configuration (seeds, tiers, limits),
 * and per pair where it came from and what it cost. Not deterministic (durations) and not for
 * students (it names the hidden seeds).
 */
import type { GradeConfig, PairUsage, StudentGrade } from '../grading/index.ts';

export interface RunLogInfo {
  readonly harnessVersion: string;
  /** SHA-256 of the harness that graded, and per exercise id of its own content. */
  readonly harnessHash: string;
  readonly exerciseHashes: Readonly<Record<string, string>>;
  readonly nodeVersion: string;
  readonly configHash: string;
  readonly config: GradeConfig;
  readonly publicSeeds: Readonly<Record<string, { seed: number; schedules: number }>>;
  readonly sandbox: readonly string[];
  /** What isolates learner processes here, and which protection this machine could not give. */
  readonly isolation?: string;
  readonly jobs?: number;
}

export function renderRunLog(grade: StudentGrade, usage: ReadonlyMap<string, PairUsage>, info: RunLogInfo): string {
  const out: string[] = [
    `student: ${grade.student}${grade.name !== undefined && grade.name !== grade.student ? ` (submitted as ${JSON.stringify(grade.name)})` : ''}${grade.lmsId !== undefined ? `, LMS id ${grade.lmsId}` : ''}`,
    ...(grade.intakeWarnings ?? []).map((w) => `intake: ${w}`),
    ...(grade.late !== undefined ? [`submitted: ${grade.late.submittedAt}, ${grade.late.daysLate} day(s) late, penalty ${grade.late.penaltyPercent} % of ${grade.late.scoreBeforePenalty}`] : []),
    `harness: ddia-workbook ${info.harnessVersion}, sha256 ${info.harnessHash}`,
    `node: ${info.nodeVersion}`,
    `configuration: ${info.config.source} (hash ${info.configHash.slice(0, 16)})${info.config.secretSeeds ? '' : ' — hidden seeds are the built-in ones, not secret'}`,
    `limits: ${info.config.limits.cpuMsPerCall} ms CPU per call, ${info.config.limits.cpuMsPerExercise} ms CPU per exercise, ${info.config.limits.memoryMb} MB resident`,
    `learner process: node ${info.sandbox.join(' ')}`,
    ...(info.isolation !== undefined ? [`learner isolation: ${info.isolation}`] : []),
    ...(info.jobs !== undefined ? [`jobs: ${info.jobs}`] : []),
    '',
  ];
  for (const p of grade.pairs) {
    const u = usage.get(`${grade.student}/${p.exercise}`);
    const pub = info.publicSeeds[p.exercise];
    const hidden = info.config.hidden[p.exercise];
    out.push(`${p.exercise}: ${p.outcome}, ${p.score} / ${p.maxScore}${p.submitted !== null ? `, file ${p.submitted}` : ''}`);
    out.push(`  submission sha256 ${p.submissionHash}`);
    if (info.exerciseHashes[p.exercise] !== undefined) out.push(`  exercise sha256 ${info.exerciseHashes[p.exercise]}`);
    if (pub) out.push(`  public tier: seed ${pub.seed}, ${pub.schedules} schedules`);
    if (hidden) out.push(`  hidden tier: seed ${hidden.seed}, ${hidden.schedules} schedules, weight ×${hidden.weight}`);
    if (u) {
      out.push(
        u.sameAs !== undefined
          ? `  identical to ${u.sameAs}: graded once for both (in ${u.wallMs} ms: learner CPU ${u.childCpuMs} ms, harness CPU ${u.harnessCpuMs} ms)`
          : u.cached
          ? `  from the cache (first graded in ${u.wallMs} ms: learner CPU ${u.childCpuMs} ms, harness CPU ${u.harnessCpuMs} ms)`
          : `  graded in ${u.wallMs} ms: learner CPU ${u.childCpuMs} ms, harness CPU ${u.harnessCpuMs} ms, peak learner memory ${u.peakRssMb} MB, ${u.childStarts} learner process(es)${u.runs !== undefined ? `, ${u.runs.reused} of ${u.runs.reused + u.runs.simulated} scenario runs reused from recorded ones` : ''}`,
      );
    }
    for (const note of u?.notes ?? []) out.push(`  watchdog: ${note}`);
    if (p.problem !== undefined) out.push(`  problem: ${p.problem}`);
    const bad = p.checks.filter((c) => c.status !== 'passed');
    for (const c of bad) out.push(`  ✗ [${c.tier}] ${c.id}: ${c.status}${c.message ? ` — ${c.message.split('\n')[0]}` : ''}`);
  }
  return out.join('\n') + '\n';
}
