/**
 * The session proxy of the replication-lag exercises (design §1.5) and its wire format: devices →
 * proxy → members, sessions kept in proxy memory under a key the exercise decides.
 */
export { createSessionProxy, type SessionProxyConfig } from './proxy.ts';
export { DEFAULT_PROXY_TIMING, maxAttempts, readBoundMs, type DeviceMessage, type MemberMessage, type MemberStatus, type ProxyMessage, type ProxyTiming } from './messages.ts';
export type { RoutedRead, SessionCallRecord, SessionPolicy } from './session-policy.ts';
export { createDevice, type DeviceConfig, type DeviceOp } from './device.ts';
export { runSessionCluster, deviceOf, PROXY, READ_PIPELINE, type SessionScenario, type SessionRun, type SessionClusterOptions } from './run.ts';
export { Signals } from './signals.ts';
export { rendezvousHome } from './homes.ts';
