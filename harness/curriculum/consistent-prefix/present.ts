/**
 * How a sharded chat run is shown: the sessions first (whose observe and consistentCut calls are the
 * learner's), then each shard's members. Reads with the cut and what it hid, writes with their deps;
 * replication and status reports are routine.
 */
import type { ChatCallRecord, ShardedMessage, ShardedRun } from '../../cluster/index.ts';
import type { ShardPositions } from '../../exercise/index.ts';
import { lanesOf, type Presented, type Presenter } from '../presenter.ts';

const shown = (label: string): Presented => ({ label, quiet: false });
/**
 * `{s1:3 s2:1}`. A learner call's own arguments and answer keep their zero entries (`observe({}, …)`
 * for `{ s1: 0 }` names a different call); the harness's deps drop them.
 */
const positions = (p: unknown, zeros: 'keep' | 'drop' = 'drop'): string => {
  const entries = Object.entries((p ?? {}) as ShardPositions).filter(([, n]) => zeros === 'keep' || n !== 0);
  return entries.length === 0 ? '{}' : `{${entries.map(([s, n]) => `${s}:${n}`).join(' ')}}`;
};
const exact = (p: unknown): string => positions(p, 'keep');

export const prefixPresenter: Presenter<ShardedRun> = {
  lanes: (run) => lanesOf([...Object.keys(run.scenario.sessions), ...run.scenario.shards.flatMap((s) => Array.from({ length: run.scenario.members }, (_, i) => `${s}n${i + 1}`))]),
  message: (msg) => messageLabel(msg as ShardedMessage),
  note: (name, data) => (name === 'chat-call' ? callLabel(data as ChatCallRecord & { problem?: string }) : null),
};

function messageLabel(m: ShardedMessage): Presented {
  switch (m.type) {
    case 'read-shard':
      return shown('read');
    case 'shard-reply':
      return shown(`${m.shard} up to ${m.appliedLsn}${m.dependents.length > 0 ? `, ${m.dependents.map((e) => `${e.lsn}→${positions(e.deps)}`).join(' ')}` : ''}`);
    case 'write': {
      const deps = (JSON.parse(m.write.value) as { deps: ShardPositions }).deps;
      return shown(`write ${m.write.id}, deps ${positions(deps)}`);
    }
    case 'write-ok':
      return shown(`ack ${m.writeId} at ${m.lsn}`);
    case 'append':
      return { label: m.entries.length === 0 ? 'append (empty)' : `append ${m.entries[0]!.lsn}–${m.entries.at(-1)!.lsn}`, quiet: true };
    default:
      return { label: m.type, quiet: true };
  }
}

function callLabel(c: ChatCallRecord & { problem?: string }): Presented {
  if (c.problem !== undefined) return shown(`${c.fn}: no usable answer`);
  if (c.fn === 'consistentCut') return shown(`consistentCut → ${exact(c.answer)}`);
  return shown(`observe(${exact(c.args[0])}, ${exact(c.args[1])}) → ${exact(c.answer)}`);
}
