/**
 * How a conflict-resolution run is shown: the multi-leader presenter's lanes and messages, with each
 * leader's stamps and resolver calls labelled by what they kept.
 */
import { showVersion } from '../../checkers/index.ts';
import type { MultiLeaderRun } from '../../cluster/index.ts';
import type { Profile, Stamped } from '../../exercise/index.ts';
import type { Presented, Presenter } from '../presenter.ts';
import { multiLeaderPresenter } from '../workloads/multi-leader/present.ts';

const shown = (label: string): Presented => ({ label, quiet: false });
const quiet = (label: string): Presented => ({ label, quiet: true });

export const conflictResolutionPresenter: Presenter<MultiLeaderRun> = {
  ...multiLeaderPresenter,
  note: (name, data) => {
    const d = data as Record<string, unknown>;
    switch (name) {
      case 'ml-write':
        return shown(typeof d.interest === 'string' ? `accepts ${d.write as string}: add ${d.interest}` : `stamps ${showVersion(d.version as Stamped<string>)}`);
      case 'ml-call': {
        const args = d.args as unknown[];
        if (d.fn === 'lastWriteWins') return shown(`lastWriteWins(${(args as Stamped<string>[]).map(showVersion).join(', ')}) kept ${(d.answer as Stamped<string>).write}`);
        if (d.fn === 'nextTimestamp') return shown(`nextTimestamp(${args.join(', ')}) = ${String(d.answer)}`);
        return quiet(`mergeProfiles → ${Object.keys((d.answer as Profile).fields).length} fields, ${(d.answer as Profile).interests.length} interests`);
      }
      case 'ml-merge':
        return d.skipped ? quiet(`profile from ${d.from as string}: already equal`) : shown(`merges the profile of ${d.from as string}`);
      case 'ml-apply':
        return quiet(typeof d.field === 'string' ? `${d.field as string}: keeps ${(d.kept as Stamped<string>).write}` : `interest ${d.interest as string}`);
      default:
        return multiLeaderPresenter.note(name, data);
    }
  },
};
