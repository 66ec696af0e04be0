/**
 * The net effect of one learner call on a fallback's hint store. The store applies `put`/`remove` as
 * they are called, but simulated time stands still during the call, so nothing can see the store
 * between two of them: only what the call leaves changed can be right or wrong. A hint removed and
 * put back in the same call was never dropped. Identity (key, home, version), a put of a hint already
 * held doing nothing and a remove matching nothing doing nothing all follow the fallback's storage
 * (cluster/leaderless/replica.ts), so a decision case judges what a run would see.
 */
import type { StoredHint } from '../../cluster/index.ts';

/** One call the learner made on the hint store, with its arguments as given. */
export type StoreOp = { readonly op: 'put'; readonly hint: unknown } | { readonly op: 'remove'; readonly args: readonly unknown[] };

/** What a call left changed: hints held before and gone after, and hints held after but not before. */
export interface StoreEffect {
  readonly removed: readonly StoredHint[];
  readonly put: readonly StoredHint[];
}

/** A hint the store would keep, taken as the store keeps it (only its four fields). */
export function storableHint(h: unknown): StoredHint | undefined {
  const x = h as Partial<StoredHint> | null;
  if (typeof x !== 'object' || x === null || typeof x.key !== 'string' || typeof x.hintFor !== 'string' || typeof x.version !== 'number') return undefined;
  return { key: x.key, value: x.value, version: x.version, hintFor: x.hintFor };
}

const idOf = (key: string, hintFor: string, version: number): string => JSON.stringify([key, hintFor, String(version)]);

export function netEffect(before: readonly StoredHint[], ops: readonly StoreOp[]): StoreEffect {
  const held = new Map(before.map((h) => [idOf(h.key, h.hintFor, h.version), h]));
  for (const o of ops) {
    if (o.op === 'put') {
      const h = storableHint(o.hint);
      if (h !== undefined && !held.has(idOf(h.key, h.hintFor, h.version))) held.set(idOf(h.key, h.hintFor, h.version), h);
    } else {
      const [key, hintFor, version] = o.args;
      const id = idOf(String(key), String(hintFor), Number(version));
      // The store compares versions with ===, so a NaN version is never matched there either.
      if (held.get(id)?.version === Number(version)) held.delete(id);
    }
  }
  const was = new Set(before.map((h) => idOf(h.key, h.hintFor, h.version)));
  return {
    removed: before.filter((h) => !held.has(idOf(h.key, h.hintFor, h.version))),
    put: [...held.entries()].filter(([id]) => !was.has(id)).map(([, h]) => h),
  };
}
