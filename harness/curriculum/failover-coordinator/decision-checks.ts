/**
 * Decision checks: the learner's coordinator facing hand-built views, one question at a time. A check
 * passes when every answer is in the view's declared set of acceptable decisions.
 */
import { hashSeed } from '../../sim/index.ts';
import type { Election, FailoverView } from '../../exercise/index.ts';
import { capConsole, type CheckContext, type CheckGroup, type CheckInfo, type CheckResult } from '../check.ts';
import { answerFailure } from '../learner-session.ts';
import { describeView, judgeDecision, type AcceptableDecision, type LearnerDecision } from './acceptable.ts';
import { DECISION_CASES, type DecisionCase, type DecisionCheckId } from './decision-cases.ts';

const CHECKS: readonly (CheckInfo & { id: DecisionCheckId })[] = [
  { id: 'refuses-while-leader-answers', title: 'Refuses to fail over while the leader still answers', weight: 1 },
  { id: 'refuses-without-majority', title: 'Refuses to fail over without a strict majority', weight: 1 },
  { id: 'elects-most-up-to-date', title: 'Elects the most up-to-date reachable member (epoch before LSN)', weight: 2 },
  { id: 'chooses-fresh-epoch', title: 'Chooses an epoch above every epoch in sight', weight: 1 },
];

/** One learner decision for a view, or how asking for it failed. */
type Asked = { ok: true; decision: LearnerDecision } | { ok: false; result: Omit<CheckResult, 'id' | 'title' | 'weight'> };

export const failoverDecisionChecks: CheckGroup = {
  checks: CHECKS,
  replayable: false,
  async run(ctx: CheckContext): Promise<CheckResult[]> {
    const results: CheckResult[] = [];
    for (const check of CHECKS) {
      const cases = DECISION_CASES.filter((c) => c.check === check.id);
      let output = '';
      let failure: Omit<CheckResult, 'id' | 'title' | 'weight'> | undefined;
      for (const [i, c] of cases.entries()) {
        const asked = await askLearner(ctx, c.view, hashSeed(ctx.seed, `${check.id}:${i}`), (text) => (output += text));
        if (!asked.ok) {
          failure = { ...asked.result, details: [`view "${c.name}":`, ...describeView(c.view), ...asked.result.details] };
          break;
        }
        // Each check judges its own concern, so a wrong leader is reported once, not also as a bad epoch.
        const focus = check.id === 'elects-most-up-to-date' ? 'leader' : check.id === 'chooses-fresh-epoch' ? 'epoch' : 'all';
        const problem = judgeDecision(c.view, asked.decision, declared(c), focus);
        if (problem !== null) {
          failure = {
            status: 'failed',
            message: `${c.name}: ${problem}`,
            details: ['the view:', ...describeView(c.view), `you answered: ${describeDecision(asked.decision)}`],
          };
          break;
        }
      }
      const console = output === '' ? {} : { console: capConsole(output) };
      results.push(failure ? { ...check, ...failure, ...console } : { ...check, status: 'passed', message: '', details: [], ...console });
    }
    return results;
  },
};

/** Asks validateSafeFailover, then electNewLeader when the verdict is safe. */
async function askLearner(ctx: CheckContext, view: FailoverView, seed: number, print: (text: string) => void): Promise<Asked> {
  const verdictAnswer = await ctx.call('validateSafeFailover', [structuredClone(view)], { seed, now: 0 });
  if ('console' in verdictAnswer) print(verdictAnswer.console);
  const verdictFailure = answerFailure('validateSafeFailover', verdictAnswer);
  if (verdictFailure) return { ok: false, result: { ...verdictFailure, details: [] } };
  const verdict = (verdictAnswer as { value: unknown }).value;
  if (typeof verdict !== 'object' || verdict === null || typeof (verdict as { safe?: unknown }).safe !== 'boolean')
    return {
      ok: false,
      result: { status: 'failed', message: `validateSafeFailover must return { safe: true } or { safe: false, reason }, got ${show(verdict)}`, details: [] },
    };
  if (!(verdict as { safe: boolean }).safe) return { ok: true, decision: { safe: false } };
  const electionAnswer = await ctx.call('electNewLeader', [structuredClone(view)], { seed: seed + 1, now: 0 });
  if ('console' in electionAnswer) print(electionAnswer.console);
  const electionFailure = answerFailure('electNewLeader', electionAnswer);
  if (electionFailure) return { ok: false, result: { ...electionFailure, details: [] } };
  const election = (electionAnswer as { value: unknown }).value as Partial<Election> | null;
  if (typeof election !== 'object' || election === null || typeof election.leader !== 'string' || typeof election.epoch !== 'number')
    return { ok: false, result: { status: 'failed', message: `electNewLeader must return { leader, epoch }, got ${show(election)}`, details: [] } };
  return { ok: true, decision: { safe: true, election: { leader: election.leader, epoch: election.epoch } } };
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
