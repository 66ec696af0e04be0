/**
 * What crosses the shared slot arrives as a structured clone would (which is what `postMessage`
 * delivers): JSON where that is exact, v8's serializer for everything else, and nothing written
 * when a message does not fit (the caller then posts it).
 */
import { describe, expect, it } from 'vitest';
import { createSlotBuffer, readSlot, SLOT_BYTES, slotMemory, writeSlot } from '../../harness/grading/shared-slot.ts';

const memory = slotMemory(createSlotBuffer());
const roundTrip = (value: unknown): unknown => {
  expect(writeSlot(memory, value)).toBe(true);
  return readSlot(memory);
};

describe('the shared slot', () => {
  it('carries plain data and everything JSON would change, exactly as a structured clone does', () => {
    const sparse = [1, , 3];
    const tagged = Object.assign([1, 2], { extra: true });
    const ownProto = JSON.parse('{"__proto__": {"x": 1}}') as unknown;
    const values: unknown[] = [
      { type: 'call', id: 1, fn: 'electNewLeader', args: [{ members: [{ id: 'n1', lastLsn: 9 }] }], ctx: { seed: 3, now: 0 } },
      { a: undefined, b: null, c: NaN, d: Infinity, e: -Infinity, f: [undefined] },
      new Map([['k', { v: 1 }]]),
      new Set([1, 'two']),
      new Date(0),
      /re/g,
      sparse,
      tagged,
      ownProto,
      'lone \ud800 surrogate',
      { nested: { deeper: { deepest: [1, 2, { x: 'y' }] } } },
      Object.create(null) as object,
      12345678901234567890n,
    ];
    for (const value of values) expect(roundTrip(value)).toStrictEqual(structuredClone(value));
    expect(Object.is(roundTrip(-0), -0)).toBe(true);
    expect(Object.is((roundTrip({ z: -0 }) as { z: number }).z, -0)).toBe(true);
    expect(Object.keys(roundTrip(sparse) as unknown[])).toEqual(['0', '2']);
    expect((roundTrip(tagged) as { extra?: boolean }).extra).toBe(true);
  });

  it('refuses what does not fit or cannot be cloned, so the caller posts it instead', () => {
    expect(writeSlot(memory, 'x'.repeat(SLOT_BYTES + 1))).toBe(false);
    expect(writeSlot(memory, { f: () => 1 })).toBe(false);
    expect(writeSlot(memory, 'x'.repeat(SLOT_BYTES - 64))).toBe(true);
  });
});
