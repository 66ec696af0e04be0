/**
 * The discrete-event simulation: virtual time in ms, events ordered by (time, sequence number), one
 * seeded generator with a child stream per node. It owns time and randomness; nodes only react.
 *
 * Learner code may be async. The loop stays synchronous (full speed) until a node starts a task or
 * settles a deferred; only then does it hand control to the host's event loop, and only until that
 * work is quiet again, so simulated time never moves while learner code is running.
 */
import { harnessError } from '../errors.ts';
import { DriftingClock } from './clock.ts';
import { EventQueue } from './event-queue.ts';
import { isNodeFault, type Fault, type FaultSchedule, type NodeFault } from './faults.ts';
import { History } from './history.ts';
import { DEFAULT_NETWORK, Network, type NetworkConfig } from './network.ts';
import type { DurableStorage, NodeBehaviour, NodeContext, NodeFactory, NodeStatus, TaskResult } from './node.ts';
import { PendingWork, type PendingTask } from './pending-work.ts';
import { SeededRandom } from './random.ts';
import { actionEvent, deadlineEvent, deliverEvent, faultEvent, timerEvent, type DeliverEvent, type SimEvent, type SimNode } from './sim-event.ts';
import { TraceLog } from './trace-log.ts';

export interface SimulationOptions {
  readonly seed: number;
  readonly network?: Partial<NetworkConfig>;
  /** Record every event (default). Off, only notes and faults are kept. */
  readonly trace?: boolean;
  /**
   * How to let the host run pending callbacks while learner work is in flight. The simulation itself
   * never touches real timers; the caller passes e.g. `() => new Promise(r => setImmediate(r))`.
   */
  readonly hostYield?: () => Promise<void>;
}

/**
 * Without a host-provided yield the simulation can only let promise continuations run: a thousand
 * turns of the microtask queue, enough for any learner code that does not wait on real I/O.
 */
const defaultYield = async (): Promise<void> => {
  for (let i = 0; i < 1000; i++) await undefined;
};

export class Simulation {
  readonly history = new History();
  /** Every event of the run, in order (compact; read with `at`, iterate, or `toArray`). */
  readonly trace = new TraceLog();
  private readonly queue = new EventQueue<SimEvent>();
  private readonly nodes = new Map<string, SimNode>();
  private readonly network: Network;
  private readonly root: SeededRandom;
  private readonly traceAll: boolean;
  private readonly hostYield: () => Promise<void>;
  private readonly work = new PendingWork();
  /** Messages on held links, kept until their link is released. */
  private readonly held: DeliverEvent[] = [];
  private time = 0;
  private nextMsgId = 0;
  private nextTimerId = 0;
  private started = false;
  private stopped = false;
  private events = 0;

  constructor(options: SimulationOptions) {
    if (!Number.isInteger(options.seed)) throw harnessError('ERR_INVALID_OPTION', `seed must be an integer, got ${options.seed}`, RangeError);
    this.root = new SeededRandom(options.seed);
    this.network = new Network({ ...DEFAULT_NETWORK, ...options.network });
    this.traceAll = options.trace ?? true;
    this.hostYield = options.hostYield ?? defaultYield;
  }

  /** True simulated time in ms. */
  get now(): number {
    return this.time;
  }

  /** How many events have run so far. */
  get eventCount(): number {
    return this.events;
  }

  /** Adds a node; its factory runs when the simulation starts and again at every restart. */
  addNode<M>(id: string, factory: NodeFactory<M>): this {
    if (this.started) throw harnessError('ERR_SIMULATION_STARTED', `addNode("${id}"): nodes must be added before the simulation starts`);
    if (this.nodes.has(id)) throw harnessError('ERR_DUPLICATE_NODE', `addNode("${id}"): a node with this id already exists`);
    if (!/^[A-Za-z0-9_.-]+$/.test(id)) throw harnessError('ERR_INVALID_OPTION', `addNode("${id}"): ids are letters, digits, "_", "." or "-"`, RangeError);
    this.nodes.set(id, {
      id,
      tid: this.trace.intern(id),
      factory: factory as NodeFactory<unknown>,
      storage: new Map(),
      clock: new DriftingClock(),
      rng: this.root.child(`node:${id}`),
      netRng: this.root.child(`net:${id}`),
      status: 'up',
      incarnation: 0,
      behaviour: undefined,
      ctx: undefined,
      backlog: [],
      cancelled: new Set(),
    });
    return this;
  }

  /** Schedules every fault of `schedule` at its time. */
  schedule(schedule: FaultSchedule): this {
    for (const { at, fault } of schedule) {
      if (!(at >= 0)) throw harnessError('ERR_INVALID_OPTION', `fault at t=${at}: times must be ≥ 0`, RangeError);
      this.queue.push(at, faultEvent(fault));
    }
    return this;
  }

  /** Runs `run` at true time `at` (for scripted scenarios and recovery phases). */
  at(at: number, label: string, run: () => void): this {
    this.queue.push(Math.max(at, this.time), actionEvent(label, run));
    return this;
  }

  /** Applies a fault now. */
  inject(fault: Fault): void {
    this.applyFault(fault);
  }

  status(id: string): NodeStatus {
    return this.node(id).status;
  }

  /** A node's durable storage, read-only, for checkers at the end of a run. */
  storageOf(id: string): ReadonlyMap<string, unknown> {
    return this.node(id).storage;
  }

  /** A node's current volatile state (its behaviour object), or undefined while crashed. */
  behaviourOf<B>(id: string): B | undefined {
    return this.node(id).behaviour as B | undefined;
  }

  nodeIds(): string[] {
    return [...this.nodes.keys()];
  }

  /** Stops the run after the current event (e.g. a learner error makes going on pointless). */
  stop(): void {
    this.stopped = true;
  }

  /** Runs events up to and including true time `until`. Learner tasks still pending then never settled. */
  async run(until: number): Promise<void> {
    this.start();
    for (;;) {
      if (this.work.busy) await this.work.settle(this.hostYield);
      if (this.stopped) break;
      const next = this.queue.peek();
      if (next === undefined || next.time > until) break;
      this.queue.pop();
      this.time = next.time;
      if (next.k === 'timer') {
        const node = next.node;
        if (node.incarnation !== next.incarnation || node.cancelled.delete(next.id)) continue;
      }
      this.events++;
      this.dispatch(next);
    }
    if (!this.stopped) this.time = Math.max(this.time, until);
    for (const task of this.work.pending()) this.abandon(task);
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    for (const node of this.nodes.values()) this.boot(node);
  }

  private dispatch(ev: SimEvent): void {
    switch (ev.k) {
      case 'deliver': {
        const node = ev.node;
        const from = ev.from;
        if (this.network.isHeld(from.id, node.id)) {
          this.held.push(ev);
          return;
        }
        if (!this.network.canDeliver(from.id, node.id)) {
          if (this.traceAll) this.trace.drop(this.time, ev.id, from.tid, node.tid, 'partition');
          return;
        }
        if (node.status === 'crashed' || node.incarnation !== ev.incarnation) {
          if (this.traceAll) this.trace.drop(this.time, ev.id, from.tid, node.tid, 'crashed');
          return;
        }
        if (node.status === 'paused') {
          node.backlog.push(ev);
          return;
        }
        if (this.traceAll) this.trace.deliver(this.time, ev.id, from.tid, node.tid);
        node.behaviour!.onMessage(from.id, ev.data);
        return;
      }
      case 'timer': {
        // `run` already dropped a timer of an older incarnation or one cancelled.
        const node = ev.node;
        if (node.status === 'paused') {
          node.backlog.push(ev);
          return;
        }
        if (this.traceAll) this.trace.timer(this.time, node.id, ev.name);
        node.behaviour!.onTimer?.(ev.name, ev.data);
        return;
      }
      case 'fault':
        this.applyFault(ev.fault);
        return;
      case 'action':
        ev.run();
        return;
      case 'deadline':
        this.abandon(ev.task);
        return;
    }
  }

  private applyFault(fault: Fault): void {
    this.trace.fault(this.time, fault);
    if (isNodeFault(fault)) {
      this.applyNodeFault(fault);
      return;
    }
    this.network.apply(fault);
    if (fault.kind === 'release') this.releaseHeld(fault.from, fault.to, fault.order === 'newest-first');
  }

  private applyNodeFault(fault: NodeFault): void {
    switch (fault.kind) {
      case 'crash': {
        const node = this.node(fault.node);
        if (node.status === 'crashed') return;
        node.status = 'crashed';
        node.incarnation++;
        node.behaviour = undefined;
        node.ctx = undefined;
        // Messages that reached a paused node but were never handled are lost with it; say so.
        for (const ev of node.backlog) if (ev.k === 'deliver' && this.traceAll) this.trace.drop(this.time, ev.id, ev.from.tid, node.tid, 'crashed');
        node.backlog = [];
        node.cancelled.clear();
        this.work.forget(node.id);
        return;
      }
      case 'restart': {
        const node = this.node(fault.node);
        if (node.status !== 'crashed') return;
        node.status = 'up';
        this.boot(node);
        return;
      }
      case 'pause': {
        const node = this.node(fault.node);
        if (node.status === 'up') node.status = 'paused';
        return;
      }
      case 'resume': {
        const node = this.node(fault.node);
        if (node.status !== 'paused') return;
        node.status = 'up';
        const backlog = node.backlog;
        node.backlog = [];
        for (const ev of backlog) this.queue.push(this.time, ev);
        return;
      }
      case 'clock':
        this.node(fault.node).clock.adjust(this.time, fault.skewMs, fault.drift);
        return;
    }
  }

  private releaseHeld(from: string, to: string, newestFirst: boolean): void {
    const keep: typeof this.held = [];
    const released: typeof this.held = [];
    for (const ev of this.held) (ev.from.id === from && ev.node.id === to ? released : keep).push(ev);
    // Held messages arrive in the order they were sent (message ids), whatever their latencies were,
    // or exactly reversed when asked: the only way a schedule can force replies out of order.
    released.sort((a, b) => (newestFirst ? b.id - a.id : a.id - b.id));
    for (const ev of released) this.queue.push(this.time, ev);
    this.held.length = 0;
    this.held.push(...keep);
  }

  private boot(node: SimNode): void {
    const ctx = this.contextFor(node, node.incarnation);
    node.ctx = ctx;
    node.behaviour = node.factory(ctx);
  }

  private contextFor(node: SimNode, incarnation: number): NodeContext<unknown> {
    const sim = this;
    const alive = (): boolean => node.incarnation === incarnation && node.status !== 'crashed';
    const storage: DurableStorage = {
      get: <T>(key: string) => node.storage.get(key) as T | undefined,
      set: (key, value) => {
        if (alive()) node.storage.set(key, value);
      },
      delete: (key) => {
        if (alive()) node.storage.delete(key);
      },
      keys: () => [...node.storage.keys()],
    };
    return {
      id: node.id,
      storage,
      now: () => node.clock.localAt(sim.time),
      random: () => node.rng.next(),
      send(to, msg) {
        if (alive()) sim.send(node, to, msg);
      },
      setTimer(name, localDelayMs, payload) {
        const timer = sim.nextTimerId++;
        if (alive()) {
          const at = node.clock.trueTimeAfter(sim.time, localDelayMs);
          sim.queue.push(at, timerEvent(node, timer, incarnation, name, payload));
        }
        return timer;
      },
      cancelTimer(id) {
        if (id >= 0 && id < sim.nextTimerId) node.cancelled.add(id);
      },
      record(name, data) {
        if (alive()) sim.trace.note(sim.time, node.id, name, data ?? null);
      },
      invoke: (op, input) => sim.history.invoke(sim.time, node.id, op, input),
      complete: (id, status, output) => sim.history.complete(sim.time, id, status, output),
      task(label, run, options) {
        sim.startTask(node, incarnation, label, run, options);
      },
      external: <T>(promise: Promise<T>) => sim.work.track(promise),
      deferred: <T>() => sim.work.deferred<T>(),
    };
  }

  private send(node: SimNode, to: string, msg: unknown): void {
    const id = this.nextMsgId++;
    const from = node.id;
    const traced = this.traceAll;
    const target = this.nodes.get(to);
    const toTid = target === undefined ? this.trace.intern(to) : target.tid;
    if (traced) this.trace.send(this.time, id, node.tid, toTid, msg);
    if (target === undefined) {
      if (traced) this.trace.drop(this.time, id, node.tid, toTid, 'not-a-node');
      return;
    }
    const routing = this.network.route(from, to, node.netRng);
    if ('drop' in routing) {
      if (traced) this.trace.drop(this.time, id, node.tid, toTid, routing.drop);
      return;
    }
    const incarnation = target.incarnation;
    this.queue.push(this.time + routing.delay, deliverEvent(node, target, id, incarnation, msg));
    if (routing.copyDelay !== undefined) {
      if (traced) this.trace.duplicate(this.time, id, 1, node.tid, toTid);
      this.queue.push(this.time + routing.copyDelay, deliverEvent(node, target, id, incarnation, msg));
    }
  }

  private startTask<T>(
    node: SimNode,
    incarnation: number,
    label: string,
    run: () => Promise<T> | T,
    options: { deadlineMs: number; onSettled: (result: TaskResult<T>) => void },
  ): void {
    const task = this.work.add(node.id, incarnation, label, options.onSettled);
    this.queue.push(this.time + options.deadlineMs, deadlineEvent(task));
    this.work.run(task, run);
  }

  private abandon(task: PendingTask): void {
    if (!this.work.abandon(task)) return;
    this.trace.neverSettled(this.time, task.node, task.label);
    task.onSettled({ status: 'never-settled' });
  }

  private node(id: string): SimNode {
    const node = this.nodes.get(id);
    if (node === undefined) throw harnessError('ERR_UNKNOWN_NODE', `no node "${id}" (nodes: ${[...this.nodes.keys()].join(', ')})`, RangeError);
    return node;
  }
}
