/**
 * A `LearnerPort` whose learner side is a locked-down child process (see child-transport.ts). Used to
 * grade submissions: the student's process only answers questions; the simulator, the checks and every
 * hidden parameter stay in this process.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { harnessError } from '../errors.ts';
import type { AnswerBudgets } from './answer-budget.ts';
import { childIsolation, othersCanRead } from './child-isolation.ts';
import { CPU_LIMIT_REASON, DEFAULT_CHILD_LIMITS, startChildTransport, type ChildLimits, type ChildTransport } from './child-transport.ts';
import type { CallOptions, LearnerAnswer, LearnerCallContext, LearnerPort, LoadProblem } from './learner-port.ts';
import { packageRoot } from './package-root.ts';
import { PortSession } from './port-session.ts';

export interface ChildPortOptions {
  /** The learner module as produced by the transpiler. */
  readonly code: string;
  /** The learner file as errors should name it. */
  readonly filename: string;
  readonly limits?: Partial<ChildLimits>;
  /**
   * CPU time all the children of this port may use together (one submission × one exercise). Past it,
   * the child is killed and every later call fails at once: a process-level kill fails the checks still pending.
   */
  readonly budgetCpuMs?: number;
  /** Answer budgets by export name; the worker port takes the same map, so `check` and `grade` agree. */
  readonly answerBudgets?: AnswerBudgets;
  /** The wall-clock backstop of one request (default: 10× the CPU limit, at least 10 s). */
  readonly backstopMs?: number;
  /** Told each child's process group when it starts (for a watchdog above this port). */
  readonly onChildStart?: (pid: number) => void;
}

/** What a port's children used, for the run log. */
export interface ChildPortUsage {
  readonly cpuMs: number;
  readonly peakRssMb: number;
  /** Child processes started (1 + restarts after a timeout or a crash). */
  readonly starts: number;
}

export interface ChildPort extends LearnerPort {
  readonly limits: ChildLimits;
  usage(): ChildPortUsage;
}

/**
 * Creates a port over child processes. A call past its CPU limit answers `timed-out` (with the CPU
 * limit as `limitMs`); a child killed for memory, an exit or a malformed message answers `crashed`
 * with that reason; the next call starts a fresh child, as the worker port does. Wall-clock limits
 * remain only as a backstop (10× the CPU limit, at least 10 s) against a child blocked without using
 * CPU, counted from each request to its answer whatever the child reports in between.
 */
export function createChildPort(options: ChildPortOptions): ChildPort {
  const limits: ChildLimits = { ...DEFAULT_CHILD_LIMITS, ...options.limits };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value <= 0) throw harnessError('ERR_INVALID_OPTION', `createChildPort: limits.${name} must be a positive number, got ${value}`);
  }
  const budget = options.budgetCpuMs ?? Infinity;
  const root = packageRoot();
  const hostFile = join(root, 'dist', 'learner-host.js');
  const exerciseFile = join(root, 'dist', 'exercise.js');
  if (!existsSync(hostFile)) throw harnessError('ERR_LEARNER_HOST_MISSING', `${hostFile} is missing: run \`npm run build\` first`);
  const user = childIsolation().user;
  if (user !== undefined && ![hostFile, exerciseFile].every(othersCanRead)) {
    throw harnessError('ERR_LEARNER_HOST_UNREADABLE', `learner processes run as ${user.name}, who cannot read ${hostFile} or ${exerciseFile}: make the workbook folder readable by others (chmod o+rX)`);
  }
  // The child runs this same Node binary; one in a private folder (mktemp -d is 0700) exits with 126.
  if (user !== undefined && !othersCanRead(process.execPath)) {
    throw harnessError('ERR_LEARNER_HOST_UNREADABLE', `learner processes run as ${user.name}, who cannot run ${process.execPath}: make the folders above it readable by others (chmod o+rX)`);
  }

  let finishedCpu = 0;
  let peakRssMb = 0;
  let starts = 0;
  let live: ChildTransport | undefined;
  // Checked before every call: the transport's reading, at most a poll interval old, not a /proc read each time.
  const spent = (fresh = false): number => finishedCpu + (live?.cpuMs(fresh) ?? 0);
  const backstopMs = options.backstopMs ?? Math.max(10_000, limits.cpuMsPerRequest * 10);

  const session = new PortSession({
    code: options.code,
    filename: options.filename,
    callTimeoutMs: backstopMs,
    loadTimeoutMs: backstopMs,
    wallBackstopMs: backstopMs,
    ...(options.answerBudgets !== undefined ? { answerBudgets: options.answerBudgets } : {}),
    startTransport: (events) => {
      starts++;
      let transport: ChildTransport | undefined = undefined;
      const started = startChildTransport(
        {
          hostFile,
          readable: [exerciseFile],
          limits,
          onCpuUsed: (ms) => {
            finishedCpu += ms;
            if (live === transport) live = undefined;
          },
          onRss: (mb) => (peakRssMb = Math.max(peakRssMb, mb)),
          ...(options.onChildStart !== undefined ? { onStart: options.onChildStart } : {}),
        },
        events,
      );
      transport = started;
      live = started;
      return started;
    },
  });

  const overBudget = (): LearnerAnswer => ({
    kind: 'crashed',
    reason: `${CPU_LIMIT_REASON}: the submission used its whole CPU budget for this exercise (${Math.round(budget)} ms); the checks still pending were not run`,
  });

  return {
    limits,
    usage: () => ({ cpuMs: spent(true), peakRssMb: Math.round(peakRssMb * 10) / 10, starts }),
    async load(required): Promise<{ ok: true } | { ok: false; problem: LoadProblem }> {
      if (spent() > budget) return { ok: false, problem: { kind: 'crashed', reason: (overBudget() as { reason: string }).reason } };
      const loaded = await session.load(required);
      if (!loaded.ok && loaded.problem.kind === 'crashed' && isCpuKill(loaded.problem.reason)) {
        return { ok: false, problem: { kind: 'timed-out', limitMs: limits.cpuMsPerRequest } };
      }
      return loaded;
    },
    async call(fn: string, args: readonly unknown[], ctx: LearnerCallContext, options?: CallOptions): Promise<LearnerAnswer> {
      if (spent() > budget) return overBudget();
      const answer = await session.call(fn, args, ctx, options);
      if (answer.kind === 'crashed' && isCpuKill(answer.reason)) {
        return spent() > budget ? overBudget() : { kind: 'timed-out', limitMs: limits.cpuMsPerRequest };
      }
      return answer;
    },
    close: () => session.close(),
  };
}

function isCpuKill(reason: string): boolean {
  return reason.startsWith(`${CPU_LIMIT_REASON}: used more than`) || reason.includes(`${CPU_LIMIT_REASON}: the learner process used up`);
}
