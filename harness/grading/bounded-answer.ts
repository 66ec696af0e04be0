/**
 * A host's answer made safe for the trusted process: the returned value within its export's budget
 * (see answer-budget.ts), and every string the checks may quote (console output, error names,
 * messages, stacks) cut to a length a message can carry. The learner host caps these itself, but a
 * child can write anything to its own channel, so the harness side applies the caps again.
 */
import type { LearnerAnswer, LearnerError } from './learner-port.ts';
import { measureAnswer } from './answer-budget.ts';
import type { HostAnswer } from './protocol.ts';

/** Longest learner text (console, error message, stack) kept in an answer. */
export const MAX_QUOTED_CHARS = 4096;
const MAX_NAME_CHARS = 120;
const TRUNCATED = '…[truncated]';

/** `text` cut to `max` characters, with a mark when cut. Never reads past `max`. */
export function truncateText(text: string, max: number = MAX_QUOTED_CHARS): string {
  return text.length <= max ? text : text.slice(0, max) + TRUNCATED;
}

/**
 * The answer to a call of `fn` as the checks may see it. An over-budget value is a malformed answer
 * (`crashed`: `overBudget` tells the session to replace the learner side); an array with a hole is
 * the learner's mistake, answered as a `TypeError` naming where the hole is.
 */
export function boundHostAnswer(answer: HostAnswer, fn: string, budget: number): { answer: LearnerAnswer; overBudget: boolean } {
  switch (answer.kind) {
    case 'never-settled':
      return { answer: { kind: 'never-settled', console: truncateText(answer.console) }, overBudget: false };
    case 'threw':
      return { answer: { kind: 'threw', error: boundError(answer.error), console: truncateText(answer.console) }, overBudget: false };
    case 'returned': {
      const shape = measureAnswer(answer.value, budget);
      if (shape.ok) return { answer: { kind: 'returned', value: answer.value, console: truncateText(answer.console) }, overBudget: false };
      if (shape.problem === 'sparse-array') {
        const message =
          `${fn}() returned a sparse array: ${shape.path} has no element at index ${shape.index}. ` +
          'Return arrays with every index filled (holes are not values).';
        return { answer: { kind: 'threw', error: { name: 'TypeError', message }, console: truncateText(answer.console) }, overBudget: false };
      }
      return { answer: { kind: 'crashed', reason: overBudgetReason(fn, budget) }, overBudget: true };
    }
  }
}

/** The `crashed` reason of an answer past its budget. */
export function overBudgetReason(what: string, budget: number): string {
  return `malformed answer: ${what}() returned more than ${Math.round(budget / 1024)} KB, far more than this exercise needs; the value was not read`;
}

/** A learner error with every field cut to size. */
export function boundError(error: LearnerError): LearnerError {
  return {
    name: truncateText(error.name, MAX_NAME_CHARS),
    message: truncateText(error.message),
    ...(typeof error.location === 'string' ? { location: truncateText(error.location, 300) } : {}),
    ...(typeof error.stack === 'string' ? { stack: truncateText(error.stack) } : {}),
  };
}
