/**
 * Marker materialisation: the harness cannot send functions, so it sends markers that the host turns
 * back into what learner code expects (`callbackObject` → an object whose methods call back into the
 * harness, `lookupFunction` → a synchronous function over a table).
 */
import type { CallbackObjectMarker, LookupFunctionMarker } from '../../curriculum/learner-call.ts';

// Captured at start-up, before learner code can overwrite the global.
const realStructuredClone = globalThis.structuredClone;

/** `arg` with its marker materialised (other args pass as they are); `callBack` sends one callback to the harness. */
export function materialize(arg: unknown, callBack: (target: string, args: unknown[]) => Promise<unknown>): unknown {
  if (typeof arg === 'object' && arg !== null && '$lookup' in arg) {
    const { table, otherwise } = (arg as LookupFunctionMarker).$lookup;
    return (key: unknown) => realStructuredClone(Object.hasOwn(table, String(key)) ? table[String(key)] : otherwise);
  }
  if (typeof arg !== 'object' || arg === null || !('$callbacks' in arg)) return arg;
  const { handle, fields, methods, returns } = (arg as CallbackObjectMarker).$callbacks;
  const object: Record<string, unknown> = { ...fields };
  for (const method of methods) object[method] = (...args: unknown[]) => callBack(`${handle}.${method}`, args);
  for (const [method, value] of Object.entries(returns ?? {})) object[method] = () => realStructuredClone(value);
  return object;
}

/** Freezes `value` and everything reachable from it (plain data: objects and arrays). For `freezeArgs`. */
export function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
}
