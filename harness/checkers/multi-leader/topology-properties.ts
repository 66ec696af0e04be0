/**
 * The five properties a `fifo-once` multi-leader run is judged by, read from the harness's own
 * record (never from an answer): every known update reaches every live leader, in causal order,
 * once, without going round a loop, and the leaders end with the same table. Live = up at the end;
 * an update is known when some live leader applied it.
 */
import { describeTopology, showOp, type MultiLeaderRun } from '../../cluster/index.ts';
import { notJudged, satisfied, violated, type Property, type Verdict } from '../verdict.ts';
import { multiLeaderRecord, showCounts, type MultiLeaderRecord } from './record.ts';

export type TopologyPropertyName = 'every-update-everywhere' | 'causal-order' | 'applied-once' | 'no-loop' | 'leaders-converge';
export type TopologyVerdict = Verdict<TopologyPropertyName>;

export const TOPOLOGY_PROPERTIES: readonly Property<TopologyPropertyName>[] = [
  { name: 'every-update-everywhere', title: 'Every update reaches every leader', description: 'Every update some live leader applied is applied, by the end of the recovery phase, at every live leader.' },
  { name: 'causal-order', title: 'No leader applies an update before one it depends on', description: 'When a leader first applies an update, it has already applied every update the origin had applied when the update was written.' },
  { name: 'applied-once', title: 'No leader applies an update twice', description: 'Each leader applies each update at most once.' },
  { name: 'no-loop', title: 'No update goes round a loop', description: 'Each update is sent on each directed link at most once (resends on a link do not count).' },
  { name: 'leaders-converge', title: 'Leaders end with the same table', description: 'At the end every live leader holds the same rows with the same counts.' },
];

/** Judges `run` by every property, in the order of `TOPOLOGY_PROPERTIES`. */
export function checkTopologyRun(run: MultiLeaderRun): TopologyVerdict[] {
  const record = multiLeaderRecord(run);
  return [everywhere(run, record), causalOrder(run, record), appliedOnce(record), noLoop(run, record), converge(run)];
}

const opOf = (r: MultiLeaderRecord, id: string): string => {
  const w = r.writes.get(id);
  return w ? `${id} (${showOp(w.update.op)})` : id;
};

function stoppedEarly(run: MultiLeaderRun): string | undefined {
  const s = run.stoppedBy;
  if (s === undefined) return undefined;
  return s.kind === 'loop' ? `the run stopped at t=${s.t} ms when ${s.update} was sent on ${s.from} → ${s.to} a third time` : `the run stopped at t=${s.t} ms: ${s.node}'s ${s.fn} gave no usable answer`;
}

function everywhere(run: MultiLeaderRun, r: MultiLeaderRecord): TopologyVerdict {
  const property = 'every-update-everywhere';
  const early = stoppedEarly(run);
  if (early) return notJudged(property, early);
  const live = run.final.filter((f) => f.status === 'up');
  const known = new Set(live.flatMap((f) => f.log));
  for (const u of [...r.writes.keys()].filter((id) => known.has(id))) {
    for (const f of live) {
      if (f.log.includes(u)) continue;
      const where = f.buffered.includes(u) ? waiting(r, f.id, u) : neverHere(r, f.id, u);
      return violated(property, `${f.id} never applied ${opOf(r, u)}: ${where}`, [{ t: r.writes.get(u)!.t, node: r.writes.get(u)!.update.origin, what: `${u} written` }]);
    }
  }
  const reach = reachTimes(run, r);
  const lost = lostLesson(run, r);
  return satisfied(property, [...reachLesson(run, reach), ...lost.lines], { reached: reach.length, reachMs: reach.reduce((a, b) => a + b, 0), lost: lost.count });
}

function waiting(r: MultiLeaderRecord, node: string, u: string): string {
  const asks = r.canApplies.filter((c) => c.node === node && c.update === u);
  const first = asks[0];
  const last = asks.at(-1);
  if (first === undefined || last === undefined) return `it has waited in ${node}'s buffer`;
  return `it has waited in ${node}'s buffer since t=${first.t} ms because canApply said false with applied ${showCounts(last.applied)} and deps ${showCounts(last.deps.deps)}`;
}

function neverHere(r: MultiLeaderRecord, node: string, u: string): string {
  if (r.ignores.some((i) => i.node === node && i.update === u)) return `${node} ignored every copy of it it received`;
  const sent = r.enqueues.filter((e) => e.update === u);
  if (sent.length === 0) return `nobody sent it anywhere (its origin's route sent it to nobody)`;
  return `no copy was sent to ${node} (it was sent on ${[...new Set(sent.map((e) => `${e.node} → ${e.to}`))].join(', ')})`;
}

/** How long each update took to reach every live leader. */
function reachTimes(run: MultiLeaderRun, r: MultiLeaderRecord): number[] {
  const live = run.final.filter((f) => f.status === 'up').map((f) => f.id);
  const times: number[] = [];
  for (const [id, w] of r.writes) {
    const at = r.applications.filter((a) => a.update === id && live.includes(a.node));
    if (new Set(at.map((a) => a.node)).size === live.length) times.push(Math.max(...at.map((a) => a.t)) - w.t);
  }
  return times;
}

function reachLesson(run: MultiLeaderRun, times: readonly number[]): string[] {
  if (times.length === 0) return [];
  const mean = Math.round(times.reduce((s, x) => s + x, 0) / times.length);
  return [`in ${describeTopology(run.scenario.topology)}, an update reached every live leader ${mean} ms after it was written on average (the slowest after ${Math.max(...times)} ms)`];
}

function lostLesson(run: MultiLeaderRun, r: MultiLeaderRecord): { lines: string[]; count: number } {
  const down = run.final.filter((f) => f.status === 'crashed');
  const lines: string[] = [];
  let count = 0;
  for (const f of down) {
    const elsewhere = new Set(run.final.filter((x) => x.status === 'up').flatMap((x) => x.log));
    const lost = [...r.writes.values()].filter((w) => w.update.origin === f.id && !elsewhere.has(w.update.id)).map((w) => w.update.id);
    count += lost.length;
    if (lost.length > 0) lines.push(`${f.id}'s writes ${lost.join(', ')} never left ${f.id}: lost with it (asynchronous replication)`);
  }
  return { lines, count };
}

function causalOrder(run: MultiLeaderRun, r: MultiLeaderRecord): TopologyVerdict {
  const property = 'causal-order';
  const seen = new Set<string>();
  for (const a of r.applications) {
    const key = `${a.node}:${a.update}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const w = r.writes.get(a.update);
    if (w === undefined || a.node === w.update.origin) continue;
    const missing = [...w.depIds].filter((d) => !a.before.has(d));
    if (missing.length === 0) continue;
    const dep = missing[0]!;
    return violated(
      property,
      `${a.node} applied ${opOf(r, a.update)} at t=${a.t} ms before ${opOf(r, dep)}, which ${w.update.origin} had applied before writing ${a.update}` +
        (/no such row/.test(a.effect) ? `: the ${w.update.op.kind} found no row and is lost at ${a.node}` : '') +
        (missing.length > 1 ? ` (it was missing ${missing.slice(1, 5).join(', ')} too)` : ''),
      [
        { t: w.t, node: w.update.origin, what: `${a.update} written` },
        { t: a.t, node: a.node, what: `${a.update} applied too early` },
      ],
    );
  }
  // Lessons: how many updates had to wait, and for how long.
  const waits: number[] = [];
  for (const c of r.canApplies) {
    if (c.answer !== false || r.canApplies.some((x) => x.node === c.node && x.update === c.update && x.t < c.t)) continue;
    const applied = r.applications.find((a) => a.node === c.node && a.update === c.update && a.t >= c.t);
    if (applied) waits.push(applied.t - c.t);
  }
  const kind = describeTopology(run.scenario.topology);
  const counts = { updates: r.writes.size, waited: waits.length, waitMs: waits.reduce((s, x) => s + x, 0) };
  if (waits.length === 0) return satisfied(property, [`in ${kind}, no update had to wait for one it depends on in this run`], counts);
  const mean = Math.round(counts.waitMs / waits.length);
  return satisfied(property, [`in ${kind}, ${waits.length} update${waits.length === 1 ? '' : 's'} arrived before one it depends on and waited ${mean} ms on average`], counts);
}

function appliedOnce(r: MultiLeaderRecord): TopologyVerdict {
  const property = 'applied-once';
  const first = new Map<string, { t: number; path: readonly string[] }>();
  for (const a of r.applications) {
    const key = `${a.node}:${a.update}`;
    const before = first.get(key);
    if (before === undefined) {
      first.set(key, { t: a.t, path: a.path });
      continue;
    }
    return violated(property, `${a.node} applied ${opOf(r, a.update)} twice: at t=${before.t} ms (the copy via [${before.path.join(', ')}]) and at t=${a.t} ms (the copy via [${a.path.join(', ')}])`, [
      { t: before.t, node: a.node, what: `${a.update} applied` },
      { t: a.t, node: a.node, what: `${a.update} applied again` },
    ]);
  }
  return satisfied(property);
}

function noLoop(run: MultiLeaderRun, r: MultiLeaderRecord): TopologyVerdict {
  const property = 'no-loop';
  const first = new Map<string, { t: number; path: readonly string[] }>();
  for (const e of r.enqueues) {
    const key = `${e.update}:${e.node}->${e.to}`;
    const before = first.get(key);
    if (before === undefined) {
      first.set(key, { t: e.t, path: e.path });
      continue;
    }
    return violated(property, `${e.update} was sent on ${e.node} → ${e.to} twice: at t=${before.t} ms with path [${before.path.join(', ')}] and at t=${e.t} ms with path [${e.path.join(', ')}]: it went round a loop`, [
      { t: before.t, node: e.node, what: `${e.update} sent to ${e.to}` },
      { t: e.t, node: e.node, what: `${e.update} sent to ${e.to} again` },
    ]);
  }
  const n = r.writes.size;
  if (n === 0) return satisfied(property);
  const perUpdate = Math.round((r.enqueues.length / n) * 10) / 10;
  return satisfied(property, [`in ${describeTopology(run.scenario.topology)} with ${run.leaders.length} leaders, each update was sent on ${perUpdate} links on average`], { updates: n, messages: r.enqueues.length });
}

function converge(run: MultiLeaderRun): TopologyVerdict {
  const property = 'leaders-converge';
  const early = stoppedEarly(run);
  if (early) return notJudged(property, early);
  const live = run.final.filter((f) => f.status === 'up');
  const show = (t: Readonly<Record<string, number>>): string => `{${Object.keys(t).sort().map((k) => `${k}: ${t[k]}`).join(', ')}}`;
  const base = live[0];
  if (base === undefined) return satisfied(property);
  for (const f of live.slice(1)) {
    if (show(f.table) === show(base.table)) continue;
    return violated(property, `at the end ${base.id} holds ${show(base.table)} but ${f.id} holds ${show(f.table)}`, [{ t: run.endsAt, node: f.id, what: 'final table' }]);
  }
  return satisfied(property);
}
