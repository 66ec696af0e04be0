/**
 * The harness's own record of a multi-leader run, read from its trace notes in trace order: every
 * update as written (with `depIds`, what its origin had applied just before), every application with
 * what the leader had applied just before it, every enqueue on a link, and the learner's answers.
 * Order in the trace is exact where true times tie, so "applied before" is read in that order.
 */
import type { MultiLeaderRun, Update } from '../../cluster/index.ts';
import type { RouteInfo, Routing, Topology, UpdateDeps, VectorClock } from '../../exercise/index.ts';

export interface WrittenUpdate {
  readonly update: Update;
  readonly t: number;
  /** The update ids its origin had applied when its client wrote it. */
  readonly depIds: ReadonlySet<string>;
}

export interface Application {
  readonly t: number;
  readonly node: string;
  readonly update: string;
  readonly effect: string;
  readonly path: readonly string[];
  /** The update ids this leader had applied just before. */
  readonly before: ReadonlySet<string>;
}

export interface Enqueue {
  readonly t: number;
  readonly node: string;
  readonly update: string;
  readonly to: string;
  readonly path: readonly string[];
}

export interface RouteCall {
  readonly t: number;
  readonly node: string;
  readonly update: string;
  readonly info: RouteInfo;
  readonly topology: Topology;
  readonly answer: Routing;
}

export interface CanApplyCall {
  readonly t: number;
  readonly node: string;
  readonly update: string;
  readonly deps: UpdateDeps;
  readonly applied: VectorClock;
  readonly answer: boolean;
}

export interface MultiLeaderRecord {
  readonly writes: ReadonlyMap<string, WrittenUpdate>;
  readonly applications: readonly Application[];
  readonly enqueues: readonly Enqueue[];
  readonly routes: readonly RouteCall[];
  readonly canApplies: readonly CanApplyCall[];
  /** Learner calls in the order they were answered. */
  readonly calls: readonly ({ readonly fn: 'route' } & RouteCall | { readonly fn: 'canApply' } & CanApplyCall)[];
  readonly ignores: readonly { readonly t: number; readonly node: string; readonly update: string; readonly path: readonly string[] }[];
  /** Update ids each leader applied, at the end (a set: applying twice is judged elsewhere). */
  readonly appliedAt: ReadonlyMap<string, ReadonlySet<string>>;
}

export function multiLeaderRecord(run: Pick<MultiLeaderRun, 'notes'>): MultiLeaderRecord {
  const writes = new Map<string, WrittenUpdate>();
  const applications: Application[] = [];
  const enqueues: Enqueue[] = [];
  const routes: RouteCall[] = [];
  const canApplies: CanApplyCall[] = [];
  const calls: MultiLeaderRecord['calls'][number][] = [];
  const ignores: MultiLeaderRecord['ignores'][number][] = [];
  const appliedAt = new Map<string, Set<string>>();
  const setOf = (node: string): Set<string> => appliedAt.get(node) ?? (appliedAt.set(node, new Set()), appliedAt.get(node)!);
  for (const e of run.notes) {
    if (e.kind !== 'note') continue;
    const d = e.data as Record<string, unknown>;
    switch (e.name) {
      case 'ml-write': {
        const update = d.update as Update;
        writes.set(update.id, { update, t: e.t, depIds: new Set(setOf(e.node)) });
        break;
      }
      case 'ml-apply': {
        const applied = setOf(e.node);
        applications.push({ t: e.t, node: e.node, update: d.update as string, effect: d.effect as string, path: d.path as string[], before: new Set(applied) });
        applied.add(d.update as string);
        break;
      }
      case 'ml-enqueue':
        enqueues.push({ t: e.t, node: e.node, update: d.update as string, to: d.to as string, path: d.path as string[] });
        break;
      case 'ml-route': {
        const call: RouteCall = { t: e.t, node: e.node, update: d.update as string, info: { origin: d.origin as string, path: d.path as string[] }, topology: d.topology as Topology, answer: d.answer as Routing };
        routes.push(call);
        calls.push({ fn: 'route', ...call });
        break;
      }
      case 'ml-can-apply': {
        const call: CanApplyCall = { t: e.t, node: e.node, update: d.update as string, deps: { origin: d.origin as string, seq: d.seq as number, deps: d.deps as VectorClock }, applied: d.applied as VectorClock, answer: d.answer as boolean };
        canApplies.push(call);
        calls.push({ fn: 'canApply', ...call });
        break;
      }
      case 'ml-ignore':
        ignores.push({ t: e.t, node: e.node, update: d.update as string, path: d.path as string[] });
        break;
    }
  }
  return { writes, applications, enqueues, routes, canApplies, calls, ignores, appliedAt };
}

/** `{n1:2, n2:0}` in words: "{n1:2, n2:0}"; empty: "{}". */
export function showCounts(clock: VectorClock): string {
  return `{${Object.entries(clock).map(([k, v]) => `${k}:${v}`).join(', ')}}`;
}
