/**
 * The network's rules: per-link latency, loss, duplication and reordering, plus the faults that change
 * them (partitions, holds, link faults). It decides what happens to a message; the simulation carries
 * the decision out, so every random draw happens in one place and in one order.
 */
import { harnessError } from '../errors.ts';
import type { NetworkFault } from './faults.ts';
import type { SeededRandom } from './random.ts';

/** Message latency in ms, drawn uniformly from [min, max] for each message. */
export interface LatencyRange {
  readonly min: number;
  readonly max: number;
}

export interface LinkConfig {
  readonly latency: LatencyRange;
  /** Probability that a message is lost. */
  readonly loss: number;
  /** Probability that a message is delivered twice (the copy with its own latency). */
  readonly duplicate: number;
  /** Probability that a message is held back by up to 3 × `latency.max` extra, overtaking order. */
  readonly reorder: number;
}

export interface NetworkConfig extends LinkConfig {
  /** Per directed link overrides, keyed `"from->to"`. */
  readonly links?: Readonly<Record<string, Partial<LinkConfig>>>;
}

export const DEFAULT_NETWORK: NetworkConfig = { latency: { min: 1, max: 10 }, loss: 0, duplicate: 0, reorder: 0 };

/** What the network does with one message: drop it, or deliver it after `delay` (and a copy after `copyDelay`). */
export type Routing = { drop: 'loss' | 'partition' } | { delay: number; copyDelay: number | undefined };

export class Network {
  private readonly blocked = new Set<string>();
  private readonly holding = new Set<string>();
  private readonly linkFaults = new Map<string, { loss: number; duplicate: number }>();
  /** Effective link settings by sender then receiver: looked up for every message, so no string keys. */
  private readonly cache = new Map<string, Map<string, LinkConfig>>();
  /** Every link's settings when no link overrides them: then `link` needs no lookup at all. */
  private readonly uniform: LinkConfig | undefined;
  private networkFaults: { loss: number; duplicate: number } | undefined;
  /** The one routing `route` returns for a delivered message: read at once by the sender, never kept. */
  private readonly delivered = { delay: 0, copyDelay: undefined as number | undefined };

  constructor(readonly config: NetworkConfig) {
    validateLink('network', config);
    for (const [key, link] of Object.entries(config.links ?? {})) {
      if (!/^[^>]+->[^>]+$/.test(key)) throw harnessError('ERR_INVALID_OPTION', `network.links: key "${key}" must look like "n1->n2"`, RangeError);
      validateLink(`network.links["${key}"]`, { ...config, ...link });
    }
    if (Object.keys(config.links ?? {}).length === 0) this.uniform = { ...config };
  }

  /** Decides the fate of a message sent now from `from` to `to`; the result is valid until the next call. */
  route(from: string, to: string, rng: SeededRandom): Routing {
    if (!this.canDeliver(from, to)) return DROP_PARTITION;
    const link = this.link(from, to);
    const faults = (this.linkFaults.size > 0 ? this.linkFaults.get(linkKey(from, to)) : undefined) ?? this.networkFaults;
    const loss = faults ? faults.loss : link.loss;
    const duplicate = faults ? faults.duplicate : link.duplicate;
    if (rng.chance(loss)) return DROP_LOSS;
    const routed = this.delivered;
    routed.delay = this.delay(link, rng);
    routed.copyDelay = rng.chance(duplicate) ? this.delay(link, rng) : undefined;
    return routed;
  }

  /** Whether a message may arrive now (a partition that started while it was in flight drops it). */
  canDeliver(from: string, to: string): boolean {
    return this.blocked.size === 0 || !this.blocked.has(linkKey(from, to));
  }

  isHeld(from: string, to: string): boolean {
    return this.holding.size > 0 && this.holding.has(linkKey(from, to));
  }

  /** Applies a network fault. */
  apply(fault: NetworkFault): void {
    switch (fault.kind) {
      case 'partition':
        for (const a of fault.sides[0])
          for (const b of fault.sides[1]) {
            this.blocked.add(linkKey(a, b));
            this.blocked.add(linkKey(b, a));
          }
        return;
      case 'partition-one-way':
        for (const a of fault.from) for (const b of fault.to) this.blocked.add(linkKey(a, b));
        return;
      case 'heal':
        this.blocked.clear();
        return;
      case 'hold':
        this.holding.add(linkKey(fault.from, fault.to));
        return;
      case 'release':
        this.holding.delete(linkKey(fault.from, fault.to));
        return;
      case 'link-faults': {
        const [a, b] = fault.between;
        const f = { loss: fault.loss, duplicate: fault.duplicate };
        this.linkFaults.set(linkKey(a, b), f);
        this.linkFaults.set(linkKey(b, a), f);
        return;
      }
      case 'link-faults-clear':
        this.linkFaults.clear();
        return;
      case 'network-faults':
        this.networkFaults = { loss: fault.loss, duplicate: fault.duplicate };
        return;
    }
  }

  private link(from: string, to: string): LinkConfig {
    if (this.uniform !== undefined) return this.uniform;
    let byReceiver = this.cache.get(from);
    if (byReceiver === undefined) this.cache.set(from, (byReceiver = new Map()));
    let link = byReceiver.get(to);
    if (link === undefined) {
      link = { ...this.config, ...(this.config.links?.[linkKey(from, to)] ?? {}) };
      byReceiver.set(to, link);
    }
    return link;
  }

  private delay(link: LinkConfig, rng: SeededRandom): number {
    const base = rng.int(link.latency.min, link.latency.max);
    return link.reorder > 0 && rng.chance(link.reorder) ? base + rng.int(1, 3 * link.latency.max) : base;
  }
}

const DROP_PARTITION: Routing = { drop: 'partition' };
const DROP_LOSS: Routing = { drop: 'loss' };

export function linkKey(from: string, to: string): string {
  return `${from}->${to}`;
}

function validateLink(where: string, link: LinkConfig): void {
  const { min, max } = link.latency;
  if (!Number.isInteger(min) || min < 0) throw harnessError('ERR_INVALID_OPTION', `${where}.latency.min must be a whole number of ms ≥ 0, got ${min}`, RangeError);
  if (!Number.isInteger(max) || max < min) throw harnessError('ERR_INVALID_OPTION', `${where}.latency.max must be a whole number ≥ latency.min (${min}), got ${max}`, RangeError);
  for (const p of ['loss', 'duplicate', 'reorder'] as const) {
    const v = link[p];
    if (!(v >= 0 && v <= 1)) throw harnessError('ERR_INVALID_OPTION', `${where}.${p} must be a probability between 0 and 1, got ${v}`, RangeError);
  }
}
