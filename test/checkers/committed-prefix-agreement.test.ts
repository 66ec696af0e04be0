import { describe, it, expect } from 'vitest';
import { checkCommittedPrefixAgreement } from '../../harness/checkers/index.ts';
import { commit, handBuiltRun, note } from './hand-built-run.ts';

describe('checkCommittedPrefixAgreement', () => {
  it('is satisfied when members commit the same entries, even if one holds a divergent uncommitted entry', () => {
    const run = handBuiltRun({
      notes: [
        commit(20, 'n1', 1, 1, null),
        commit(25, 'n2', 1, 1, null),
        commit(60, 'n1', 2, 1, 'c1-1'),
        commit(70, 'n2', 2, 1, 'c1-1'),
        // n3 held c2-1 at lsn 3 without committing it, then replaced it: not a disagreement.
        note(900, 'n3', 'truncate', { fromLsn: 3, dropped: [{ epoch: 1, lsn: 3, write: 'c2-1' }], committedDropped: 0 }),
        commit(950, 'n3', 3, 2, null),
        commit(960, 'n2', 3, 2, null),
      ],
    });
    expect(checkCommittedPrefixAgreement(run)).toEqual({ property: 'committed-prefix-agreement', ok: true, explanation: '', events: [], info: [] });
  });

  it('fails when two members commit different entries at the same lsn', () => {
    const run = handBuiltRun({ notes: [commit(759, 'n2', 52, 1, 'c1-27'), commit(800, 'n3', 51, 1, 'c2-26'), commit(1514, 'n1', 52, 1, 'c1-64')] });
    const verdict = checkCommittedPrefixAgreement(run);
    expect(verdict.ok).toBe(false);
    expect(verdict.explanation).toContain(
      'n2 committed lsn 52 as write c1-27 (epoch 1) at t=759ms, but n1 committed lsn 52 as write c1-64 (epoch 1) at t=1514ms: members disagree on the committed log',
    );
    expect(verdict.events).toEqual([
      { t: 759, node: 'n2', what: 'n2 commits lsn 52: write c1-27 (epoch 1)' },
      { t: 1514, node: 'n1', what: 'n1 commits lsn 52: write c1-64 (epoch 1)' },
    ]);
  });

  it('compares epochs too: the same write from another epoch is a different entry', () => {
    const run = handBuiltRun({ notes: [commit(100, 'n1', 4, 1, null), commit(900, 'n1', 4, 2, null)] });
    const verdict = checkCommittedPrefixAgreement(run);
    expect(verdict.ok).toBe(false);
    expect(verdict.explanation).toContain('but n1 itself later committed lsn 4 as the no-op of epoch 2 at t=900ms');
  });

  it('reports a member dropping committed entries as information', () => {
    const run = handBuiltRun({
      notes: [commit(100, 'n3', 5, 1, 'c1-3'), note(900, 'n3', 'truncate', { fromLsn: 5, dropped: [{ epoch: 1, lsn: 5, write: 'c1-3' }], committedDropped: 1 })],
    });
    const verdict = checkCommittedPrefixAgreement(run);
    expect(verdict.ok).toBe(true);
    expect(verdict.info).toEqual(['n3 dropped 1 entry it had marked committed at t=900ms (truncating from lsn 5).']);
  });
});
