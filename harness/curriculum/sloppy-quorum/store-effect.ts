/**
 * The net effect of one learner call on a fallback's hint store. The store applies `put`/`remove` as
 * they are called, but simulated time stands still during the call, so nothing can see the store
 * between two of them: only what the call leaves changed can be right or wrong. A hint removed and
 * put back in the same call was never dropped. The arguments are taken as the run's store takes them
 * (`storeCall`, which learner-policies.ts uses too), and applied by the store's own rules
 * (cluster/leaderless/hint-store.ts), so a decision case judges what a run would see.
 */
import { hintChanges, withHint, withoutHint, type StoredHint } from '../../cluster/index.ts';

/** One call the learner made on the hint store, with its arguments as given. */
export type StoreOp = { readonly op: 'put'; readonly hint: unknown } | { readonly op: 'remove'; readonly args: readonly unknown[] };

/** What a call left changed: hints held before and gone after, and hints held after but not before. */
export interface StoreEffect {
  readonly removed: readonly StoredHint[];
  readonly put: readonly StoredHint[];
}

/** A hint the store would keep, taken as the store keeps it (only its four fields). */
function storableHint(h: unknown): StoredHint | undefined {
  const x = h as Partial<StoredHint> | null;
  if (typeof x !== 'object' || x === null || typeof x.key !== 'string' || typeof x.hintFor !== 'string' || typeof x.version !== 'number') return undefined;
  return { key: x.key, value: x.value, version: x.version, hintFor: x.hintFor };
}

/** A learner's store call as the store is given it: a put of a malformed hint is none. */
export function storeCall(o: StoreOp): { readonly put: StoredHint } | { readonly remove: Pick<StoredHint, 'key' | 'hintFor' | 'version'> } | undefined {
  if (o.op === 'put') {
    const hint = storableHint(o.hint);
    return hint === undefined ? undefined : { put: hint };
  }
  const [key, hintFor, version] = o.args;
  return { remove: { key: String(key), hintFor: String(hintFor), version: Number(version) } };
}

export function netEffect(before: readonly StoredHint[], ops: readonly StoreOp[]): StoreEffect {
  let held = before;
  for (const o of ops) {
    const c = storeCall(o);
    if (c !== undefined) held = 'put' in c ? withHint(held, c.put) : withoutHint(held, c.remove);
  }
  return hintChanges(before, held);
}
