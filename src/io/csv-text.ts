/**
 * CSV text: RFC 4180 quoting with the OWASP guard against spreadsheet formula
 * injection. Shared by the CLI's row output and the summary writers.
 *
 * @module
 */

/**
 * A plain number as the CLI reads one (`-2`, `+0.5`, `1e3`): written as it is,
 * never neutralised — it cannot be a formula.
 */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Whether a cell would be read as a formula by a spreadsheet (OWASP, "CSV
 * Injection"): it begins with `=`, `+`, `-`, `@`, a tab or a carriage return and
 * is not a plain number.
 * @category Data in and out
 */
export function isFormulaLike(s: string): boolean {
  if (s === "") return false;
  const c = s.charCodeAt(0);
  // = + - @ \t \r
  if (c !== 0x3d && c !== 0x2b && c !== 0x2d && c !== 0x40 && c !== 0x09 && c !== 0x0d) {
    return false;
  }
  return !PLAIN_NUMBER.test(s);
}

/**
 * Quote a CSV field when it needs it (RFC 4180). With `guard` (the default), a
 * formula-like cell (see {@link isFormulaLike}) is prefixed with `'` and quoted,
 * as OWASP recommends, so that a spreadsheet shows it as text instead of running it.
 * @category Data in and out
 */
export function csvField(v: string | number | boolean | undefined, guard = true): string {
  if (v === undefined) return "";
  const s = String(v);
  if (guard && isFormulaLike(s)) return `"'${s.replaceAll('"', '""')}"`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
