/**
 * A `LearnerCaller` that runs a module in this thread, for fast in-process soundness checks and the
 * bench (never for a learner file a check grades: that runs in a worker or a locked-down process). It
 * copies arguments and answers as the worker boundary does (so a module cannot share state with the
 * harness), builds callback objects and lookup functions as the learner host does, and honours aborts.
 */
import { MISSING_EXPORT_ERROR, type CallbackObjectMarker, type LearnerCaller, type LookupFunctionMarker } from './learner-call.ts';

export function inProcessCaller(module: Record<string, unknown>): LearnerCaller {
  return async (fn, args, _ctx, options = {}) => {
    if (typeof module[fn] !== 'function') {
      return { kind: 'threw', error: { name: MISSING_EXPORT_ERROR, message: `the learner module has no exported function "${fn}"` }, console: '' };
    }
    const built = structuredClone(args).map((arg) => {
      if (typeof arg === 'object' && arg !== null && '$lookup' in arg) {
        const { table, otherwise } = (arg as LookupFunctionMarker).$lookup;
        return (key: unknown) => (Object.hasOwn(table, String(key)) ? table[String(key)] : otherwise);
      }
      if (typeof arg !== 'object' || arg === null || !('$callbacks' in arg)) return arg;
      const { handle, fields, methods, returns } = (arg as CallbackObjectMarker).$callbacks;
      const object: Record<string, unknown> = { ...fields };
      for (const m of methods) {
        object[m] = (...a: unknown[]) => {
          const handler = options.handlers?.[`${handle}.${m}`];
          return handler ? handler(...a) : Promise.reject(new TypeError(`${handle}.${m} is not a callback of this call`));
        };
      }
      for (const [m, value] of Object.entries(returns ?? {})) object[m] = () => structuredClone(value);
      return object;
    });
    const aborted = new Promise<'aborted'>((resolve) => options.signal?.addEventListener('abort', () => resolve('aborted'), { once: true }));
    try {
      const value = await Promise.race([Promise.resolve((module[fn] as (...a: unknown[]) => unknown)(...built)), aborted]);
      return value === 'aborted' ? { kind: 'never-settled', console: '' } : { kind: 'returned', value: structuredClone(value), console: '' };
    } catch (error) {
      return { kind: 'threw', error: { name: (error as Error).name, message: (error as Error).message }, console: '' };
    }
  };
}
