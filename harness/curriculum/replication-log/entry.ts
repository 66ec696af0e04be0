/**
 * The replication-log exercise's manifest entry: files, hints, published constants, checks.
 */
import { DEFAULT_TABLES_TIMING } from '../../cluster/index.ts';
import { defineExercise } from '../define-exercise.ts';
import type { ExerciseEntry } from '../exercise-entry.ts';
import { logCaseChecks } from './cases.ts';
import { logClusterChecks } from './cluster-checks.ts';

export const replicationLogExercise: ExerciseEntry = defineExercise({
  id: 'replication-log',
  title: 'Replication logs: statements that replay identically, or rows',
  section: '2.4',
  heading: '2.4 Replication log implementations',
  exports: ['chooseLogRecord'],
  hints: {
    ladders: {
      pin: [
        "A follower replays the statement later, on its own clock and with its own auto-increment counter. Which values did the leader settle once for the whole statement, and could a literal carry them?",
        "NOW() is one value per statement: the leader's clock when the statement started, which you are given. So is the id the leader assigned to an auto-increment insert that did not name its key. Replace every NOW() with the leader's timestamp, wherever it is nested, in values, assignments and conditions alike; add the assigned key to such an insert; change nothing else.",
        "chooseLogRecord: map every expression (values, set, where values, and the args of op nodes, recursively), replacing { fn: 'NOW' } by { lit: leader.timestamp }; if statement.kind === 'insert' && table.autoIncrement && !(table.primaryKey in statement.values), add values[table.primaryKey] = { lit: leader.insertId }; return { format: 'statement', statement: rebuilt }.",
      ],
      rows: [
        "Which values would a follower compute differently row by row, which rows would its engine visit first, and what would happen outside the database when it replays? Could any literal fix those?",
        "RAND(), UUID() and SYSDATE() give a fresh value for every row they are evaluated on, and the leader does not report those values: no literal pins them. A LIMIT not ordered by the primary key takes 'the first rows the engine finds', which differ between nodes. A trigger that acts outside the database would act again on every follower that replays the statement. Each of these needs row records, which replay without running anything.",
        "chooseLogRecord: if any expression anywhere (nested, in where values too) calls RAND, UUID or SYSDATE, or (update or delete) statement.limit !== undefined && statement.orderBy !== table.primaryKey, or table.externalTrigger, return { format: 'row' }.",
      ],
      keep: [
        "A row record always replays identically. What does it cost, and when is a statement just as exact?",
        "A row record carries one image per changed row: a statement that updates 40 rows becomes 40 images. When nothing in the statement depends on the node that runs it (after pinning NOW and the assigned id), the statement itself replays exactly, so keep it a statement.",
        "chooseLogRecord: return { format: 'row' } only for the three cases of the other hint; otherwise return the rewritten statement, even for updates with LIMIT ordered by the primary key.",
      ],
    },
    byCheck: {
      'captures-the-clock': 'pin',
      'captures-insert-ids': 'pin',
      'refuses-nondeterminism': 'rows',
      'refuses-unordered-limit': 'rows',
      'effects-run-once': 'rows',
      'keeps-statements-when-safe': 'keep',
      'cluster-replicas-converge': 'pin',
      'cluster-effects-once': 'rows',
    },
  },
  constants: { ...DEFAULT_TABLES_TIMING },
  groups: [logCaseChecks, logClusterChecks],
  schedules: 60,
  seed: 20_041,
  fixtures: {
    decisionOnly: {
      'always-row': 'row records always replay identically, so no run can tell that a statement would have done',
      'now-is-unsafe': 'row records always replay identically, so no run can tell that a statement would have done',
      'delete-limit-always-row': 'row records always replay identically, so no run can tell that a statement would have done',
      'pk-hardcoded-id': "every cluster table's primary key is id, so only a decision case's table can tell",
      'insert-id-into-id-column': "every cluster table's primary key is id, so only a decision case's table can tell",
      'insert-id-only-for-id-keys': "every cluster table's primary key is id, so only a decision case's table can tell",
      'order-by-without-limit-as-rows': 'row records always replay identically, so no run can tell that a statement would have done',
    },
    bugsShowInRuns: true,
  },
});
