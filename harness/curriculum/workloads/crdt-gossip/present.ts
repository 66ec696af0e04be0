/**
 * How a gossip run is shown: a lane per replica, then the clients; each replica's learner calls are
 * labelled with the state they returned, so a timeline draws the states replica by replica
 * (`n2 pnDecrement('n2') → inc {n1: 1} dec {n2: 1}`); sends and skipped merges are routine.
 */
import type { GossipMessage, GossipRun } from '../../../cluster/index.ts';
import { lanesOf, quiet, shown, type Presented, type Presenter } from '../../presenter.ts';

/** A state and a value in words, as one exercise writes them. */
export interface GossipShow {
  readonly state: (s: unknown) => string;
  readonly value: (v: unknown) => string;
}

/** An update's arguments after the state it is given, e.g. `'milk', 'c1-1'`. */
function callArgs(args: unknown): string {
  if (!Array.isArray(args)) return '';
  return args
    .slice(1)
    .map((a) => (typeof a === 'string' ? `'${a}'` : (JSON.stringify(a) ?? String(a))))
    .join(', ');
}

export function gossipPresenter(show: GossipShow): Presenter<GossipRun> {
  const safe = (f: (x: unknown) => string, x: unknown): string => {
    try {
      return f(x);
    } catch {
      return JSON.stringify(x) ?? String(x);
    }
  };
  return {
    lanes: (run) => lanesOf([...run.replicas, ...run.clients]),
    message: (msg): Presented => {
      const m = msg as GossipMessage;
      switch (m.type) {
        case 'write':
          return shown(`op ${m.write}${m.op ? ` (${m.op})` : ''}`);
        case 'write-ack':
          return shown(`ack ${m.write}: ${safe(show.value, m.value)}`);
        case 'state':
          return quiet(`state ${safe(show.state, m.state)}`);
      }
    },
    note: (name, data): Presented | null => {
      const d = data as Record<string, unknown>;
      switch (name) {
        case 'crdt-update':
          // The call as the learner's code got it, past the state: `orAdd('milk', 'c1-1')`, `pnIncrement('n2')`.
          return shown(`${d.fn as string}(${callArgs(d.args)}) → ${safe(show.state, d.answer)}`);
        case 'crdt-merge':
          return shown(`merge ${d.from as string}'s state → ${safe(show.state, d.answer)}`);
        case 'crdt-skip':
          return quiet(`${d.from as string}'s state is the same: no merge`);
        case 'crdt-value':
          return d.final ? shown(`final read: ${safe(show.value, d.answer)}`) : shown(`reads ${safe(show.value, d.answer)}`);
        case 'crdt-bad-answer':
          return shown(`${d.fn as string} returned ${d.problem as string}`);
        case 'crdt-send':
          return null;
        default:
          return null;
      }
    },
  };
}
