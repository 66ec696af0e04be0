/**
 * The store's sloppy-quorum decisions backed by the learner's functions: the writer's target choice
 * (`reachable` crosses as a lookup function) and the fallback's hint decisions (the durable hint
 * store crosses as a callback object: `put`/`remove` are applied as they are called, `all()` answers
 * with the hints held when the call started). Every decision is recorded with what it was shown
 * and the store calls it made, which are judged by their net effect (store-effect.ts).
 */
import type { HintPolicy, HintStoreAccess, HookCall, HookOutcome, StoredHint, TargetPolicy } from '../../cluster/index.ts';
import { callbackObject, lookupFunction, type LearnerCaller } from '../learner-call.ts';
import { learnerSession, type LearnerProblem } from '../learner-session.ts';
import { storeCall, type StoreOp } from './store-effect.ts';

/** One learner decision in a run, and what it was shown. */
export type SloppyDecision =
  | { kind: 'targets'; t: number; node: string; list: readonly string[]; n: number; reachable: readonly string[]; answer: unknown }
  | { kind: 'handoff'; t: number; node: string; recovered: string; hints: readonly StoredHint[]; answer: unknown; ops: StoreOp[] }
  | { kind: 'ack'; t: number; node: string; from: string; key: string; version: number; hints: readonly StoredHint[]; ops: StoreOp[] };

export interface LearnerPolicies {
  readonly targets: TargetPolicy;
  readonly hints: HintPolicy;
  readonly decisions: SloppyDecision[];
  /** The first call that produced no usable answer (threw, timed out, …). */
  problem(): LearnerProblem | undefined;
  console(): string;
}

export function learnerSloppyPolicies(call: LearnerCaller, seed: number): LearnerPolicies {
  const decisions: SloppyDecision[] = [];
  const session = learnerSession(call, seed);
  const ask = (fn: string, args: unknown[], c: HookCall, handlers: Record<string, (...a: unknown[]) => Promise<unknown>> = {}): Promise<HookOutcome<unknown>> =>
    session.ask(fn, args, { now: c.now }, { handlers, ...(c.busy ? { busy: c.busy } : {}), now: () => c.now });

  /** The hint store as a callback object; mutations go straight to the fallback's durable storage. */
  const store = (access: HintStoreAccess, ops: StoreOp[]) => {
    const apply = (o: StoreOp): void => {
      ops.push(o);
      const c = storeCall(o);
      if (c === undefined) return;
      if ('put' in c) access.put(c.put);
      else access.remove(c.remove.key, c.remove.hintFor, c.remove.version);
    };
    return {
      arg: callbackObject('hints', {}, ['put', 'remove'], { all: access.all() }),
      handlers: {
        'hints.put': async (h: unknown) => apply({ op: 'put', hint: h }),
        'hints.remove': async (key: unknown, hintFor: unknown, version: unknown) => apply({ op: 'remove', args: [key, hintFor, version] }),
      } as Record<string, (...a: unknown[]) => Promise<unknown>>,
    };
  };

  return {
    decisions,
    problem: session.problem,
    console: session.console,
    targets: {
      chooseWriteTargets: async (list, n, reachable, c) => {
        const table = Object.fromEntries(list.map((node) => [node, reachable.includes(node)]));
        const outcome = await ask('chooseWriteTargets', [[...list], n, lookupFunction(table, false)], c);
        if (outcome.ok) decisions.push({ kind: 'targets', t: c.now, node: c.node, list, n, reachable, answer: outcome.value });
        return outcome;
      },
    },
    hints: {
      hintsToHandOff: async (access, recovered, c) => {
        const ops: StoreOp[] = [];
        const hints = access.all();
        const s = store(access, ops);
        const outcome = await ask('hintsToHandOff', [s.arg, recovered], c, s.handlers);
        if (outcome.ok) decisions.push({ kind: 'handoff', t: c.now, node: c.node, recovered, hints, answer: outcome.value, ops });
        return outcome;
      },
      onHandoffAck: async (access, from, key, version, c) => {
        const ops: StoreOp[] = [];
        const hints = access.all();
        const s = store(access, ops);
        const outcome = await ask('onHandoffAck', [s.arg, from, key, version], c, s.handlers);
        if (outcome.ok) decisions.push({ kind: 'ack', t: c.now, node: c.node, from, key, version, hints, ops });
        return outcome.ok ? { ok: true, value: undefined } : outcome;
      },
    },
  };
}
