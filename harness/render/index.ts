/**
 * Renderers: results, timelines and lists as terminal text or JSON. They take data and return
 * strings; only the CLI writes them anywhere.
 */
export { COLOR, PLAIN, type Style } from './style.ts';
export { renderTimeline } from './timeline-text.ts';
export { renderResultText, type ResultTextOptions } from './result-text.ts';
export { renderResultJson } from './result-json.ts';
export { renderExerciseList, type ExerciseListRow, type ExerciseStatus } from './exercise-list.ts';
export { renderMarkdownTerminal, type MarkdownTerminalOptions } from './markdown-terminal.ts';
export { spaceTimeFromTrace, spaceTimeFromTimeline, type SpaceTime, type SpaceTimeItem, type SpaceTimeHighlight } from './space-time.ts';
export { renderLamportSvg, renderLamportDiagram, renderLamportLaneHeader, DECISION_MARK, decisionTime, LAMPORT_CSS, type LamportDiagram, type LamportSvgOptions } from './svg-lamport.ts';
export { renderHtmlReport, REPORT_CSP, type ReportInput, type ReportExercise } from './html-report.ts';
export { renderGradebookCsv, renderLmsCsv, type GradebookCsvOptions } from './gradebook-csv.ts';
export { csvCell, csvRows } from './csv-cell.ts';
export { renderGradebookJson, type GradebookMeta } from './gradebook-json.ts';
export { renderFeedbackMarkdown, checkFeedbackLines } from './feedback-md.ts';
export { checkMark, gradeStatusWord, MARKS } from './status-word.ts';
export { renderFeedbackHtml, FEEDBACK_CSP } from './feedback-html.ts';
export { renderJunit, type JunitOptions } from './junit.ts';
export { renderGradescopeResults, renderGradescopeError, type GradescopeResults, type GradescopeTest, type GradescopeRenderOptions } from './gradescope.ts';
export {
  classroomResult,
  classroomRunners,
  classroomRunnerResults,
  encodeClassroomResult,
  renderClassroomResultBase64,
  renderClassroomWorkflow,
  CLASSROOM_ACTIONS,
  type ClassroomResult,
  type ClassroomRunner,
  type ClassroomTest,
} from './github-classroom.ts';
export { renderRunLog, type RunLogInfo } from './run-log.ts';
export { renderRegradeDiff, type PreviousGrades } from './regrade-diff.ts';
export { renderClassSummary, classStats, histogramBins, type ClassSummaryInput } from './class-summary.ts';
