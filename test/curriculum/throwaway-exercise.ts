/**
 * A throwaway exercise written from a template, for the extension test: everything an author adds
 * for a new scenario exercise, as files relative to the workbook root. `clock-compare` asks only for
 * `compare`; the siblings store runs with the reference increment and merge and the learner's
 * compare, judged by the siblings properties, and shown by the siblings presenter.
 */

export const THROWAWAY = { id: 'clock-compare', section: '6.2', folder: '6.2-clock-compare', check: 'cluster-keeps-concurrent-writes', buggy: 'concurrent-as-before' } as const;

const { id, folder, check, buggy } = THROWAWAY;
const exerciseDir = `exercises/06-replication/${folder}`;

/** The learner's function, with its body: a stub, the solution or the bug. */
const compareModule = (body: string): string => `/** Exercise ${id}: how one vector clock relates to another. Read README.md beside this file. */
import { NotImplementedError } from 'ddia-workbook/exercise';
import type { Clock, ClockOrder } from 'ddia-workbook/exercise';

/** How \`a\` relates to \`b\`; an id a clock does not list is at 0. */
export function compare(a: Clock, b: Clock): ClockOrder {
${body}
}
`;

const SOLUTION_BODY = `  const ids = new Set([...Object.keys(a), ...Object.keys(b)]);
  let aAhead = false;
  let bAhead = false;
  for (const id of ids) {
    if ((a[id] ?? 0) > (b[id] ?? 0)) aAhead = true;
    if ((b[id] ?? 0) > (a[id] ?? 0)) bAhead = true;
  }
  return aAhead && bAhead ? 'concurrent' : aAhead ? 'after' : bAhead ? 'before' : 'equal';`;

/** New files, by path. */
export const NEW_FILES: Readonly<Record<string, string>> = {
  [`harness/exercise/${id}.ts`]: `/** A vector clock, and how two relate. */
export type Clock = Readonly<Record<string, number>>;
export type ClockOrder = 'before' | 'after' | 'equal' | 'concurrent';
`,
  [`harness/curriculum/${id}/entry.ts`]: `/** The ${id} exercise's manifest entry. */
import { SIBLING_STORE_TIMING } from '../../cluster/index.ts';
import { defineExercise } from '../define-exercise.ts';
import type { ExerciseEntry } from '../exercise-entry.ts';
import { clockCompareChecks } from './store-checks.ts';

export const clockCompareExercise: ExerciseEntry = defineExercise({
  id: '${id}',
  title: 'Clock compare: before, after, equal or concurrent',
  section: '6.2',
  heading: '6.2 Version vectors',
  exports: ['compare'],
  hints: {
    ladders: { compare: ['Which ids does each clock know?', 'An id a clock lacks counts as 0.', 'Ahead somewhere on both sides: concurrent.'] },
    byCheck: { '${check}': 'compare' },
  },
  constants: { ...SIBLING_STORE_TIMING },
  groups: [clockCompareChecks],
  schedules: 10,
  seed: 7,
});
`,
  [`harness/curriculum/${id}/store-checks.ts`]: `/** The siblings store on the learner's compare (reference increment and merge). */
import { checkSiblingRun, SIBLING_PROPERTIES } from '../../checkers/index.ts';
import { clockBackedSiblingLogic, compareClocks, incrementClock, mergeClocks, runSiblingStore, showClock, type ClockOps, type HookOutcome, type SiblingScenario } from '../../cluster/index.ts';
import type { Ordering } from '../../exercise/index.ts';
import type { CheckContext } from '../check.ts';
import { learnerSession } from '../learner-session.ts';
import { siblingsPresenter } from '../workloads/siblings/present.ts';
import { siblingClusterGroup, type JudgedSiblingRun } from '../workloads/siblings/sibling-checks.ts';

async function runJudged(ctx: Pick<CheckContext, 'call' | 'hostYield'>, scenario: SiblingScenario): Promise<JudgedSiblingRun> {
  const session = learnerSession(ctx.call, scenario.seed, { memo: true });
  let wrong: string | undefined;
  const clock: ClockOps = {
    compare: async (a, b) => {
      const answer = (await session.ask('compare', [a, b], { now: 0 })) as HookOutcome<Ordering>;
      const want = compareClocks(a, b);
      if (answer.ok && answer.value !== want) wrong ??= \`compare(\${showClock(a)}, \${showClock(b)}) and you returned '\${answer.value}'; acceptable: '\${want}'\`;
      return answer;
    },
    merge: async (a, b) => ({ ok: true, value: mergeClocks(a, b) }),
    increment: async (c, node) => ({ ok: true, value: incrementClock(c, node) }),
  };
  const run = await runSiblingStore(scenario, clockBackedSiblingLogic(clock), { hostYield: ctx.hostYield });
  const problem = session.problem();
  const firstBadCall = wrong === undefined ? undefined : { t: run.endsAt, node: run.replicas[0]!, text: \`at t=\${run.endsAt} ms a replica had asked \${wrong}\` };
  return { run, verdicts: checkSiblingRun(run), ...(firstBadCall ? { firstBadCall } : {}), ...(problem ? { learnerProblem: problem } : {}), console: session.console() };
}

export const clockCompareChecks = siblingClusterGroup({
  format: 1,
  checks: [{ id: '${check}', title: 'Cluster: a store comparing clocks with your compare keeps concurrent writes', weight: 1, properties: SIBLING_PROPERTIES.map((p) => p.name) }],
  runJudged,
  functions: 'compare',
  present: siblingsPresenter,
});
`,
  [`${exerciseDir}/README.md`]: `# ${id}\n\nWrite \`compare(a, b)\` in [${id}.ts](${id}.ts).\n`,
  [`${exerciseDir}/${id}.ts`]: compareModule(`  // TODO(human): compare the clocks entry by entry.\n  throw new NotImplementedError('compare');`),
  [`solutions/06-replication/${folder}/${id}.ts`]: compareModule(SOLUTION_BODY),
  [`test/fixtures/buggy/${id}/${buggy}.ts`]: `// targets: ${check}\n${compareModule(SOLUTION_BODY.replace("'concurrent' : aAhead", "'before' : aAhead"))}`,
};

/** Edits of files that exist: each adds one line (the manifest: its import and its place in the list). */
export const EDITS: Readonly<Record<string, (text: string) => string>> = {
  'harness/exercise/index.ts': (text) => `${text}export type { Clock, ClockOrder } from './${id}.ts';\n`,
  'harness/curriculum/manifest.ts': (text) =>
    text
      .replace("import type { ExerciseEntry } from './exercise-entry.ts';\n", `$&import { clockCompareExercise } from './${id}/entry.ts';\n`)
      // After the last entry, whichever exercise that is today.
      .replace(/(\w+Exercise)\];/, '$1, clockCompareExercise];'),
  'chapters/06-replication/06-advanced.md': (text) => `${text}\n- Exercise: [${id}](../../${exerciseDir}/README.md), comparing clocks.\n`,
};
