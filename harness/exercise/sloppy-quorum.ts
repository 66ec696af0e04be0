/** Where one copy of a write goes: `node`, standing in for the home replica `hintFor` when set. */
export interface Target {
  node: string;
  /** The unreachable home replica this copy stands in for (a sloppy-quorum fallback). */
  hintFor?: string;
}

/** A write a fallback node holds for a home replica that could not be reached. */
export interface Hint<V> {
  key: string;
  value: V;
  version: number;
  /** The home replica the value belongs to. */
  hintFor: string;
}

/** A fallback node's durable hints. `all` returns them as they were when your function was called. */
export interface HintStore<V> {
  put(h: Hint<V>): void;
  remove(key: string, hintFor: string, version: number): void;
  all(): Hint<V>[];
}
