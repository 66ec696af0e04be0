/**
 * The wire format of the statement-log cluster: clients send statements to the leader (n1, for good),
 * which executes each once, logs a statement or row record, and ships the log to its followers.
 */
import type { Statement } from '../../exercise/index.ts';
import type { RowImage } from './engine.ts';

/** One log record: a statement followers replay, or the row images they apply. */
export type LogEntry =
  | { readonly lsn: number; readonly statementId: string; readonly format: 'statement'; readonly statement: Statement }
  | { readonly lsn: number; readonly statementId: string; readonly format: 'row'; readonly rows: readonly RowImage[] };

export type TablesMessage =
  | { type: 'exec'; id: string; statement: Statement }
  | { type: 'exec-ok'; id: string; insertId?: number }
  | { type: 'exec-failed'; id: string; reason: string }
  | { type: 'log-append'; prevLsn: number; entries: readonly LogEntry[] }
  | { type: 'log-ack'; lsn: number };

export interface TablesTiming {
  readonly replicationIntervalMs: number;
  readonly clientRetryMs: number;
  /** A client sends its next statement this long after the last one was answered. */
  readonly thinkMs: number;
}

export const DEFAULT_TABLES_TIMING: TablesTiming = { replicationIntervalMs: 25, clientRetryMs: 80, thinkMs: 15 };
