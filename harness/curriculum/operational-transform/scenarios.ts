/**
 * The operational-transform scenario families (§E.6): a client cut off from the server while every
 * client edits (`offline-editor`: the others' edits pile up, so a transform meets ops that were
 * themselves transformed), two or three clients editing at one true millisecond at one spot
 * (`same-spot`: concurrent by construction), a network that loses, duplicates and reorders (above
 * the reliable link only timing changes), a paused server, and random faults. Never a crash.
 */
import fc from 'fast-check';
import { COLLAB_SERVER, nodeIds, plannedRecovery, type CollabScenario } from '../../cluster/index.ts';
import type { Fault, TimedFault } from '../../sim/index.ts';
import { describeSpec, networkParts, nodeByPosition, randomFaults, scheduleLines, type NetworkSpec } from '../scenario-kit.ts';

interface Common extends NetworkSpec {
  readonly clients: number;
  readonly editsPerClient: number;
  readonly initialLength: number;
}

export type CollabSpec =
  | (Common & { readonly family: 'offline-editor'; readonly who: number; readonly at: number; readonly offlineFor: number })
  | (Common & { readonly family: 'same-spot'; readonly at: number; readonly spot: number; readonly editors: number; readonly deletes: readonly boolean[]; readonly lengths: readonly number[] })
  | (Common & { readonly family: 'flaky-network' })
  | (Common & { readonly family: 'paused-server'; readonly at: number; readonly pauseFor: number })
  | (Common & { readonly family: 'random'; readonly faults: readonly TimedFault[] });

const FOUR = nodeIds('c', 4);

function families(limits: { readonly editsMax: number; readonly offlineEditsMax: number; readonly faultsMax: number }): fc.Arbitrary<CollabSpec> {
  const network = networkParts({ latencyMax: 10, lossPct: 0 });
  const common = (editsMax: number) => ({
    seed: network.seed,
    latencyMax: network.latencyMax,
    clients: fc.integer({ min: 2, max: 4 }),
    editsPerClient: fc.integer({ min: 3, max: editsMax }),
    initialLength: fc.integer({ min: 0, max: 8 }),
  });
  const offline = fc.record({ family: fc.constant('offline-editor' as const), ...common(limits.offlineEditsMax), who: fc.integer({ min: 0, max: 3 }), at: fc.integer({ min: 0, max: 100 }), offlineFor: fc.integer({ min: 100, max: 400 }) });
  const sameSpot = fc.record({
    family: fc.constant('same-spot' as const),
    ...common(limits.editsMax),
    at: fc.integer({ min: 20, max: 200 }),
    spot: fc.integer({ min: 0, max: 8 }),
    editors: fc.integer({ min: 2, max: 3 }),
    deletes: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    lengths: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }),
  });
  const flaky = fc.record({ family: fc.constant('flaky-network' as const), ...common(limits.editsMax) });
  const paused = fc.record({ family: fc.constant('paused-server' as const), ...common(limits.editsMax), at: fc.integer({ min: 0, max: 200 }), pauseFor: fc.integer({ min: 50, max: 200 }) });
  const client = nodeByPosition(FOUR);
  const random = fc.record({
    family: fc.constant('random' as const),
    ...common(limits.editsMax),
    faults: randomFaults({
      nodes: [COLLAB_SERVER, ...FOUR],
      kinds: [
        'pause',
        'resume',
        'heal',
        client.map((c): Fault => ({ kind: 'partition', sides: [[c], [COLLAB_SERVER, ...FOUR.filter((x) => x !== c)]] })),
        fc.tuple(client, fc.boolean()).map(([c, up]): Fault => (up ? { kind: 'hold', from: c, to: COLLAB_SERVER } : { kind: 'hold', from: COLLAB_SERVER, to: c })),
      ],
      window: 350,
      max: limits.faultsMax,
    }),
  });
  return fc.oneof(
    { arbitrary: offline as fc.Arbitrary<CollabSpec>, weight: 3 },
    { arbitrary: sameSpot as fc.Arbitrary<CollabSpec>, weight: 2 },
    { arbitrary: flaky as fc.Arbitrary<CollabSpec>, weight: 2 },
    { arbitrary: paused as fc.Arbitrary<CollabSpec>, weight: 1 },
    { arbitrary: random as fc.Arbitrary<CollabSpec>, weight: 2 },
  );
}

export const collabSpecArbitrary = families({ editsMax: 8, offlineEditsMax: 6, faultsMax: 6 });
/** The instructor's hidden tier: the same families, with more random faults. */
export const hiddenCollabSpecArbitrary = families({ editsMax: 8, offlineEditsMax: 6, faultsMax: 9 });

const FAULT_PHASE_MS = 450;

/** Faults naming a client the run does not have are left out (a partition keeps its real members). */
function fit(faults: readonly TimedFault[], clients: readonly string[]): TimedFault[] {
  const real = (id: string): boolean => id === COLLAB_SERVER || clients.includes(id);
  return faults.flatMap((tf): TimedFault[] => {
    const f = tf.fault;
    if (f.kind === 'partition') {
      const [a, b] = [f.sides[0].filter(real), f.sides[1].filter(real)];
      return a.length > 0 && b.length > 0 ? [{ at: tf.at, fault: { kind: 'partition', sides: [a, b] } }] : [];
    }
    if (f.kind === 'hold') return real(f.from) && real(f.to) ? [tf] : [];
    if ('node' in f) return real(f.node) ? [tf] : [];
    return [tf];
  });
}

export function buildCollabScenario(spec: CollabSpec): CollabScenario {
  const clients = nodeIds('c', spec.clients);
  const base = {
    seed: spec.seed,
    latency: { min: 1, max: spec.latencyMax },
    loss: 0,
    duplicate: 0,
    reorder: 0.05,
    clients: spec.clients,
    editsPerClient: spec.editsPerClient,
    initialLength: spec.initialLength,
    faultPhaseMs: FAULT_PHASE_MS,
    faults: [] as TimedFault[],
    edits: [] as CollabScenario['edits'][number][],
  };
  switch (spec.family) {
    case 'offline-editor': {
      const c = clients[spec.who % spec.clients]!;
      const faults: TimedFault[] = [
        { at: spec.at, fault: { kind: 'partition', sides: [[c], [COLLAB_SERVER, ...clients.filter((x) => x !== c)]] } },
        { at: spec.at + spec.offlineFor, fault: { kind: 'heal' } },
      ];
      return { ...base, faults, faultPhaseMs: Math.max(FAULT_PHASE_MS, spec.at + spec.offlineFor + 50) };
    }
    case 'same-spot': {
      const editors = clients.slice(0, Math.min(spec.editors, spec.clients));
      const edits = editors.map((client, i) => ({ atMs: spec.at, client, kind: spec.deletes[i] ? ('delete' as const) : ('insert' as const), at: spec.spot, length: spec.lengths[i] ?? 1 }));
      return { ...base, edits };
    }
    case 'flaky-network':
      return { ...base, loss: 0.05, duplicate: 0.1, reorder: 0.2 };
    case 'paused-server':
      return { ...base, faults: [{ at: spec.at, fault: { kind: 'pause', node: COLLAB_SERVER } }, { at: spec.at + spec.pauseFor, fault: { kind: 'resume', node: COLLAB_SERVER } }] };
    case 'random':
      return { ...base, faults: fit(spec.faults, clients) };
  }
}

export function describeCollab(spec: CollabSpec, scenario: CollabScenario): { parameters: string; schedule: string[] } {
  const nodes = [COLLAB_SERVER, ...nodeIds('c', scenario.clients)];
  const network = scenario.duplicate > 0 ? [`network: loss ${Math.round(scenario.loss * 100)}%, duplicate ${Math.round(scenario.duplicate * 100)}%, reorder ${Math.round(scenario.reorder * 100)}%`] : [];
  const edits = scenario.edits.map((e) => `t=${e.atMs}ms: ${e.client} ${e.kind === 'insert' ? `types ${e.length} at ${e.at}` : `deletes ${e.length} from ${e.at}`} (clamped to its text)`);
  return { parameters: describeSpec(spec, { omit: ['faults', 'deletes', 'lengths'] }), schedule: [...network, ...edits, ...scheduleLines(scenario, plannedRecovery(scenario, nodes))] };
}
