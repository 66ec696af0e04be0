/**
 * What both replica-read exercises' cluster checks share: the learner's functions behind the session
 * proxy's policy, the run's device history in the session checkers' terms, the proxy's call records
 * in order, and the answered-reads property with its judged windows (design §D.3): reads invoked
 * `settleMs` into recovery, and, in runs whose leader path stays calm (no loss, no fault touching the
 * first leader or the proxy, no failover), every read invoked `writeBoundMs` after that leader began
 * to serve. Each judged read must show a value within the published bound.
 */
import { satisfied, violated, type SessionOp, type Verdict } from '../../../checkers/index.ts';
import { deviceOf, writeBoundMs, type SessionCallRecord, type SessionPolicy, type SessionRun, type SessionScenario } from '../../../cluster/index.ts';
import type { HookOutcome } from '../../../cluster/index.ts';
import type { LearnerSession } from '../../learner-session.ts';
import { isSessionObject, show } from './describe.ts';

/** One policy call as the proxy recorded it, with its true time. */
export interface CallNote {
  readonly t: number;
  readonly call: SessionCallRecord;
}

export const callsOf = (run: SessionRun): CallNote[] =>
  run.notes.flatMap((e) => (e.kind === 'note' && e.name === 'session-call' && (e.data as SessionCallRecord).problem === undefined ? [{ t: e.t, call: e.data as SessionCallRecord }] : []));

/** A session hook's answer must be a plain object, which the proxy stores as the session. */
async function sessionAnswer(fn: string, got: Promise<HookOutcome<unknown>>): Promise<HookOutcome<unknown>> {
  const out = await got;
  if (!out.ok || isSessionObject(out.value)) return out;
  return { ok: false, problem: `${fn} must return a session object (a plain JSON object), got ${show(out.value)}` };
}

/**
 * The proxy's policy backed by the learner's functions. `route` gives chooseReplica's arguments
 * after the session (D: the key; E: the home). Hooks absent from `fns` are not asked.
 */
export function learnerPolicy(caller: LearnerSession, start: unknown, fns: { readonly sessionKey: boolean; readonly afterWrite: boolean; readonly afterRead: boolean }, route: (read: { key: string; home?: string }) => unknown): SessionPolicy {
  const at = (now: number) => ({ now, freezeArgs: true });
  return {
    start,
    sessionKey: async (user, device, call) => (fns.sessionKey ? caller.ask('sessionKey', [user, device], at(call.now)) : { ok: true, value: user }),
    chooseReplica: (session, read, replicas, call) => caller.ask('chooseReplica', [session, route(read), replicas], at(call.now)),
    acceptsReply: (session, reply, call) => caller.ask('acceptsReply', [session, reply], at(call.now)),
    ...(fns.afterWrite ? { afterWrite: (session: unknown, write: { key: string; lsn: number }, call: { now: number }) => sessionAnswer('afterWrite', caller.ask('afterWrite', [session, write], at(call.now))) } : {}),
    ...(fns.afterRead ? { afterRead: (session: unknown, reply: unknown, call: { now: number }) => sessionAnswer('afterRead', caller.ask('afterRead', [session, reply], at(call.now))) } : {}),
  } as SessionPolicy;
}

/** The devices' operations in the session checkers' terms. */
export function sessionOps(run: SessionRun): SessionOp[] {
  return run.history.flatMap((op): SessionOp[] => {
    const { user, device } = deviceOf(op.client);
    const key = (op.input as { key: string }).key;
    const done = op.completedAt !== undefined ? { completedAt: op.completedAt } : {};
    if (op.op === 'put') return [{ kind: 'write', user, device, key, invokedAt: op.invokedAt, ...done, ...(op.status === 'ok' ? { lsn: (op.output as { lsn: number }).lsn } : {}) }];
    if (op.op !== 'get') return [];
    const out = op.output as { version?: number; replica?: string } | undefined;
    return [{ kind: 'read', user, device, key, invokedAt: op.invokedAt, ...done, ...(op.status === 'ok' ? { outcome: 'ok' as const, version: out!.version!, replica: out!.replica! } : op.status === 'fail' ? { outcome: 'fail' as const } : {}) }];
  });
}

/** The read a device had in progress at true time `t` (each device runs one operation at a time). */
export function readInProgress(ops: readonly SessionOp[], user: string, device: string, t: number): SessionOp | undefined {
  let found: SessionOp | undefined;
  for (const o of ops) if (o.kind === 'read' && o.user === user && o.device === device && o.invokedAt <= t && (o.completedAt === undefined || o.completedAt >= t)) found = o;
  return found;
}

/**
 * Whether nothing in the fault phase can stop the first leader from answering the proxy: no loss, no
 * scripted fault, no fault on n1, nothing between n1 and the proxy. Such a run judges every read
 * from early on, so it needs only a short recovery phase.
 */
export function calmLeaderPath(scenario: Pick<SessionScenario, 'loss' | 'triggers' | 'faults'>): boolean {
  if (scenario.loss > 0 || (scenario.triggers?.length ?? 0) > 0) return false;
  const apart = (a: readonly string[], b: readonly string[]): boolean => (a.includes('n1') && b.includes('proxy')) || (a.includes('proxy') && b.includes('n1'));
  return scenario.faults.every(({ fault: f }) => {
    switch (f.kind) {
      case 'crash':
      case 'restart':
      case 'pause':
      case 'resume':
        return f.node !== 'n1';
      case 'hold':
      case 'release':
        return !apart([f.from], [f.to]);
      case 'partition':
        return !apart(f.sides[0], f.sides[1]);
      case 'partition-one-way':
        return !apart(f.from, f.to);
      case 'heal':
        return true;
      default:
        return false;
    }
  });
}

/** From when reads are owed an answer: `settleMs` into recovery, or early in a calm run. */
export function judgedFrom(run: SessionRun, settleMs: number): number {
  const settled = run.recoveryStartsAt + settleMs;
  if (!calmLeaderPath(run.scenario)) return settled;
  const serve = run.notes.find((e) => e.kind === 'note' && e.name === 'serve' && e.node === 'n1');
  return serve === undefined ? settled : Math.min(settled, serve.t + writeBoundMs(run.timing));
}

/** Every judged read (invoked at or after `from`, with time to finish before the end) shows a value within `boundMs`. */
export function checkReadsAnswered<P extends string>(property: P, ops: readonly SessionOp[], from: number, boundMs: number, endsAt: number): Verdict<P> {
  let judged = 0;
  for (const o of ops) {
    if (o.kind !== 'read' || o.invokedAt < from || o.invokedAt + boundMs > endsAt) continue;
    judged++;
    const took = o.completedAt === undefined ? undefined : o.completedAt - o.invokedAt;
    if (o.outcome === 'ok' && took! <= boundMs) continue;
    const what = o.outcome === 'fail' ? 'was refused by the proxy: no acceptable answer within its attempts' : o.outcome === 'ok' ? `took ${took} ms` : 'was never answered';
    return violated(
      property,
      `${o.user}${o.device}'s read of ${o.key} at t=${o.invokedAt} ms ${what}, although the leader could answer it (reads from t=${from} ms on are owed an answer within ${boundMs} ms: every attempt's timeout and backoff, both device legs, and clock drift).`,
      [{ t: o.invokedAt, node: `${o.user}${o.device}`, what: `read of ${o.key}` }],
    );
  }
  return satisfied(property, [], { judgedReads: judged });
}

/** A small deterministic generator, so a workload's think times follow from the spec's seed alone (`salt` tells workloads apart). */
export function seededRandom(seed: number, salt: number): () => number {
  let x = (seed * 2654435761 + salt) >>> 0;
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
}
