/**
 * Renderers: results, timelines and lists as terminal text or JSON. They take data and return
 * strings; only the CLI writes them anywhere.
 */
export { COLOR, PLAIN, type Style } from './style.ts';
export { renderTimeline } from './timeline-text.ts';
export { renderResultText, type ResultTextOptions } from './result-text.ts';
export { renderResultJson } from './result-json.ts';
export { renderExerciseList, type ExerciseListRow, type ExerciseStatus } from './exercise-list.ts';
