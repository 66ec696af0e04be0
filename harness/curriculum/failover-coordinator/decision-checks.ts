/**
 * Decision checks: the learner's coordinator facing hand-built views, one question at a time. A check
 * passes when every answer is in the view's declared set of acceptable decisions.
 */
import type { HookOutcome } from '../../cluster/index.ts';
import type { Election, FailoverView } from '../../exercise/index.ts';
import { caseCheckGroup } from '../case-checks.ts';
import type { CheckGroup, CheckInfo } from '../check.ts';
import type { AskAt, LearnerSession } from '../learner-session.ts';
import { describeView, FAILOVER_DECISIONS, judgeDecisionAnswer, type AcceptableDecision, type LearnerDecision } from './acceptable.ts';
import { DECISION_CASES, type DecisionCase, type DecisionCheckId } from './decision-cases.ts';

const CHECKS: readonly (CheckInfo & { id: DecisionCheckId })[] = [
  { id: 'refuses-while-leader-answers', title: 'Refuses to fail over while the leader still answers', weight: 1 },
  { id: 'refuses-without-majority', title: 'Refuses to fail over without a strict majority', weight: 1 },
  { id: 'elects-most-up-to-date', title: 'Elects the most up-to-date reachable member (epoch before LSN)', weight: 2 },
  { id: 'chooses-fresh-epoch', title: 'Chooses an epoch above every epoch in sight', weight: 1 },
];

export const failoverDecisionChecks: CheckGroup = caseCheckGroup<DecisionCase>({
  checks: CHECKS,
  cases: DECISION_CASES,
  answer: askLearner,
  judge: (c, decision) => {
    // Each check judges its own concern, so a wrong leader is reported once, not also as a bad epoch.
    const focus = c.check === 'elects-most-up-to-date' ? 'leader' : c.check === 'chooses-fresh-epoch' ? 'epoch' : 'all';
    const problem = judgeDecisionAnswer(c.view, decision as LearnerDecision, declared(c), focus);
    if (problem === null) return null;
    return { message: `${c.name}: ${problem.text}`, expected: problem.expected, details: ['the view:', ...describeView(c.view), `you answered: ${describeDecision(decision as LearnerDecision)}`] };
  },
  show: (c) => [`view "${c.name}":`, ...describeView(c.view)],
  acceptableSets: [FAILOVER_DECISIONS],
});

/** Asks validateSafeFailover, then electNewLeader (with the next seed) when the verdict is safe. */
async function askLearner(c: DecisionCase, session: LearnerSession, at: AskAt): Promise<HookOutcome<LearnerDecision>> {
  const verdictAnswer = await session.ask('validateSafeFailover', [structuredClone(c.view)], at);
  if (!verdictAnswer.ok) return verdictAnswer;
  const verdict = verdictAnswer.value;
  if (typeof verdict !== 'object' || verdict === null || typeof (verdict as { safe?: unknown }).safe !== 'boolean')
    return { ok: false, problem: `validateSafeFailover must return { safe: true } or { safe: false, reason }, got ${show(verdict)}` };
  if (!(verdict as { safe: boolean }).safe) return { ok: true, value: { safe: false } };
  const electionAnswer = await session.ask('electNewLeader', [structuredClone(c.view)], { ...at, seed: (at.seed ?? 0) + 1 });
  if (!electionAnswer.ok) return electionAnswer;
  const election = electionAnswer.value as Partial<Election> | null;
  if (typeof election !== 'object' || election === null || typeof election.leader !== 'string' || typeof election.epoch !== 'number')
    return { ok: false, problem: `electNewLeader must return { leader, epoch }, got ${show(election)}` };
  return { ok: true, value: { safe: true, election: { leader: election.leader, epoch: election.epoch } } };
}

function declared(c: DecisionCase): AcceptableDecision {
  return c.expect.safe ? { safe: true, leaders: c.expect.leaders, minEpoch: c.expect.minEpoch } : { safe: false, why: whyUnsafe(c.view) };
}

function whyUnsafe(view: FailoverView): string {
  const leader = view.members.find((m) => m.id === view.suspectedLeader);
  if (leader?.reachable) return `the suspected leader ${view.suspectedLeader} still answered the probe`;
  const n = view.members.filter((m) => m.reachable).length;
  return `only ${n} of ${view.members.length} members answered; a failover needs a strict majority`;
}

function describeDecision(d: LearnerDecision): string {
  return d.safe ? `safe, elect ${d.election?.leader} in epoch ${d.election?.epoch}` : 'unsafe';
}

function show(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
