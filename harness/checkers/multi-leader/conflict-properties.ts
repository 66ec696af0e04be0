/**
 * The properties an `any-order` (conflict-resolution) run is judged by, read from the harness's own
 * record: every version as stamped (`ml-write`), what each leader had seen before it stamped one
 * (`ml-apply`, `ml-merge`: applied or merged, even when nothing changed), and every learner call with
 * its answer (`ml-call`). Version identity is (write, leader, timestamp). `v2` follows `v1` (same
 * field) when `v1` had been seen at `v2`'s leader before `v2` was stamped, or transitively.
 */
import { interestSet, sameProfile, sameVersion, versionKey, type MultiLeaderRun } from '../../cluster/index.ts';
import type { Profile, Stamped } from '../../exercise/index.ts';
import { notJudged, satisfied, violated, type Property, type Verdict } from '../verdict.ts';
import { showProfile, showStamp, showVersion } from './profiles.ts';

export type ConflictPropertyName = 'replicas-converge' | 'highest-timestamp-wins' | 'nothing-invented-nothing-dropped' | 'causal-overwrite-wins';
export type ConflictVerdict = Verdict<ConflictPropertyName>;

export const CONFLICT_PROPERTIES: readonly Property<ConflictPropertyName>[] = [
  { name: 'replicas-converge', title: 'Leaders end with the same profile', description: 'At the end every live leader holds the same version of each field and the same set of interests.' },
  { name: 'highest-timestamp-wins', title: 'Each field keeps its highest-stamped version', description: 'At the end, at every live leader, each field holds a version with the highest timestamp any leader stamped for it (any of several tied).' },
  { name: 'nothing-invented-nothing-dropped', title: 'Values are real and interests are kept', description: 'After every call every field holds a version some leader stamped, unchanged; interests hold no duplicates and nothing never added; at the end every interest added anywhere is present everywhere.' },
  { name: 'causal-overwrite-wins', title: 'A write never loses to one it had seen', description: "In runs stamped by your nextTimestamp, a version's timestamp is above that of every version of its field its leader had seen before stamping it." },
];

export interface StampedVersion {
  readonly version: Stamped<string>;
  readonly field: string;
  /** True time it was stamped. */
  readonly t: number;
  /** Keys of the versions of this field its leader had seen before (directly: the `follows` edges). */
  readonly saw: ReadonlySet<string>;
}

export interface ResolverCall {
  readonly t: number;
  readonly node: string;
  readonly fn: 'lastWriteWins' | 'mergeProfiles' | 'nextTimestamp';
  readonly args: readonly unknown[];
  readonly answer: unknown;
}

export interface ConflictRecord {
  readonly versions: ReadonlyMap<string, StampedVersion>;
  /** Interests added, by the write that added them, and where. */
  readonly interests: ReadonlyMap<string, { readonly t: number; readonly node: string; readonly write: string }>;
  readonly calls: readonly ResolverCall[];
  /** Writes accepted by more than one leader: write id → the leaders, in order. */
  readonly acceptedTwice: ReadonlyMap<string, readonly string[]>;
}

export function conflictRecord(run: Pick<MultiLeaderRun, 'notes'>): ConflictRecord {
  const versions = new Map<string, StampedVersion>();
  const interests = new Map<string, { t: number; node: string; write: string }>();
  const calls: ResolverCall[] = [];
  const seen = new Map<string, Map<string, Set<string>>>();
  const acceptedBy = new Map<string, string[]>();
  const see = (node: string, field: string, v: Stamped<string>): void => {
    const byField = seen.get(node) ?? (seen.set(node, new Map()), seen.get(node)!);
    (byField.get(field) ?? (byField.set(field, new Set()), byField.get(field)!)).add(versionKey(v));
  };
  for (const e of run.notes) {
    if (e.kind !== 'note') continue;
    const d = e.data as Record<string, unknown>;
    switch (e.name) {
      case 'ml-write': {
        const write = d.write as string;
        acceptedBy.set(write, [...(acceptedBy.get(write) ?? []), e.node]);
        if (typeof d.interest === 'string') {
          interests.set(d.interest, { t: e.t, node: e.node, write });
          break;
        }
        const field = d.field as string;
        const version = d.version as Stamped<string>;
        versions.set(versionKey(version), { version, field, t: e.t, saw: new Set(seen.get(e.node)?.get(field) ?? []) });
        see(e.node, field, version);
        break;
      }
      case 'ml-apply':
        if (typeof d.field === 'string') see(e.node, d.field, d.incoming as Stamped<string>);
        break;
      case 'ml-merge':
        for (const [f, v] of Object.entries((d.received as Profile).fields)) see(e.node, f, v);
        break;
      case 'ml-call':
        calls.push({ t: e.t, node: e.node, fn: d.fn as ResolverCall['fn'], args: d.args as unknown[], answer: d.answer });
        break;
    }
  }
  const acceptedTwice = new Map([...acceptedBy].filter(([, ls]) => ls.length > 1));
  return { versions, interests, calls, acceptedTwice };
}

/** Judges `run` by the required properties, or (`optional`) by `causal-overwrite-wins` alone. */
export function checkConflictRun(run: MultiLeaderRun, optional = false): ConflictVerdict[] {
  const r = conflictRecord(run);
  if (optional) return [causalOverwrite(run, r)];
  return [converge(run), highestWins(run, r), nothingInvented(run, r)];
}

const live = (run: MultiLeaderRun) => run.final.filter((f) => f.status === 'up');

function stoppedEarly(run: MultiLeaderRun): string | undefined {
  const s = run.stoppedBy;
  if (s === undefined) return undefined;
  return s.kind === 'learner' ? `the run stopped at t=${s.t} ms: ${s.node}'s ${s.fn} gave no usable answer` : `the run stopped at t=${s.t} ms`;
}

function converge(run: MultiLeaderRun): ConflictVerdict {
  const property = 'replicas-converge';
  const early = stoppedEarly(run);
  if (early) return notJudged(property, early);
  const [first, ...rest] = live(run);
  for (const f of rest) {
    if (sameProfile(first!.profile!, f.profile!)) continue;
    const a = first!.profile!;
    const b = f.profile!;
    const field = [...new Set([...Object.keys(a.fields), ...Object.keys(b.fields)])].sort().find((k) => !(a.fields[k] && b.fields[k] && sameVersion(a.fields[k]!, b.fields[k]!)));
    const what =
      field !== undefined
        ? `${field} is ${a.fields[field] ? showVersion(a.fields[field]!) : 'absent'} at ${first!.id} but ${b.fields[field] ? showVersion(b.fields[field]!) : 'absent'} at ${f.id}`
        : `the interests differ: ${first!.id} [${a.interests.join(', ')}], ${f.id} [${b.interests.join(', ')}]`;
    return violated(property, `the leaders ended with different profiles: ${what}, although each had seen every version`, [{ t: run.endsAt, node: f.id, what: 'final profile' }], [`${first!.id}: ${showProfile(a)}`, `${f.id}: ${showProfile(b)}`]);
  }
  return satisfied(property);
}

/** The highest-stamped versions of each field. */
function highestOf(r: ConflictRecord): Map<string, StampedVersion[]> {
  const best = new Map<string, StampedVersion[]>();
  for (const v of r.versions.values()) {
    const cur = best.get(v.field);
    if (cur === undefined || v.version.timestamp > cur[0]!.version.timestamp) best.set(v.field, [v]);
    else if (v.version.timestamp === cur[0]!.version.timestamp) cur.push(v);
  }
  return best;
}

function highestWins(run: MultiLeaderRun, r: ConflictRecord): ConflictVerdict {
  const property = 'highest-timestamp-wins';
  const early = stoppedEarly(run);
  if (early) return notJudged(property, early);
  const best = highestOf(r);
  for (const f of live(run))
    for (const [field, top] of best) {
      const held = f.profile!.fields[field];
      if (held !== undefined && top.some((v) => sameVersion(v.version, held))) continue;
      const w = top[0]!;
      const heldText = held === undefined ? 'nothing' : `${showVersion(held)}${r.versions.has(versionKey(held)) ? '' : ' (a version no leader stamped)'}`;
      return violated(property, `${f.id} ended with ${field} = ${heldText}, but the highest stamp of ${field} is ${showStamp(w.version.timestamp)}: ${showVersion(w.version)}, stamped by ${w.version.leader} at t=${w.t} ms`, [{ t: w.t, node: w.version.leader, what: `${w.version.write} stamped` }]);
    }
  const losers = [...r.versions.values()].filter((v) => !best.get(v.field)!.some((w) => versionKey(w.version) === versionKey(v.version)));
  const example = losers.find((v) => follows(r, v, versionKey(best.get(v.field)![0]!.version)));
  return satisfied(property, example ? [lossExample(example, best.get(example.field)![0]!)] : [], { versions: r.versions.size, lost: losers.length, ...lossCounts(r, losers, best) });
}

/** "c2-3, stamped 10 100 by n2 at t=412 ms, lost to c1-5, stamped 10 300 by n1 at t=380 ms, which n2 had already seen: n1's clock ran 232 ms ahead of n2's". */
function lossExample(v: StampedVersion, w: StampedVersion): string {
  const ahead = w.version.timestamp - w.t - (v.version.timestamp - v.t);
  const clocks = ahead > 0 ? `: ${w.version.leader}'s clock ran ${ahead} ms ahead of ${v.version.leader}'s` : w.version.leader === v.version.leader ? `: ${v.version.leader}'s clock had stepped back` : '';
  return `${v.version.write}, stamped ${showStamp(v.version.timestamp)} by ${v.version.leader} at t=${v.t} ms, lost to ${w.version.write}, stamped ${showStamp(w.version.timestamp)} by ${w.version.leader} at t=${w.t} ms, which ${v.version.leader} had already seen${clocks}`;
}

/** Of the versions LWW discarded: how many were stamped later in true time than their field's winner, and how many followed it. */
function lossCounts(r: ConflictRecord, losers: readonly StampedVersion[], best: ReadonlyMap<string, readonly StampedVersion[]>): Record<string, number> {
  let later = 0;
  let followed = 0;
  for (const v of losers) {
    const w = best.get(v.field)![0]!;
    if (v.t > w.t) later++;
    if (follows(r, v, versionKey(w.version))) followed++;
  }
  return { later, followed, acceptedTwice: r.acceptedTwice.size };
}

/** Whether `v` follows the version `key` (transitively through the `saw` edges). */
export function follows(r: ConflictRecord, v: StampedVersion, key: string): boolean {
  const todo = [...v.saw];
  const done = new Set<string>();
  while (todo.length > 0) {
    const k = todo.pop()!;
    if (k === key) return true;
    if (done.has(k)) continue;
    done.add(k);
    todo.push(...(r.versions.get(k)?.saw ?? []));
  }
  return false;
}

function nothingInvented(run: MultiLeaderRun, r: ConflictRecord): ConflictVerdict {
  const property = 'nothing-invented-nothing-dropped';
  for (const c of r.calls) {
    if (c.fn === 'nextTimestamp') continue;
    const fields = c.fn === 'lastWriteWins' ? { '': c.answer as Stamped<string> } : (c.answer as Profile).fields;
    for (const [f, v] of Object.entries(fields)) {
      const stamped = r.versions.get(versionKey(v));
      if (stamped !== undefined && sameVersion(stamped.version, v)) continue;
      return violated(property, `at t=${c.t} ms ${c.node}'s ${c.fn} answered ${f ? `field ${f} = ` : ''}${showVersion(v)}, a version no leader stamped${stamped ? ' with that value' : ''}`, [{ t: c.t, node: c.node, what: c.fn }]);
    }
    if (c.fn !== 'mergeProfiles') continue;
    const p = c.answer as Profile;
    const twice = p.interests.find((x, i) => p.interests.indexOf(x) !== i);
    if (twice !== undefined) return violated(property, `at t=${c.t} ms ${c.node}'s mergeProfiles answered interests with ${twice} twice`, [{ t: c.t, node: c.node, what: 'mergeProfiles' }]);
    const made = p.interests.find((x) => !r.interests.has(x));
    if (made !== undefined) return violated(property, `at t=${c.t} ms ${c.node}'s mergeProfiles answered an interest nobody added: ${made}`, [{ t: c.t, node: c.node, what: 'mergeProfiles' }]);
    const [a, b] = c.args as [Profile, Profile];
    const lost = [...interestSet(a), ...interestSet(b)].find((x) => !p.interests.includes(x));
    if (lost !== undefined) return violated(property, `at t=${c.t} ms ${c.node}'s mergeProfiles dropped the interest ${lost}`, [{ t: c.t, node: c.node, what: 'mergeProfiles' }]);
  }
  const early = stoppedEarly(run);
  if (early) return notJudged(property, early);
  for (const f of live(run))
    for (const [interest, added] of r.interests)
      if (!f.profile!.interests.includes(interest)) return violated(property, `${f.id} ended without the interest ${interest}, added at ${added.node} at t=${added.t} ms`, [{ t: added.t, node: added.node, what: `${interest} added` }]);
  return satisfied(property);
}

function causalOverwrite(run: MultiLeaderRun, r: ConflictRecord): ConflictVerdict {
  const property = 'causal-overwrite-wins';
  const early = stoppedEarly(run);
  if (early) return notJudged(property, early);
  for (const v of r.versions.values())
    for (const k of v.saw) {
      const before = r.versions.get(k);
      if (before === undefined || v.version.timestamp > before.version.timestamp) continue;
      return violated(
        property,
        `${v.version.leader} stamped ${showVersion(v.version)} at t=${v.t} ms after it had seen ${showVersion(before.version)}: a write made after seeing a version must be stamped above it, or LWW discards the newer write`,
        [{ t: v.t, node: v.version.leader, what: `${v.version.write} stamped` }],
      );
    }
  return satisfied(property);
}
