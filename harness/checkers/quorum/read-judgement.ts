/**
 * How one quorum read behaved compared with what a correct reader could have done with the same
 * replies: the acceptable set is "resolve right after the r-th reply with the highest version among
 * the replies, repairing every older replier" or "reject with QuorumError right after the
 * (n − r + 1)-th failure". Any tie-break among equal versions is fine.
 */
import type { ReadRecord, ReplicaCall, Versioned } from '../../cluster/index.ts';
import { plainVersioned, sameVersioned } from '../../cluster/index.ts';

export interface ReadJudgement {
  /** Resolved or rejected at the wrong moment, with the wrong error, or never. */
  readonly availability?: string;
  /** Returned something other than the highest version among the replies it had. */
  readonly value?: string;
  /** A stale replier was not repaired, or a repair wrote something else. */
  readonly repair?: string;
  /** What would have been acceptable, in words. */
  readonly acceptable: string;
  /** When the read ended (or its deadline passed). */
  readonly t: number;
}

/** A read's replies in the order they reached the reader, first per replica. */
export function repliesSeen(read: ReadRecord): { successes: (ReplicaCall & { value: Versioned })[]; failures: ReplicaCall[]; last?: ReplicaCall } {
  const seen = read.calls
    .filter((c) => c.kind === 'read' && c.order !== undefined && c.order <= (read.answeredAfter ?? Infinity))
    .sort((a, b) => a.order! - b.order!);
  const byId = new Set<string>();
  const successes: (ReplicaCall & { value: Versioned })[] = [];
  const failures: ReplicaCall[] = [];
  for (const c of seen) {
    if (byId.has(c.id)) continue;
    byId.add(c.id);
    if (c.result?.ok === true && c.result.value !== undefined) successes.push({ ...c, value: c.result.value });
    else failures.push(c);
  }
  // The last read reply the reader saw before answering (repairs settling in between do not count).
  const last = seen[seen.length - 1];
  return { successes, failures, ...(last ? { last } : {}) };
}

const ordinal = (k: number): string => `${k}${k % 10 === 1 && k !== 11 ? 'st' : k % 10 === 2 && k !== 12 ? 'nd' : k % 10 === 3 && k !== 13 ? 'rd' : 'th'}`;

function tally(replies: number, failures: number): string {
  return `${replies} repl${replies === 1 ? 'y' : 'ies'} and ${failures} failure${failures === 1 ? '' : 's'}`;
}

export function describeRead(read: ReadRecord): string {
  const { n, r } = read.config;
  return `read #${read.no} of ${read.key} (n=${n}, r=${r}, invoked at t=${read.invokedAt} ms)`;
}

/** Judges one finished read; a read still running when the run ended is not judged. */
export function judgeRead(read: ReadRecord): ReadJudgement | undefined {
  const outcome = read.outcome;
  if (outcome === undefined || outcome.kind === 'problem') return undefined;
  const { n, r } = read.config;
  const t = read.endedAt ?? read.invokedAt;
  const { successes, failures, last } = repliesSeen(read);
  const needFailures = n - r + 1;
  const askedAtStart = new Set(read.calls.filter((c) => c.kind === 'read' && c.at === read.invokedAt).map((c) => c.id));
  const missing = read.ids.filter((id) => !askedAtStart.has(id));
  // The replies it had are not the ones a read asking everyone would have had: state the rule, not a moment.
  const acceptable =
    missing.length > 0
      ? `ask ${read.ids.join(', ')} at t=${read.invokedAt} ms, when the read started, then settle at the ${ordinal(r)} reply (returning the highest version among the replies and repairing every older replier) or the ${ordinal(needFailures)} failure`
      : acceptableFor(read);
  const problems: { availability?: string; value?: string; repair?: string } = {};

  if (missing.length > 0) {
    problems.availability = `did not ask ${missing.join(', ')} when the read started (ask all ${n} home replicas at once, or a slow or dead replica delays the read)`;
  }

  switch (outcome.kind) {
    case 'never-settled':
      problems.availability ??= 'never settled';
      break;
    case 'rejected':
      if (outcome.name !== 'QuorumError') problems.availability ??= `rejected with ${outcome.name}: ${outcome.message}`;
      else if (successes.length >= r) problems.availability ??= `rejected with QuorumError although ${successes.length} replicas had replied`;
      else if (failures.length < needFailures)
        problems.availability ??= `rejected with QuorumError after ${failures.length} failure${failures.length === 1 ? '' : 's'}, while ${r} replies were still possible`;
      else if (failures.length > needFailures || last === undefined || last.result?.ok !== false || last.settledAt !== t)
        problems.availability ??= `rejected with QuorumError at t=${t} ms, after ${tally(successes.length, failures.length)}: later than the ${ordinal(needFailures)} failure${sameInstant(failures[needFailures - 1], t)}`;
      break;
    case 'returned': {
      const v = plainVersioned(outcome.value);
      if (v === undefined) {
        problems.value = `returned ${show(outcome.value)}, which is not a { value, version }`;
        break;
      }
      if (successes.length < r) problems.availability ??= `resolved after only ${successes.length} repl${successes.length === 1 ? 'y' : 'ies'}${readAgain(read, failures)}`;
      else if (successes.length > r || last === undefined || last.result?.ok !== true || last.settledAt !== t)
        problems.availability ??= `resolved at t=${t} ms, after ${tally(successes.length, failures.length)}: not right at the ${ordinal(r)} reply${sameInstant(successes[r - 1], t)}`;
      const newest = successes.reduce((m, s) => Math.max(m, s.value.version), 0);
      if (!successes.some((s) => sameVersioned(s.value, v)) && v.version !== 0)
        problems.value = `returned version ${v.version} (${show(v.value)}), which none of its replies held`;
      else if (v.version < newest)
        problems.value = `returned version ${v.version} although version ${newest} was among its replies (from ${successes.filter((s) => s.value.version === newest).map((s) => s.id).join(', ')})`;
      else if (v.version === 0 && v.value !== undefined) problems.value = `returned version 0 with a value (${show(v.value)}); version 0 means never written`;
      // Repairs: every replier seen with an older version, written back with exactly the returned value.
      const repairs = read.calls.filter((c) => c.kind === 'repair');
      const bad = repairs.find((c) => c.result?.ok === false && c.result.name === 'RangeError');
      const stale = successes.filter((s) => s.value.version < v.version);
      const unrepaired = stale.filter((s) => !repairs.some((c) => c.id === s.id && c.newer !== undefined && sameVersioned(c.newer, v)));
      if (unrepaired.length > 0)
        problems.repair = `did not repair ${unrepaired.map((s) => `${s.id} (replied version ${s.value.version})`).join(', ')} with the returned version ${v.version}`;
      else if (bad !== undefined && bad.result?.ok === false) problems.repair = `sent a repair the store refused: ${bad.result.message}`;
      break;
    }
  }
  return { ...problems, acceptable, t };
}

/**
 * When the answer that should have settled the read came at the very millisecond the read settled,
 * "later" alone reads as a contradiction beside the acceptable answer's time: say it was later in
 * the order the answers arrived.
 */
function sameInstant(due: ReplicaCall | undefined, t: number): string {
  return due !== undefined && due.settledAt === t ? ` (${due.id}'s, at that same millisecond but before the answers you went on to wait for)` : '';
}

/** Replicas whose failure the learner answered by reading them again: the second answer does not count. */
function readAgain(read: ReadRecord, failures: readonly ReplicaCall[]): string {
  const asked = read.calls.filter((c) => c.kind === 'read' && c.order !== undefined && c.order <= (read.answeredAfter ?? Infinity));
  const again = failures.filter((f) => asked.filter((c) => c.id === f.id).length > 1).map((f) => f.id);
  if (again.length === 0) return '';
  return `: ${again.join(', ')} failed and then answered a second read, but each home replica counts once, by its first answer`;
}

/** The acceptable behaviour for this read's replies, in words. */
function acceptableFor(read: ReadRecord): string {
  const { n, r } = read.config;
  const settled = read.calls
    .filter((c) => c.kind === 'read' && c.order !== undefined)
    .sort((a, b) => a.order! - b.order!);
  const firstPer = new Map<string, ReplicaCall>();
  for (const c of settled) if (!firstPer.has(c.id)) firstPer.set(c.id, c);
  const ordered = [...firstPer.values()];
  let ok = 0;
  let failed = 0;
  for (const c of ordered) {
    if (c.result?.ok === true) ok++;
    else failed++;
    if (ok === r) {
      const replies = ordered.filter((x) => x.result?.ok === true && x.order! <= c.order!);
      const newest = replies.reduce((m, x) => Math.max(m, (x.result as { value?: Versioned }).value?.version ?? 0), 0);
      return `resolve at the ${ordinal(r)} reply (t=${c.settledAt} ms, from ${c.id}) with version ${newest}, the highest among ${replies.map((x) => x.id).join(', ')}`;
    }
    if (failed === n - r + 1) return `reject with QuorumError at the ${ordinal(n - r + 1)} failure (t=${c.settledAt} ms, ${c.id})`;
  }
  return `ask all ${n} home replicas, then resolve at the ${ordinal(r)} reply or reject at the ${ordinal(n - r + 1)} failure`;
}

function show(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
