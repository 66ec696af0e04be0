/**
 * Where keys live: every key has a preference list, all nodes in a key-specific rotation. Its first
 * n are the key's home replicas; the rest are fallbacks, in the order a sloppy quorum tries them.
 */
import { nodeIds } from '../phased-run.ts';

/** The replica nodes of a store of `count` nodes: n1 … nCount. */
export function storeNodeIds(count: number): string[] {
  return nodeIds('n', count);
}

/** The keys of a store with `count` keys: k1 … kCount. */
export function keyNames(count: number): string[] {
  return nodeIds('k', count);
}

/** The preference list of `key`: the nodes rotated by the key's number, so keys spread over nodes. */
export function preferenceList(key: string, nodes: readonly string[]): string[] {
  const index = Number(/\d+$/.exec(key)?.[0] ?? 0);
  const shift = ((index - 1) % nodes.length + nodes.length) % nodes.length;
  return [...nodes.slice(shift), ...nodes.slice(0, shift)];
}

/** The first n nodes of the preference list: the key's home replicas. */
export function homeReplicas(key: string, nodes: readonly string[], n: number): string[] {
  return preferenceList(key, nodes).slice(0, n);
}
