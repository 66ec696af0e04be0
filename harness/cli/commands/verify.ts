/**
 * `workbook dev verify`: the curriculum checks itself (rustlings' `dev check`). Every stub fails every
 * check with "not implemented yet", every solution passes, exercises and solutions mirror each
 * other, and every check has a buggy variant (test/fixtures/buggy/<exercise>/) that it catches.
 * Naming exercises verifies only those: an author working on one need not wait for all of them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXERCISES, type ExerciseEntry } from '../../curriculum/index.ts';
import { resolveExercise } from '../exercise-arg.ts';
import { checkExercise } from '../../grading/index.ts';
import type { CommandSpec } from '../command.ts';
import { styleFor, type CliIo } from '../io.ts';

/** A buggy variant declares the checks it must fail in a `// targets: id, id` line. */
export function variantTargets(source: string): string[] {
  const m = /^\/\/\s*targets:\s*(.+)$/m.exec(source);
  return m ? m[1]!.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

export async function verifyCommand(io: CliIo, names: readonly string[] = []): Promise<number> {
  const chosen = names.length === 0 ? EXERCISES : [...new Set(names.map((n) => resolveExercise(n, (line) => io.err(`${line}\n`))))];
  const s = styleFor(io);
  const problems: string[] = [];
  const say = (ok: boolean, text: string): void => {
    io.out(`${ok ? s.ok('✓') : s.bad('✗')} ${text}\n`);
    if (!ok) problems.push(text);
  };
  for (const e of chosen) {
    io.out(s.bold(`${e.id}\n`));
    for (const problem of mirrorProblems(io.root, e)) say(false, problem);
    const stub = await checkExercise({ root: io.root, exercise: e, file: join(io.root, e.file), typecheck: false });
    const notImplemented = stub.checks.filter((c) => c.status === 'not-implemented').length;
    say(notImplemented === stub.checks.length, `stub fails every check with "not implemented yet" (${notImplemented}/${stub.checks.length})`);
    const solution = await checkExercise({ root: io.root, exercise: e, file: join(io.root, e.solution) });
    const bad = solution.checks.filter((c) => c.status !== 'passed').map((c) => `${c.id} (${c.status})`);
    say(solution.passed, `solution passes every check${bad.length > 0 ? `; not: ${bad.join(', ')}` : ''}${solution.typeErrors.length > 0 ? '; it has type errors' : ''}`);
    const dir = join(io.root, 'test', 'fixtures', 'buggy', e.id);
    const variants = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts')).sort() : [];
    const caught = new Set<string>();
    for (const v of variants) {
      const file = join(dir, v);
      const targets = variantTargets(readFileSync(file, 'utf8'));
      if (targets.length === 0) {
        say(false, `${v}: no "// targets:" line naming the checks it must fail`);
        continue;
      }
      const r = await checkExercise({ root: io.root, exercise: e, file, typecheck: false });
      // A variant that breaks the run (a throw, a malformed answer) fails every scenario check at
      // once as a learner problem; that proves nothing about the check it names.
      const caughtBy = (t: string): boolean => {
        const c = r.checks.find((x) => x.id === t);
        return c !== undefined && c.status === 'failed' && c.cause !== 'learner-problem';
      };
      const missed = targets.filter((t) => !caughtBy(t));
      for (const t of targets) if (!missed.includes(t)) caught.add(t);
      say(missed.length === 0, `${v} is caught by ${targets.join(', ')}${missed.length > 0 ? `; not by ${missed.join(', ')}` : ''}`);
    }
    const uncovered = e.groups.flatMap((g) => g.checks.map((c) => c.id)).filter((id) => !caught.has(id));
    say(uncovered.length === 0, `every check catches a buggy variant${uncovered.length > 0 ? `; none for ${uncovered.join(', ')}` : ''}`);
  }
  io.out(problems.length === 0 ? s.ok('\nThe curriculum is consistent.\n') : s.bad(`\n${problems.length} problem(s).\n`));
  return problems.length === 0 ? 0 : 1;
}

/** Exercise and solution: both present, the stub has TODO(human) and the solution none, same exports. */
function mirrorProblems(root: string, e: ExerciseEntry): string[] {
  const problems: string[] = [];
  for (const f of [e.file, e.solution, e.readme]) if (!existsSync(join(root, f))) problems.push(`missing ${f}`);
  if (problems.length > 0) return problems;
  const stub = readFileSync(join(root, e.file), 'utf8');
  const solution = readFileSync(join(root, e.solution), 'utf8');
  if (!stub.includes('TODO(human)')) problems.push(`${e.file} has no TODO(human) marker`);
  if (solution.includes('TODO(human)')) problems.push(`${e.solution} still has a TODO(human) marker`);
  const signatures = (src: string) => [...src.matchAll(/^export (?:async )?function .*$/gm)].map((m) => m[0]).join('\n');
  if (signatures(stub) !== signatures(solution)) problems.push(`${e.file} and ${e.solution} do not export the same function signatures`);
  for (const name of e.exports) if (!new RegExp(`export (?:async )?function ${name}\\b`).test(stub)) problems.push(`${e.file} does not export ${name}`);
  return problems;
}

export const verifySpec: CommandSpec = {
  name: 'verify',
  usage: ['workbook dev verify [exercise…] check the curriculum (or the exercises named): stubs fail, solutions pass, buggy variants are caught'],
  options: {},
  run: ({ positionals }, io) => verifyCommand(io, positionals),
};
