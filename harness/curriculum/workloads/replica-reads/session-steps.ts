/**
 * A decision case's session, built by the learner's own update function (afterWrite, afterRead)
 * from the start session, each result passed on as it came, as the proxy would.
 */
import type { HookOutcome } from '../../../cluster/index.ts';
import type { AskAt, LearnerSession } from '../../learner-session.ts';
import { isSessionObject, show } from './describe.ts';

/** `fn(fn(start, a), b)` in words, for case descriptions and messages. */
export function stepsText(fn: string, start: unknown, steps: readonly unknown[]): string {
  return steps.reduce<string>((s, step) => `${fn}(${s}, ${show(step)})`, show(start));
}

/** The session after `steps`, asked of `fn` one step at a time (arguments frozen), or why there is none. */
export async function sessionAfterSteps(session: LearnerSession, fn: string, start: unknown, steps: readonly unknown[], at: AskAt): Promise<HookOutcome<unknown>> {
  let s: unknown = start;
  for (const [i, step] of steps.entries()) {
    const got = await session.ask(fn, [s, step], { ...at, seed: (at.seed ?? 0) + i, freezeArgs: true });
    if (!got.ok) return got;
    if (!isSessionObject(got.value)) return { ok: false, problem: `${fn} must return the session object, got ${show(got.value)} from ${stepsText(fn, start, steps.slice(0, i + 1))}` };
    s = got.value;
  }
  return { ok: true, value: s };
}
