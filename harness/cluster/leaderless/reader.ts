/**
 * The reading client of the leaderless store. It reads one key at a time, with a pause between reads,
 * through a `QuorumReader` (the learner's `quorumRead` behind the grading boundary, or the reference
 * one). The reader is handed a `ReadSession`: the key's home replicas, `read(id)` and `repair(id, v)`
 * answered over the simulated network in simulated time, and a way to freeze simulated time while it
 * computes. Every call it makes, and how and when each settled, is recorded for the checkers.
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import type { QuorumConfig } from '../../exercise/index.ts';
import type { LeaderlessMessage, Versioned } from './messages.ts';
import type { LeaderlessTiming } from './timing.ts';

/** What a reader is given for one read. */
export interface ReadSession {
  /** The key's n home replicas, in preference-list order. */
  readonly ids: readonly string[];
  read(id: string): Promise<Versioned>;
  repair(id: string, newer: Versioned): Promise<void>;
  /** Reports a period during which the reader computes in real time: simulated time stands still meanwhile. */
  busy(running: Promise<void>): void;
  /** Aborted when the read's simulated deadline passes or the run ends. */
  readonly signal: AbortSignal;
  /** True simulated time now. */
  now(): number;
}

export interface ReadRequest {
  readonly no: number;
  readonly key: string;
  readonly config: QuorumConfig;
}

/** How a read ended, as the reader reports it. `problem` (a crash, a time-out) stops the run. */
export type ReadOutcome =
  | { kind: 'returned'; value: unknown }
  | { kind: 'rejected'; name: string; message: string; location?: string }
  | { kind: 'never-settled' }
  | { kind: 'problem'; status: 'failed' | 'not-implemented' | 'timed-out' | 'crashed'; message: string; location?: string };

export type QuorumReader = (session: ReadSession, request: ReadRequest) => Promise<ReadOutcome>;

/** One `read`/`repair` call a reader made, and how it settled. */
export interface ReplicaCall {
  readonly seq: number;
  readonly kind: 'read' | 'repair';
  readonly id: string;
  readonly newer?: Versioned;
  readonly at: number;
  settledAt?: number;
  /** Position among this read's settled calls (1 = settled first). */
  order?: number;
  result?: { ok: true; value?: Versioned } | { ok: false; name: string; message: string };
}

/** One read as the reader saw it. */
export interface ReadRecord {
  readonly no: number;
  readonly opId: number;
  readonly key: string;
  readonly ids: readonly string[];
  readonly config: QuorumConfig;
  readonly invokedAt: number;
  endedAt?: number;
  outcome?: ReadOutcome;
  readonly calls: ReplicaCall[];
  /** How many calls had settled when the reader answered: the replies it could have seen. */
  answeredAfter?: number;
}

export interface ReaderConfig {
  readonly keys: readonly string[];
  readonly homes: (key: string) => readonly string[];
  readonly config: QuorumConfig;
  readonly timing: LeaderlessTiming;
  readonly reader: QuorumReader;
  readonly pauseMs: { readonly min: number; readonly max: number };
  readonly startAtMs: number;
  readonly stopAtMs: number;
  readonly trueNow: () => number;
  /** Called when a read produced a `problem`; the run cannot meaningfully go on. */
  readonly onProblem: (record: ReadRecord) => void;
}

/** Rejection names the store's replica set uses. */
export const REPLICA_TIMEOUT_ERROR = 'ReplicaTimeoutError';

interface Outstanding {
  readonly read: ReadRecord;
  readonly call: ReplicaCall;
  readonly settle: (result: NonNullable<ReplicaCall['result']>) => void;
}

export function createReader(ctx: NodeContext<LeaderlessMessage>, config: ReaderConfig, records: ReadRecord[]): NodeBehaviour<LeaderlessMessage> {
  return new Reader(ctx, config, records);
}

class Reader implements NodeBehaviour<LeaderlessMessage> {
  private nextReq = 1;
  private readonly outstanding = new Map<number, Outstanding>();

  constructor(
    private readonly ctx: NodeContext<LeaderlessMessage>,
    private readonly config: ReaderConfig,
    private readonly records: ReadRecord[],
  ) {
    ctx.setTimer('read', config.startAtMs);
  }

  onMessage(from: string, msg: LeaderlessMessage): void {
    if (msg.type !== 'get-ok' && msg.type !== 'repair-ok') return;
    const o = this.outstanding.get(msg.req);
    if (o === undefined || o.call.id !== from) return;
    o.settle(msg.type === 'get-ok' ? { ok: true, value: { value: msg.value, version: msg.version } } : { ok: true });
  }

  onTimer(name: string, payload: unknown): void {
    switch (name) {
      case 'read':
        if (this.config.trueNow() < this.config.stopAtMs) this.startRead();
        return;
      case 'replica-timeout': {
        const o = this.outstanding.get(payload as number);
        const t = this.config.timing.replicaTimeoutMs;
        o?.settle({ ok: false, name: REPLICA_TIMEOUT_ERROR, message: `${o.call.id} did not answer within ${t} ms` });
        return;
      }
    }
  }

  private startRead(): void {
    const { keys, homes, config: quorum, timing } = this.config;
    const key = keys[Math.floor(this.ctx.random() * keys.length)]!;
    const ids = homes(key);
    const opId = this.ctx.invoke('read', { key });
    const record: ReadRecord = { no: this.records.length + 1, opId, key, ids, config: quorum, invokedAt: this.config.trueNow(), calls: [] };
    this.records.push(record);
    const abort = new AbortController();
    let settledCalls = 0;

    const call = (kind: 'read' | 'repair', id: string, newer: Versioned | undefined, send: (req: number) => LeaderlessMessage | string): Promise<unknown> => {
      const c: ReplicaCall = { seq: record.calls.length, kind, id, ...(newer !== undefined ? { newer } : {}), at: this.config.trueNow() };
      record.calls.push(c);
      const deferred = this.ctx.deferred<unknown>();
      const req = this.nextReq++;
      const settle = (result: NonNullable<ReplicaCall['result']>): void => {
        if (c.result !== undefined) return;
        this.outstanding.delete(req);
        c.result = result;
        c.settledAt = this.config.trueNow();
        c.order = ++settledCalls;
        if (result.ok) deferred.resolve(result.value);
        else deferred.reject(Object.assign(new Error(result.message), { name: result.name }));
      };
      const message = send(req);
      if (typeof message === 'string') {
        settle({ ok: false, name: 'RangeError', message });
      } else {
        this.outstanding.set(req, { read: record, call: c, settle });
        this.ctx.send(id, message);
        this.ctx.setTimer('replica-timeout', timing.replicaTimeoutMs, req);
      }
      return deferred.promise;
    };
    const notHome = (id: string): string | undefined =>
      ids.includes(id) ? undefined : `${JSON.stringify(id)} is not a home replica of ${key} (they are ${ids.join(', ')})`;

    const session: ReadSession = {
      ids,
      read: (id) => call('read', id, undefined, (req) => notHome(id) ?? { type: 'get', req, key }) as Promise<Versioned>,
      repair: async (id, newer) => {
        const v = plainVersioned(newer);
        await call('repair', id, v ?? { value: undefined, version: -1 }, (req) => {
          const problem = notHome(id);
          if (problem !== undefined) return problem;
          if (v === undefined) return `repair(${id}, …) needs a { value, version } with a whole version ≥ 0`;
          const seen = record.calls.some((c) => c.kind === 'read' && c.result?.ok === true && c.result.value !== undefined && sameVersioned(c.result.value, v));
          if (!seen) return `repair(${id}, …) must write back a value a replica returned in this read (version ${v.version} was not among the replies)`;
          return { type: 'repair', req, key, value: v.value, version: v.version };
        });
      },
      busy: (running) => void this.ctx.external(running),
      signal: abort.signal,
      now: this.config.trueNow,
    };
    this.ctx.record('read-start', { no: record.no, key, ids });
    this.ctx.task('quorum read', () => this.config.reader(session, { no: record.no, key, config: quorum }), {
      deadlineMs: timing.readDeadlineMs,
      onSettled: (result) => {
        record.answeredAfter = settledCalls;
        record.endedAt = this.config.trueNow();
        const outcome: ReadOutcome =
          result.status === 'ok' ? result.value : result.status === 'threw' ? { kind: 'problem', status: 'crashed', message: `the reader failed: ${String(result.error)}` } : { kind: 'never-settled' };
        record.outcome = outcome;
        if (outcome.kind === 'never-settled') abort.abort();
        this.finish(record, outcome);
      },
    });
  }

  private finish(record: ReadRecord, outcome: ReadOutcome): void {
    const value = outcome.kind === 'returned' ? plainVersioned(outcome.value) : undefined;
    if (value !== undefined) this.ctx.complete(record.opId, 'ok', value);
    else if (outcome.kind === 'rejected' && outcome.name === 'QuorumError') this.ctx.complete(record.opId, 'fail');
    this.ctx.record('read-end', { no: record.no, outcome: outcome.kind, ...(value !== undefined ? { version: value.version } : {}) });
    if (outcome.kind === 'problem') {
      this.config.onProblem(record);
      return;
    }
    const { min, max } = this.config.pauseMs;
    this.ctx.setTimer('read', min + Math.floor(this.ctx.random() * (max - min + 1)));
  }
}

/** `{ value, version }` with a whole version ≥ 0, or undefined when `v` is not one. */
export function plainVersioned(v: unknown): Versioned | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { value, version } = v as { value?: unknown; version?: unknown };
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) return undefined;
  return { value, version };
}

export function sameVersioned(a: Versioned, b: Versioned): boolean {
  return a.version === b.version && a.value === b.value;
}
