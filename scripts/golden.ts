/**
 * Rewrites golden `--json` files (test/golden/check-json/) from today's output: every file of the
 * exercises named, or only the fixtures named as `<exercise>/<buggy|correct>/<name>` or
 * `<exercise>/solution`. For a commit that changes what a check says, and says why; `git diff` then
 * shows each changed message. Run: `npx tsx scripts/golden.ts <exercise|exercise/kind/name>...`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXERCISES } from '../harness/curriculum/index.ts';
import { checkExercise, packageRoot } from '../harness/grading/index.ts';
import { renderResultJson } from '../harness/render/index.ts';

const root = packageRoot();
const goldenDir = join(root, 'test', 'golden', 'check-json');
type Target = { exercise: string; kind: 'solution' | 'buggy' | 'correct'; name?: string };

function targetsOf(arg: string): Target[] {
  const [exercise, kind, name] = arg.split('/');
  const entry = EXERCISES.find((e) => e.id === exercise);
  if (entry === undefined) throw new Error(`no exercise ${exercise}`);
  if (kind === 'solution') return [{ exercise: entry.id, kind }];
  if (kind === 'buggy' || kind === 'correct') return [{ exercise: entry.id, kind, name: name! }];
  if (kind !== undefined) throw new Error(`${arg}: expected <exercise>/<solution|buggy/name|correct/name>`);
  const fixtures = (k: 'buggy' | 'correct'): Target[] => {
    const dir = join(root, 'test', 'fixtures', k, entry.id);
    return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts')).sort().map((f) => ({ exercise: entry.id, kind: k, name: f.slice(0, -3) })) : [];
  };
  return [{ exercise: entry.id, kind: 'solution' }, ...fixtures('buggy'), ...fixtures('correct')];
}

for (const t of process.argv.slice(2).flatMap(targetsOf)) {
  const exercise = EXERCISES.find((e) => e.id === t.exercise)!;
  const file = t.kind === 'solution' ? join(root, exercise.solution) : join(root, 'test', 'fixtures', t.kind, t.exercise, `${t.name}.ts`);
  const golden = join(goldenDir, t.kind === 'solution' ? `solution-${t.exercise}.json` : `${t.kind}-${t.exercise}-${t.name}.json`);
  const today = renderResultJson(await checkExercise({ root, exercise, file, typecheck: false }), { timings: false });
  // Some golden files end in one newline more, written by hand: keep that, so only messages differ.
  const before = existsSync(golden) ? readFileSync(golden, 'utf8') : undefined;
  const text = before?.endsWith('\n\n') === true ? today.replace(/\n*$/, '\n\n') : today;
  if (text !== before) {
    writeFileSync(golden, text);
    console.log(`rewrote ${golden.slice(root.length + 1)}`);
  }
}
