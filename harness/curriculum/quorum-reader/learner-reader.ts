/**
 * The store's reader backed by the learner's `quorumRead`: the replica set crosses the grading
 * boundary as a callback object whose `read`/`repair` are answered by the simulator in simulated time.
 * A throw is the read's rejection, and a promise that never settles a read that never settled: both
 * are judged as reads; only an answer no read can have (a timeout, a crash, a stub) stops the run.
 */
import type { QuorumReader, ReadOutcome, Versioned } from '../../cluster/index.ts';
import { MISSING_EXPORT_ERROR, callbackObject, type LearnerCaller } from '../learner-call.ts';
import { learnerFault, learnerSession } from '../learner-session.ts';

/**
 * A reader that calls `fn` of the learner module for every read, and keeps what it printed.
 * `missingExport()` says the module does not export `fn` (an optional export not attempted): the
 * first read then stops the run.
 */
export function learnerQuorumReader(call: LearnerCaller, seed: number, fn = 'quorumRead'): QuorumReader & { console(): string; missingExport(): boolean } {
  const session = learnerSession(call, seed);
  const reader: QuorumReader = async (s, request): Promise<ReadOutcome> => {
    const replicas = callbackObject('replicas', { ids: [...s.ids] }, ['read', 'repair']);
    const answer = await session.answer(fn, [replicas, { ...request.config }], { now: s.now(), key: request.no }, {
      handlers: {
        'replicas.read': (id) => s.read(id as string),
        'replicas.repair': (id, newer) => s.repair(id as string, newer as Versioned),
      },
      busy: s.busy,
      signal: s.signal,
      now: s.now,
    });
    // A refused timer is the learner's error, not an answer: it stops the run and is reported first.
    const fault = learnerFault(fn, answer);
    if (fault !== undefined) {
      session.failure(fn, answer);
      return { kind: 'problem', status: fault.status, message: fault.message, ...(fault.location ? { location: fault.location } : {}) };
    }
    if (answer.kind === 'returned') return { kind: 'returned', value: answer.value };
    if (answer.kind === 'never-settled') return { kind: 'never-settled' };
    if (answer.kind === 'threw' && answer.error.name !== MISSING_EXPORT_ERROR && answer.error.name !== 'NotImplementedError')
      return { kind: 'rejected', name: answer.error.name, message: answer.error.message, ...(answer.error.location ? { location: answer.error.location } : {}) };
    const problem = session.failure(fn, answer)!;
    return { kind: 'problem', status: problem.status, message: problem.message };
  };
  return Object.assign(reader, { console: session.console, missingExport: session.missingExport });
}
