/**
 * Faults as data: a fault schedule is a list of timed events, so it can be generated, printed,
 * replayed from a token and shrunk. Each fault comes with its inverse (`partition`/`heal`,
 * `hold`/`release`, `crash`/`restart`, `pause`/`resume`).
 */
/** A fault that changes what the network does with messages; `Network.apply` handles every one. */
export type NetworkFault =
  /** Messages between the two sides are dropped, in both directions. */
  | { kind: 'partition'; sides: readonly [readonly string[], readonly string[]] }
  /** Messages from `from` to `to` are dropped; the other direction still works. */
  | { kind: 'partition-one-way'; from: readonly string[]; to: readonly string[] }
  /** Every partition ends. */
  | { kind: 'heal' }
  /** Messages on the link from → to are kept in flight until `release`. */
  | { kind: 'hold'; from: string; to: string }
  /**
   * Held messages on the link from → to are delivered now, in the order they were sent, or, with
   * `order: 'newest-first'`, the last one sent first (two replies made to arrive out of order).
   */
  | { kind: 'release'; from: string; to: string; order?: 'sent' | 'newest-first' }
  /** Changes loss and duplication on the links between the listed nodes (both directions). */
  | { kind: 'link-faults'; between: readonly [string, string]; loss: number; duplicate: number }
  /** Every link goes back to the network-wide loss and duplication. */
  | { kind: 'link-faults-clear' }
  /** Sets the network-wide loss and duplication (links with their own `link-faults` keep those). */
  | { kind: 'network-faults'; loss: number; duplicate: number };

/** A fault that happens to one node; the simulation handles every one. */
export type NodeFault =
  /** The node loses its volatile state, timers and in-flight inbound messages; storage survives. */
  | { kind: 'crash'; node: string }
  /** A crashed node starts again and rebuilds its state from durable storage. */
  | { kind: 'restart'; node: string }
  /** The node freezes: no timers fire and no messages are handled until `resume` (a GC pause, a zombie). */
  | { kind: 'pause'; node: string }
  /** A paused node carries on; timers that came due and messages that arrived meanwhile run now. */
  | { kind: 'resume'; node: string }
  /** The node's clock jumps by `skewMs` and from now runs `drift` faster (0.01 = 1 % fast). */
  | { kind: 'clock'; node: string; skewMs: number; drift: number };

export type Fault = NetworkFault | NodeFault;

// A record over every kind, so adding a node fault without listing it here does not compile.
const NODE_FAULT_KINDS: Readonly<Record<NodeFault['kind'], true>> = { crash: true, restart: true, pause: true, resume: true, clock: true };

/** Whether `fault` happens to one node (the simulation's to apply) rather than to the network. */
export function isNodeFault(fault: Fault): fault is NodeFault {
  return Object.hasOwn(NODE_FAULT_KINDS, fault.kind);
}

export interface TimedFault {
  readonly at: number;
  readonly fault: Fault;
}

/** A fault schedule: timed faults in the order they happen. */
export type FaultSchedule = readonly TimedFault[];

/** One line per fault, e.g. `t=1200ms crash n1`, for feedback and replays. */
export function describeFault(f: Fault): string {
  switch (f.kind) {
    case 'crash':
    case 'restart':
    case 'pause':
    case 'resume':
      return `${f.kind} ${f.node}`;
    case 'partition':
      return `partition {${f.sides[0].join(',')}} | {${f.sides[1].join(',')}}`;
    case 'partition-one-way':
      return `partition {${f.from.join(',')}} -> {${f.to.join(',')}} (one way)`;
    case 'heal':
      return 'heal all partitions';
    case 'hold':
      return `hold ${f.from} -> ${f.to}`;
    case 'release':
      return `release ${f.from} -> ${f.to}${f.order === 'newest-first' ? ' (newest first)' : ''}`;
    case 'link-faults':
      return `link ${f.between[0]} <-> ${f.between[1]}: loss ${pct(f.loss)}, duplicate ${pct(f.duplicate)}`;
    case 'link-faults-clear':
      return 'link faults cleared';
    case 'network-faults':
      return `whole network: loss ${pct(f.loss)}, duplicate ${pct(f.duplicate)}`;
    case 'clock':
      return `clock ${f.node}: ${f.skewMs >= 0 ? '+' : ''}${f.skewMs}ms, drift ${pct(f.drift)}`;
  }
}

/** The whole schedule, one fault per line. */
export function describeSchedule(schedule: FaultSchedule): string[] {
  return schedule.map((tf) => `t=${tf.at}ms ${describeFault(tf.fault)}`);
}

function pct(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}
