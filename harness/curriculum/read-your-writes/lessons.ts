/**
 * Design §D.7's lesson, 3.4's spectrum, information only: the learner's runs beside the same
 * scenarios under two harness-owned policies, "any follower" (eventual consistency: any reachable
 * follower, every reply shown) and "leader only": how many reads missed the reader's own write and
 * how many went to the leader.
 */
import { checkReadsYourWrites } from '../../checkers/index.ts';
import { runSessionCluster, type SessionPolicy, type SessionRun, type SessionScenario } from '../../cluster/index.ts';
import type { ReplicaStatus } from '../../exercise/index.ts';
import type { CheckContext } from '../check.ts';
import type { PassedNotes } from '../scenario-checks.ts';
import { sessionOps } from '../workloads/replica-reads/index.ts';
import type { JudgedRywRun, RywProperty } from './cluster-checks.ts';

const LESSON_RUNS = 2;
const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
const leaderOf = (replicas: readonly ReplicaStatus[]): string | null => replicas.find((r) => r.role === 'leader')?.id ?? null;

const ANY_FOLLOWER: SessionPolicy = {
  start: {},
  sessionKey: (user) => ok(user),
  afterWrite: (s) => ok(s),
  chooseReplica: (_s, _r, replicas) => ok(replicas.find((r) => r.role === 'follower' && r.reachable)?.id ?? leaderOf(replicas)),
  acceptsReply: () => ok(true),
};
const LEADER_ONLY: SessionPolicy = { ...ANY_FOLLOWER, chooseReplica: (_s, _r, replicas) => ok(leaderOf(replicas)) };

interface Tally {
  reads: number;
  missed: number;
  onLeader: number;
}

/** Reads shown, reads that missed their reader's own write (one per read at most), reads the leader answered. */
function tally(run: SessionRun, into: Tally): void {
  const ops = sessionOps(run);
  let rest = ops;
  for (;;) {
    const v = checkReadsYourWrites('ryw', rest);
    if (v.ok) break;
    into.missed++;
    const t = v.events[1]!.t;
    const node = v.events[1]!.node;
    rest = rest.filter((o) => !(o.kind === 'read' && o.invokedAt === t && `${o.user}${o.device}` === node));
  }
  const leaders = new Set<string>();
  for (const e of run.notes) if (e.kind === 'note' && e.name === 'leader-belief') leaders.add(String((e.data as { leader: string | null }).leader));
  for (const o of ops)
    if (o.kind === 'read' && o.outcome === 'ok') {
      into.reads++;
      if (o.replica !== undefined && leaders.has(o.replica)) into.onLeader++;
    }
}

const pct = (n: number, of: number): string => `${of === 0 ? 0 : Math.round((100 * n) / of)} %`;
const line = (label: string, t: Tally): string => `${label}: ${t.missed} of ${t.reads} reads missed the reader's own write, ${pct(t.onLeader, t.reads)} answered by the leader`;

export function rywLessons(ctx: CheckContext): PassedNotes<RywProperty, JudgedRywRun> {
  const scenarios: SessionScenario[] = [];
  const yours: Tally = { reads: 0, missed: 0, onLeader: 0 };
  return {
    observe(judged) {
      if (scenarios.length >= LESSON_RUNS) return;
      scenarios.push(judged.run.scenario);
      tally(judged.run, yours);
    },
    async finish(allPassed) {
      if (!allPassed || scenarios.length === 0) return () => [];
      const eventual: Tally = { reads: 0, missed: 0, onLeader: 0 };
      const leader: Tally = { reads: 0, missed: 0, onLeader: 0 };
      for (const s of scenarios) {
        tally(await runSessionCluster(s, ANY_FOLLOWER, { hostYield: ctx.hostYield, trace: false }), eventual);
        tally(await runSessionCluster(s, LEADER_ONLY, { hostYield: ctx.hostYield, trace: false }), leader);
      }
      const lesson = `lesson (information, not a failure): the same ${scenarios.length} runs three ways — ${line('any follower (eventual)', eventual)}; ${line('yours', yours)}; ${line('leader only', leader)}`;
      return (check) => (check.properties.includes('reads-your-writes') ? [lesson] : []);
    },
  };
}
