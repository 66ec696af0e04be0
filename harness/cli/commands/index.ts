/**
 * Every `workbook` subcommand, in the order `workbook help` lists them.
 */
import type { CommandSpec } from '../command.ts';
import { checkSpec } from './check.ts';
import { hintSpec } from './hint.ts';
import { listSpec } from './list.ts';
import { verifySpec } from './verify.ts';

export const COMMANDS: readonly CommandSpec[] = [listSpec, checkSpec, hintSpec, verifySpec];
