/**
 * The simulator's public API. It knows nothing of replication or exercises: nodes, a network,
 * faults, clocks, a client history and a trace.
 */
export { Simulation, type SimulationOptions } from './simulation.ts';
export type { NodeContext, NodeBehaviour, NodeFactory, NodeStatus, DurableStorage, TaskResult, Deferred } from './node.ts';
export type { Fault, NetworkFault, NodeFault, TimedFault, FaultSchedule } from './faults.ts';
export { describeFault, describeSchedule } from './faults.ts';
export type { LatencyRange, LinkConfig, NetworkConfig } from './network.ts';
export { DEFAULT_NETWORK } from './network.ts';
export type { TraceEvent, TraceEventKind, DropReason, TraceDivergence, TraceLike } from './trace.ts';
export { TraceLog } from './trace-log.ts';
export { firstDivergence } from './trace.ts';
export { History, type HistoryOp, type OpStatus } from './history.ts';
export { SeededRandom, hashSeed } from './random.ts';
