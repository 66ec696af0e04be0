/**
 * Lessons on passed checks, information only: how many snapshots the runs just judged took; what
 * a follower keeping data and position as two records would have done at each crash in them (start
 * again at the old position with the new data, and apply its last batch a second time); and (two
 * runs of the reference follower, harness-owned) what a smaller fetch window would cost.
 */
import { applyOperation, DEFAULT_CATCH_UP_TIMING, runCatchUpCluster, sameData, type CatchUpHooks, type CatchUpRun } from '../../cluster/index.ts';
import type { CheckContext } from '../check.ts';
import type { CatchUpCallRecord } from '../../cluster/index.ts';
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

/**
 * At each crash of a catch-up follower, its last applied batch: had the data been written first and
 * the position second, a crash between the two would apply that batch again on restart. Counts the
 * crashes after a batch, those whose second application changes the data, and the appends in those.
 */
function tornWrites(run: CatchUpRun): { crashes: number; harmful: number; appends: number } {
  const out = { crashes: 0, harmful: 0, appends: 0 };
  const last = new Map<string, CatchUpCallRecord>();
  for (const e of run.notes) {
    if (e.kind === 'note' && e.name === 'catch-up-call') {
      const r = e.data as CatchUpCallRecord;
      if (r.fn !== 'nextRequest' && r.answer.appliedLsn !== r.state.appliedLsn) last.set(e.node, r);
      if (r.fn === 'installSnapshot') last.delete(e.node);
    } else if (e.kind === 'fault' && e.fault.kind === 'crash') {
      const r = last.get(e.fault.node);
      if (r?.fn !== 'applyEntries') continue;
      last.delete(e.fault.node);
      out.crashes++;
      const batch = r.entries.filter((x) => x.lsn > r.state.appliedLsn && x.lsn <= r.answer.appliedLsn);
      const again = batch.reduce((data, x) => applyOperation(data, x.operation), r.answer.data);
      if (sameData(again, r.answer.data)) continue;
      out.harmful++;
      out.appends += batch.filter((x) => x.operation.op === 'append').length;
    }
  }
  return out;
}

export function bootstrapLessons(ctx: CheckContext): PassedNotes<BootstrapProperty, JudgedBootstrapRun> {
  let observed = 0;
  let snapshots = 0;
  let withSnapshot = 0;
  const torn = { crashes: 0, harmful: 0, appends: 0 };
  return {
    observe(judged) {
      observed++;
      const t = tornWrites(judged.run);
      torn.crashes += t.crashes;
      torn.harmful += t.harmful;
      torn.appends += t.appends;
      const n = snapshotsIn(judged.run);
      snapshots += n;
      if (n > 0) withSnapshot++;
    },
    async finish(allPassed) {
      const window = `the leader's window of ${DEFAULT_CATCH_UP_TIMING.retainEntries} entries`;
      const lines = [
        snapshots === 0
          ? `lesson (information): no snapshots in ${observed} runs: every catch-up was served from ${window}`
          : `lesson (information): ${snapshots} snapshot${snapshots === 1 ? '' : 's'} in ${observed} runs, taken in ${withSnapshot} of them (a follower with nothing yet may start from one, any other asks only once the leader's window has passed it); every other catch-up was served from ${window}`,
      ];
      const atomic =
        torn.crashes === 0
          ? []
          : [
              `lesson (information): ${torn.crashes} crash${torn.crashes === 1 ? '' : 'es'} of a catch-up follower in these runs came after it had applied a batch. Had it stored data and position as two records, a crash between the two writes would restart it at the old position with the new data and apply the batch again: ${torn.harmful} of those batches would have left wrong data (${torn.appends} append${torn.appends === 1 ? '' : 's'} applied twice). Stored as one record, as here (or with idempotent entries), that cannot happen`,
            ];
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
      return (check: ScenarioCheck<BootstrapProperty, JudgedBootstrapRun>) =>
        check.properties[0] === 'snapshot-only-when-needed' ? lines : check.properties[0] === 'state-matches-position' ? atomic : [];
    },
  };
}
