/**
 * What a failure states as acceptable, as data, beside the acceptable set it was taken from. A judge
 * builds its message from an `AcceptableSet` (the harness's own reference or acceptable-set code)
 * and returns the statement with it, so a message never states an expectation mirrored from another
 * learner answer: a test over the buggy fixtures asks each check's own sets whether every stated
 * answer is acceptable and the blamed answer is not.
 */

/**
 * The answers a correct learner function may give to one question, decided by the harness's
 * reference code. `name` is what a result's `expected` refers to; a check group lists the sets its
 * judges use (`CheckGroup.acceptableSets`).
 */
export interface AcceptableSet<Question = unknown, Answer = unknown> {
  readonly name: string;
  // A method, so that a set over one exercise's questions is listed among `AcceptableSet`s (bivariant).
  accepts(question: Question, answer: Answer): boolean;
}

/**
 * What a failure's message (or, for a scenario check, its first wrong decision) says: the question,
 * the answer blamed, and the answers named as acceptable. `stated` holds one representative of a
 * set described in words ("any epoch of at least 6" states 6).
 */
export interface StatedExpectation {
  /** The `AcceptableSet` it was taken from, by name. */
  readonly set: string;
  readonly question: unknown;
  readonly answered: unknown;
  readonly stated: readonly unknown[];
}

/** A wrong answer as a judge reports it: the words, and what they state, as data. */
export interface WrongAnswer {
  readonly text: string;
  readonly expected: StatedExpectation;
}

/** The statement of `set` about `question`: `answered` is blamed, `stated` named as acceptable. */
export function statedBy<Q, A>(set: AcceptableSet<Q, A>, question: Q, answered: A, stated: readonly A[]): StatedExpectation {
  return { set: set.name, question, answered, stated };
}

/**
 * Why a statement is false by its own set, or null when it holds: every stated answer is accepted
 * and the blamed one is not. Unknown sets are a problem too (a judge named a set its group does not list).
 */
export function statementProblem(expected: StatedExpectation, sets: readonly AcceptableSet[]): string | null {
  const set = sets.find((s) => s.name === expected.set);
  if (set === undefined) return `no acceptable set named "${expected.set}" among ${sets.map((s) => s.name).join(', ') || 'none'}`;
  if (expected.stated.length === 0) return 'states no acceptable answer';
  const outside = expected.stated.filter((a) => !set.accepts(expected.question, a));
  if (outside.length > 0) return `states ${JSON.stringify(outside)} as acceptable, which "${set.name}" does not accept`;
  if (set.accepts(expected.question, expected.answered)) return `blames ${JSON.stringify(expected.answered)}, which "${set.name}" accepts`;
  return null;
}
