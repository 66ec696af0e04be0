import { describe, it, expect } from 'vitest';
import { checkNoLostAckedWrite } from '../../harness/checkers/index.ts';
import { handBuiltRun, member, note, serve, write } from './hand-built-run.ts';

describe('checkNoLostAckedWrite', () => {
  it('is satisfied when every later leader and every committed log holds the acknowledged writes', () => {
    const run = handBuiltRun({
      notes: [serve(10, 'n1', 1, []), serve(700, 'n2', 2, ['c1-1', 'c2-1'])],
      history: [write('c1', 'c1-1', 50, { ackedAt: 100, by: 'n1', lsn: 2 }), write('c2', 'c2-1', 60, { ackedAt: 120, by: 'n1', lsn: 3 })],
      final: [member('n1', 'up', [null, 'c1-1', 'c2-1', null], 4), member('n2', 'up', [null, 'c1-1', 'c2-1', null], 4)],
    });
    expect(checkNoLostAckedWrite(run)).toEqual({ property: 'no-lost-acked-write', ok: true, explanation: '', events: [], info: [] });
  });

  it('names the write, the client, the new leader and both times when a leader starts serving without it', () => {
    const run = handBuiltRun({
      notes: [serve(10, 'n1', 1, []), serve(1320, 'n3', 3, ['c1-6'], 7)],
      history: [write('c1', 'c1-6', 700, { ackedAt: 760, by: 'n1', lsn: 6 }), write('c1', 'c1-7', 800, { ackedAt: 820, by: 'n1', lsn: 7 })],
      final: [member('n3', 'up', [null, 'c1-6', 'c1-7'], 3)],
    });
    const verdict = checkNoLostAckedWrite(run);
    expect(verdict.ok).toBe(false);
    expect(verdict.explanation).toBe(
      'write c1-7 was acknowledged to c1 by n1 (lsn 7) at t=820ms, but n3 started serving epoch 3 at t=1320ms without it in its log (lsn 1–7): the write is lost.',
    );
    expect(verdict.events).toEqual([
      { t: 820, node: 'c1', what: 'c1 receives the acknowledgement of write c1-7 by n1 (lsn 7)' },
      { t: 1320, node: 'n3', what: 'n3 starts serving epoch 3 without c1-7' },
    ]);
  });

  it('points at the truncation that dropped the write from the new leader', () => {
    const dropped = note(1100, 'n2', 'truncate', { fromLsn: 5, dropped: [{ epoch: 1, lsn: 5, write: 'c2-3' }], committedDropped: 0 });
    const run = handBuiltRun({
      notes: [serve(10, 'n1', 1, []), dropped, serve(1200, 'n2', 3, ['c2-1', 'c2-2'])],
      history: [write('c2', 'c2-3', 400, { ackedAt: 450, by: 'n1', lsn: 5 })],
    });
    const verdict = checkNoLostAckedWrite(run);
    expect(verdict.ok).toBe(false);
    expect(verdict.explanation).toContain('n2 had held it and dropped it at t=1100ms, truncating its log from lsn 5');
    expect(verdict.events.map((e) => e.t)).toEqual([450, 1100, 1200]);
  });

  it('only judges leaders that start serving strictly after the acknowledgement', () => {
    const run = handBuiltRun({
      notes: [serve(820, 'n2', 2, [])],
      history: [write('c1', 'c1-7', 800, { ackedAt: 820, by: 'n1', lsn: 7 })],
    });
    expect(checkNoLostAckedWrite(run).ok).toBe(true);
  });

  it("fails when a member up at the end lacks the write in its committed prefix, and says it is only uncommitted", () => {
    const run = handBuiltRun({
      notes: [serve(10, 'n1', 1, [])],
      history: [write('c1', 'c1-1', 50, { ackedAt: 100, by: 'n1', lsn: 2 }), write('c2', 'c2-1', 60, { ackedAt: 130, by: 'n1', lsn: 3 })],
      final: [member('n1', 'up', [null, 'c1-1', 'c2-1'], 3), member('n2', 'up', [null, 'c1-1', 'c2-1'], 2), member('n3', 'crashed', [null], 1)],
    });
    const verdict = checkNoLostAckedWrite(run);
    expect(verdict.ok).toBe(false);
    expect(verdict.explanation).toBe(
      "write c2-1 was acknowledged to c2 by n1 (lsn 3) at t=130ms, but at the end of the run (t=2800ms) n2's committed log (lsn 1–2) does not hold it: it sits at lsn 3, not yet committed.",
    );
    expect(verdict.events).toEqual([
      { t: 130, node: 'c2', what: 'c2 receives the acknowledgement of write c2-1 by n1 (lsn 3)' },
      { t: 2800, node: 'n2', what: 'end of run: n2 has committed lsn 1–2 without c2-1' },
    ]);
  });

  it('does not judge the logs of members crashed or paused at the end', () => {
    const run = handBuiltRun({
      history: [write('c1', 'c1-1', 50, { ackedAt: 100, by: 'n1', lsn: 2 })],
      final: [member('n1', 'up', [null, 'c1-1'], 2), member('n2', 'crashed', [null], 1), member('n3', 'paused', [null, 'c1-1'], 1)],
    });
    expect(checkNoLostAckedWrite(run).ok).toBe(true);
  });

  it('names a follower a probe left frozen as the reason its committed log lags', () => {
    const run = handBuiltRun({
      notes: [serve(10, 'n1', 1, []), note(900, 'n3', 'frozen', { round: 1, epoch: 1 })],
      history: [write('c1', 'c1-1', 50, { ackedAt: 100, by: 'n1', lsn: 2 })],
      final: [member('n1', 'up', [null, 'c1-1'], 2), member('n3', 'up', [null], 1)],
    });
    const verdict = checkNoLostAckedWrite(run);
    expect(verdict.explanation).toContain("n3's committed log (lsn 1–1) does not hold it.");
    expect(verdict.explanation).toContain('n3 was frozen by the probe of round 1 at t=900ms and no thaw or new epoch is recorded for it');
    expect(verdict.events.map((e) => [e.t, e.node])).toEqual([[100, 'c1'], [900, 'n3'], [2800, 'n3']]);
  });

  it('names a member that never accepted the epoch the leader serves as the reason its committed log lags', () => {
    const run = handBuiltRun({
      notes: [
        serve(16, 'n1', 1, []),
        note(562, 'n3', 'accepted-epoch', { epoch: 2, leader: 'n2', round: 1 }),
        serve(594, 'n2', 2, ['c1-1']),
      ],
      history: [write('c1', 'c1-2', 600, { ackedAt: 670, by: 'n2', lsn: 4 })],
      final: [member('n1', 'up', [null, 'c1-1'], 2), member('n2', 'up', [null, 'c1-1', null, 'c1-2'], 4), member('n3', 'up', [null, 'c1-1', null, 'c1-2'], 4)],
    });
    const verdict = checkNoLostAckedWrite(run);
    expect(verdict.ok).toBe(false);
    expect(verdict.explanation).toBe(
      "write c1-2 was acknowledged to c1 by n2 (lsn 4) at t=670ms, but at the end of the run (t=2800ms) n1's committed log (lsn 1–2) does not hold it. " +
        "n1 never accepted epoch 2, which n2 serves (its newest accepted epoch is 1), so it refuses n2's replication.",
    );
  });

  it('does not judge writes that never got an answer, and says so', () => {
    const run = handBuiltRun({
      notes: [serve(700, 'n2', 2, [])],
      history: [write('c1', 'c1-9', 600, 'unknown')],
      final: [member('n2', 'up', [null], 1)],
    });
    const verdict = checkNoLostAckedWrite(run);
    expect(verdict.ok).toBe(true);
    expect(verdict.info).toEqual(['1 write never got an answer (c1-9); it may or may not have been applied, so it is not checked.']);
  });
});
