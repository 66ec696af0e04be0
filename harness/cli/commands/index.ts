/**
 * Every `workbook` subcommand, in the order `workbook help` lists them.
 */
import type { CommandSpec } from '../command.ts';
import { checkSpec } from './check.ts';
import { hintSpec } from './hint.ts';
import { listSpec } from './list.ts';
import { verifySpec } from './verify.ts';
import { gradeSpec } from './grade.ts';
import { autograderSpec } from './autograder.ts';
import { watchSpec } from './watch.ts';
import { resetSpec } from './reset.ts';
import { readSpec } from './read.ts';
import { reportSpec } from './report.ts';

export const COMMANDS: readonly CommandSpec[] = [listSpec, checkSpec, hintSpec, verifySpec, watchSpec, resetSpec, readSpec, reportSpec, gradeSpec, autograderSpec];
