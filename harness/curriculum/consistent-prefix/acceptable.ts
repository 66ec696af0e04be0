/**
 * The acceptable answers of consistent-prefix (design §F.1): each call has exactly one, compared by
 * meaning (a shard at 0 and a shard not listed are the same position).
 *  - observe: the entry-wise maximum of what was seen and what was just observed.
 *  - consistentCut: the greatest consistent cut below the replies. Start at each reply's applied
 *    position (0 for a shard without a reply) and, while a shown entry of shard s depends on a
 *    position of another shard beyond its cut, lower s to just before that entry. Consistent cuts
 *    below the replies are closed under entry-wise maximum, so this fixpoint is unique.
 */
import type { ShardPositions, ShardReply } from '../../exercise/index.ts';
import { statedBy, type AcceptableSet, type WrongAnswer } from '../expectation.ts';
import { show } from '../workloads/replica-reads/index.ts';

/** Positions without their zero entries, keys sorted: the form two answers are compared in. */
export function normalised(p: ShardPositions): Record<string, number> {
  return Object.fromEntries(Object.entries(p).filter(([, n]) => n !== 0).sort(([a], [b]) => a.localeCompare(b)));
}

const isPositions = (v: unknown): v is ShardPositions =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0);

const samePositions = (a: ShardPositions, b: ShardPositions): boolean => JSON.stringify(normalised(a)) === JSON.stringify(normalised(b));

/** The entry-wise maximum (missing = 0). */
export function referenceObserve(seen: ShardPositions, observed: ShardPositions): Record<string, number> {
  const out: Record<string, number> = { ...seen };
  for (const [shard, n] of Object.entries(observed)) out[shard] = Math.max(out[shard] ?? 0, n);
  return normalised(out);
}

/** The greatest consistent cut below `replies`. */
export function referenceCut(replies: readonly ShardReply[]): Record<string, number> {
  const cut: Record<string, number> = Object.fromEntries(replies.map((r) => [r.shard, r.appliedLsn]));
  let changed = true;
  while (changed) {
    changed = false;
    for (const r of replies)
      for (const e of r.dependents) {
        if (e.lsn > (cut[r.shard] ?? 0)) continue;
        if (Object.entries(e.deps).some(([t, p]) => t !== r.shard && (cut[t] ?? 0) < p)) {
          cut[r.shard] = e.lsn - 1;
          changed = true;
        }
      }
  }
  return normalised(cut);
}

export interface ObserveQuestion {
  readonly seen: ShardPositions;
  readonly observed: ShardPositions;
}

export const OBSERVE_ANSWERS: AcceptableSet<ObserveQuestion, unknown> = {
  name: 'consistent-prefix/observe',
  accepts: (q, a) => isPositions(a) && samePositions(a, referenceObserve(q.seen, q.observed)),
};

export const CUT_ANSWERS: AcceptableSet<readonly ShardReply[], unknown> = {
  name: 'consistent-prefix/consistent-cut',
  accepts: (replies, a) => isPositions(a) && samePositions(a, referenceCut(replies)),
};

export const PREFIX_ANSWER_SETS: readonly AcceptableSet[] = [OBSERVE_ANSWERS, CUT_ANSWERS];

const positionsText = (p: ShardPositions): string => {
  const n = normalised(p);
  return Object.keys(n).length === 0 ? '{} (nothing)' : `{ ${Object.entries(n).map(([s, v]) => `${s}: ${v}`).join(', ')} }`;
};

/**
 * Positions exactly as a call was given or returned them, zero entries included: a message that
 * dropped them would show observe({}, …) for an argument that was { s1: 0 }, a call the learner's
 * code answers differently.
 */
export const exactPositionsText = (p: unknown): string => {
  if (!isPositions(p)) return show(p);
  const entries = Object.entries(p);
  return entries.length === 0 ? '{}' : `{ ${entries.map(([s, v]) => `${s}: ${v}`).join(', ')} }`;
};

/** `s1: 10, 9→{s2: 7}`: a reply in a line. */
export function describeShardReply(r: ShardReply): string {
  return `${r.shard}: applied ${r.appliedLsn}${r.dependents.map((e) => `, entry ${e.lsn} depends on ${positionsText(e.deps)}`).join('')}`;
}

/** Why the observe answer is wrong, or null. */
export function observeProblem(q: ObserveQuestion, answer: unknown): WrongAnswer | null {
  if (OBSERVE_ANSWERS.accepts(q, answer)) return null;
  const want = referenceObserve(q.seen, q.observed);
  const expected = statedBy(OBSERVE_ANSWERS, q, answer, [want]);
  if (!isPositions(answer)) return { text: `observe must return positions (shard → a whole number ≥ 0), got ${show(answer)}`, expected };
  return {
    text: `observe(${exactPositionsText(q.seen)}, ${exactPositionsText(q.observed)}) returned ${exactPositionsText(answer)}; acceptable: ${positionsText(want)}, everything seen or written before and now, no less (a dependency forgotten lets a reader show this session's next message before its cause) and no more (a position beyond what exists hides the message until a shard gets there)`,
    expected,
  };
}

/** Why the consistentCut answer is wrong, or null; names the first shard that differs and why. */
export function cutProblem(replies: readonly ShardReply[], answer: unknown): WrongAnswer | null {
  if (CUT_ANSWERS.accepts(replies, answer)) return null;
  const want = referenceCut(replies);
  const expected = statedBy(CUT_ANSWERS, replies, answer, [want]);
  if (!isPositions(answer)) return { text: `consistentCut must return positions (shard → a whole number ≥ 0), got ${show(answer)}`, expected };
  const got = normalised(answer);
  const shards = [...new Set([...Object.keys(got), ...Object.keys(want), ...replies.map((r) => r.shard)])].sort();
  const shard = shards.find((s) => (got[s] ?? 0) !== (want[s] ?? 0))!;
  const reply = replies.find((r) => r.shard === shard);
  const g = got[shard] ?? 0;
  const w = want[shard] ?? 0;
  const why =
    reply === undefined ? `no reply came from ${shard}, so nothing of it can be shown`
    : g > reply.appliedLsn ? `the reply from ${shard} holds only up to ${reply.appliedLsn}`
    : g > w ? `at ${g}, ${shard} would show an entry whose cause (on another shard) is not shown, possibly only once the other shards are cut back too`
    : `everything in ${shard} up to ${w} has its causes shown, so hiding it is more than consistency needs`;
  return { text: `for replies [${replies.map(describeShardReply).join('; ')}] consistentCut returned ${exactPositionsText(answer)}; acceptable: ${positionsText(want)}. ${shard} at ${g} is wrong: ${why}`, expected };
}
