/**
 * Lessons on passed checks, information only: write latency by level (from the runs just judged),
 * and three runs of the reference rule on the same writes and the same disaster (the leader lost,
 * the others lose power) comparing asynchronous, semi-synchronous and quorum commit: what each
 * loses, and what each costs in latency.
 */
import { DEFAULT_STANDBY_TIMING, runStandbyCluster, type AckDecider, type StandbyRun, type StandbyScenario } from '../../cluster/index.ts';
import type { AckLevel, AckPolicy } from '../../exercise/index.ts';
import type { CheckContext } from '../check.ts';
import type { PassedNotes, ScenarioCheck } from '../scenario-checks.ts';
import type { JudgedAckRun } from './cluster-checks.ts';
import type { AckProperty } from './properties.ts';
import { specAckPosition } from './reference.ts';
import { WRITING_MS } from './scenarios.ts';

const COMPARED: readonly (readonly [string, AckPolicy])[] = [
  ['asynchronous (local)', { level: 'local', sync: { method: 'first', count: 1, names: [] } }],
  ['semi-synchronous (remote_flush, first 1 (n2, n3, n4, n5))', { level: 'remote_flush', sync: { method: 'first', count: 1, names: ['n2', 'n3', 'n4', 'n5'] } }],
  ['quorum commit (remote_flush, any 2 (n2, n3, n4, n5))', { level: 'remote_flush', sync: { method: 'any', count: 2, names: ['n2', 'n3', 'n4', 'n5'] } }],
];

function lessonScenario(policy: AckPolicy): StandbyScenario {
  return {
    seed: 6_021,
    members: 5,
    latency: { min: 1, max: 6 },
    loss: 0,
    duplicate: 0,
    reorder: 0,
    faults: [],
    faultPhaseMs: WRITING_MS + 200,
    keepDown: ['n1'],
    policy,
    disaster: { lost: ['n1'], powerLoss: true, at: WRITING_MS, afterNextAck: true },
    timing: DEFAULT_STANDBY_TIMING,
  };
}

const reference: AckDecider = async (policy, view) => ({ ok: true, value: specAckPosition(policy, view) });

function lostAcks(run: StandbyRun): number {
  const T = run.disasterAt ?? Infinity;
  const survivors = run.final.filter((m) => !run.scenario.disaster.lost.includes(m.id));
  return run.acks.filter((a) => a.t < T && !survivors.some((m) => m.log[a.record.lsn - 1]?.write?.id === a.record.write)).length;
}

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

export function ackLessons(ctx: CheckContext): PassedNotes<AckProperty, JudgedAckRun> {
  const latency = new Map<AckLevel, number[]>();
  const info = new Map<AckProperty, { runs: number; example: string }>();
  let observed = 0;
  return {
    observe(judged) {
      observed++;
      const { run } = judged;
      const level = run.scenario.policy.sync.names.length === 0 ? 'local' : run.scenario.policy.level;
      const T = run.disasterAt ?? Infinity;
      const xs = latency.get(level) ?? [];
      for (const op of run.history) if (op.status === 'ok' && op.completedAt !== undefined && op.completedAt < T) xs.push(op.completedAt - op.invokedAt);
      latency.set(level, xs);
      for (const v of judged.verdicts) {
        if (v.info.length === 0) continue;
        const seen = info.get(v.property);
        info.set(v.property, { runs: (seen?.runs ?? 0) + 1, example: seen?.example ?? v.info[0]! });
      }
    },
    async finish(allPassed) {
      const lessons: string[] = [];
      if (allPassed) {
        // The same writes and the same disaster (the leader lost, the others lose power) under three policies.
        for (const [label, policy] of COMPARED) {
          const run = await runStandbyCluster(lessonScenario(policy), reference, { hostYield: ctx.hostYield, trace: false });
          const xs = run.history.flatMap((op) => (op.status === 'ok' && op.completedAt !== undefined && op.completedAt < (run.disasterAt ?? Infinity) ? [op.completedAt - op.invokedAt] : []));
          lessons.push(`lesson (information): ${label} on 5 members, the leader lost while the others lose power: ${lostAcks(run)} of ${run.acks.filter((a) => a.t < (run.disasterAt ?? Infinity)).length} acknowledged writes lost; median write latency ${xs.length > 0 ? percentile(xs, 0.5) : 0} ms`);
        }
      }
      const latencies = [...latency.entries()].map(([level, xs]) => (xs.length === 0 ? `${level}: none` : `${level}: median ${percentile(xs, 0.5)} ms, p95 ${percentile(xs, 0.95)} ms`));
      return (check: ScenarioCheck<AckProperty, JudgedAckRun>) => {
        const p = check.properties[0]!;
        const noted = info.get(p);
        const lines = noted ? [`noted in ${noted.runs} of ${observed} runs (information, not a failure), e.g.: ${noted.example}`] : [];
        if (p === 'no-needless-wait' && latencies.length > 0) lines.push(`lesson (information): write latency by level in these runs, ${latencies.join('; ')}`);
        if (p === 'survives-its-failures') lines.push(...lessons);
        return lines;
      };
    },
  };
}
