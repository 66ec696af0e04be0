/** The harness version recorded in replay tokens and run logs; kept equal to package.json's by a test. */
export const HARNESS_VERSION = '0.1.0';
