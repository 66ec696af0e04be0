/**
 * `workbook dev …`: the authors' commands (rustlings' `dev check`), kept off the learner's main help
 * list. `workbook verify` was the old name of `dev verify`; it still works and says the new name first.
 */
import type { CommandGroup, CommandSpec } from '../command.ts';
import { syncStubsSpec } from './sync-stubs.ts';
import { verifySpec } from './verify.ts';

export const DEV_COMMANDS: CommandGroup = {
  name: 'dev',
  title: 'for authors',
  summary: 'for authors: workbook dev verify | dev sync-stubs   (workbook dev help)',
  commands: [verifySpec, syncStubsSpec],
};

/** `workbook verify`: the old name of `workbook dev verify`. */
export const verifyAliasSpec: CommandSpec = {
  ...verifySpec,
  hidden: true,
  learnerWorkbook: false,
  run(args, io) {
    io.err('workbook verify is now `workbook dev verify` (an author\'s command); running it.\n');
    return verifySpec.run(args, io);
  },
};
