/**
 * Generated replication-log scenarios: each family draws statements from templates that force its
 * pitfalls (design §C.3), the leader's clock is skewed in every one, and `mixed` adds lag, crashes
 * and partitions. Templates are indices, so fast-check shrinks a workload to the few statements
 * that still diverge.
 */
import fc from 'fast-check';
import { SCHEMAS, type Row, type TablesScenario } from '../../cluster/index.ts';
import type { Fault, TimedFault } from '../../sim/index.ts';
import type { Statement } from '../../exercise/index.ts';
import { networkOf, networkParts, randomFaults, sortFaults, type NetworkSpec } from '../scenario-kit.ts';
import { col, concat, del, eq, fn, gt, insert, isNull, lit, lt, plus, update } from './statements.ts';

/** A statement template: made fresh from its position in the workload, so e-mails and ids differ. */
type Template = (k: number) => Statement;

const T = {
  loginNow: (k: number) => insert('users', { email: lit(`a${k}@x`), last_login: fn('NOW') }),
  expireNow: () => del('sessions', [lt('expires', fn('NOW'))]),
  noteNow: (k: number) => update('users', { note: concat(col('note'), fn('NOW')) }, [eq('id', lit(1 + (k % 5)))]),
  sessionLater: (k: number) => insert('sessions', { token: lit(`t${k}`), expires: plus(fn('NOW'), lit(200)) }),
  duplicateEmail: (k: number) => insert('users', { email: lit(`u${1 + (k % 5)}@x`) }),
  newUser: (k: number) => insert('users', { email: lit(`n${k}@x`) }),
  explicitUser: (k: number) => insert('users', { id: lit(100 + k), email: lit(`e${k}@x`) }),
  takeJob: (k: number) => update('jobs', { owner: lit(`w${k}`) }, [isNull('owner')], { limit: 1 }),
  dropJob: () => del('jobs', [isNull('owner')], { limit: 1 }),
  takeJobById: (k: number) => update('jobs', { owner: lit(`w${k}`) }, [isNull('owner')], { orderBy: 'id', limit: 1 }),
  takeJobByPriority: (k: number) => update('jobs', { owner: lit(`w${k}`) }, [isNull('owner')], { orderBy: 'priority', limit: 1 }),
  addJob: () => insert('jobs', { priority: lit(1) }),
  finishJobs: (k: number) => del('jobs', [eq('owner', lit(`w${k - 1}`))]),
  tokenUuid: (k: number) => update('users', { token: fn('UUID') }, [eq('id', lit(1 + (k % 5)))]),
  noteRand: (k: number) => insert('users', { email: lit(`r${k}@x`), note: concat(lit('r'), fn('RAND')) }),
  loginSysdate: (k: number) => update('users', { last_login: fn('SYSDATE') }, [eq('id', lit(1 + (k % 5)))]),
  sessionUuid: () => insert('sessions', { token: concat(lit('s-'), fn('UUID')), expires: fn('NOW') }),
  expireSysdate: () => del('sessions', [lt('expires', fn('SYSDATE'))]),
  jobsRand: (k: number) => update('jobs', { owner: lit(`r${k}`) }, [gt('priority', fn('RAND'))]),
  order: (k: number) => insert('orders', { item: lit(`book${k}`) }),
  shipOrder: (k: number) => update('orders', { status: lit('sent') }, [eq('id', lit(1 + (k % 3)))]),
  deposit: (k: number) => update('accounts', { balance: plus(col('balance'), lit(10)) }, [eq('id', lit(7 + (k % 3)))]),
  loginNowById: (k: number) => update('users', { last_login: fn('NOW') }, [eq('id', lit(1 + (k % 5)))]),
  touchExpiring: (k: number) => update('sessions', { token: lit(`x${k}`) }, [lt('expires', fn('NOW'))]),
  sessionSysdate: (k: number) => insert('sessions', { token: lit(`t${k}`), expires: fn('SYSDATE') }),
  purgeOrders: () => del('orders', [eq('status', lit('sent'))]),
} satisfies Record<string, Template>;

type TemplateName = keyof typeof T;

const FAMILY_TEMPLATES = {
  'clock-skew': ['loginNow', 'expireNow', 'noteNow', 'sessionLater', 'deposit', 'loginNowById', 'touchExpiring'],
  'failed-inserts': ['duplicateEmail', 'newUser', 'explicitUser', 'duplicateEmail', 'newUser'],
  'job-queue': ['addJob', 'takeJob', 'dropJob', 'takeJobById', 'takeJobByPriority', 'addJob', 'finishJobs'],
  'random-values': ['tokenUuid', 'noteRand', 'loginSysdate', 'sessionUuid', 'expireSysdate', 'jobsRand', 'deposit', 'sessionSysdate'],
  triggers: ['order', 'shipOrder', 'order', 'shipOrder', 'deposit', 'purgeOrders'],
  mixed: Object.keys(T) as TemplateName[],
} satisfies Record<string, readonly TemplateName[]>;

export type LogFamily = keyof typeof FAMILY_TEMPLATES;

export interface LogSpec extends NetworkSpec {
  readonly family: LogFamily;
  /** The leader's clock: skewed, and drifting (per mille). */
  readonly leaderSkewMs: number;
  readonly leaderDrift: number;
  /** The followers' clocks run on the other side of true time, at least 300 ms off. */
  readonly followerSkewMs: number;
  /** Each client's workload: template positions in the family's list. */
  readonly work: readonly (readonly number[])[];
  readonly faults: readonly TimedFault[];
  /** The hidden tier's twist: sessions get an outside trigger too. */
  readonly secondTrigger: boolean;
}

const skew = fc.integer({ min: 50, max: 500 }).chain((m) => fc.constantFrom(m, -m));
const FOLLOWERS = ['n2', 'n3'];

function familyArbitrary(family: LogFamily, hidden: boolean): fc.Arbitrary<LogSpec> {
  const n = FAMILY_TEMPLATES[family].length;
  const work = fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: hidden ? 12 : 8, maxLength: 15 });
  const faults: fc.Arbitrary<TimedFault[]> =
    family === 'mixed' || hidden
      ? randomFaults({
          nodes: ['n1', 'n2', 'n3'],
          kinds: ['crash', 'restart', 'pause', 'resume', fc.constantFrom(...FOLLOWERS).map((f): Fault => ({ kind: 'hold', from: 'n1', to: f })), fc.constantFrom(...FOLLOWERS).map((f): Fault => ({ kind: 'release', from: 'n1', to: f }))],
          window: 900,
          max: hidden ? 6 : 4,
        })
      : fc.constant([]);
  return fc.record({
    family: fc.constant(family),
    ...networkParts(hidden ? { latencyMax: 12, lossPct: 5 } : { latencyMax: 10, lossPct: 2 }),
    leaderSkewMs: skew,
    leaderDrift: fc.integer({ min: -20, max: 20 }),
    followerSkewMs: fc.integer({ min: 300, max: 600 }),
    work: fc.tuple(work, work),
    faults,
    secondTrigger: fc.constant(hidden),
  });
}

function tierArbitrary(hidden: boolean): fc.Arbitrary<LogSpec> {
  return fc.oneof(
    { arbitrary: familyArbitrary('clock-skew', hidden), weight: 3 },
    { arbitrary: familyArbitrary('failed-inserts', hidden), weight: 2 },
    { arbitrary: familyArbitrary('job-queue', hidden), weight: 3 },
    { arbitrary: familyArbitrary('random-values', hidden), weight: 3 },
    { arbitrary: familyArbitrary('triggers', hidden), weight: 2 },
    { arbitrary: familyArbitrary('mixed', hidden), weight: hidden ? 4 : 2 },
  );
}

export const logSpecArbitrary = tierArbitrary(false);
export const hiddenLogSpecArbitrary = tierArbitrary(true);

/** Every member starts with these rows: jobs tied on priority, sessions expiring around the clocks. */
export const INITIAL_ROWS: Readonly<Record<string, readonly Row[]>> = {
  users: [1, 2, 3, 4, 5].map((id) => ({ id, email: `u${id}@x`, last_login: null, token: null, note: 'n' })),
  sessions: [1, 2, 3, 4, 5, 6, 7, 8].map((id) => ({ id, token: `s${id}`, expires: -600 + id * 250 })),
  jobs: [1, 2, 3, 4, 5].map((id) => ({ id, owner: null, priority: id <= 3 ? 1 : 2 })),
  accounts: [7, 8, 9].map((id) => ({ id, owner: `o${id}`, balance: 100 })),
  orders: [1, 2, 3].map((id) => ({ id, item: `item${id}`, status: 'new' })),
};

export function statementsOf(spec: LogSpec): Statement[][] {
  const names = FAMILY_TEMPLATES[spec.family] as readonly TemplateName[];
  return spec.work.map((w, c) => w.map((i, k) => T[names[i]!](c * 100 + k + 1)));
}

export function buildLogScenario(spec: LogSpec): TablesScenario {
  const clocks: TimedFault[] = [
    { at: 0, fault: { kind: 'clock', node: 'n1', skewMs: spec.leaderSkewMs, drift: spec.leaderDrift / 1000 } },
    { at: 0, fault: { kind: 'clock', node: 'n2', skewMs: -Math.sign(spec.leaderSkewMs) * spec.followerSkewMs, drift: 0 } },
    { at: 0, fault: { kind: 'clock', node: 'n3', skewMs: -Math.sign(spec.leaderSkewMs) * (spec.followerSkewMs + 50), drift: 0 } },
  ];
  const schemas = spec.secondTrigger ? SCHEMAS.map((s) => (s.name === 'sessions' ? { ...s, externalTrigger: true } : s)) : SCHEMAS;
  return { seed: spec.seed, ...networkOf(spec), faults: sortFaults([...clocks, ...spec.faults]), faultPhaseMs: 1200, clients: statementsOf(spec), rows: INITIAL_ROWS, schemas };
}
