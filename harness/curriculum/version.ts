/** The harness version recorded in replay tokens and run logs; kept equal to package.json's by a test. */
export const HARNESS_VERSION = '0.1.0';

/**
 * The command learners type, as every printed instruction spells it: the repo-root launcher, which
 * starts as fast as `node` (`npx workbook` still works, but runs npm's resolver first, ~0.3 s a command).
 * A test keeps every printed command on it.
 */
export const WORKBOOK_COMMAND = './workbook';
