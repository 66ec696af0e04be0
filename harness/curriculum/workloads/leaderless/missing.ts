/**
 * What a leaderless run should have sent and did not, for its diagram: a read repair the learner's
 * reader skipped, and a hinted write its fallback never handed to its home replica. A trace shows
 * only what happened; these are the absences the checks fail on, drawn where they were due.
 */
import { repliesSeen } from '../../../checkers/index.ts';
import { plainVersioned, READER, sameVersioned, type LeaderlessRun } from '../../../cluster/index.ts';
import type { MissingMessage } from '../../presenter.ts';

export function missingLeaderlessMessages(run: LeaderlessRun): MissingMessage[] {
  return [...missingRepairs(run), ...missingHandoffs(run)].sort((a, b) => a.t - b.t);
}

/** Every replier seen with an older version than the read returned, and never written back to. */
function missingRepairs(run: LeaderlessRun): MissingMessage[] {
  const out: MissingMessage[] = [];
  for (const read of run.reads) {
    const v = read.outcome?.kind === 'returned' ? plainVersioned(read.outcome.value) : undefined;
    if (v === undefined || read.endedAt === undefined) continue;
    const repaired = (id: string): boolean => read.calls.some((c) => c.kind === 'repair' && c.id === id && c.newer !== undefined && sameVersioned(c.newer, v));
    for (const s of repliesSeen(read).successes) {
      if (s.value.version >= v.version || repaired(s.id)) continue;
      out.push({
        t: read.endedAt,
        from: READER,
        to: s.id,
        label: `missing repair: ${read.key} to version ${v.version}`,
        detail: `read #${read.no} of ${read.key} returned version ${v.version} at t=${read.endedAt} ms, but ${s.id} replied version ${s.value.version} and was never repaired`,
      });
    }
  }
  return out;
}

/**
 * The hints a fallback never handed off (their home ended without them, or still held): one
 * missing hand-off per fallback, home and key, due at the fallback's first hand-off round after the
 * first such hint was stored and its home was back.
 */
function missingHandoffs(run: LeaderlessRun): MissingMessage[] {
  const due = new Map<string, { t: number; from: string; to: string; key: string; versions: number[]; stored: number; back: number }>();
  const keepDown = run.scenario.keepDown;
  const faults = run.notes.filter((f) => f.kind === 'fault');
  for (const e of run.notes) {
    if (e.kind !== 'note' || e.name !== 'hint-stored') continue;
    const h = e.data as { key: string; version: number; hintFor: string };
    if (keepDown.includes(h.hintFor) || keepDown.includes(e.node)) continue;
    // Handed off is: the home holds the version, and the fallback no longer holds the hint (acknowledged).
    const reached = (run.final.find((f) => f.id === h.hintFor)?.values[h.key]?.version ?? 0) >= h.version;
    const held = run.final.find((f) => f.id === e.node)?.hints.some((x) => x.key === h.key && x.version === h.version && x.hintFor === h.hintFor) === true;
    if (reached && !held) continue;
    const which = `${e.node}|${h.hintFor}|${h.key}`;
    const known = due.get(which);
    if (known !== undefined) {
      known.versions.push(h.version);
      continue;
    }
    const back = faults.find((f) => f.kind === 'fault' && f.t > e.t && f.fault.kind === 'restart' && f.fault.node === h.hintFor)?.t ?? run.recoveryStartsAt;
    const from = Math.max(back, e.t);
    // A replica's hand-off rounds come every handoffMs from its (re)start.
    const started = faults.filter((f) => f.kind === 'fault' && f.t <= from && f.fault.kind === 'restart' && f.fault.node === e.node).at(-1)?.t ?? 0;
    const round = started + (Math.floor((from - started) / run.timing.handoffMs) + 1) * run.timing.handoffMs;
    due.set(which, { t: Math.min(round, run.endsAt), from: e.node, to: h.hintFor, key: h.key, versions: [h.version], stored: e.t, back });
  }
  return [...due.values()].map((m) => ({
    t: m.t,
    from: m.from,
    to: m.to,
    label: `missing repair: hand off ${m.key} version ${m.versions.join(', ')}`,
    detail: `${m.from} stored a hint for ${m.to} at t=${m.stored} ms (${m.key} version ${m.versions.join(', ')}); ${m.to} was back by t=${m.back} ms, but ${m.versions.length === 1 ? 'the hint never reached it' : 'the hints never reached it'}`,
  }));
}
