/**
 * The worker host's side of a replay batch (check mode only: a child process never gets one, see
 * ../replay-log.ts). Each call runs exactly as a `call` message would, one after another; its answer
 * goes into the shared log at once, and the batch stops after the first answer whose hash is not the
 * recorded one, after a call that ran past the time limit, or at a call that waits on a callback.
 * So the module sees the same calls, in the same order, as when the harness asks one at a time.
 */
import { answerKey } from '../../curriculum/run-record.ts';
import type { HarnessMessage, HostMessage } from '../protocol.ts';
import { appendAnswer, markStarted, replayLog, type ReplayedMessage, type ReplayLog, type ReplayRequest } from '../replay-log.ts';

// Captured at start-up, before learner code can overwrite the globals (the clock is patched by then).
const realNow = performance.now.bind(performance);

/** The log of this worker's batches (sent with the first). */
let log: ReplayLog | undefined;

/** Runs `request`'s calls through `handle`, the host's answer to one message. */
export async function replayBatch(request: ReplayRequest, handle: (m: HarnessMessage) => Promise<HostMessage | undefined>): Promise<ReplayedMessage> {
  if (request.log !== undefined) log = replayLog(request.log);
  const done = (more: Omit<ReplayedMessage, 'type' | 'id'> = {}): ReplayedMessage => ({ type: 'replayed', id: request.id, ...more });
  if (log === undefined) return done({ stuck: true });
  for (const c of request.calls) {
    markStarted(log);
    const started = realNow();
    const reply = await handle({ type: 'call', id: request.id, fn: c.fn, args: c.args, ctx: c.ctx });
    if (reply?.type !== 'answer') return done({ stuck: true });
    const over = realNow() - started > request.limitMs;
    if (!appendAnswer(log, reply.answer)) return done({ overflow: reply.answer, ...(over ? { over: true as const } : {}) });
    if (over) return done({ over: true });
    if (answerKey(reply.answer) !== c.expect) return done();
  }
  return done();
}
