/**
 * Replay tokens: everything needed to run one scenario again, exactly, in one copy-pasteable string.
 * A token names the harness version (a different simulator would replay a different run), the
 * exercise and the scenario data itself, so replaying needs neither the generator nor its seed.
 */
import { HARNESS_VERSION } from './version.ts';

export interface ReplayPayload {
  readonly exercise: string;
  readonly scenario: unknown;
}

/** Encodes a payload as a URL-safe token. */
export function encodeReplayToken(payload: ReplayPayload): string {
  return Buffer.from(JSON.stringify({ v: HARNESS_VERSION, ex: payload.exercise, sc: payload.scenario }), 'utf8').toString('base64url');
}

/** Decodes a token, or explains in plain words why it cannot be replayed here. */
export function decodeReplayToken(token: string): { ok: true; payload: ReplayPayload } | { ok: false; problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(token.trim(), 'base64url').toString('utf8'));
  } catch {
    return { ok: false, problem: 'this replay token is not valid (was it cut when copying?)' };
  }
  if (typeof raw !== 'object' || raw === null) return { ok: false, problem: 'this replay token is not valid (was it cut when copying?)' };
  const { v, ex, sc } = raw as { v?: unknown; ex?: unknown; sc?: unknown };
  if (typeof ex !== 'string' || sc === undefined) return { ok: false, problem: 'this replay token is not valid (was it cut when copying?)' };
  if (v !== HARNESS_VERSION)
    return { ok: false, problem: `this replay token was made by harness version ${String(v)}; this is ${HARNESS_VERSION}, which would run a different scenario` };
  return { ok: true, payload: { exercise: ex, scenario: sc } };
}
