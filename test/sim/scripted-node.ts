/**
 * A node with no protocol of its own, for simulator tests: the test drives it through `ctx` (usually
 * from `sim.at` actions) and reads back what it handled, stamped with true simulated time.
 */
import type { NodeContext, Simulation } from '../../harness/sim/index.ts';

/** One message or timer a scripted node handled, at true simulated time `t`. */
export type Handled =
  | { t: number; kind: 'message'; from: string; msg: unknown }
  | { t: number; kind: 'timer'; name: string; payload: unknown };

export interface ScriptedNode {
  readonly id: string;
  /** Everything handled so far, across incarnations, in order. */
  readonly log: Handled[];
  /** The current incarnation's context (it changes at every restart). */
  readonly ctx: NodeContext;
  /** How many times the factory ran (1 after start, +1 per restart). */
  readonly boots: number;
  /** The messages handled so far, in order. */
  messages(): unknown[];
  /** `[t, msg]` for every message handled so far. */
  arrivals(): Array<[number, unknown]>;
}

/** Adds a scripted node `id` to `sim`. */
export function addScriptedNode(sim: Simulation, id: string): ScriptedNode {
  const log: Handled[] = [];
  let current: NodeContext | undefined;
  let boots = 0;
  sim.addNode(id, (ctx) => {
    current = ctx;
    boots++;
    return {
      onMessage: (from, msg) => void log.push({ t: sim.now, kind: 'message', from, msg }),
      onTimer: (name, payload) => void log.push({ t: sim.now, kind: 'timer', name, payload }),
    };
  });
  return {
    id,
    log,
    get ctx(): NodeContext {
      if (current === undefined) throw new Error(`scripted node ${id} has not booted yet (call sim.run first)`);
      return current;
    },
    get boots(): number {
      return boots;
    },
    messages: () => log.flatMap((h) => (h.kind === 'message' ? [h.msg] : [])),
    arrivals: () => log.flatMap((h): Array<[number, unknown]> => (h.kind === 'message' ? [[h.t, h.msg]] : [])),
  };
}
