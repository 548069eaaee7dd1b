/**
 * The cohort report: one self-contained, offline HTML page (figures drawn by Vega-Lite as SVG,
 * the tables beside them, each definition's citation and readings). Subpath
 * `lupus-renal-criteria/report`. It needs the optional peer dependencies `vega` and `vega-lite`
 * (`npm install vega vega-lite`), loaded when a report is first rendered; the other entries never
 * load them.
 *
 * @example
 * ```ts
 * import { renderReport } from 'lupus-renal-criteria/report';
 * typeof renderReport; // 'function'
 * ```
 *
 * @packageDocumentation
 */
export { type ReportDefinition, type ReportOptions, renderReport } from "./report/report.js";
