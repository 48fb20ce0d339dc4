/**
 * Reports of a scan in other forms: SARIF 2.1.0 for code-scanning dashboards.
 *
 * @module
 */

export { sarifReport } from "./sarif_report.ts";
