import { describe, it, expect } from 'vitest';
import { checkFailoverRun, type Verdict } from '../../harness/checkers/index.ts';
import { runFailoverCluster, type FailoverDecider, type FailoverScenario } from '../../harness/cluster/index.ts';
import type { Election, FailoverView, SafetyVerdict } from '../../harness/exercise/index.ts';

/** A decider answering in-process, as the grading harness would after calling the learner's code. */
function inProcessDecider(validate: (view: FailoverView) => SafetyVerdict, elect: (view: FailoverView) => Election): FailoverDecider {
  return {
    validateSafeFailover: async (view) => ({ ok: true, value: validate(view) }),
    electNewLeader: async (view) => ({ ok: true, value: elect(view) }),
  };
}

/** Fails over only without an answer from the leader and with a majority; elects the most up-to-date member in a fresh epoch. */
const correctDecider = inProcessDecider(
  (view) => {
    const leader = view.members.find((m) => m.id === view.suspectedLeader);
    if (leader?.reachable) return { safe: false, reason: 'the leader answered the probe' };
    const reachable = view.members.filter((m) => m.reachable).length;
    return reachable * 2 > view.members.length ? { safe: true } : { safe: false, reason: 'no majority answered' };
  },
  (view) => {
    const candidates = view.members.filter((m) => m.reachable && m.id !== view.suspectedLeader);
    const best = candidates.sort((a, b) => b.lastEpoch - a.lastEpoch || b.lastLsn - a.lastLsn)[0]!;
    return { leader: best.id, epoch: Math.max(view.epoch, ...view.members.map((m) => m.epoch)) + 1 };
  },
);

/** Always fails over, to the reachable member with the LOWEST log, reusing the old leader's epoch. */
const lowestLogSameEpochDecider = inProcessDecider(
  () => ({ safe: true }),
  (view) => {
    const candidates = view.members.filter((m) => m.reachable && m.id !== view.suspectedLeader);
    const worst = candidates.sort((a, b) => a.lastEpoch - b.lastEpoch || a.lastLsn - b.lastLsn)[0]!;
    return { leader: worst.id, epoch: view.epoch };
  },
);

const leaderCrash: FailoverScenario = {
  seed: 1,
  members: 3,
  latency: { min: 1, max: 10 },
  loss: 0,
  duplicate: 0,
  reorder: 0,
  faults: [{ at: 500, fault: { kind: 'crash', node: 'n1' } }],
  faultPhaseMs: 1500,
  keepDown: [],
};

function verdictOf(verdicts: Verdict[], property: Verdict['property']): Verdict {
  return verdicts.find((v) => v.property === property)!;
}

describe('checkers on real cluster runs', () => {
  it('pass every property when a correct decider fails over from a crashed leader', async () => {
    const run = await runFailoverCluster(leaderCrash, correctDecider);
    // The run really failed over and kept taking writes, so the verdicts below judge something.
    expect(run.decisions).toHaveLength(1);
    expect(run.decisions[0]!.election).toMatchObject({ epoch: 2 });
    expect(run.decisions[0]!.election!.leader).not.toBe('n1');
    expect(run.history.filter((op) => op.status === 'ok' && op.completedAt! > run.recoveryStartsAt).length).toBeGreaterThan(20);
    const verdicts = checkFailoverRun(run);
    expect(verdicts.map((v) => [v.property, v.ok, v.explanation])).toEqual([
      ['no-lost-acked-write', true, ''],
      ['one-leader-per-epoch', true, ''],
      ['committed-prefix-agreement', true, ''],
      ['liveness', true, ''],
      ['no-unnecessary-failover', true, ''],
    ]);
  });

  it('catch two leaders in one epoch from a decider that reuses the epoch', async () => {
    // The coordinator cannot reach n3, so the failover hears only from n2 and still goes ahead,
    // electing n2 in epoch 1, the epoch n1 already served: two members serve the same epoch.
    const run = await runFailoverCluster(
      { ...leaderCrash, faults: [{ at: 400, fault: { kind: 'partition', sides: [['coordinator'], ['n3']] } }, ...leaderCrash.faults] },
      lowestLogSameEpochDecider,
    );
    const verdicts = checkFailoverRun(run);
    expect(verdicts.find((v) => v.property === 'one-leader-per-epoch')!.ok).toBe(false);
    expect(verdicts.find((v) => v.property === 'no-unnecessary-failover')!.ok).toBe(true);

    const twoLeaders = verdictOf(verdicts, 'one-leader-per-epoch');
    expect(twoLeaders.events.map((e) => [e.node, e.what])).toEqual([
      ['n1', 'n1 starts serving epoch 1'],
      ['n2', 'n2 starts serving epoch 1'],
    ]);
    expect(twoLeaders.events[1]!.t).toBeLessThan(run.recoveryStartsAt);
  });

  it('explain a cluster that never recovers with the real bound when the decider never fails over', async () => {
    const neverFailOver = inProcessDecider(
      () => ({ safe: false, reason: 'never' }),
      () => ({ leader: 'n2', epoch: 2 }),
    );
    const run = await runFailoverCluster({ ...leaderCrash, keepDown: ['n1'] }, neverFailOver);
    const liveness = verdictOf(checkFailoverRun(run), 'liveness');
    expect(liveness.ok).toBe(false);
    expect(liveness.explanation).toContain('No member was serving 698 ms into the recovery phase (t=2198ms; the phase began at t=1500ms).');
    expect(liveness.explanation).toContain('decided not to fail over ("never")');
    expect(liveness.events.at(-1)).toEqual({ t: 2198, what: 'deadline: no member is serving 698 ms into the recovery phase' });
  });
});
