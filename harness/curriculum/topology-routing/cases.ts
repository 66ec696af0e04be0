/**
 * Decision cases: `route` on every branch of the three topologies (a wrapping ring, a shuffled ring,
 * another hub, a ring repaired without a leader, a copy as many hops old as the repaired ring is long, a changing topology), asked in table order in one
 * module instance; and `canApply` on the cases its rule turns on (a missing dependency, its origin's
 * previous update, a missing entry, a zero entry, sums that would mislead, 9 against 10 as numbers, not text).
 */
import type { RouteInfo, Topology, UpdateDeps, VectorClock } from '../../exercise/index.ts';
import { caseCheckGroup } from '../case-checks.ts';
import type { CheckGroup } from '../check.ts';
import { CANAPPLY_ANSWERS, judgeCanApply, judgeRoute, ROUTE_ANSWERS, showDeps, showRouteInfo } from './acceptable.ts';
import { describeTopology } from '../../cluster/index.ts';
import { showCounts } from '../../checkers/index.ts';

const ROUTE_CHECK = { id: 'route-decisions', title: 'route sends each copy where its topology needs it, and ignores a copy that has been through you', weight: 2 };
const CANAPPLY_CHECK = { id: 'canapply-decisions', title: 'canApply allows an update once everything it depends on has been applied', weight: 2 };

const ring: Topology = { kind: 'circular', ring: ['n1', 'n2', 'n3', 'n4'] };
const star: Topology = { kind: 'star', hub: 'n1', leaves: ['n2', 'n3', 'n4'] };
const all: Topology = { kind: 'all-to-all', leaders: ['n1', 'n2', 'n3', 'n4'] };
const shuffled: Topology = { kind: 'circular', ring: ['n2', 'n4', 'n1', 'n3'] };
const star3: Topology = { kind: 'star', hub: 'n3', leaves: ['n1', 'n2', 'n4'] };

interface RouteCase {
  readonly n: number;
  readonly topology: Topology;
  readonly self: string;
  readonly update: RouteInfo;
}

const own = (self: string): RouteInfo => ({ origin: self, path: [] });
const copy = (...path: string[]): RouteInfo => ({ origin: path[0]!, path });

export const ROUTE_CASES: readonly RouteCase[] = [
  { n: 1, topology: ring, self: 'n2', update: own('n2') },
  { n: 2, topology: ring, self: 'n3', update: copy('n2') },
  { n: 3, topology: ring, self: 'n1', update: copy('n2', 'n3', 'n4') },
  { n: 4, topology: ring, self: 'n2', update: copy('n2', 'n3', 'n4', 'n1') },
  { n: 5, topology: { kind: 'circular', ring: ['n1', 'n2'] }, self: 'n2', update: copy('n1') },
  { n: 6, topology: { kind: 'circular', ring: ['n1', 'n2', 'n3'] }, self: 'n1', update: copy('n4', 'n1', 'n2', 'n3') },
  { n: 7, topology: star, self: 'n3', update: own('n3') },
  { n: 8, topology: star, self: 'n1', update: copy('n3') },
  { n: 9, topology: star, self: 'n2', update: copy('n3', 'n1') },
  { n: 10, topology: star, self: 'n1', update: own('n1') },
  { n: 11, topology: star, self: 'n3', update: copy('n3', 'n1') },
  { n: 12, topology: star, self: 'n1', update: copy('n2', 'n1', 'n3') },
  { n: 13, topology: all, self: 'n2', update: own('n2') },
  { n: 14, topology: all, self: 'n3', update: copy('n2') },
  { n: 15, topology: all, self: 'n2', update: copy('n2', 'n3') },
  { n: 16, topology: ring, self: 'n4', update: copy('n3') },
  { n: 17, topology: shuffled, self: 'n1', update: copy('n4') },
  { n: 18, topology: shuffled, self: 'n3', update: own('n3') },
  { n: 19, topology: star3, self: 'n3', update: copy('n1') },
  { n: 20, topology: star3, self: 'n1', update: own('n1') },
  { n: 21, topology: star3, self: 'n2', update: copy('n4', 'n3') },
  { n: 22, topology: { kind: 'all-to-all', leaders: ['n3', 'n1', 'n2'] }, self: 'n1', update: own('n1') },
  // Repaired without n1, a copy of n1's has made as many hops as the ring has leaders and is still new to n4.
  { n: 23, topology: { kind: 'circular', ring: ['n2', 'n3', 'n4'] }, self: 'n4', update: copy('n1', 'n2', 'n3') },
];

interface CanApplyCase {
  readonly n: number;
  readonly update: UpdateDeps;
  readonly applied: VectorClock;
}

const dep = (origin: string, seq: number, deps: VectorClock): UpdateDeps => ({ origin, seq, deps });

export const CANAPPLY_CASES: readonly CanApplyCase[] = [
  { n: 1, update: dep('n2', 1, { n1: 1 }), applied: { n1: 1 } },
  { n: 2, update: dep('n2', 1, { n1: 1 }), applied: {} },
  { n: 3, update: dep('n2', 3, { n2: 2 }), applied: { n2: 1 } },
  { n: 4, update: dep('n2', 2, { n1: 2, n2: 1 }), applied: { n1: 3, n2: 1, n3: 5 } },
  { n: 5, update: dep('n2', 1, { n1: 2, n4: 1 }), applied: { n1: 2, n3: 4 } },
  { n: 6, update: dep('n1', 1, {}), applied: {} },
  { n: 7, update: dep('n1', 1, { n1: 0, n2: 0 }), applied: {} },
  { n: 8, update: dep('n2', 2, { n1: 1, n2: 1, n4: 2 }), applied: { n1: 1, n2: 1, n4: 2 } },
  { n: 9, update: dep('n2', 1, { n1: 1, n4: 2 }), applied: { n1: 2, n4: 1 } },
  { n: 10, update: dep('n2', 1, { n1: 10 }), applied: { n1: 9 } },
  { n: 11, update: dep('n2', 1, { n1: 9 }), applied: { n1: 10 } },
];

export const routeDecisionChecks: CheckGroup = caseCheckGroup<RouteCase>({
  checks: [ROUTE_CHECK],
  cases: ROUTE_CASES,
  checkOf: () => ROUTE_CHECK.id,
  ask: (c) => ({ fn: 'route', args: [c.update, c.self, c.topology] }),
  judge: (c, answer) => {
    const wrong = judgeRoute({ update: c.update, self: c.self, topology: c.topology }, answer);
    return wrong === null ? null : { message: `case ${c.n}: ${c.self} was asked ${wrong.text}`, expected: wrong.expected };
  },
  acceptableSets: [ROUTE_ANSWERS],
  show: (c) => [`case ${c.n}: route(${showRouteInfo(c.update)}, ${c.self}, ${describeTopology(c.topology)})`],
});

export const canApplyDecisionChecks: CheckGroup = caseCheckGroup<CanApplyCase>({
  checks: [CANAPPLY_CHECK],
  cases: CANAPPLY_CASES,
  checkOf: () => CANAPPLY_CHECK.id,
  ask: (c) => ({ fn: 'canApply', args: [c.update, c.applied] }),
  judge: (c, answer) => {
    const wrong = judgeCanApply({ update: c.update, applied: c.applied }, answer);
    return wrong === null ? null : { message: `case ${c.n}: a leader was asked ${wrong.text}`, expected: wrong.expected };
  },
  acceptableSets: [CANAPPLY_ANSWERS],
  show: (c) => [`case ${c.n}: canApply(${showDeps(c.update)}, ${showCounts(c.applied)})`],
});
