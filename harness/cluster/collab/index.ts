/**
 * The collab cluster (DDIA 6.1): a Jupiter / Google-Docs-style server and clients editing one text
 * over reliable FIFO links, every concurrent pair of edits transformed by learner code cell by cell.
 */
export { runCollab, COLLAB_TIMING } from './run.ts';
export type { CollabScenario, CollabRun, CollabFinal, CollabStop } from './run.ts';
export type { CollabLogic, CollabPayload } from './logic.ts';
export { SERVER as COLLAB_SERVER, type CollabMessage } from './nodes.ts';
export { transformLists, type Cell } from './grid.ts';
