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

/** A stored hint never handed off (its home ended without it, or it is still held): due one hand-off period after the home came back. */
function missingHandoffs(run: LeaderlessRun): MissingMessage[] {
  const due = new Map<string, MissingMessage & { version: number }>();
  const keepDown = run.scenario.keepDown;
  for (const e of run.notes) {
    if (e.kind !== 'note' || e.name !== 'hint-stored') continue;
    const h = e.data as { key: string; version: number; hintFor: string };
    if (keepDown.includes(h.hintFor) || keepDown.includes(e.node)) continue;
    // Handed off is: the home holds the version, and the fallback no longer holds the hint (acknowledged).
    const reached = (run.final.find((f) => f.id === h.hintFor)?.values[h.key]?.version ?? 0) >= h.version;
    const held = run.final.find((f) => f.id === e.node)?.hints.some((x) => x.key === h.key && x.version === h.version && x.hintFor === h.hintFor) === true;
    if (reached && !held) continue;
    const back = run.notes.find((f) => f.kind === 'fault' && f.t > e.t && f.fault.kind === 'restart' && f.fault.node === h.hintFor)?.t ?? run.recoveryStartsAt;
    const which = `${e.node}|${h.hintFor}|${h.key}`;
    if ((due.get(which)?.version ?? 0) >= h.version) continue;
    due.set(which, {
      t: Math.min(Math.max(back, e.t) + run.timing.handoffMs, run.endsAt),
      from: e.node,
      to: h.hintFor,
      label: `missing repair: hand off ${h.key} version ${h.version}`,
      detail: `${e.node} stored a hint at t=${e.t} ms (${h.key} version ${h.version} for ${h.hintFor}); ${h.hintFor} was back by t=${back} ms, but the hint never reached it`,
      version: h.version,
    });
  }
  return [...due.values()].map(({ version: _v, ...m }) => m);
}
