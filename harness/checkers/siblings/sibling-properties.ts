/**
 * The four properties a siblings-store run is judged by, each returning a verdict that explains
 * itself. They read only the run's notes, history and final state, and the harness's own causality.
 */
import { notJudged, satisfied, type Property, type Verdict } from '../verdict.ts';
import { sameSiblingSet, showSiblings, SIBLING_STORE_TIMING, type SiblingRun } from '../../cluster/index.ts';
import { firstDuplicate } from '../first-duplicate.ts';
import { callNotes, causalityOf, type Causality } from './causality.ts';

export type SiblingPropertyName = 'no-lost-concurrent-write' | 'overwritten-values-removed' | 'siblings-merged-by-write' | 'replicas-converge';

/** A verdict of a siblings-store property. */
export type SiblingVerdict = Verdict<SiblingPropertyName>;

/** The four siblings-store properties, in the order they are checked and reported. */
export const SIBLING_PROPERTIES: readonly Property<SiblingPropertyName>[] = [
  {
    name: 'no-lost-concurrent-write',
    title: 'No concurrent write is silently lost',
    description: 'No replica drops a write unless a value it keeps overwrote it, and at the end every replica holds each applied write or a value that overwrote it.',
  },
  {
    name: 'overwritten-values-removed',
    title: 'Causally overwritten values are removed',
    description: 'A sibling set holds each value once, and never a value that another value it holds overwrote.',
  },
  {
    name: 'siblings-merged-by-write',
    title: 'Siblings are merged by the next write',
    description: 'A write whose context covers several siblings replaces all of them.',
  },
  {
    name: 'replicas-converge',
    title: 'Replicas converge after the faults end',
    description: 'Once the faults end and anti-entropy has run, every replica holds the same sibling set.',
  },
];

const ok = (property: SiblingPropertyName, info: readonly string[] = []): SiblingVerdict => satisfied(property, info);

/** Judges `run` by every property, in the order of `SIBLING_PROPERTIES`. */
export function checkSiblingRun(run: SiblingRun): SiblingVerdict[] {
  const causality = causalityOf(run);
  return [noLostWrite(run, causality), overwrittenRemoved(run, causality), mergedByWrite(run), converge(run)];
}

function describeWrite(c: Causality, write: string): string {
  const a = c.applied.get(write)!;
  const acked = c.ackedAt.get(write);
  return `${write} (applied by ${a.node} at t=${a.t}ms${acked !== undefined ? `, acknowledged to ${a.client} at t=${acked}ms` : ', never acknowledged'})`;
}

/**
 * No replica drops a write it holds unless a value it keeps overwrote it (a call's answer accounts for
 * everything its inputs did), and at the end every replica holds each applied write or a value that
 * overwrote it. A write dropped at one replica and brought back later by anti-entropy still counts:
 * a client reading in between saw its item vanish from the cart.
 */
function noLostWrite(run: SiblingRun, c: Causality): SiblingVerdict {
  const property = 'no-lost-concurrent-write';
  for (const { t, node, note } of callNotes(run)) {
    if (note.fn === 'readContext') continue;
    const inputs = note.fn === 'applyWrite' ? note.before : [...note.own, ...note.received];
    const known = c.knowledge(note.after);
    const required = [...c.knowledge(inputs), ...(note.fn === 'applyWrite' ? [note.write] : [])];
    const dropped = required.filter((w) => !known.has(w) && c.applied.has(w));
    if (dropped.length === 0) continue;
    const w = dropped[0]!;
    const why =
      note.fn === 'applyWrite' && w === note.write
        ? `the new value ${w} itself is not in what it returned`
        : note.fn === 'applyWrite'
          ? `${note.client} had not read ${w} (nor any value written after it) before writing ${note.write}, so ${note.write} does not overwrite it: the two are concurrent`
          : `no value it returned overwrote ${w}`;
    return {
      property,
      ok: false,
      explanation:
        `write ${describeWrite(c, w)} was silently dropped by ${node} at t=${t}ms: its ${note.fn} returned ${showSiblings(note.after)} from ${showSiblings(inputs)}, but ${why}.` +
        (dropped.length > 1 ? ` It dropped ${dropped.slice(1, 6).join(', ')} too.` : ''),
      events: [
        { t: c.applied.get(w)!.t, node: c.applied.get(w)!.node, what: `${w} applied` },
        { t, node, what: `${w} dropped` },
      ],
      info: [],
    };
  }
  // Drops were judged call by call; the end state of a run stopped early says nothing, and the learner is told so.
  if (run.runawayAt !== undefined) return ok(property, [`only drops were judged, not whether every write reached every replica, where the run stopped early (at t=${run.runawayAt}ms: a replica's sibling set grew past ${SIBLING_STORE_TIMING.maxSiblings} values)`]);
  for (const r of run.final) {
    if (r.status !== 'up') continue;
    const known = c.knowledge(r.siblings);
    const lost = [...c.applied.keys()].filter((w) => !known.has(w));
    if (lost.length === 0) continue;
    const w = lost[0]!;
    return {
      property,
      ok: false,
      explanation:
        `write ${describeWrite(c, w)} never reached ${r.id}: at the end it holds ${showSiblings(r.siblings)}, and none of those values was written by a client that had read ${w}.` +
        (lost.length > 1 ? ` ${lost.length - 1} other write${lost.length === 2 ? ' is' : 's are'} missing there too: ${lost.slice(1, 6).join(', ')}${lost.length > 6 ? ', …' : ''}.` : ''),
      events: [{ t: c.applied.get(w)!.t, node: c.applied.get(w)!.node, what: `${w} applied` }],
      info: [],
    };
  }
  return ok(property);
}

/** No replica ever holds a value together with a value that overwrote it, nor one value twice. */
function overwrittenRemoved(run: SiblingRun, c: Causality): SiblingVerdict {
  const property = 'overwritten-values-removed';
  const sets = [
    ...callNotes(run).flatMap(({ t, node, note }) => (note.fn === 'readContext' ? [] : [{ t, node, siblings: note.after, when: `after its ${note.fn} at t=${t}ms` }])),
    ...run.final.map((r) => ({ t: run.endsAt, node: r.id, siblings: r.siblings, when: 'at the end of the run' })),
  ];
  for (const { t, node, siblings, when } of sets) {
    const ids = siblings.map((s) => s.value.write);
    const twice = firstDuplicate(ids);
    if (twice !== undefined)
      return { property, ok: false, explanation: `${node} holds ${twice} twice ${when}: ${showSiblings(siblings)}. A sibling set holds each value once.`, events: [{ t, node, what: `${twice} twice` }], info: [] };
    for (const older of ids)
      for (const newer of ids) {
        if (older === newer || !c.overwrites(newer, older)) continue;
        const reader = c.applied.get(newer)!.client;
        return {
          property,
          ok: false,
          explanation:
            `${node} still holds ${older} ${when}, next to ${newer}, which overwrote it: ${reader} had read ${c.applied.get(newer)!.seen.includes(older) ? older : `a value written after ${older}`} before writing ${newer}. ` +
            `Holding both makes clients merge a value that was already replaced: ${showSiblings(siblings)}.`,
          events: [{ t, node, what: `${older} kept next to ${newer}` }],
          info: [],
        };
      }
  }
  return ok(property);
}

/** A write made after reading several siblings replaces all of them at the replica that applies it. */
function mergedByWrite(run: SiblingRun): SiblingVerdict {
  const property = 'siblings-merged-by-write';
  let merges = 0;
  for (const { t, node, note } of callNotes(run)) {
    if (note.fn !== 'applyWrite' || note.seen.length < 2) continue;
    merges++;
    const left = note.after.filter((s) => note.seen.includes(s.value.write)).map((s) => s.value.write);
    if (left.length === 0) continue;
    return {
      property,
      ok: false,
      explanation:
        `${note.client} read ${note.seen.length} siblings (${note.seen.join(', ')}), merged them and wrote ${note.write} with the context of that read, ` +
        `but after ${node} applied it at t=${t}ms it still holds ${left.join(', ')}: ${showSiblings(note.after)}. The write should replace every sibling its client read.`,
      events: [{ t, node, what: `${note.write} applied, ${left.join(', ')} kept` }],
      info: [],
    };
  }
  return ok(property, merges === 0 ? [] : ['writes replaced several siblings their client had read']);
}

/** After the recovery phase every replica holds the same siblings (same values, equal clocks). */
function converge(run: SiblingRun): SiblingVerdict {
  const property = 'replicas-converge';
  // A run stopped early has no final state to compare: convergence was not seen either way.
  if (run.runawayAt !== undefined) return notJudged(property, `the run stopped at t=${run.runawayAt}ms, before anti-entropy could finish, because a replica's sibling set grew past ${SIBLING_STORE_TIMING.maxSiblings} values`);
  const [first, ...rest] = run.final;
  if (first === undefined) return ok(property);
  for (const r of rest) {
    if (sameSiblingSet(first.siblings, r.siblings)) continue;
    return {
      property,
      ok: false,
      explanation:
        `the faults ended at t=${run.recoveryStartsAt}ms and anti-entropy ran until t=${run.endsAt}ms, yet ${first.id} holds ${showSiblings(first.siblings)} ` +
        `while ${r.id} holds ${showSiblings(r.siblings)}: merging two replicas' sets must give both the same result.`,
      events: [{ t: run.endsAt, node: r.id, what: 'diverged' }],
      info: [],
    };
  }
  return ok(property);
}
