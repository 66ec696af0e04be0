/**
 * Every learner's `workbook` subcommand, in the order `workbook help` lists them; the authors' ones
 * are in dev.ts (`workbook dev …`).
 */
import type { CommandSpec } from '../command.ts';
import { checkSpec } from './check.ts';
import { hintSpec } from './hint.ts';
import { listSpec } from './list.ts';
import { verifyAliasSpec } from './dev.ts';
import { gradeSpec } from './grade.ts';
import { autograderSpec } from './autograder.ts';
import { calibrateSpec } from './calibrate.ts';
import { watchSpec } from './watch.ts';
import { resetSpec } from './reset.ts';
import { readSpec } from './read.ts';
import { reportSpec } from './report.ts';

export const COMMANDS: readonly CommandSpec[] = [listSpec, checkSpec, hintSpec, watchSpec, resetSpec, readSpec, reportSpec, gradeSpec, autograderSpec, calibrateSpec, verifyAliasSpec];

export { DEV_COMMANDS } from './dev.ts';
