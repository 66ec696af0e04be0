/**
 * Decision cases (design §F.4): consistentCut facing hand-built replies, observe facing hand-built
 * positions. Every case is causally possible (no dependency cycle), each has exactly one acceptable
 * answer, declared by hand so a test can hold it against the reference. Cases 4 and 5 are one chain
 * in opposite directions, so a single pass in any fixed order gets one of them wrong; the
 * four-shard chain needs three passes in its first order, so two passes are not enough, and the
 * eight-shard chain needs seven: any small fixed number of passes is caught, not only two. A
 * cut that stops at a shard's first safe entry from the top, or reads only an entry's first
 * dependency, or an observe that keeps the older position, each meet a case of their own.
 */
import type { ShardPositions, ShardReply } from '../../exercise/index.ts';
import type { HookOutcome } from '../../cluster/index.ts';
import { caseCheckGroup } from '../case-checks.ts';
import type { CheckGroup, CheckInfo } from '../check.ts';
import type { AskAt, LearnerSession } from '../learner-session.ts';
import { cutProblem, describeShardReply, observeProblem, PREFIX_ANSWER_SETS } from './acceptable.ts';

export type PrefixCheckId = 'keeps-what-it-can' | 'hides-answers' | 'cascades' | 'observe-keeps-everything';

export type PrefixCase =
  | { readonly check: PrefixCheckId; readonly name: string; readonly fn: 'consistentCut'; readonly replies: readonly ShardReply[]; readonly acceptable: ShardPositions }
  | { readonly check: PrefixCheckId; readonly name: string; readonly fn: 'observe'; readonly seen: ShardPositions; readonly observed: ShardPositions; readonly acceptable: ShardPositions };

/** `r('s2', 7, [6, { s1: 5 }])`: s2 applied to 7, its entry 6 written after seeing s1 up to 5. */
const r = (shard: string, appliedLsn: number, ...dependents: [number, ShardPositions][]): ShardReply => ({ shard, appliedLsn, dependents: dependents.map(([lsn, deps]) => ({ lsn, deps })) });
const cut = (check: PrefixCheckId, name: string, acceptable: ShardPositions, ...replies: ShardReply[]): PrefixCase => ({ check, name, fn: 'consistentCut', replies, acceptable });

/** Each hide reaches one shard further, so the cut settles only after as many rounds as the chain is long. */
const fourShardChain = [r('s1', 10, [6, { s2: 7 }]), r('s2', 10, [7, { s3: 8 }]), r('s3', 10, [8, { s4: 3 }])];
/**
 * s1 → s2 → … → s7 → s8, s8 silent: processed in this order each pass hides one link more. Short
 * logs (each shard's entry 2 needs the next shard's entry 2), so a test can try every smaller cut.
 */
const eightShardChain = [1, 2, 3, 4, 5, 6, 7].map((i) => r(`s${i}`, 2, [2, { [`s${i + 1}`]: 2 }]));
const eightShardCut = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((i) => [`s${i}`, 1]));

export const PREFIX_CASES: readonly PrefixCase[] = [
  cut('keeps-what-it-can', 'one shard, nothing depends elsewhere', { s1: 10 }, r('s1', 10)),
  cut('hides-answers', 'the answer on s2 needs the question at s1 5, s1 replied up to 4', { s1: 4, s2: 5 }, r('s1', 4), r('s2', 7, [6, { s1: 5 }])),
  cut('keeps-what-it-can', 'the question is there: show everything', { s1: 5, s2: 7 }, r('s1', 5), r('s2', 7, [6, { s1: 5 }])),
  cut('cascades', 'hiding on s2 forces hiding on s1 (s1 → s2 → s3)', { s1: 8, s2: 5, s3: 2 }, r('s1', 10, [9, { s2: 7 }]), r('s2', 8, [6, { s3: 5 }]), r('s3', 2)),
  cut('cascades', 'the same chain the other way (s3 → s2 → s1)', { s1: 2, s2: 5, s3: 8 }, r('s1', 2), r('s2', 8, [6, { s1: 5 }]), r('s3', 10, [9, { s2: 7 }])),
  cut('cascades', 'a cause on a shard that did not reply, three shards down (s4 → s3 → s2 → s1)', { s1: 5, s2: 6, s3: 7 }, ...fourShardChain),
  cut('cascades', 'the same four-shard chain, replies the other way round', { s1: 5, s2: 6, s3: 7 }, ...[...fourShardChain].reverse()),
  cut('cascades', 'an eight-shard chain (s8 → s7 → … → s1), s8 silent: each shard hides one entry more than the last', eightShardCut, ...eightShardChain),
  cut('keeps-what-it-can', "an entry's own-shard dependency is always met", { s1: 6, s2: 3 }, r('s1', 6, [5, { s1: 4, s2: 2 }]), r('s2', 3)),
  cut('hides-answers', 'a safe entry above an unsafe one does not make the unsafe one safe', { s1: 3, s2: 3 }, r('s1', 3), r('s2', 9, [4, { s1: 5 }], [7, { s1: 2 }])),
  // Two unsafe entries on one shard: a cut below the later one still shows the earlier one.
  cut('hides-answers', 'two answers on s2 both miss their question on s1: hide from the first', { s1: 3, s2: 3 }, r('s1', 3), r('s2', 9, [4, { s1: 5 }], [7, { s1: 6 }])),
  cut('hides-answers', 'an entry with causes on two shards needs both', { s1: 3, s2: 2, s3: 4 }, r('s1', 3), r('s2', 2), r('s3', 9, [5, { s1: 1, s2: 4 }])),
  cut('hides-answers', 'no reply from s1: what needs s1 stays hidden', { s2: 5 }, r('s2', 7, [6, { s1: 3 }])),
  cut('keeps-what-it-can', 'hide from the first entry whose cause is missing, no earlier', { s1: 5, s2: 6 }, r('s1', 5), r('s2', 9, [4, { s1: 2 }], [7, { s1: 6 }])),
  { check: 'observe-keeps-everything', name: 'an older observation lowers nothing', fn: 'observe', seen: { s1: 5, s2: 3 }, observed: { s2: 2 }, acceptable: { s1: 5, s2: 3 } },
  { check: 'observe-keeps-everything', name: 'a new shard is added as observed, no more', fn: 'observe', seen: { s1: 5 }, observed: { s2: 4 }, acceptable: { s1: 5, s2: 4 } },
  { check: 'observe-keeps-everything', name: 'a newer observation of a shard raises it', fn: 'observe', seen: { s1: 3, s2: 6 }, observed: { s1: 5 }, acceptable: { s1: 5, s2: 6 } },
  { check: 'observe-keeps-everything', name: 'observing nothing of a shard adds nothing', fn: 'observe', seen: {}, observed: { s1: 0 }, acceptable: {} },
];

const CHECKS: readonly (CheckInfo & { id: PrefixCheckId })[] = [
  { id: 'hides-answers', title: 'consistentCut hides an entry whose cause on another shard is not shown', weight: 2 },
  { id: 'cascades', title: 'consistentCut keeps cutting until no shown entry misses a cause (hiding cascades)', weight: 1 },
  { id: 'keeps-what-it-can', title: 'consistentCut hides only what consistency requires', weight: 1 },
  { id: 'observe-keeps-everything', title: 'observe keeps everything the session has seen or written, and nothing more', weight: 1 },
];

/** One call, its arguments frozen (design §0.4): a cut or an observation is a value. */
function answer(c: PrefixCase, session: LearnerSession, at: AskAt): Promise<HookOutcome<unknown>> {
  return session.ask(c.fn, c.fn === 'consistentCut' ? [c.replies] : [c.seen, c.observed], { ...at, freezeArgs: true });
}

export const prefixDecisionChecks: CheckGroup = caseCheckGroup<PrefixCase>({
  checks: CHECKS,
  cases: PREFIX_CASES,
  answer,
  judge: (c, value) => {
    const wrong = c.fn === 'consistentCut' ? cutProblem(c.replies, value) : observeProblem({ seen: c.seen, observed: c.observed }, value);
    return wrong === null ? null : { message: `${c.name}: ${wrong.text}`, expected: wrong.expected };
  },
  show: (c) => [c.fn === 'consistentCut' ? `case "${c.name}": consistentCut([${c.replies.map(describeShardReply).join('; ')}])` : `case "${c.name}": observe(${JSON.stringify(c.seen)}, ${JSON.stringify(c.observed)})`],
  acceptableSets: PREFIX_ANSWER_SETS,
});
