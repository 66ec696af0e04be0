/**
 * Replay tokens: one scenario of one exercise, to run again exactly, in one copy-pasteable string.
 * A token holds only the exercise id (stamped by grading), the exercise's replay format and the
 * scenario's spec; the scenario is rebuilt from the spec, so a token cannot carry a scenario that
 * contradicts it. An exercise changes its format number when its scenarios change: a token of
 * another format would replay a different run, and is refused.
 */

export interface ReplayToken {
  readonly exercise: string;
  /** The exercise's replay format the spec was made under. */
  readonly format: number;
  readonly spec: unknown;
}

/** A replay token that cannot be replayed here (hand-edited, cut, of another exercise or format): a usage error. */
export class InvalidReplayTokenError extends Error {
  override readonly name = 'InvalidReplayTokenError';
  readonly code = 'ERR_INVALID_REPLAY_TOKEN';
}

/** Encodes a token as a URL-safe string. Paired with `decodeReplayToken`. */
export function encodeReplayToken(token: ReplayToken): string {
  return Buffer.from(JSON.stringify({ ex: token.exercise, f: token.format, spec: token.spec }), 'utf8').toString('base64url');
}

const CUT = 'it is not a replay token (was it cut when copying?)';

/** Decodes a token, or explains in plain words why it is not one. Paired with `encodeReplayToken`. */
export function decodeReplayToken(token: string): { ok: true; token: ReplayToken } | { ok: false; problem: string; old?: true } {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(token.trim(), 'base64url').toString('utf8'));
  } catch {
    return { ok: false, problem: CUT };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problem: CUT };
  const { ex, f, spec, v, sc } = raw as { ex?: unknown; f?: unknown; spec?: unknown; v?: unknown; sc?: unknown };
  // Tokens before replay formats named the harness version and carried the whole scenario.
  if (v !== undefined && sc !== undefined) return { ok: false, old: true, problem: 'it was made by an older version of the workbook, whose scenarios differ' };
  if (typeof ex !== 'string' || ex === '') return { ok: false, problem: 'it names no exercise' };
  if (typeof f !== 'number' || !Number.isInteger(f) || f < 1) return { ok: false, problem: 'it names no replay format' };
  if (spec === undefined) return { ok: false, problem: 'it holds no scenario' };
  return { ok: true, token: { exercise: ex, format: f, spec } };
}
