/**
 * A decision case's session, built by the learner's own update function (afterWrite, afterRead)
 * from the start session, each result passed on as it came, as the proxy would.
 */
import type { HookOutcome } from '../../../cluster/index.ts';
import type { AskAt, LearnerSession } from '../../learner-session.ts';
import { isSessionObject, show } from './describe.ts';

/**
 * How much later than the session's steps a case asks its question: an hour. Replication lag can
 * exceed any window, so a reply is stale or fresh by positions, however long ago the write was
 * acked or the read shown; code that relaxes its check after a while (a `Date.now()` window) is
 * asked past its window here, where the cluster's runs, a few seconds long, rarely reach it.
 */
export const ASKED_LATER_MS = 3_600_000;

/** The moment a case's question is asked: `ASKED_LATER_MS` after its steps. */
export const askedLater = (at: AskAt): AskAt => ({ ...at, now: at.now + ASKED_LATER_MS });

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

/**
 * Whether a wrong answer after a chain of steps is the update function's fault. A case about how
 * the session combines steps also asks its question after the one step the answer depends on,
 * alone (the control). When that lone step changed the session and the answer is just as wrong
 * there, the fault lies in the function asked, which its own check's twin case reports: blaming the
 * update function too would count one mistake twice. A lone step that left the session as it was
 * recorded nothing, and that is the update function's fault whatever the answer.
 */
export const updateIsToBlame = (start: unknown, control: { readonly session: unknown; readonly wrong: boolean }): boolean =>
  !control.wrong || JSON.stringify(control.session) === JSON.stringify(start);

/** A case's control (see updateIsToBlame): the session after `step` alone, and acceptsReply's answer to `reply` with it. */
export async function acceptsAfterStepAlone(session: LearnerSession, fn: string, start: unknown, step: unknown, reply: unknown, at: AskAt): Promise<HookOutcome<{ readonly session: unknown; readonly answer: unknown }>> {
  const alone = await sessionAfterSteps(session, fn, start, [step], { ...at, seed: (at.seed ?? 0) + 50 });
  if (!alone.ok) return alone;
  const got = await session.ask('acceptsReply', [alone.value, reply], { ...askedLater(at), seed: (at.seed ?? 0) + 101, freezeArgs: true });
  return got.ok ? { ok: true, value: { session: alone.value, answer: got.value } } : got;
}
