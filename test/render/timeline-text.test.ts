import { describe, expect, it } from 'vitest';
import { lanesOf } from '../../harness/curriculum/index.ts';
import { PLAIN, renderTimeline } from '../../harness/render/index.ts';

describe('timeline text', () => {
  it('draws a lane per node, arrows for messages, marks for faults and notes, and flags the violation', () => {
    const rows = renderTimeline(
      {
        lanes: lanesOf(['coordinator', 'n1', 'n2', 'n3']),
        entries: [
          { t: 400, kind: 'fault', lane: 'n1', text: 'crash n1', highlight: false },
          { t: 650, kind: 'message', lane: 'coordinator', to: 'n3', text: 'probe (round 1, suspect n1)', highlight: false },
          { t: 653, kind: 'message', lane: 'n3', to: 'coordinator', text: 'probe reply r1: epoch 1, log 1:7', highlight: false },
          { t: 905, kind: 'note', lane: 'n3', text: 'serves epoch 2 (log up to lsn 8)', highlight: true },
        ],
        omitted: 12,
        repeats: 0,
      },
      PLAIN,
    );
    expect(rows.join('\n')).toMatchInlineSnapshot(`
      "  t (ms)  coord n1    n2    n3    
           400  |     X     |     |      n1: crash n1
           650  o----------------->      coordinator -> n3: probe (round 1, suspect n1)
           653  <-----------------o      n3 -> coordinator: probe reply r1: epoch 1, log 1:7
           905  |     |     |     *      n3: serves epoch 2 (log up to lsn 8)  <==
                (12 more entries far from the violation left out)"
    `);
  });
});
