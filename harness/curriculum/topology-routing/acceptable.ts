/**
 * What `route` and `canApply` may answer, given exactly what they were given (the contract: DDIA's
 * topologies, exactly once, and the two receiver rules). `route`: on the path, exactly ignore;
 * otherwise the least set R the topology needs, plus any leaders on the path it has a link to (an
 * echo those leaders ignore), in any order. `canApply`: exactly "every deps entry is at most the same
 * applied entry, missing = 0" on well-formed inputs; when this leader has already applied the update's
 * sequence number of its origin, any boolean (no correct run asks that).
 */
import { describeTopology, linksFrom, requiredSendTo } from '../../cluster/index.ts';
import { showCounts } from '../../checkers/index.ts';
import type { RouteInfo, Topology, UpdateDeps, VectorClock } from '../../exercise/index.ts';
import { statedBy, type AcceptableSet, type WrongAnswer } from '../expectation.ts';

export interface RouteQuestion {
  readonly update: RouteInfo;
  readonly self: string;
  readonly topology: Topology;
}

export interface CanApplyQuestion {
  readonly update: UpdateDeps;
  readonly applied: VectorClock;
}

const isRouting = (x: unknown): x is { ignore: boolean; sendTo?: unknown } => typeof x === 'object' && x !== null && typeof (x as { ignore?: unknown }).ignore === 'boolean';

/** Whether `answer` is an acceptable routing of the question. */
export function routeAccepts(q: RouteQuestion, answer: unknown): boolean {
  if (!isRouting(answer)) return false;
  if (q.update.path.includes(q.self)) return answer.ignore === true;
  if (answer.ignore !== false || !Array.isArray(answer.sendTo)) return false;
  const sendTo = answer.sendTo as unknown[];
  if (new Set(sendTo).size !== sendTo.length) return false;
  const required = requiredSendTo(q.update, q.self, q.topology);
  const echoes = linksFrom(q.topology, q.self).filter((l) => q.update.path.includes(l));
  return required.every((l) => sendTo.includes(l)) && sendTo.every((l) => required.includes(l as string) || echoes.includes(l as string));
}

export const ROUTE_ANSWERS: AcceptableSet<RouteQuestion, unknown> = { name: 'topology-routing/route', accepts: routeAccepts };

/** The reference answer: ignore, or send to the required set. */
export function referenceRouting(q: RouteQuestion): { ignore: true } | { ignore: false; sendTo: readonly string[] } {
  return q.update.path.includes(q.self) ? { ignore: true } : { ignore: false, sendTo: requiredSendTo(q.update, q.self, q.topology) };
}

export const showRouteInfo = (u: RouteInfo): string => `{origin: ${u.origin}, path: [${u.path.join(', ')}]}`;
export const showRouting = (x: unknown): string =>
  isRouting(x) ? (x.ignore ? 'ignore' : Array.isArray(x.sendTo) ? `send to [${(x.sendTo as unknown[]).join(', ')}]` : JSON.stringify(x)) : (JSON.stringify(x) ?? String(x));

/** Why a route answer is not acceptable, in words, with what it states as acceptable; null when it is. */
export function judgeRoute(q: RouteQuestion, answer: unknown): WrongAnswer | null {
  if (routeAccepts(q, answer)) return null;
  const call = `route(${showRouteInfo(q.update)}, ${q.self}, ${describeTopology(q.topology)}) and answered ${showRouting(answer)}`;
  const reference = referenceRouting(q);
  const expected = statedBy(ROUTE_ANSWERS, q, answer, [reference]);
  if (reference.ignore) return { text: `${call}; acceptable: ignore (${q.self} is on the path: this copy has been through ${q.self} before)`, expected };
  const echoes = linksFrom(q.topology, q.self).filter((l) => q.update.path.includes(l));
  const why = whyRequired(q);
  const allowed = echoes.length > 0 ? `, ${echoes.join(', ')} allowed too (on the path: it would ignore the copy)` : '';
  return { text: `${call}; acceptable: send to [${reference.sendTo.join(', ')}]${allowed} — ${why}`, expected };
}

function whyRequired(q: RouteQuestion): string {
  const own = q.update.path.length === 0;
  switch (q.topology.kind) {
    case 'circular':
      return `in a ring ${q.self} passes what it applies to the next leader, ${linksFrom(q.topology, q.self)[0]}, unless the copy has been there`;
    case 'star':
      if (q.self === q.topology.hub) return `the hub passes what it applies to every leaf the copy has not been through`;
      return own ? `a leaf sends its own writes to the hub, ${q.topology.hub}` : `a leaf sends only its own writes (the hub relays)`;
    case 'all-to-all':
      return own ? `in all-to-all the origin sends its own write to every other leader` : `in all-to-all only the origin sends (nobody relays)`;
  }
}

/** The canApply answer on well-formed inputs: every deps entry at most the same applied entry, missing = 0. */
export function referenceCanApplyAnswer(q: CanApplyQuestion): boolean {
  return Object.entries(q.update.deps).every(([k, n]) => n <= (q.applied[k] ?? 0));
}

/** Inputs no correct run produces: the leader has applied this update's sequence number of its origin already. */
export function canApplyDontCare(q: CanApplyQuestion): boolean {
  return (q.applied[q.update.origin] ?? 0) >= q.update.seq;
}

export const CANAPPLY_ANSWERS: AcceptableSet<CanApplyQuestion, unknown> = {
  name: 'topology-routing/canApply',
  accepts: (q, answer) => typeof answer === 'boolean' && (canApplyDontCare(q) || answer === referenceCanApplyAnswer(q)),
};

export const showDeps = (u: UpdateDeps): string => `{origin: ${u.origin}, seq: ${u.seq}, deps: ${showCounts(u.deps)}}`;

/** Why a canApply answer is not acceptable, in words; null when it is. */
export function judgeCanApply(q: CanApplyQuestion, answer: unknown): WrongAnswer | null {
  if (CANAPPLY_ANSWERS.accepts(q, answer)) return null;
  const right = referenceCanApplyAnswer(q);
  const call = `canApply(${showDeps(q.update)}, ${showCounts(q.applied)}) and answered ${JSON.stringify(answer) ?? String(answer)}`;
  const missing = Object.entries(q.update.deps).find(([k, n]) => n > (q.applied[k] ?? 0));
  const why = missing
    ? `${missing[0]} is at ${q.applied[missing[0]] ?? 0} here but the update needs ${missing[1]}`
    : 'every entry of deps is at most the same entry of applied (a missing entry is 0)';
  return { text: `${call}; the answer is ${right}: ${why}`, expected: statedBy(CANAPPLY_ANSWERS, q, answer, [right]) };
}
