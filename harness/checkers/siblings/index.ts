/**
 * Siblings-store checkers: the harness's own causality over a run's calls, and the four properties
 * a siblings-store run is judged by.
 */
export { SIBLING_PROPERTIES, checkSiblingRun, type SiblingPropertyName, type SiblingVerdict } from './sibling-properties.ts';
export { callNotes, causalityOf, type CallNote, type Causality } from './causality.ts';
