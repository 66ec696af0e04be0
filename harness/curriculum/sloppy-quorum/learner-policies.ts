/**
 * The store's sloppy-quorum decisions backed by the learner's functions: the writer's target choice
 * (`reachable` crosses as a lookup function) and the fallback's hint decisions (the durable hint
 * store crosses as a callback object: `put`/`remove` are applied as they are called, `all()` answers
 * with the hints held when the call started). Every decision is recorded with what it was shown.
 */
import type { HintPolicy, HintStoreAccess, PolicyCall, PolicyOutcome, StoredHint, TargetPolicy } from '../../cluster/index.ts';
import { hashSeed } from '../../sim/index.ts';
import { answerFailure } from '../check.ts';
import { callbackObject, lookupFunction, type LearnerCaller } from '../learner-call.ts';

/** One learner decision in a run, and what it was shown. */
export type SloppyDecision =
  | { kind: 'targets'; t: number; node: string; list: readonly string[]; n: number; reachable: readonly string[]; answer: unknown }
  | { kind: 'handoff'; t: number; node: string; recovered: string; hints: readonly StoredHint[]; answer: unknown; removed: unknown[][]; put: unknown[] }
  | { kind: 'ack'; t: number; node: string; from: string; key: string; version: number; hints: readonly StoredHint[]; removed: unknown[][]; put: unknown[] };

export interface LearnerPolicies {
  readonly targets: TargetPolicy;
  readonly hints: HintPolicy;
  readonly decisions: SloppyDecision[];
  /** The first call that produced no usable answer (threw, timed out, …). */
  problem(): { status: 'failed' | 'not-implemented' | 'timed-out' | 'crashed'; message: string; location?: string } | undefined;
  console(): string;
}

export function learnerSloppyPolicies(call: LearnerCaller, seed: number): LearnerPolicies {
  const decisions: SloppyDecision[] = [];
  let problem: ReturnType<LearnerPolicies['problem']>;
  let output = '';
  let calls = 0;

  const ask = async (fn: string, args: unknown[], c: PolicyCall, handlers: Record<string, (...a: unknown[]) => Promise<unknown>> = {}): Promise<PolicyOutcome<unknown>> => {
    const answer = await call(fn, args, { seed: hashSeed(seed, `${fn}:${calls++}`), now: c.now }, { handlers, busy: c.busy, now: () => c.now });
    if ('console' in answer) output += answer.console;
    const failure = answerFailure(fn, answer);
    if (failure === undefined) return { ok: true, value: (answer as { value: unknown }).value };
    problem ??= failure as NonNullable<ReturnType<LearnerPolicies['problem']>>;
    return { ok: false, problem: failure.message };
  };

  /** The hint store as a callback object; mutations go straight to the fallback's durable storage. */
  const store = (access: HintStoreAccess, removed: unknown[][], put: unknown[]) => ({
    arg: callbackObject('hints', {}, ['put', 'remove'], { all: access.all() }),
    handlers: {
      'hints.put': async (h: unknown) => {
        put.push(h);
        const hint = h as Partial<StoredHint> | null;
        if (hint && typeof hint.key === 'string' && typeof hint.hintFor === 'string' && typeof hint.version === 'number')
          access.put({ key: hint.key, value: hint.value, version: hint.version, hintFor: hint.hintFor });
      },
      'hints.remove': async (key: unknown, hintFor: unknown, version: unknown) => {
        removed.push([key, hintFor, version]);
        access.remove(String(key), String(hintFor), Number(version));
      },
    } as Record<string, (...a: unknown[]) => Promise<unknown>>,
  });

  return {
    decisions,
    problem: () => problem,
    console: () => output,
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
        const removed: unknown[][] = [];
        const put: unknown[] = [];
        const hints = access.all();
        const s = store(access, removed, put);
        const outcome = await ask('hintsToHandOff', [s.arg, recovered], c, s.handlers);
        if (outcome.ok) decisions.push({ kind: 'handoff', t: c.now, node: c.node, recovered, hints, answer: outcome.value, removed, put });
        return outcome;
      },
      onHandoffAck: async (access, from, key, version, c) => {
        const removed: unknown[][] = [];
        const put: unknown[] = [];
        const hints = access.all();
        const s = store(access, removed, put);
        const outcome = await ask('onHandoffAck', [s.arg, from, key, version], c, s.handlers);
        if (outcome.ok) decisions.push({ kind: 'ack', t: c.now, node: c.node, from, key, version, hints, removed, put });
        return outcome.ok ? { ok: true, value: undefined } : outcome;
      },
    },
  };
}
