/** Concurrent text edits by effect (`harness/checkers/text-edits/`): validity, intended outcomes, the reference transform. */
export { applyTextOp, applyTextOps, authoredOutcomes, sameAuthored, showAuthored, textOpProblem, allowedOutcomes, showTextOp, showTextOps, showAnswers } from './text-ops.ts';
export type { AuthoredText } from './text-ops.ts';
export { referenceTransform } from './reference-transform.ts';
export { COLLAB_PROPERTIES, collabRecord, checkCollabRun } from './collab.ts';
export type { CollabPropertyName, CollabVerdict, CollabEdit, CollabCell, CollabRecord } from './collab.ts';
