/**
 * Runs the collab cluster through one scenario: a server and clients c1 … cK editing one text, a
 * fault phase (partitions, loss, duplication, reordering, holds, pauses; never a crash: a tab's
 * unsent edits live in memory, and losing them is not the subject), then a recovery phase in which
 * clients stop editing and the channels drain. Every fact a property needs is a trace note.
 */
import { nodeIds, runPhased, type PhasedRun, type PhasedScenario, type RunHosting } from '../phased-run.ts';
import type { CollabLogic } from './logic.ts';
import { CollabClient, CollabServer, SERVER, type CollabMessage } from './nodes.ts';

/** The collab cluster's published timing. */
export const COLLAB_TIMING = Object.freeze({
  /** A reliable link resends its unacknowledged entries this often. */
  linkResendMs: 30,
  /** Think time between a client's edits. */
  thinkMinMs: 5,
  thinkMaxMs: 40,
  /** How long the recovery phase lasts: by then every channel has drained. */
  recoveryMs: 500,
  /** How long, in simulated time, a node waits for one answer of the learner's code before calling it stuck. */
  logicDeadlineMs: 5000,
});

/** Characters for fresh text: each used once in a run, so a character is its own identity. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789αβγδεζηθικλμνξοπρστυφχψωбвгджзийклмнпрстуфхцчшщыэюя';

export interface CollabScenario extends PhasedScenario {
  readonly clients: number;
  readonly editsPerClient: number;
  readonly initialLength: number;
  /** Scripted edits, each at a true time (`same-spot`: several clients at one millisecond). */
  readonly edits: readonly { readonly atMs: number; readonly client: string; readonly kind: 'insert' | 'delete'; readonly at: number; readonly length: number }[];
}

export interface CollabFinal {
  readonly texts: Readonly<Record<string, string>>;
  /** Clients with edits still unacknowledged or buffered at the end. */
  readonly busy: readonly string[];
}

export type CollabStop =
  | { readonly kind: 'learner'; readonly node: string; readonly problem: string; readonly t: number }
  | { readonly kind: 'bad-answer'; readonly node: string; readonly problem: string; readonly t: number };

export interface CollabRun extends PhasedRun<CollabScenario, CollabFinal, CollabStop> {
  readonly clients: readonly string[];
  readonly initial: string;
}

export async function runCollab(scenario: CollabScenario, logic: CollabLogic, options: RunHosting = {}): Promise<CollabRun> {
  const clients = nodeIds('c', scenario.clients);
  const T = COLLAB_TIMING;
  let used = 0;
  const fresh = (n: number): string => {
    const s = ALPHABET.slice(used, used + n);
    used += n;
    if (s.length < n) throw new RangeError('the run used up its fresh characters');
    return s;
  };
  const initial = fresh(scenario.initialLength);
  const run = await runPhased<CollabScenario, CollabFinal, CollabStop>(scenario, {
    recoveryMs: T.recoveryMs,
    trace: options.trace,
    hostYield: options.hostYield,
    nodes: ({ sim, recoveryStartsAt, stop }) => {
      const config = (id: string, record: (name: string, data: unknown) => void) => ({
        logic,
        linkResendMs: T.linkResendMs,
        logicDeadlineMs: T.logicDeadlineMs,
        note: record,
        onProblem: (_fn: string, problem: string) => stop({ kind: 'learner', node: id, problem, t: sim.now }),
        onBadAnswer: (problem: string) => stop({ kind: 'bad-answer', node: id, problem, t: sim.now }),
      });
      sim.addNode<CollabMessage>(SERVER, (ctx) => new CollabServer(ctx, config(SERVER, (n, d) => ctx.record(n, d)), initial, clients));
      for (const id of clients)
        sim.addNode<CollabMessage>(id, (ctx) =>
          new CollabClient(ctx, config(id, (n, d) => ctx.record(n, d)), initial, {
            edits: scenario.editsPerClient,
            thinkMs: { min: T.thinkMinMs, max: T.thinkMaxMs },
            stopAtMs: recoveryStartsAt,
            now: () => sim.now,
            fresh,
          }),
        );
      for (const e of scenario.edits) sim.at(e.atMs, `${e.client} edits`, () => sim.behaviourOf<CollabClient>(e.client)?.editNow(e.kind, e.at, e.length));
      return [SERVER, ...clients];
    },
    final: (sim) => ({
      texts: Object.fromEntries([[SERVER, sim.behaviourOf<CollabServer>(SERVER)?.text ?? initial], ...clients.map((c) => [c, sim.behaviourOf<CollabClient>(c)?.doc ?? initial])]),
      busy: clients.filter((c) => sim.behaviourOf<CollabClient>(c)?.idle === false),
    }),
  });
  return { ...run, clients, initial };
}
