/**
 * How a leader asks one learner hook: with time frozen while it answers, the answer's shape
 * validated, and the run stopped at the first call without a usable answer (after which the leader
 * asks nothing more). Shared by both kinds of leader.
 */
import type { NodeContext } from '../../sim/index.ts';
import type { HookOutcome } from '../hook.ts';

export class HookAsker {
  private stopped = false;

  constructor(
    private readonly ctx: Pick<NodeContext<never>, 'external'>,
    private readonly onProblem: (fn: string, problem: string) => void,
    /** How a problem names the answer: "route answered …", "lastWriteWins returned …". */
    private readonly verb: 'answered' | 'returned',
  ) {}

  /** The validated answer, or undefined when the run has stopped (now or before). */
  async ask(fn: string, call: () => Promise<HookOutcome<unknown>>, shape: (x: unknown) => string | null): Promise<{ readonly value: unknown } | undefined> {
    if (this.stopped) return undefined;
    const outcome = await this.ctx.external(call());
    const problem = outcome.ok ? shape(outcome.value) : outcome.problem;
    if (problem === null) return { value: (outcome as { value: unknown }).value };
    this.stop(fn, outcome.ok ? `${fn} ${this.verb} ${problem}` : problem);
    return undefined;
  }

  /** Stops the run: learner code gave no usable answer. */
  stop(fn: string, problem: string): void {
    this.stopped = true;
    this.onProblem(fn, problem);
  }
}
