/**
 * No failover while the leader answers: a round starts because heartbeats went unanswered, but if the
 * suspected leader then answers the probe it is alive and reachable, and replacing it only costs
 * availability (and, with a careless election, data).
 */
import { decisionNotes, roundStartNotes, serveNotes, type DecisionNote, type RoundStartNote } from './protocol-notes.ts';
import { nodeStatusBefore } from './node-status.ts';
import type { FailoverRunLike } from './run-shape.ts';
import type { FailoverVerdict } from './failover-properties.ts';
import { satisfied, violated, type EventRef } from './verdict.ts';

const PROPERTY = 'no-unnecessary-failover';

/**
 * Checks that no member starts serving in the epoch of an election decided while the view showed the
 * suspected leader reachable. An election nobody acted on is reported as information only, since
 * no leader changed. Failovers from a leader that was unreachable yet neither crashed nor paused are
 * information too: the coordinator cannot tell a partitioned leader from a dead one, so they are
 * correct decisions, but worth knowing when reading the run.
 */
export function checkNoUnnecessaryFailover(run: FailoverRunLike): FailoverVerdict {
  const serves = serveNotes(run.notes);
  const roundStarts = roundStartNotes(run.notes);
  const info: string[] = [];
  let violation: FailoverVerdict | undefined;

  for (const decision of decisionNotes(run.notes)) {
    const { record } = decision;
    if (record.election === undefined) continue;
    const { leader, epoch } = record.election;
    const suspected = record.view.suspectedLeader;
    const start = roundStarts.find((r) => r.round === record.round);
    const startedAt = start === undefined ? '' : ` (started t=${start.t}ms)`;
    const answered = record.view.members.find((m) => m.id === suspected)?.reachable === true;

    if (!answered) {
      const status = start === undefined ? undefined : nodeStatusBefore(run.notes, suspected, start.index);
      if (start !== undefined && status === 'up') {
        info.push(`round ${record.round} at t=${start.t}ms failed over from ${suspected}, which was alive but unheard (partitioned or its heartbeats were lost).`);
      }
      continue;
    }
    const serve = serves.find((s) => s.epoch === epoch && s.index > decision.index);
    if (serve === undefined) {
      info.push(`round ${record.round}${startedAt} elected ${leader} in epoch ${epoch} although ${suspected} answered the probe, but no member served epoch ${epoch}.`);
      continue;
    }
    violation ??= violated(
      PROPERTY,
      `round ${record.round}${startedAt} found the suspected leader ${suspected} reachable (it answered the probe), yet the decision at ` +
        `t=${decision.t}ms elected ${leader === suspected ? `${leader} itself again` : leader} in epoch ${epoch}, and ${serve.node} started serving epoch ` +
        `${epoch} at t=${serve.t}ms. A leader that answers is alive and reachable: the round should have judged failing over ` +
        `unsafe and thawed the members, keeping ${suspected}.`,
      eventsOf(start, decision, { t: serve.t, node: serve.node, what: `${serve.node} starts serving epoch ${epoch}` }),
    );
  }
  if (violation !== undefined) return { ...violation, info };
  return satisfied(PROPERTY, info);
}

function eventsOf(start: RoundStartNote | undefined, decision: DecisionNote, serve: EventRef): EventRef[] {
  const { record } = decision;
  const events: EventRef[] = [];
  if (start !== undefined) events.push({ t: start.t, node: start.node, what: `round ${start.round} starts, suspecting ${start.suspected}` });
  events.push({
    t: decision.t,
    node: decision.node,
    what: `round ${record.round} elects ${record.election!.leader} in epoch ${record.election!.epoch} although ${record.view.suspectedLeader} answered`,
  });
  events.push(serve);
  return events;
}
