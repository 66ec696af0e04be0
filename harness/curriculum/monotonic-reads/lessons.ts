/**
 * Design §E.7's lessons, information only. Placement, without runs: which users a change of read
 * followers re-homes under `hash(user) % n` and under rendezvous hashing, the proxy's assignment.
 * Rollback, from harness-owned runs: what asynchronous replication and a lossy failover do to users
 * who were shown the lost writes.
 */
import { rendezvousHome, runSessionCluster, type SessionPolicy, type SessionRun } from '../../cluster/index.ts';
import type { ReplicaStatus } from '../../exercise/index.ts';
import type { CheckContext } from '../check.ts';
import type { PassedNotes } from '../scenario-checks.ts';
import { sessionOps } from '../workloads/replica-reads/index.ts';
import type { JudgedMonotonicRun, MonotonicProperty } from './cluster-checks.ts';
import { buildRollbackScenario, READ_FOLLOWERS } from './scenarios.ts';

const USERS = Array.from({ length: 60 }, (_, i) => `u${i + 1}`);

function modHome(user: string, followers: readonly string[]): string {
  let h = 0;
  for (let i = 0; i < user.length; i++) h = (h * 31 + user.charCodeAt(i)) >>> 0;
  return followers[h % followers.length]!;
}

const moved = (home: (u: string, f: readonly string[]) => string | undefined, before: readonly string[], after: readonly string[]): number => USERS.filter((u) => home(u, before) !== home(u, after)).length;

export function placementLesson(): PassedNotes<MonotonicProperty, JudgedMonotonicRun> {
  return {
    observe() {},
    async finish(allPassed) {
      if (!allPassed) return () => [];
      const without = READ_FOLLOWERS.slice(1);
      const more = [...READ_FOLLOWERS, 'n7'];
      const lesson = `lesson (information, not a failure): of ${USERS.length} users on ${READ_FOLLOWERS.join(', ')}, decommissioning ${READ_FOLLOWERS[0]} re-homes ${moved(modHome, READ_FOLLOWERS, without)} under hash(user) % n and ${moved(rendezvousHome, READ_FOLLOWERS, without)} under rendezvous hashing; adding n7 re-homes ${moved(modHome, READ_FOLLOWERS, more)} and ${moved(rendezvousHome, READ_FOLLOWERS, more)}. Every re-homed user's next read meets a follower that may be behind what they saw, which acceptsReply must refuse`;
      return (check) => (check.properties.includes('stays-home') ? [lesson] : []);
    },
  };
}

const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
type Seen = { seenLsn: number };
const followerFirst = (home: string | undefined, replicas: readonly ReplicaStatus[], fine: (r: ReplicaStatus) => boolean): string | null =>
  replicas.find((r) => r.id === home && fine(r))?.id ?? replicas.find(fine)?.id ?? replicas.find((r) => r.role === 'leader')?.id ?? null;
/** "Any follower": home when reachable, else any reachable follower, every reply shown. */
const ANY_FOLLOWER: SessionPolicy = {
  start: { seenLsn: 0 },
  sessionKey: (user) => ok(user),
  chooseReplica: (_s, read, replicas) => ok(followerFirst(read.home, replicas, (r) => r.role === 'follower' && r.reachable)),
  acceptsReply: () => ok(true),
  afterRead: (s) => ok(s),
};
/** The position token of the reference solution: the highest applied position shown. */
const POSITION_TOKEN: SessionPolicy = {
  ...ANY_FOLLOWER,
  chooseReplica: (s, read, replicas) => ok(followerFirst(read.home, replicas, (r) => r.role === 'follower' && r.reachable && r.appliedLsn >= (s as Seen).seenLsn)),
  acceptsReply: (s, reply) => ok(reply.appliedLsn >= (s as Seen).seenLsn),
  afterRead: (s, reply) => ok({ seenLsn: Math.max((s as Seen).seenLsn, reply.appliedLsn) }),
};
const ROLLBACK_SEEDS = [3, 8];
const CRASH_AT = 600;

interface RollbackTally {
  lost: number;
  reads: number;
  refused: number;
  older: number;
  example?: string;
}

/** Writes shown before the crash whose position a later epoch filled anew, and what their readers saw next. */
function tallyRollback(run: SessionRun, into: RollbackTally): void {
  const refilled = new Set(run.notes.flatMap((e) => (e.kind === 'note' && e.name === 'commit' && (e.data as { epoch: number }).epoch > 1 ? [(e.data as { lsn: number }).lsn] : [])));
  const reads = sessionOps(run).filter((o) => o.kind === 'read');
  const before = reads.filter((o) => o.outcome === 'ok' && o.completedAt! < CRASH_AT && refilled.has(o.version!));
  into.lost += before.length;
  if (into.example === undefined && before[0] !== undefined) into.example = `${before[0].key} at lsn ${before[0].version}, shown to ${before[0].user} by ${before[0].replica}`;
  for (const o of reads) {
    if (o.invokedAt < CRASH_AT) continue;
    const shown = before.filter((b) => b.user === o.user && b.key === o.key);
    if (shown.length === 0) continue;
    into.reads++;
    if (o.outcome !== 'ok') into.refused++;
    else if (o.version! < Math.max(...shown.map((b) => b.version!))) into.older++;
  }
}

/**
 * Design §E.7's rollback lesson, information only and harness-owned (4 runs): the same cluster
 * committing asynchronously loses writes in a failover, and users who were shown them can then only
 * be kept from going back in time by refusing to answer; a bare position token cannot tell them,
 * since new writes fill the lost positions, so it goes back in time too.
 */
export function rollbackLesson(ctx: Pick<CheckContext, 'hostYield'>): PassedNotes<MonotonicProperty, JudgedMonotonicRun> {
  return {
    observe() {},
    async finish(allPassed) {
      if (!allPassed) return () => [];
      const any: RollbackTally = { lost: 0, reads: 0, refused: 0, older: 0 };
      const token: RollbackTally = { lost: 0, reads: 0, refused: 0, older: 0 };
      for (const seed of ROLLBACK_SEEDS) {
        const scenario = buildRollbackScenario(seed, CRASH_AT);
        tallyRollback(await runSessionCluster(scenario, ANY_FOLLOWER, { hostYield: ctx.hostYield, trace: false, mode: 'async' }), any);
        tallyRollback(await runSessionCluster(scenario, POSITION_TOKEN, { hostYield: ctx.hostYield, trace: false, mode: 'async' }), token);
      }
      const lesson =
        `lesson (information, not a failure): rollback — the same cluster committing asynchronously, its leader crashing with a read follower that alone had its last writes, over ${ROLLBACK_SEEDS.length} runs: ` +
        `users were shown ${token.lost} writes the new leader never had${token.example ? ` (e.g. ${token.example})` : ''}: monotonic reads can now only be kept by refusing to answer. ` +
        `Of those users' later reads of the same keys, any follower showed an older state in ${any.older} of ${any.reads}; the position token of this exercise showed one in ${token.older} of ${token.reads} and refused ${token.refused}: new writes had filled the lost positions, so the same position no longer means the same state (pair it with the epoch, or use ids never reused, as GTIDs are). `+
        `Majority commit, as in this exercise's cluster, acknowledges only writes a failover keeps`;
      return (check) => (check.properties.includes('never-back-in-time') ? [lesson] : []);
    },
  };
}

/** Two lessons on one group: each sees every run, and a check shows what either says of it. */
export function bothNotes<P extends string, J>(a: PassedNotes<P, J>, b: PassedNotes<P, J>): PassedNotes<P, J> {
  return {
    observe(judged) {
      a.observe(judged);
      b.observe(judged);
    },
    async finish(allPassed) {
      const [fa, fb] = [await a.finish(allPassed), await b.finish(allPassed)];
      return (check) => [...fa(check), ...fb(check)];
    },
  };
}
