/** Thrown by an exercise stub until the learner fills it in. The message says so in plain words. */
export class NotImplementedError extends Error {
  override readonly name = 'NotImplementedError';
  constructor(what: string) {
    super(`not implemented yet: ${what} (replace the TODO(human) in your exercise file)`);
  }
}

/** A quorum read could not collect enough replies: r replies are no longer possible. */
export class QuorumError extends Error {
  override readonly name = 'QuorumError';
  constructor(message: string) {
    super(message);
  }
}
