/** One add of an element, with the unique tag of that add (the id of the client write that made it, e.g. "c2-3"). */
export interface TaggedAdd { readonly element: string; readonly tag: string }
/**
 * An observed-remove set. Initial state: { adds: [], removed: [] }. An element is in the set while some add
 * of it has a tag that is not in `removed`. States come in two forms and your functions are given both:
 * with every add kept, or with the adds whose tag is in `removed` left out. Return either form.
 */
export interface ORSet {
  /** Adds this replica knows of, each (element, tag) once. */
  readonly adds: readonly TaggedAdd[];
  /** Tags of adds that have been removed, each once. */
  readonly removed: readonly string[];
}
