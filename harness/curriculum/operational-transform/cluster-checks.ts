/**
 * The operational-transform cluster checks: a Jupiter / Google-Docs-style server and two to four
 * clients edit one text with the learner's transform in every cell of every grid, under the §E.6
 * families; one check per property. Each cell is judged with both of its calls: valid results that
 * end in one text the authors meant (a tie goes either way if both calls agree).
 */
import { applyTextOp, applyTextOps, authoredOutcomes, checkCollabRun, COLLAB_PROPERTIES, collabRecord, referenceTransform, sameAuthored, showAnswers, showAuthored, showTextOp, textOpProblem, type CollabCell, type CollabPropertyName, type CollabRecord, type CollabVerdict } from '../../checkers/index.ts';
import { runCollab, type CollabLogic, type CollabRun, type CollabScenario } from '../../cluster/index.ts';
import type { TextOp } from '../../exercise/index.ts';
import type { CheckContext, CheckGroup } from '../check.ts';
import { statedBy, type WrongAnswer } from '../expectation.ts';
import { learnerSession, type LearnerProblem } from '../learner-session.ts';
import { checkPerProperty, scenarioCheckGroup, verdictFocus } from '../scenario-checks.ts';
import { buildTimeline } from '../timeline.ts';
import { collabPresenter } from './present.ts';
import { buildCollabScenario, collabSpecArbitrary, describeCollab, hiddenCollabSpecArbitrary, type CollabSpec } from './scenarios.ts';
import { PAIR_ANSWERS, TRANSFORM_ANSWER_SETS } from './transform-answers.ts';

/** The replay format of this exercise's tokens: raise it when its scenarios change. */
export const COLLAB_REPLAY_FORMAT = 1;

export interface JudgedCollabRun {
  readonly run: CollabRun;
  readonly record: CollabRecord;
  readonly verdicts: readonly CollabVerdict[];
  /** `label`: the cell's line in the timeline, the one marked among the node's many cells at that instant. */
  readonly firstBad?: { readonly t: number; readonly node: string; readonly text: string; readonly label: string; readonly expected: WrongAnswer['expected'] };
  readonly learnerProblem?: LearnerProblem;
  readonly console: string;
}

const name = (op: TextOp): string => `${op.site}'s ${showTextOp(op)}`;

/** Why one cell's two answers are outside the acceptable set, in words, naming the call at fault, or null. */
export function judgeCell(c: Pick<CollabCell, 'base' | 'a' | 'b' | 'answer'>): string | null {
  if (PAIR_ANSWERS.accepts([c.base, c.a, c.b], c.answer)) return null;
  const calls = [`transform(${name(c.a)}, ${name(c.b)})`, `transform(${name(c.b)}, ${name(c.a)})`];
  const r = authoredOutcomes(c.base, c.a, c.b, c.answer);
  const shown = showAnswers(c.answer, [referenceTransform(c.a, c.b), referenceTransform(c.b, c.a)]);
  if (!r.ok) return `${calls[r.which]} returned ${shown[r.which]}, which is not valid on ${JSON.stringify(r.on)}: ${r.problem}`;
  const returned = `${calls[0]} returned ${shown[0]} and ${calls[1]} ${shown[1]}`;
  const [s1, s2] = r.sides;
  const tie = c.a.kind === 'insert' && c.b.kind === 'insert' && c.a.pos === c.b.pos;
  if (s1.text === s2.text && !sameAuthored(s1, s2)) return `${returned}; both sides give ${JSON.stringify(s1.text)}, but one as ${showAuthored(s1)}, the other as ${showAuthored(s2)}: a tie rule must answer oppositely when the two ops are swapped — compare the sites`;
  if (s1.text !== s2.text) return `${returned}; one side gives ${JSON.stringify(s1.text)}, the other ${JSON.stringify(s2.text)}${tie ? '. Both inserts are at one position: one of them has to go first on both sides — compare the sites' : ''}`;
  return `${returned}; both sides give ${JSON.stringify(s1.text)}, which is not what the two authors meant`;
}

function firstBadOf(record: CollabRecord): JudgedCollabRun['firstBad'] {
  for (const c of record.cells) {
    const wrong = judgeCell(c);
    if (wrong === null) continue;
    const who = c.node === 'server' ? 'the server' : c.node;
    const want = [referenceTransform(c.a, c.b), referenceTransform(c.b, c.a)];
    return {
      t: c.t,
      node: c.node,
      label: collabPresenter.note('ot-cell', c)!.label,
      text: `at t=${c.t} ms ${who} transformed two edits made on ${JSON.stringify(c.base)}: ${wrong}`,
      expected: statedBy(PAIR_ANSWERS, [c.base, c.a, c.b] as const, c.answer as unknown, [want]),
    };
  }
  return undefined;
}

/** The harness's own text operations, for the cluster. */
const TEXT: Omit<CollabLogic, 'transform'> = {
  opsProblem: (ops, text, site) => {
    const r = applyTextOps(text, ops, site);
    return r.ok ? null : r.problem;
  },
  apply: (text, ops) => ops.reduce((t, op) => (textOpProblem(op, t, op.site) === null ? applyTextOp(t, op) : t), text),
};

export async function runJudgedCollab(ctx: Pick<CheckContext, 'call' | 'hostYield'>, scenario: CollabScenario, trace = true): Promise<JudgedCollabRun> {
  const session = learnerSession(ctx.call, scenario.seed, { memo: true });
  const logic: CollabLogic = { ...TEXT, transform: (op, applied, at) => session.ask('transform', [op, applied], { now: at.now }) };
  const run = await runCollab(scenario, logic, { hostYield: ctx.hostYield, trace });
  const record = collabRecord(run);
  const firstBad = firstBadOf(record);
  const stop = run.stoppedBy;
  const learnerProblem = session.problem() ?? (stop?.kind === 'learner' ? { status: 'failed' as const, message: `at t=${stop.t} ms ${stop.node}: ${stop.problem}` } : undefined);
  return { run, record, verdicts: checkCollabRun(run, record), ...(firstBad ? { firstBad } : {}), ...(learnerProblem ? { learnerProblem } : {}), console: session.console() };
}

export const collabClusterChecks: CheckGroup = scenarioCheckGroup<CollabSpec, CollabScenario, CollabPropertyName, JudgedCollabRun>({
  format: COLLAB_REPLAY_FORMAT,
  checks: checkPerProperty<CollabPropertyName>(COLLAB_PROPERTIES),
  tiers: ['public', 'hidden'],
  specs: (ctx) => (ctx.tier === 'hidden' ? hiddenCollabSpecArbitrary : collabSpecArbitrary),
  build: buildCollabScenario,
  runJudged: (ctx, scenario, trace) => runJudgedCollab(ctx, scenario, trace),
  untracedLacksTimeline: true,
  present: collabPresenter,
  firstBad: (judged) => judged.firstBad,
  acceptableSets: TRANSFORM_ANSWER_SETS,
  failureOf: (judged, verdict) => ({
    details: [...verdict.info],
    timeline: buildTimeline(judged.run.trace, {
      lanes: collabPresenter.lanes(judged.run),
      presenter: collabPresenter,
      focus: [...verdictFocus(verdict), ...(judged.firstBad ? [{ t: judged.firstBad.t, node: judged.firstBad.node, text: judged.firstBad.label }] : [])],
      maxEntries: 60,
    }),
  }),
  describe: describeCollab,
  couldNotJudge: 'the editors could not be judged: a node had no usable answer from transform.',
  answerNoun: 'answer',
  statelessAdvice: 'make transform depend only on its arguments',
});
