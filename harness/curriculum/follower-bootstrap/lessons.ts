/**
 * Lessons on passed checks, information only: how many snapshots the runs just judged needed, and
 * (two runs of the reference follower, harness-owned) what a smaller fetch window would cost.
 */
import { DEFAULT_CATCH_UP_TIMING, runCatchUpCluster, type CatchUpHooks, type CatchUpRun } from '../../cluster/index.ts';
import type { CheckContext } from '../check.ts';
import type { PassedNotes, ScenarioCheck } from '../scenario-checks.ts';
import type { JudgedBootstrapRun } from './cluster-checks.ts';
import type { BootstrapProperty } from './properties.ts';
import { specApplyEntries, specInstallSnapshot, specNextRequests } from './reference.ts';
import { buildBootstrapScenario } from './scenarios.ts';

const reference: CatchUpHooks = {
  applyEntries: async (state, entries) => ({ ok: true, value: specApplyEntries(state, entries) }),
  installSnapshot: async (state, snapshot) => ({ ok: true, value: specInstallSnapshot(state, snapshot) }),
  nextRequest: async (state, first) => ({ ok: true, value: specNextRequests(state, first)[0] }),
};

const snapshotsIn = (run: CatchUpRun): number => run.notes.filter((e) => e.kind === 'note' && e.name === 'snapshot-taken').length;

export function bootstrapLessons(ctx: CheckContext): PassedNotes<BootstrapProperty, JudgedBootstrapRun> {
  let observed = 0;
  let snapshots = 0;
  let withSnapshot = 0;
  return {
    observe(judged) {
      observed++;
      const n = snapshotsIn(judged.run);
      snapshots += n;
      if (n > 0) withSnapshot++;
    },
    async finish(allPassed) {
      const lines = [`lesson (information): ${snapshots} snapshot${snapshots === 1 ? '' : 's'} in ${observed} runs (${withSnapshot} runs needed one); every other catch-up was served from the leader's window of ${DEFAULT_CATCH_UP_TIMING.retainEntries} entries`];
      if (allPassed) {
        // The same partitioned follower, with the window the design uses and with one a quarter of it.
        const spec = { family: 'partitioned-replica', seed: 6_022, latencyMax: 4, cutAt: 400, cutFor: 500, joinAt: 200 } as const;
        const costs: string[] = [];
        for (const retainEntries of [40, 10]) {
          const scenario = buildBootstrapScenario(spec);
          const run = await runCatchUpCluster({ ...scenario, timing: { ...scenario.timing, retainEntries } }, reference, { hostYield: ctx.hostYield, trace: false });
          costs.push(`${snapshotsIn(run)} with retainEntries ${retainEntries}`);
        }
        lines.push(`lesson (information): r1 cut off for 500 ms needed ${costs.join(', and ')}: a shorter log costs the leader full copies, a longer one costs it disk (PostgreSQL's wal_keep_size, or a replication slot capped by max_slot_wal_keep_size)`);
      }
      return (check: ScenarioCheck<BootstrapProperty, JudgedBootstrapRun>) => (check.properties[0] === 'snapshot-only-when-needed' ? lines : []);
    },
  };
}
