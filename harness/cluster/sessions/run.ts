/**
 * Runs the replication-lag cluster (design §D.2, §E.2): the failover cluster with the harness's own
 * failover decider, applied state and reads on every member (`followerPipeline`), the session proxy
 * with the exercise's policy, and user devices doing their scripted operations through it.
 */
import type { Fault, NodeBehaviour, NodeContext } from '../../sim/index.ts';
import { nodeIds, runPhased, type PhasedRun, type PhasedScenario, type RunHosting } from '../phased-run.ts';
import { createCoordinator } from '../single-leader/coordinator.ts';
import { createMember } from '../single-leader/member.ts';
import { createReadFollower } from '../single-leader/read-follower.ts';
import type { ClusterMessage, ReplicationMode } from '../single-leader/messages.ts';
import { withReadPath, type FollowerPipeline, type ReadPathMessage } from '../single-leader/read-path.ts';
import { referenceFailoverDecider } from '../single-leader/reference-decider.ts';
import { referenceSingleLeaderHooks } from '../single-leader/reference-hooks.ts';
import { DEFAULT_FAILOVER_TIMING, type FailoverTiming } from '../single-leader/timing.ts';
import { createDevice, type DeviceOp } from './device.ts';
import { rendezvousHome } from './homes.ts';
import { DEFAULT_PROXY_TIMING, type ProxyMessage, type ProxyTiming } from './messages.ts';
import { createSessionProxy } from './proxy.ts';
import type { SessionCallRecord, SessionPolicy } from './session-policy.ts';
import { Signals } from './signals.ts';

export interface SessionScenario extends PhasedScenario {
  /** Voting members n1 … nN; n1 leads epoch 1 at the start. */
  readonly members: number;
  /** Each device's operations, by device id (`u1a`: user u1, device a). */
  readonly devices: Readonly<Record<string, readonly DeviceOp[]>>;
  /** Signals fired at true times, for operations placed on scripted moments (a restart). */
  readonly moments?: readonly { readonly at: number; readonly signal: string }[];
  /** Faults placed on signals (a crash 1 ms after an ack reaches a device), injected `delayMs` after it. */
  readonly triggers?: readonly { readonly signal: string; readonly delayMs: number; readonly fault: Fault }[];
  readonly recoveryMs: number;
  /** Non-voting read followers after the voters (n4 … with 3 voters); none unless given. */
  readonly readFollowers?: number;
  /** Users get a home read follower by rendezvous hashing over those not decommissioned (design §E.2). */
  readonly homes?: boolean;
  /** The members homes are drawn from, when not the read followers (a cluster without any). */
  readonly homesAmong?: readonly string[];
  /** Read followers taken down for good at `at`, their users re-homed. */
  readonly decommission?: readonly { readonly node: string; readonly at: number }[];
  /**
   * Read followers that join at `at`: down and empty until then, then replicating from position 1
   * (the leader's log matching finds the start) and homes from then on, so some users are re-homed.
   */
  readonly added?: readonly { readonly node: string; readonly at: number }[];
  /** The pipeline of this scenario, when it is not the run's. */
  readonly pipeline?: FollowerPipeline;
}

export interface SessionClusterOptions extends RunHosting {
  readonly timing?: FailoverTiming;
  /** When the leader acknowledges a write; majority commit unless told (asynchronous: lessons on lost writes). */
  readonly mode?: ReplicationMode;
  readonly proxyTiming?: ProxyTiming;
  readonly pipeline?: FollowerPipeline;
}

export interface SessionRun extends PhasedRun<SessionScenario, null, SessionCallRecord> {
  readonly members: readonly string[];
  readonly timing: FailoverTiming;
  readonly proxyTiming: ProxyTiming;
  readonly pipeline: FollowerPipeline;
  /** Policy calls made, by function. */
  readonly calls: Readonly<Record<string, number>>;
}

export const PROXY = 'proxy';
const COORDINATOR = 'coordinator';

/** The pipeline of design §D.2: apply every 10 ms, 4 entries a tick, checkpoints every 200 ms. */
export const READ_PIPELINE: FollowerPipeline = { applyUpTo: 'committed', applyIntervalMs: 10, applyLimit: 4, appliedDurability: { checkpointMs: 200 } };

/** The user and device of a device id: `u1a` → u1, a. */
export const deviceOf = (id: string): { user: string; device: string } => ({ user: id.slice(0, -1), device: id.slice(-1) });

export async function runSessionCluster(scenario: SessionScenario, policy: SessionPolicy, options: SessionClusterOptions = {}): Promise<SessionRun> {
  const timing = options.timing ?? DEFAULT_FAILOVER_TIMING;
  const proxyTiming = options.proxyTiming ?? DEFAULT_PROXY_TIMING;
  const pipeline = scenario.pipeline ?? options.pipeline ?? READ_PIPELINE;
  const voters = nodeIds('n', scenario.members);
  const readFollowers = nodeIds('n', scenario.members + (scenario.readFollowers ?? 0)).slice(scenario.members);
  const members = [...voters, ...readFollowers];
  const hooks = referenceSingleLeaderHooks(options.mode ?? 'majority');
  const calls: Record<string, number> = {};
  const count = <A extends unknown[], R>(fn: string, f: (...a: A) => R) => (...a: A): R => ((calls[fn] = (calls[fn] ?? 0) + 1), f(...a));
  const counted: SessionPolicy = {
    start: policy.start,
    sessionKey: count('sessionKey', policy.sessionKey.bind(policy)),
    chooseReplica: count('chooseReplica', policy.chooseReplica.bind(policy)),
    acceptsReply: count('acceptsReply', policy.acceptsReply.bind(policy)),
    ...(policy.afterWrite ? { afterWrite: count('afterWrite', policy.afterWrite.bind(policy)) } : {}),
    ...(policy.afterRead ? { afterRead: count('afterRead', policy.afterRead.bind(policy)) } : {}),
  };
  const run = await runPhased<SessionScenario, null, SessionCallRecord>(scenario, {
    recoveryMs: scenario.recoveryMs,
    trace: options.trace,
    hostYield: options.hostYield,
    nodes: ({ sim, stop }) => {
      const signals = new Signals();
      for (const id of members)
        sim.addNode<ClusterMessage | ReadPathMessage>(id, (ctx) => {
          if (ctx.storage.get('epoch') === undefined) {
            ctx.storage.set('epoch', 1);
            ctx.storage.set('leader', voters[0]);
          }
          const inner = ctx as NodeContext<ClusterMessage>;
          const member = voters.includes(id)
            ? createMember(inner, { members: voters, coordinator: COORDINATOR, timing, hooks, ...(readFollowers.length > 0 ? { readFollowers } : {}) })
            : createReadFollower(inner, hooks.follower);
          return withReadPath(ctx, member, pipeline);
        });
      sim.addNode<ClusterMessage>(COORDINATOR, (ctx) =>
        createCoordinator(ctx, { members: voters, initialLeader: voters[0]!, initialEpoch: 1, timing, decider: referenceFailoverDecider, onDecisionProblem: () => undefined }),
      );
      const gone = (node: string): boolean =>
        (scenario.decommission ?? []).some((d) => d.node === node && d.at <= sim.now) || (scenario.added ?? []).some((a) => a.node === node && a.at > sim.now);
      const homeOf = (user: string): string | undefined => rendezvousHome(user, (scenario.homesAmong ?? readFollowers).filter((f) => !gone(f)));
      sim.addNode<ProxyMessage>(PROXY, (ctx) =>
        createSessionProxy(ctx, {
          members,
          timing: proxyTiming,
          policy: counted,
          deviceOf,
          ...(scenario.homes ? { homeOf } : {}),
          onPolicyProblem: stop,
          onBelief: (leader) => {
            if (leader !== null && leader !== voters[0]) signals.fire('new-leader');
          },
        }),
      );
      for (const [device, ops] of Object.entries(scenario.devices))
        sim.addNode(device, (ctx) => createDevice(ctx as NodeContext<never>, { proxy: PROXY, ops, signals }) as NodeBehaviour<unknown>);
      for (const d of scenario.decommission ?? []) sim.at(d.at, `decommission ${d.node}`, () => sim.inject({ kind: 'crash', node: d.node }));
      for (const a of scenario.added ?? []) {
        sim.at(0, `${a.node} not added yet`, () => sim.inject({ kind: 'crash', node: a.node }));
        sim.at(a.at, `add ${a.node}`, () => sim.inject({ kind: 'restart', node: a.node }));
      }
      for (const m of scenario.moments ?? []) sim.at(m.at, `signal ${m.signal}`, () => signals.fire(m.signal));
      for (const t of scenario.triggers ?? []) signals.on(t.signal, () => void sim.at(sim.now + t.delayMs, `on ${t.signal}`, () => sim.inject(t.fault)));
      return members.filter((m) => !(scenario.decommission ?? []).some((d) => d.node === m));
    },
    final: () => null,
  });
  return { ...run, members, timing, proxyTiming, pipeline, calls };
}
