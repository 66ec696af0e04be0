/**
 * The hinted-handoff properties over a sloppy run: write availability while fallbacks stand in, every
 * hinted write handed to its home replica after recovery, and hints dropped only once acknowledged.
 */
import { showTargets, type StoreReplicaFinal, type WriteRecord } from '../../cluster/index.ts';
import type { Fault, TraceEvent } from '../../sim/index.ts';
import { satisfied, violated } from '../verdict.ts';
import type { HintVerdict } from './quorum-properties.ts';

/** What the hint checkers read from a run. */
export interface HintRunLike {
  readonly writes: readonly WriteRecord[];
  /** Notes and faults, in trace order. */
  readonly notes: readonly TraceEvent[];
  readonly final: readonly StoreReplicaFinal[];
  readonly replicas: readonly string[];
  readonly preferenceList: (key: string) => readonly string[];
  readonly n: number;
  readonly writeTimeoutMs: number;
  /** No restart of any node this long before a write: a writer avoids a node that went silent this long. */
  readonly settleMs: number;
  readonly keepDown: readonly string[];
}

/** Crash/restart times per node, from the faults in the notes (every node starts up). */
function statusChanges(run: HintRunLike): { t: number; node: string; up: boolean }[] {
  const changes: { t: number; node: string; up: boolean }[] = [];
  for (const e of run.notes) {
    if (e.kind !== 'fault') continue;
    const f: Fault = e.fault;
    if (f.kind === 'crash') changes.push({ t: e.t, node: f.node, up: false });
    if (f.kind === 'restart') changes.push({ t: e.t, node: f.node, up: true });
  }
  return changes;
}

function upAt(changes: { t: number; node: string; up: boolean }[], node: string, t: number): boolean {
  let up = true;
  for (const c of changes) if (c.node === node && c.t <= t) up = c.up;
  return up;
}

/** A write issued while at least n nodes of its preference list were steadily up gets its w acks. */
export function checkSloppyWriteAvailability(run: HintRunLike): HintVerdict {
  const changes = statusChanges(run);
  for (const w of run.writes) {
    const to = w.invokedAt + run.writeTimeoutMs;
    if (w.ackedAt !== undefined || to > lastWriteTime(run)) continue;
    // Judged only while who is up stays put: no crash during the write, no restart the writer may not have noticed.
    if (changes.some((c) => c.t <= to && c.t >= w.invokedAt - (c.up ? run.settleMs : 0))) continue;
    const up = run.preferenceList(w.key).filter((node) => upAt(changes, node, w.invokedAt));
    if (up.length < run.n) continue;
    // The targets used can be an earlier choice's: a later one that stands in for no home is not used.
    const last = w.lastChoice;
    const homes = run.preferenceList(w.key).slice(0, run.n);
    const unused = (last?.targets ?? []).filter((t) => !homes.includes(t.hintFor ?? t.node));
    const targets =
      last === undefined || showTargets(last.targets) === showTargets(w.targets)
        ? `targets: ${showTargets(w.targets)}`
        : `targets used: ${showTargets(w.targets)}; chosen last, at t=${last.t} ms: ${showTargets(last.targets)}` +
          (unused.length === 0 ? '' : `, where ${showTargets(unused)} stand${unused.length === 1 ? 's' : ''} in for no home replica of ${w.key} (${homes.join(', ')}), so ${unused.length === 1 ? 'it was' : 'they were'} not used`);
    return violated(
      'sloppy-write-availability',
      `write ${w.value} of ${w.key} (version ${w.version}, invoked by ${w.client} at t=${w.invokedAt} ms) was never acknowledged by w replicas (acks counted for: ${w.credited.join(', ') || 'none'}; ${targets}), although ${up.join(', ')} were up the whole time: a sloppy quorum should have used fallbacks.`,
      [{ t: w.invokedAt, node: w.client, what: 'write invoked' }],
    );
  }
  return satisfied('sloppy-write-availability');
}

function lastWriteTime(run: HintRunLike): number {
  return run.notes.reduce((t, e) => Math.max(t, e.t), 0);
}

/** After recovery, every stored hint's value is on its home replica (unless one of them stayed down). */
export function checkHintedWritesReachHome(run: HintRunLike): HintVerdict {
  for (const e of run.notes) {
    if (e.kind !== 'note' || e.name !== 'hint-stored') continue;
    const h = e.data as { key: string; version: number; hintFor: string };
    if (run.keepDown.includes(h.hintFor) || run.keepDown.includes(e.node)) continue;
    const home = run.final.find((f) => f.id === h.hintFor);
    const held = home?.values[h.key]?.version ?? 0;
    if (home !== undefined && held >= h.version) continue;
    return violated(
      'hinted-writes-reach-home',
      `${e.node} stored a hint at t=${e.t} ms: ${h.key} version ${h.version} for ${h.hintFor}. After recovery ${h.hintFor} holds only version ${held} of ${h.key}: the hinted write never reached its home replica${run.final.find((f) => f.id === e.node)?.hints.some((x) => x.key === h.key && x.version === h.version && x.hintFor === h.hintFor) ? ' (the hint is still held, but was never handed off)' : ' (the hint is gone)'}.`,
      [{ t: e.t, node: e.node, what: 'hint stored' }],
    );
  }
  for (const f of run.final) {
    const stuck = f.hints.find((h) => !run.keepDown.includes(h.hintFor) && !run.keepDown.includes(f.id));
    if (stuck === undefined) continue;
    return violated(
      'hinted-writes-reach-home',
      `after recovery ${f.id} still holds its hint ${stuck.key} version ${stuck.version} for ${stuck.hintFor}, which has been up since: the hint was never handed off and acknowledged.`,
      [],
    );
  }
  return satisfied('hinted-writes-reach-home');
}

/** A hint is removed only after its home replica acknowledged that key at that version or newer; hints go only to their home. */
export function checkHintsKeptUntilAck(run: HintRunLike): HintVerdict {
  const acks = new Map<string, { key: string; version: number; from: string }[]>();
  for (const e of run.notes) {
    if (e.kind !== 'note') continue;
    const d = e.data as Record<string, unknown>;
    if (e.name === 'handoff-ack') {
      acks.set(e.node, [...(acks.get(e.node) ?? []), { key: String(d.key), version: Number(d.version), from: String(d.from) }]);
    } else if (e.name === 'hint-removed') {
      const { key, hintFor, version } = d as { key: string; hintFor: string; version: number };
      const acked = (acks.get(e.node) ?? []).some((a) => a.from === hintFor && a.key === key && a.version >= version);
      if (!acked)
        return violated(
          'hints-kept-until-ack',
          `${e.node} dropped its hint ${key} version ${version} for ${hintFor} at t=${e.t} ms, before ${hintFor} acknowledged holding it: if that hand-off is lost (or ${hintFor} crashes), the write is gone from its home replica for good.`,
          [{ t: e.t, node: e.node, what: 'hint dropped' }],
        );
    } else if (e.name === 'handoff-wrong-home') {
      const hint = d.hint as { key: string; version: number; hintFor: string };
      return violated(
        'hints-kept-until-ack',
        `${e.node} handed its hint ${hint.key} version ${hint.version} for ${hint.hintFor} to ${String(d.to)} at t=${e.t} ms: a hint goes only to the replica it is for.`,
        [{ t: e.t, node: e.node, what: 'hint sent to the wrong replica' }],
      );
    }
  }
  return satisfied('hints-kept-until-ack');
}

/** Every hint checker on `run`, in the order of `HINT_PROPERTIES`. */
export function checkHintRun(run: HintRunLike): HintVerdict[] {
  return [checkSloppyWriteAvailability(run), checkHintedWritesReachHome(run), checkHintsKeptUntilAck(run)];
}
