/**
 * The acceptable behaviours of one quorum read, as data: what the replies were (the question) and
 * what the reader did with them (the answer). Written from the README's rules on their own, beside
 * the checker's `judgeRead`, so that what a first wrong read states is asked of a second reading of
 * the rules: a strict-quorum read resolves right at its r-th reply with the newest version among the
 * replies and repairs every older replier, or rejects with QuorumError right at its (n − r + 1)-th
 * failure; a linearizable read may also wait, but returns only once w home replicas are known to
 * hold what it returns.
 */
import { plainVersioned, sameVersioned, type ReadRecord, type Versioned } from '../../cluster/index.ts';
import type { AcceptableSet } from '../expectation.ts';

/** The replies of one read in the order they settled (first per replica), and its configuration. */
export interface ReadQuestion {
  readonly n: number;
  readonly r: number;
  readonly w: number;
  readonly ids: readonly string[];
  readonly replies: readonly { readonly id: string; readonly order: number; readonly at: number; readonly ok: boolean; readonly value?: Versioned }[];
}

/** What a read did: whom it asked at once, how it ended and when, and whom it repaired with what it returned. */
export interface ReadBehaviour {
  readonly asked: readonly string[];
  readonly outcome: 'returned' | 'rejected' | 'never-settled';
  readonly name?: string;
  readonly at?: number;
  /** How many of its calls had settled when it answered. */
  readonly seen?: number;
  readonly returned?: Versioned;
  readonly repaired: readonly string[];
  /** Whether the store refused one of its repairs (a write-back of something no replica returned). */
  readonly refusedRepair: boolean;
}

/** The question a read answered: its replies as the reader could see them. */
export function readQuestion(read: ReadRecord): ReadQuestion {
  const firstPer = new Map<string, ReadQuestion['replies'][number]>();
  const settled = read.calls.filter((c) => c.kind === 'read' && c.order !== undefined).sort((a, b) => a.order! - b.order!);
  for (const c of settled) {
    if (firstPer.has(c.id)) continue;
    const value = c.result?.ok === true ? c.result.value : undefined;
    firstPer.set(c.id, { id: c.id, order: c.order!, at: c.settledAt ?? read.invokedAt, ok: c.result?.ok === true && value !== undefined, ...(value !== undefined ? { value } : {}) });
  }
  return { ...read.config, ids: read.ids, replies: [...firstPer.values()] };
}

/** What the read did, read off its record. */
export function readBehaviour(read: ReadRecord): ReadBehaviour {
  const o = read.outcome;
  const returned = o?.kind === 'returned' ? plainVersioned(o.value) : undefined;
  const repairs = read.calls.filter((c) => c.kind === 'repair');
  return {
    asked: [...new Set(read.calls.filter((c) => c.kind === 'read' && c.at === read.invokedAt).map((c) => c.id))],
    outcome: o?.kind === 'returned' ? 'returned' : o?.kind === 'rejected' ? 'rejected' : 'never-settled',
    ...(o?.kind === 'rejected' ? { name: o.name } : {}),
    ...(read.endedAt !== undefined ? { at: read.endedAt } : {}),
    ...(read.answeredAfter !== undefined ? { seen: read.answeredAfter } : {}),
    ...(returned ? { returned } : {}),
    repaired: returned ? repairs.filter((c) => c.newer !== undefined && sameVersioned(c.newer, returned)).map((c) => c.id) : [],
    refusedRepair: repairs.some((c) => c.result?.ok === false && c.result.name === 'RangeError'),
  };
}

/** The reply at which a correct strict-quorum read ends, and how. */
function decisive(q: ReadQuestion): { kind: 'returned'; reply: ReadQuestion['replies'][number]; newest: Versioned[]; stale: string[] } | { kind: 'rejected'; reply: ReadQuestion['replies'][number] } | undefined {
  let ok = 0;
  let failed = 0;
  for (const [i, reply] of q.replies.entries()) {
    if (reply.ok) ok++;
    else failed++;
    if (ok === q.r) {
      const counted = q.replies.slice(0, i + 1).filter((x) => x.ok);
      const top = Math.max(...counted.map((x) => x.value!.version));
      return { kind: 'returned', reply, newest: counted.filter((x) => x.value!.version === top).map((x) => x.value!), stale: counted.filter((x) => x.value!.version < top).map((x) => x.id) };
    }
    if (failed === q.n - q.r + 1) return { kind: 'rejected', reply };
  }
  return undefined;
}

const sameIds = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** The behaviours of a correct `quorumRead` for these replies. */
export const STRICT_READS: AcceptableSet<ReadQuestion, ReadBehaviour> = {
  name: 'quorum-reader/strict-read',
  accepts: (q, b) => {
    const d = decisive(q);
    if (d === undefined || !sameIds(b.asked, q.ids) || b.at !== d.reply.at || b.seen !== d.reply.order) return false;
    if (d.kind === 'rejected') return b.outcome === 'rejected' && b.name === 'QuorumError';
    const v = b.returned;
    return b.outcome === 'returned' && v !== undefined && d.newest.some((x) => sameVersioned(x, v)) && d.stale.every((id) => b.repaired.includes(id)) && !b.refusedRepair;
  },
};

/** The behaviour a strict-quorum read's "acceptable: …" words name, or undefined when they name a rule only. */
export function strictReadStated(q: ReadQuestion): ReadBehaviour | undefined {
  const d = decisive(q);
  if (d === undefined) return undefined;
  const end = { asked: q.ids, at: d.reply.at, seen: d.reply.order, refusedRepair: false };
  return d.kind === 'rejected' ? { ...end, outcome: 'rejected', name: 'QuorumError', repaired: [] } : { ...end, outcome: 'returned', returned: d.newest[0]!, repaired: d.stale };
}

/** A linearizable read's end: how many home replicas had failed it, or which it knew to hold what it returned. */
export interface LinearizableEnd {
  readonly outcome: 'returned' | 'rejected' | 'never-settled';
  readonly name?: string;
  readonly failed?: number;
  readonly holders?: readonly string[];
}

/** The ends a correct `quorumReadLinearizable` may reach: give up only when r replies or w holders are out of reach. */
export const LINEARIZABLE_READS: AcceptableSet<{ readonly n: number; readonly r: number; readonly w: number }, LinearizableEnd> = {
  name: 'quorum-reader/linearizable-read',
  accepts: (q, e) => {
    switch (e.outcome) {
      case 'never-settled':
        return false;
      case 'rejected':
        return e.name === 'QuorumError' && (e.failed ?? 0) >= q.n - Math.max(q.r, q.w) + 1;
      case 'returned':
        return (e.holders?.length ?? 0) >= q.w;
    }
  },
};

/** The home replicas a read knew to hold `version` or newer when it returned: repliers, and repairs they acknowledged. */
export function knownHolders(read: ReadRecord, version: number): string[] {
  const t = read.endedAt ?? read.invokedAt;
  const holds = read.calls.filter(
    (c) =>
      (c.settledAt ?? Infinity) <= t &&
      ((c.kind === 'read' && c.result?.ok === true && (c.result.value?.version ?? -1) >= version) || (c.kind === 'repair' && c.result?.ok === true && (c.newer?.version ?? -1) >= version)),
  );
  return [...new Set(holds.map((c) => c.id))];
}
