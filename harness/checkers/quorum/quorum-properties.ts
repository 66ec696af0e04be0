/**
 * The properties a quorum-read run and a sloppy-quorum run are checked for, in the order they are
 * checked and reported. Their verdicts are the shared `Verdict` of `../verdict.ts`.
 */
import type { Property, Verdict } from '../verdict.ts';

export type QuorumPropertyName = 'no-stale-read' | 'no-invented-value' | 'read-availability' | 'read-repair';

/** The sloppy-quorum (hinted handoff) properties. */
export type HintPropertyName = 'sloppy-write-availability' | 'hinted-writes-reach-home' | 'hints-kept-until-ack';

/** A verdict of a quorum-read property. */
export type QuorumVerdict = Verdict<QuorumPropertyName>;

/** A verdict of a hinted-handoff property. */
export type HintVerdict = Verdict<HintPropertyName>;

/** The four quorum-read properties, in the order they are checked and reported. */
export const QUORUM_PROPERTIES: readonly Property<QuorumPropertyName>[] = Object.freeze([
  {
    name: 'no-stale-read',
    title: 'No stale read (r + w > n)',
    description: 'A read that starts after a write was acknowledged returns that write\'s version or a newer one.',
  },
  {
    name: 'no-invented-value',
    title: 'No invented value',
    description: 'A read returns version 0 (never written) or the value and version of a write invoked before the read resolved.',
  },
  {
    name: 'read-availability',
    title: 'Resolves at the r-th reply, fails only when r replies are impossible',
    description:
      'A read asks all n home replicas, resolves as soon as r of them replied, and rejects with QuorumError as soon as n − r + 1 of them failed (not before).',
  },
  {
    name: 'read-repair',
    title: 'Repairs every stale replier',
    description: 'Every replica that replied with a lower version before the read resolved is sent repair(id, returned value).',
  },
] as const);

/** The three hinted-handoff properties, in the order they are checked and reported. */
export const HINT_PROPERTIES: readonly Property<HintPropertyName>[] = Object.freeze([
  {
    name: 'sloppy-write-availability',
    title: 'Writes reach w acks while home replicas are down and fallbacks are up',
    description: 'A write issued while at least n nodes of its preference list have been up for a while is acknowledged before its timeout.',
  },
  {
    name: 'hinted-writes-reach-home',
    title: 'Every hinted write reaches its home replica after recovery',
    description: 'Once the faults end, every value a fallback stored for a home replica is handed off: the home replica ends with that version or a newer one.',
  },
  {
    name: 'hints-kept-until-ack',
    title: 'A hint is dropped only after its home replica acknowledged it',
    description: 'A fallback removes a hint only after that home replica acknowledged the key at that version or newer, and hands hints only to the replica they are for.',
  },
] as const);
