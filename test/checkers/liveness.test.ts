import { describe, it, expect } from 'vitest';
import { checkLiveness } from '../../harness/checkers/index.ts';
import { DEFAULT_FAILOVER_TIMING, serveBoundMs, writeBoundMs, type DecisionRecord } from '../../harness/cluster/index.ts';
import { decision, fault, handBuiltRun, note, serve, stepDown, write } from './hand-built-run.ts';

// With the default timing: recovery at 1500 ms, someone serving by 2198 ms, a write acked by 2394 ms.
const SERVE_DEADLINE = 1500 + 698;
const WRITE_DEADLINE = SERVE_DEADLINE + 196;

describe('checkLiveness', () => {
  it('uses the published bounds (698 ms to serve, 196 ms more to write) with the default timing', () => {
    expect([serveBoundMs(DEFAULT_FAILOVER_TIMING), writeBoundMs(DEFAULT_FAILOVER_TIMING)]).toEqual([698, 196]);
  });

  it('is satisfied when a member serves by the deadline and a write is acknowledged in time', () => {
    const run = handBuiltRun({
      notes: [serve(10, 'n1', 1, []), fault(500, { kind: 'crash', node: 'n1' }), serve(1700, 'n2', 2, [])],
      history: [write('c1', 'c1-30', 1650, { ackedAt: WRITE_DEADLINE, by: 'n2', lsn: 40 })],
    });
    expect(checkLiveness(run)).toEqual({ property: 'liveness', ok: true, explanation: '', events: [], info: [] });
  });

  it('fails when no member is serving at the deadline, printing the published timing and the bound', () => {
    const run = handBuiltRun({
      notes: [
        serve(10, 'n1', 1, []),
        fault(500, { kind: 'crash', node: 'n1' }),
        decision(1710, { round: 3, suspected: 'n1', epoch: 1, reachable: ['n2', 'n3'] }),
      ],
      history: [write('c1', 'c1-5', 300, { ackedAt: 320, by: 'n1', lsn: 6 })],
    });
    const verdict = checkLiveness(run);
    expect(verdict.ok).toBe(false);
    expect(verdict.explanation).toContain('No member was serving 698 ms into the recovery phase (t=2198ms; the phase began at t=1500ms).');
    expect(verdict.explanation).toContain('The last leader, n1, served epoch 1 from t=10ms until t=500ms (n1 crashes).');
    expect(verdict.explanation).toContain('round 3 at t=1710ms decided not to fail over ("the leader answered")');
    for (const words of [
      'heartbeat every 50 ms',
      'starts a failover round after 150 ms without an answer',
      'probe answers count only within 60 ms',
      'resent every 40 ms',
      'replicates every 25 ms',
      'latency is at most 10 ms',
      'drift by up to 5 %',
      'retries an unanswered write after 60 ms',
      '150 + 50 + 60 = 260 ms',
      '(2 × 260 + 60 + 45) / (1 − 0.05) rounds up to 658 ms, plus 4 × 10 ms of latency: 698 ms',
    ]) {
      expect(verdict.explanation).toContain(words);
    }
    expect(verdict.events).toEqual([
      { t: 10, node: 'n1', what: 'n1 starts serving epoch 1' },
      { t: 500, node: 'n1', what: 'n1 crashes' },
      { t: 1500, what: 'the recovery phase begins: partitions heal, paused members resume, crashed ones restart' },
      { t: 1710, node: 'coordinator', what: 'round 3 decided not to fail over ("the leader answered")' },
      { t: SERVE_DEADLINE, what: 'deadline: no member is serving 698 ms into the recovery phase' },
    ]);
  });

  it('does not count a leader that stepped down before the deadline', () => {
    const run = handBuiltRun({
      notes: [serve(1700, 'n2', 2, []), stepDown(2000, 'n2', 2, 3)],
      history: [write('c1', 'c1-30', 1650, { ackedAt: 1800, by: 'n2', lsn: 40 })],
    });
    const verdict = checkLiveness(run);
    expect(verdict.ok).toBe(false);
    expect(verdict.explanation).toContain('until t=2000ms (n2 steps down from epoch 2, having learned of epoch 3)');
  });

  it('counts a leader paused and resumed before the deadline as serving, but not one still paused', () => {
    const trace = [serve(10, 'n1', 1, []), fault(800, { kind: 'pause', node: 'n1' })];
    const history = [write('c1', 'c1-30', 1550, { ackedAt: 1600, by: 'n1', lsn: 40 })];
    expect(checkLiveness(handBuiltRun({ notes: [...trace, fault(1500, { kind: 'resume', node: 'n1' })], history })).ok).toBe(true);
    const stillPaused = checkLiveness(handBuiltRun({ notes: trace, history }));
    expect(stillPaused.ok).toBe(false);
    expect(stillPaused.explanation).toContain('until t=800ms (n1 is paused and not resumed by t=2198ms)');
  });

  it('fails when a member serves but no write is acknowledged within the write bound, naming followers left frozen', () => {
    const run = handBuiltRun({
      notes: [serve(10, 'n1', 1, []), note(1102, 'n2', 'frozen', { round: 1, epoch: 1 }), note(1105, 'n3', 'frozen', { round: 1, epoch: 1 })],
      history: [
        write('c2', 'c2-46', 900, { ackedAt: 951, by: 'n1', lsn: 90 }),
        // Acknowledged as the recovery phase begins: not evidence of recovery.
        write('c2', 'c2-47', 1400, { ackedAt: 1500, by: 'n1', lsn: 91 }),
        write('c1', 'c1-50', 2300, { ackedAt: WRITE_DEADLINE + 1, by: 'n1', lsn: 91 }),
      ],
    });
    const verdict = checkLiveness(run);
    expect(verdict.ok).toBe(false);
    expect(verdict.explanation).toContain(
      'n1 was serving epoch 1 at t=2198ms (since t=10ms), but no client write was acknowledged between the start of the recovery phase (t=1500ms) and t=2394ms (698 + 196 ms later).',
    );
    expect(verdict.explanation).toContain('The last acknowledgement before it was write c2-47 to c2 at t=1500ms.');
    expect(verdict.explanation).toContain("n2 (frozen by round 1's probe at t=1102ms) and n3 (frozen by round 1's probe at t=1105ms)");
    expect(verdict.explanation).toContain('(60 + 2 × 25) / (1 − 0.05) rounds up to 116 ms, plus 8 × 10 ms of latency: 196 ms');
    expect(verdict.events).toEqual([
      { t: 10, node: 'n1', what: 'n1 starts serving epoch 1' },
      { t: 1500, what: 'the recovery phase begins: partitions heal, paused members resume, crashed ones restart' },
      { t: WRITE_DEADLINE, what: 'deadline: no write acknowledged 894 ms into the recovery phase' },
    ]);
  });

  it('prints the constants of the run, not the defaults', () => {
    const timing = { ...DEFAULT_FAILOVER_TIMING, heartbeatIntervalMs: 80, maxLatencyMs: 20 };
    const verdict = checkLiveness(handBuiltRun({ timing }));
    expect(verdict.explanation).toContain(`No member was serving ${serveBoundMs(timing)} ms into the recovery phase`);
    expect(verdict.explanation).toContain('heartbeat every 80 ms');
    expect(verdict.explanation).toContain('latency is at most 20 ms');
    expect(verdict.explanation).toContain('No member had started serving at all.');
  });

  it('does not judge a run stopped by an unusable decision', () => {
    const stoppedBy: DecisionRecord = {
      round: 2,
      view: { members: [], suspectedLeader: 'n1', epoch: 1 },
      problem: 'electNewLeader threw TypeError: x is undefined',
    };
    const verdict = checkLiveness(handBuiltRun({ stoppedBy }));
    // Not judged is neither a pass nor a failure: nothing broke, and the run is counted apart.
    expect(verdict.ok).toBe(true);
    expect(verdict.info).toEqual([]);
    expect(verdict.notJudged).toBe(
      'the run stopped early in round 2 because the failover decision was unusable (electNewLeader threw TypeError: x is undefined); that problem is reported on its own',
    );
  });
});
