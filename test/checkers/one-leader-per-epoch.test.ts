import { describe, it, expect } from 'vitest';
import { checkOneLeaderPerEpoch } from '../../harness/checkers/index.ts';
import { fault, handBuiltRun, serve } from './hand-built-run.ts';

describe('checkOneLeaderPerEpoch', () => {
  it('is satisfied by one leader per epoch, including the same leader serving its epoch again after a restart', () => {
    const run = handBuiltRun({
      notes: [serve(10, 'n1', 1, []), serve(700, 'n2', 2, []), fault(800, { kind: 'crash', node: 'n2' }), fault(900, { kind: 'restart', node: 'n2' }), serve(910, 'n2', 2, []), serve(1600, 'n3', 3, [])],
    });
    expect(checkOneLeaderPerEpoch(run)).toEqual({ property: 'one-leader-per-epoch', ok: true, explanation: '', events: [], info: [] });
  });

  it('fails when two members serve the same epoch, naming both', () => {
    const run = handBuiltRun({ notes: [serve(15, 'n1', 1, []), serve(726, 'n2', 1, [])] });
    const verdict = checkOneLeaderPerEpoch(run);
    expect(verdict.ok).toBe(false);
    expect(verdict.explanation).toContain('n1 started serving epoch 1 at t=15ms, and n2 started serving the same epoch 1 at t=726ms: two leaders in one epoch.');
    expect(verdict.events).toEqual([
      { t: 15, node: 'n1', what: 'n1 starts serving epoch 1' },
      { t: 726, node: 'n2', what: 'n2 starts serving epoch 1' },
    ]);
  });

  it('fails when a member serves an epoch lower than one already served', () => {
    const run = handBuiltRun({ notes: [serve(10, 'n1', 1, []), serve(700, 'n3', 3, []), serve(1504, 'n1', 1, [])] });
    const verdict = checkOneLeaderPerEpoch(run);
    expect(verdict.ok).toBe(false);
    expect(verdict.explanation).toContain('n1 started serving epoch 1 at t=1504ms, after n3 had already served the newer epoch 3 (from t=700ms): epochs went backwards');
    expect(verdict.events).toEqual([
      { t: 700, node: 'n3', what: 'n3 starts serving epoch 3' },
      { t: 1504, node: 'n1', what: 'n1 starts serving epoch 1' },
    ]);
  });
});
