/**
 * The three multi-leader topologies as data (DDIA 4.2): which leaders each leader has a link to, the
 * topology in words, and the ring re-formed without a leader that is gone for good.
 */
import type { Topology } from '../../exercise/index.ts';

/** Every leader of `topology`, in its own order. */
export function topologyLeaders(topology: Topology): readonly string[] {
  switch (topology.kind) {
    case 'circular':
      return topology.ring;
    case 'star':
      return [topology.hub, ...topology.leaves];
    case 'all-to-all':
      return topology.leaders;
  }
}

/** The leaders `self` has a directed link to. */
export function linksFrom(topology: Topology, self: string): readonly string[] {
  switch (topology.kind) {
    case 'circular': {
      const i = topology.ring.indexOf(self);
      if (i < 0 || topology.ring.length < 2) return [];
      return [topology.ring[(i + 1) % topology.ring.length]!];
    }
    case 'star':
      if (self === topology.hub) return topology.leaves;
      return topology.leaves.includes(self) ? [topology.hub] : [];
    case 'all-to-all':
      return topology.leaders.includes(self) ? topology.leaders.filter((l) => l !== self) : [];
  }
}

/** "circular [n1, n2, n3]", "star hub n1, leaves [n2, n3]", "all-to-all [n1, n2, n3]". */
export function describeTopology(topology: Topology): string {
  switch (topology.kind) {
    case 'circular':
      return `circular [${topology.ring.join(', ')}]`;
    case 'star':
      return `star hub ${topology.hub}, leaves [${topology.leaves.join(', ')}]`;
    case 'all-to-all':
      return `all-to-all [${topology.leaders.join(', ')}]`;
  }
}

/** The topology without `gone` (a ring closes over the gap; a star cannot lose its hub this way). */
export function withoutLeader(topology: Topology, gone: string): Topology {
  switch (topology.kind) {
    case 'circular':
      return { kind: 'circular', ring: topology.ring.filter((l) => l !== gone) };
    case 'star':
      if (gone === topology.hub) throw new RangeError(`withoutLeader: ${gone} is the star's hub`);
      return { kind: 'star', hub: topology.hub, leaves: topology.leaves.filter((l) => l !== gone) };
    case 'all-to-all':
      return { kind: 'all-to-all', leaders: topology.leaders.filter((l) => l !== gone) };
  }
}

/** Why `sendTo` is not a valid set of destinations for `self` in `topology` (a leader twice, or no link), or null. */
export function sendToProblem(topology: Topology, self: string, sendTo: readonly string[]): string | null {
  const twice = sendTo.find((l, i) => sendTo.indexOf(l) !== i);
  if (twice !== undefined) return `it names ${twice} twice`;
  const links = linksFrom(topology, self);
  const stray = sendTo.find((l) => !links.includes(l));
  if (stray === undefined) return null;
  const only = links.length === 0 ? 'to nobody' : links.length === 1 ? `only to ${links[0]}` : `only to ${links.join(', ')}`;
  return `in this ${describeTopology(topology)} topology ${self} sends ${only}, not to ${stray}`;
}
