/**
 * Small text helpers of the CLI's rows path.
 *
 * @module
 */

/**
 * Whether a UTF-16 code unit is white space or a line break: what a regular
 * expression's `\s` matches and what `String.prototype.trim` removes.
 */
export function isSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
