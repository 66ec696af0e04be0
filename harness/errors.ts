/**
 * The harness's misuse errors: one constructor and the stable codes it accepts (STYLE habit 8: misuse
 * throws at once with a stable `code` and an actionable message; expected outcomes are values).
 *
 * A leaf module: it imports nothing, so every layer, `sim/` included, and the learner host can use it.
 * Learners never see these; their API's errors (`NotImplementedError`, `QuorumError`) live in
 * `harness/exercise/errors.ts`.
 */

/** Every code a harness error may carry, with what it means. Codes are stable: tests and callers match them. */
export const ERROR_CODES = {
  ERR_INVALID_OPTION: 'an option or argument is out of range or of the wrong type; the message names it',
  ERR_UNKNOWN_NODE: 'the simulation has no node with this id',
  ERR_DUPLICATE_NODE: 'a node with this id was already added to the simulation',
  ERR_SIMULATION_STARTED: 'the simulation has started, so it can no longer be set up',
  ERR_UNKNOWN_OPERATION: 'the history has no operation with this id',
  ERR_BAD_HISTORY: 'a history handed to a checker is malformed; the message names the operation',
  ERR_UNKNOWN_EXERCISE: 'no exercise of the manifest has this id',
  ERR_INVALID_REPLAY_TOKEN: 'a replay token was edited, truncated, or made for another exercise or format',
  ERR_PORT_CLOSED: 'the learner port was used after close()',
  ERR_NOT_LOADED: 'learner code was called before a successful load()',
  ERR_ARGS_NOT_CLONEABLE: 'a message to learner code holds values that cannot cross a thread or process boundary',
  ERR_LEARNER_HOST_MISSING: 'dist/learner-host.js is missing: the harness was not built',
  ERR_LEARNER_HOST_UNREADABLE: 'the unprivileged user learner processes run as cannot read dist/ or run this Node binary',
  ERR_NO_TRANSPORT: 'the learner host runs neither in a worker thread nor in a child process with an IPC channel',
  ERR_IPC_CHANNEL_CLOSED: 'the learner process has ended, so nothing more can be sent to it',
  ERR_PACKAGE_ROOT_NOT_FOUND: 'no ddia-workbook package.json above the starting folder',
  ERR_POOL_CLOSED: 'the grader pool was used after close()',
  ERR_NO_IPC: 'a grader worker was started without an IPC channel to its parent',
} as const;

export type HarnessErrorCode = keyof typeof ERROR_CODES;

/** An `Error` (or `RangeError`, `TypeError`) with a stable `code`. */
export type HarnessError = Error & { readonly code: HarnessErrorCode };

/**
 * Codes that report a mistake in what the user typed, not a harness bug: the CLI prints their message
 * as a usage error (exit 2) instead of "internal error (harness bug)".
 */
const USAGE_CODES: ReadonlySet<HarnessErrorCode> = new Set(['ERR_UNKNOWN_EXERCISE', 'ERR_INVALID_REPLAY_TOKEN']);

/**
 * The misuse error with `code` and `message`. `Base` keeps the built-in class callers already test
 * for (`RangeError` for a value out of range, `TypeError` for a value of the wrong kind).
 */
export function harnessError(code: HarnessErrorCode, message: string, Base: ErrorConstructor = Error): HarnessError {
  return Object.assign(new Base(message), { code });
}

/** Whether `error` is a harness error, with `code` when one is given. */
export function isHarnessError(error: unknown, code?: HarnessErrorCode): error is HarnessError {
  if (!(error instanceof Error)) return false;
  const own = (error as { code?: unknown }).code;
  return typeof own === 'string' && Object.hasOwn(ERROR_CODES, own) && (code === undefined || own === code);
}

/** Whether `error` reports a usage mistake (see `USAGE_CODES`) that the CLI shows as such. */
export function isUsageError(error: unknown): boolean {
  return isHarnessError(error) && USAGE_CODES.has(error.code);
}
