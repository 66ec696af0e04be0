/**
 * Why a member stopped following the leader, read from the protocol notes. A member left frozen by a
 * probe refuses replication until its round's coordinator thaws it or it accepts a new epoch; a member
 * that never accepted the leader's epoch refuses that leader's appends (epochs change only through
 * the coordinator). Either way it never catches up, and a leader whose followers all stall cannot
 * commit, so explanations name such members rather than leave the learner to guess.
 */
import type { TraceEvent } from '../sim/index.ts';
import { acceptedEpochNotes, frozenNotes, serveNotes, thawedNotes } from './protocol-notes.ts';

/** A freeze still in effect: the member, the round whose probe froze it, and when. */
export interface FreezeInEffect {
  readonly node: string;
  readonly round: number;
  readonly t: number;
}

/** A member behind the newest served epoch: it has not accepted the epoch `leader` serves. */
export interface MissedEpoch {
  readonly node: string;
  readonly leader: string;
  readonly epoch: number;
  /** The newest epoch the member is known to have accepted (1, the initial epoch, without a note). */
  readonly acceptedEpoch: number;
}

/**
 * The members frozen just before trace event `untilIndex` (the whole trace by default), judged from
 * the notes: frozen, with no later `thawed` or `accepted-epoch` note. Sorted by member id.
 */
export function freezesInEffect(trace: readonly TraceEvent[], untilIndex = trace.length): FreezeInEffect[] {
  const lastFreeze = new Map<string, { index: number; round: number; t: number }>();
  for (const n of frozenNotes(trace)) if (n.index < untilIndex) lastFreeze.set(n.node, n);
  const lifted = [...thawedNotes(trace), ...acceptedEpochNotes(trace)];
  return [...lastFreeze.entries()]
    .filter(([node, freeze]) => !lifted.some((n) => n.node === node && n.index > freeze.index && n.index < untilIndex))
    .map(([node, { round, t }]) => ({ node, round, t }))
    .sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}

/** "n2 (frozen by round 1's probe at t=1102ms) and n3 (…)", for explanations. */
export function describeFreezes(freezes: readonly FreezeInEffect[]): string {
  const parts = freezes.map((f) => `${f.node} (frozen by round ${f.round}'s probe at t=${f.t}ms)`);
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * Whether `member` never accepted the newest epoch anyone served, by the end of the trace. Members
 * start in epoch 1 without a note, so a member with no `accepted-epoch` note is taken to be in epoch 1.
 */
export function missedEpoch(trace: readonly TraceEvent[], member: string): MissedEpoch | undefined {
  const newest = serveNotes(trace).reduce<ReturnType<typeof serveNotes>[number] | undefined>((best, s) => (best === undefined || s.epoch > best.epoch ? s : best), undefined);
  if (newest === undefined || newest.node === member) return undefined;
  const acceptedEpoch = Math.max(1, ...acceptedEpochNotes(trace).filter((n) => n.node === member).map((n) => n.epoch));
  if (acceptedEpoch >= newest.epoch) return undefined;
  return { node: member, leader: newest.node, epoch: newest.epoch, acceptedEpoch };
}
