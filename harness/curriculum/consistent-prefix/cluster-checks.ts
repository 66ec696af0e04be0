/**
 * The consistent-prefix cluster checks (design §F.3): the sharded chat runs with the learner's
 * observe and consistentCut in every session, judged against the harness's own record of who had
 * been shown what before writing (ground-truth causality, never the learner's deps). Each call is
 * judged against its one acceptable answer; a broken property with every call acceptable is a
 * harness bug.
 */
import { checkEverythingShowsUp, checkNoEffectBeforeCause, satisfied, violated, type Verdict } from '../../checkers/index.ts';
import { runShardedChat, type ChatCallRecord, type ChatPolicy, type ShardedRun, type ShardedScenario } from '../../cluster/index.ts';
import type { ShardPositions, ShardReply } from '../../exercise/index.ts';
import type { CheckContext, CheckGroup } from '../check.ts';
import type { StatedExpectation } from '../expectation.ts';
import { learnerSession, type LearnerProblem } from '../learner-session.ts';
import { checkPerProperty, scenarioCheckGroup, verdictFocus } from '../scenario-checks.ts';
import { buildTimeline } from '../timeline.ts';
import { CUT_ANSWERS, cutProblem, observeProblem, PREFIX_ANSWER_SETS } from './acceptable.ts';
import { prefixPresenter } from './present.ts';
import { buildPrefixScenario, describePrefixSpec, hiddenPrefixScenarioSpecArbitrary, prefixScenarioSpecArbitrary, prefixSchedule, SETTLE_MS, type PrefixScenarioSpec } from './scenarios.ts';

export type PrefixProperty = 'no-effect-before-cause' | 'shows-all-it-can' | 'everything-shows-up';

export const PREFIX_PROPERTIES: readonly { readonly name: PrefixProperty; readonly title: string }[] = [
  { name: 'no-effect-before-cause', title: 'Nobody sees an answer before the question it answers' },
  { name: 'shows-all-it-can', title: 'A read hides only what it must' },
  { name: 'everything-shows-up', title: 'Every message becomes visible' },
];

interface CallNote {
  readonly t: number;
  readonly call: ChatCallRecord;
}

export interface JudgedPrefixRun {
  readonly run: ShardedRun;
  readonly verdicts: readonly Verdict<PrefixProperty>[];
  readonly firstBadCall?: { readonly t: number; readonly node: string; readonly text: string; readonly expected?: StatedExpectation };
  readonly learnerProblem?: LearnerProblem;
  readonly console: string;
}

const callsOf = (run: ShardedRun): CallNote[] =>
  run.notes.flatMap((e) => (e.kind === 'note' && e.name === 'chat-call' && (e.data as { problem?: string }).problem === undefined ? [{ t: e.t, call: e.data as ChatCallRecord }] : []));

/** Why one call's answer is outside its set, or null. */
function wrongCall(c: ChatCallRecord) {
  return c.fn === 'consistentCut' ? cutProblem(c.args[0] as ShardReply[], c.answer) : observeProblem({ seen: c.args[0] as ShardPositions, observed: c.args[1] as ShardPositions }, c.answer);
}

function firstBadCall(run: ShardedRun): JudgedPrefixRun['firstBadCall'] {
  for (const { t, call } of callsOf(run)) {
    const wrong = wrongCall(call);
    if (wrong !== null) return { t, node: call.session, text: `at t=${t} ms ${call.session} called ${wrong.text}`, expected: wrong.expected };
  }
  return undefined;
}

/** Every cut is the greatest consistent cut of its replies. */
function checkShowsAllItCan(run: ShardedRun): Verdict<PrefixProperty> {
  for (const { t, call } of callsOf(run)) {
    if (call.fn !== 'consistentCut' || CUT_ANSWERS.accepts(call.args[0] as ShardReply[], call.answer)) continue;
    return violated('shows-all-it-can', `${call.session}'s read at t=${t} ms: ${cutProblem(call.args[0] as ShardReply[], call.answer)!.text}`, [{ t, node: call.session, what: 'consistentCut' }]);
  }
  return satisfied('shows-all-it-can');
}

export function judgePrefixRun(run: ShardedRun): Verdict<PrefixProperty>[] {
  return [
    checkNoEffectBeforeCause('no-effect-before-cause', run.chat),
    checkShowsAllItCan(run),
    checkEverythingShowsUp('everything-shows-up', run.chat, { ackedBefore: run.recoveryStartsAt, from: run.recoveryStartsAt + SETTLE_MS }),
  ];
}

/** Runs the chat with the learner's observe and consistentCut in every session and judges it. */
export async function runJudgedPrefix(ctx: Pick<CheckContext, 'call' | 'hostYield'>, scenario: ShardedScenario, trace = true): Promise<JudgedPrefixRun> {
  const caller = learnerSession(ctx.call, scenario.seed);
  const policy: ChatPolicy = {
    observe: (seen, observed, call) => caller.ask('observe', [seen, observed], { now: call.now, freezeArgs: true }),
    consistentCut: (replies, call) => caller.ask('consistentCut', [replies], { now: call.now, freezeArgs: true }),
  };
  const run = await runShardedChat(scenario, policy, { hostYield: ctx.hostYield, trace });
  const bad = firstBadCall(run);
  const problem = caller.problem() ?? (run.stoppedBy !== undefined ? { status: 'failed' as const, message: `${run.stoppedBy.session}: ${run.stoppedBy.problem}` } : undefined);
  return { run, verdicts: judgePrefixRun(run), ...(bad ? { firstBadCall: bad } : {}), ...(problem ? { learnerProblem: problem } : {}), console: caller.console() };
}

export const prefixClusterChecks: CheckGroup = scenarioCheckGroup<PrefixScenarioSpec, ShardedScenario, PrefixProperty, JudgedPrefixRun>({
  format: 1,
  checks: checkPerProperty(PREFIX_PROPERTIES),
  tiers: ['public', 'hidden'],
  specs: (ctx) => (ctx.tier === 'hidden' ? hiddenPrefixScenarioSpecArbitrary : prefixScenarioSpecArbitrary),
  build: buildPrefixScenario,
  runJudged: (ctx, scenario, trace) => runJudgedPrefix(ctx, scenario, trace),
  present: prefixPresenter,
  acceptableSets: PREFIX_ANSWER_SETS,
  firstBad: (judged) => judged.firstBadCall,
  failureOf: (judged, verdict) => ({
    details: [...verdict.info],
    timeline: buildTimeline(judged.run.trace, {
      lanes: prefixPresenter.lanes(judged.run),
      presenter: prefixPresenter,
      focus: [...verdictFocus(verdict), ...(judged.firstBadCall ? [{ t: judged.firstBadCall.t, node: judged.firstBadCall.node }] : [])],
      maxEntries: 60,
    }),
  }),
  describe: (spec, scenario) => ({ parameters: describePrefixSpec(spec), schedule: prefixSchedule(scenario) }),
  couldNotJudge: 'the chat could not be judged: a session had no usable answer.',
  runNoun: 'chat',
  answerNoun: 'answer',
  statelessAdvice: 'make observe and consistentCut depend only on their arguments',
  passedNotes: () => {
    // Design §F.7's lesson: how much of the chat crossed shards, which is what a cut is for.
    let written = 0;
    let crossing = 0;
    return {
      observe(judged) {
        for (const op of judged.run.history) {
          if (op.op !== 'write') continue;
          const { shard, deps } = op.input as { shard: string; deps: ShardPositions };
          written++;
          if (Object.entries(deps).some(([t, p]) => t !== shard && p > 0)) crossing++;
        }
      },
      async finish() {
        const share = written === 0 ? 0 : Math.round((100 * crossing) / written);
        const lesson = `lesson (information, not a failure): of ${written} messages written in these runs, ${crossing} (${share} %) depended on a message of another shard, which is why readers had to cut; with one shard per conversation (the chapter's first remedy) none would, and one log would order them all`;
        return (check) => (check.properties.includes('no-effect-before-cause') ? [lesson] : []);
      },
    };
  },
});
