import { describe, it, expect } from 'vitest';
import { checkNoUnnecessaryFailover } from '../../harness/checkers/index.ts';
import { decision, fault, handBuiltRun, roundStart, serve } from './hand-built-run.ts';

describe('checkNoUnnecessaryFailover', () => {
  it('is satisfied by a failover from a crashed leader and by a round that keeps a leader that answered', () => {
    const run = handBuiltRun({
      notes: [
        serve(10, 'n1', 1, []),
        roundStart(300, 1, 'n1', 1),
        decision(360, { round: 1, suspected: 'n1', epoch: 1, reachable: ['n1', 'n2', 'n3'] }),
        fault(500, { kind: 'crash', node: 'n1' }),
        roundStart(650, 2, 'n1', 1),
        decision(710, { round: 2, suspected: 'n1', epoch: 1, reachable: ['n2', 'n3'], election: { leader: 'n2', epoch: 2 } }),
        serve(728, 'n2', 2, []),
      ],
    });
    expect(checkNoUnnecessaryFailover(run)).toEqual({ property: 'no-unnecessary-failover', ok: true, explanation: '', events: [], info: [] });
  });

  it('fails when a member serves the epoch of an election decided while the suspected leader answered', () => {
    const run = handBuiltRun({
      notes: [
        serve(10, 'n1', 1, []),
        roundStart(900, 2, 'n1', 1),
        decision(960, { round: 2, suspected: 'n1', epoch: 1, reachable: ['n1', 'n2', 'n3'], election: { leader: 'n3', epoch: 3 } }),
        serve(1000, 'n3', 3, []),
      ],
    });
    const verdict = checkNoUnnecessaryFailover(run);
    expect(verdict.ok).toBe(false);
    expect(verdict.explanation).toContain(
      'round 2 (started t=900ms) found the suspected leader n1 reachable (it answered the probe), yet the decision at t=960ms elected n3 in epoch 3, and n3 started serving epoch 3 at t=1000ms.',
    );
    expect(verdict.events).toEqual([
      { t: 900, node: 'coordinator', what: 'round 2 starts, suspecting n1' },
      { t: 960, node: 'coordinator', what: 'round 2 elects n3 in epoch 3 although n1 answered' },
      { t: 1000, node: 'n3', what: 'n3 starts serving epoch 3' },
    ]);
  });

  it('reports an election nobody acted on as information only', () => {
    const run = handBuiltRun({
      notes: [roundStart(900, 2, 'n1', 1), decision(960, { round: 2, suspected: 'n1', epoch: 1, reachable: ['n1', 'n2'], election: { leader: 'n2', epoch: 2 } })],
    });
    const verdict = checkNoUnnecessaryFailover(run);
    expect(verdict.ok).toBe(true);
    expect(verdict.info).toEqual(['round 2 (started t=900ms) elected n2 in epoch 2 although n1 answered the probe, but no member served epoch 2.']);
  });

  it('only counts serving that follows the decision, not the old leader serving the reused epoch before it', () => {
    const run = handBuiltRun({
      notes: [serve(10, 'n1', 1, []), roundStart(900, 2, 'n1', 1), decision(960, { round: 2, suspected: 'n1', epoch: 1, reachable: ['n1', 'n2'], election: { leader: 'n2', epoch: 1 } })],
    });
    const verdict = checkNoUnnecessaryFailover(run);
    expect(verdict.ok).toBe(true);
    expect(verdict.info).toEqual(['round 2 (started t=900ms) elected n2 in epoch 1 although n1 answered the probe, but no member served epoch 1.']);
  });

  it('reports a failover from a leader that was alive but unheard as information, not as a failure', () => {
    const run = handBuiltRun({
      notes: [
        serve(10, 'n1', 1, []),
        fault(700, { kind: 'partition', sides: [['n1'], ['n2', 'n3', 'coordinator']] }),
        roundStart(900, 2, 'n1', 1),
        decision(960, { round: 2, suspected: 'n1', epoch: 1, reachable: ['n2', 'n3'], election: { leader: 'n2', epoch: 2 } }),
        serve(980, 'n2', 2, []),
      ],
    });
    const verdict = checkNoUnnecessaryFailover(run);
    expect(verdict.ok).toBe(true);
    expect(verdict.info).toEqual(['round 2 at t=900ms failed over from n1, which was alive but unheard (partitioned or its heartbeats were lost).']);
  });

  it('does not call a leader paused at the start of the round alive, even after a no-op restart', () => {
    const run = handBuiltRun({
      notes: [
        fault(700, { kind: 'pause', node: 'n1' }),
        // The simulator ignores a restart of a node that has not crashed: n1 stays paused.
        fault(800, { kind: 'restart', node: 'n1' }),
        roundStart(900, 2, 'n1', 1),
        decision(960, { round: 2, suspected: 'n1', epoch: 1, reachable: ['n2', 'n3'], election: { leader: 'n2', epoch: 2 } }),
      ],
    });
    expect(checkNoUnnecessaryFailover(run).info).toEqual([]);
  });
});
