/**
 * read-your-writes' scenarios: design §D.3's families of users on two devices, shared with
 * monotonic-reads' optional afterWrite check, so they live in the replica-reads workload.
 */
export {
  buildRywScenario,
  CALM_RECOVERY_MS,
  describeRywSpec,
  FAULT_PHASE_MS,
  hiddenRywScenarioSpecArbitrary,
  READ_BOUND_MS,
  rywSchedule,
  rywScenarioSpecArbitrary,
  SETTLE_MS,
  type RywScenarioSpec,
} from '../workloads/replica-reads/device-families.ts';
