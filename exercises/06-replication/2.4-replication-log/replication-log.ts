/**
 * Exercise 2.4: how a leader logs a statement so that its followers replay it identically.
 *
 * The leader executes each statement, then asks you how to log it: as a statement record, which
 * followers replay later with their own clock, counters, random numbers, row order and triggers; or
 * as row records, one image per changed row. Read README.md beside this file first.
 */
import { NotImplementedError } from 'ddia-workbook/exercise';
import type { LeaderExecution, LogRecord, Statement, TableInfo } from 'ddia-workbook/exercise';

/**
 * How the leader logs a statement it has just executed. Followers replay a statement record as
 * written, later, with their own clock, counters, random numbers, row order and triggers (README:
 * "How a follower replays"); it must change their tables exactly as the leader's execution changed
 * the leader's, and cause no effect outside the database. A row record always does, at one image per
 * changed row. Log a statement whenever one can.
 *
 * The checks hold you to: followers ending up with the leader's rows, a trigger's outside effect
 * happening once, and statements staying (rewritten) statements whenever literals can pin them.
 */
export function chooseLogRecord(statement: Statement, table: TableInfo, leader: LeaderExecution): LogRecord {
  // TODO(human): decide from the statement, the table and the leader's execution. Stuck? `./workbook hint replication-log`.
  throw new NotImplementedError('chooseLogRecord');
}
