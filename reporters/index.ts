// The reporters in one place, for the CLI. Each is a pure view of a RunResult except
// writeReports, which writes result.json and its views to a directory.
export { renderConsole } from './console-reporter.ts';
export type { ConsoleOptions } from './console-reporter.ts';
export { renderMarkdown } from './markdown-reporter.ts';
export { renderHtml } from './html-reporter.ts';
export { renderJunit } from './junit-reporter.ts';
export { renderMatrixHtml, renderMatrixMarkdown } from './matrix-reporter.ts';
export { renderSummary, SUMMARY_MAX_CHARS } from './summary-reporter.ts';
export { writeReports } from './write-reports.ts';
export type { ReportOptions, ReportPaths } from './write-reports.ts';
export { gateView } from './gate-verdict.ts';
export type { GivenGate } from './gate-verdict.ts';
export { findingsView } from './findings-view.ts';
export { refLink } from './refs.ts';
