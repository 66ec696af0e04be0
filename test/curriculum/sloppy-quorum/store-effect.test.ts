import { describe, expect, it } from 'vitest';
import { netEffect, storeCall } from '../../../harness/curriculum/sloppy-quorum/store-effect.ts';

const hint = { key: 'k', hintFor: 'n1', version: 2, value: 'v' };

describe("a hint policy's store calls, judged by their net effect", () => {
  it('takes arguments as the run gives them to the store: a malformed put is none, remove arguments are coerced', () => {
    expect(storeCall({ op: 'put', hint: { key: 'k', hintFor: 'n1' } })).toBeUndefined();
    expect(storeCall({ op: 'put', hint: { ...hint, extra: 1 } })).toEqual({ put: hint });
    expect(storeCall({ op: 'remove', args: ['k', 'n1', '2'] })).toEqual({ remove: { key: 'k', hintFor: 'n1', version: 2 } });
  });

  it('sees a hint removed and put back as kept, and a hint put twice as put once', () => {
    const ops = [{ op: 'remove', args: ['k', 'n1', 2] }, { op: 'put', hint }] as const;
    expect(netEffect([hint], ops)).toEqual({ removed: [], put: [] });
    const other = { ...hint, key: 'j' };
    expect(netEffect([], [{ op: 'put', hint: other }, { op: 'put', hint: other }])).toEqual({ removed: [], put: [other] });
  });

  it('removes only what matches key, home and version', () => {
    expect(netEffect([hint], [{ op: 'remove', args: ['k', 'n2', 2] }, { op: 'remove', args: ['k', 'n1', 3] }])).toEqual({ removed: [], put: [] });
    expect(netEffect([hint], [{ op: 'remove', args: ['k', 'n1', 2] }])).toEqual({ removed: [hint], put: [] });
  });
});
