/**
 * The store's reader backed by the learner's `quorumRead`: the replica set crosses the grading
 * boundary as a callback object whose `read`/`repair` are answered by the simulator in simulated time.
 */
import type { QuorumReader, ReadOutcome, Versioned } from '../../cluster/index.ts';
import { hashSeed } from '../../sim/index.ts';
import { callbackObject, MISSING_EXPORT_ERROR, type LearnerCaller } from '../learner-call.ts';

/**
 * A reader that calls `fn` of the learner module for every read, and keeps what it printed.
 * `missingExport()` says the module does not export `fn` (an optional export not attempted): the
 * first read then stops the run.
 */
export function learnerQuorumReader(call: LearnerCaller, seed: number, fn = 'quorumRead'): QuorumReader & { console(): string; missingExport(): boolean } {
  let output = '';
  let missing = false;
  const reader: QuorumReader = async (session, request): Promise<ReadOutcome> => {
    const replicas = callbackObject('replicas', { ids: [...session.ids] }, ['read', 'repair']);
    const answer = await call(fn, [replicas, { ...request.config }], { seed: hashSeed(seed, `${fn}:${request.no}`), now: session.now() }, {
      handlers: {
        'replicas.read': (id) => session.read(id as string),
        'replicas.repair': (id, newer) => session.repair(id as string, newer as Versioned),
      },
      busy: session.busy,
      signal: session.signal,
      now: session.now,
    });
    if ('console' in answer) output += answer.console;
    switch (answer.kind) {
      case 'returned':
        return { kind: 'returned', value: answer.value };
      case 'threw':
        if (answer.error.name === MISSING_EXPORT_ERROR) {
          missing = true;
          return { kind: 'problem', status: 'failed', message: `your file does not export ${fn}` };
        }
        if (answer.error.name === 'NotImplementedError') return { kind: 'problem', status: 'not-implemented', message: `${fn}: ${answer.error.message}` };
        return { kind: 'rejected', name: answer.error.name, message: answer.error.message, ...(answer.error.location ? { location: answer.error.location } : {}) };
      case 'never-settled':
        return { kind: 'never-settled' };
      case 'timed-out':
        return { kind: 'problem', status: 'timed-out', message: `timed out: infinite loop or livelock? ${fn} ran for more than ${answer.limitMs} ms without waiting` };
      case 'crashed':
        return { kind: 'problem', status: 'crashed', message: `the learner process stopped while running ${fn}: ${answer.reason}` };
    }
  };
  return Object.assign(reader, { console: () => output, missingExport: () => missing });
}
