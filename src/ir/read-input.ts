/**
 * One assessment from anywhere, read once for the variants that never throw: the
 * fast validator (zod behind it), with a throwing getter or revoked Proxy turned
 * into an {@link InputError} like any invalid value.
 *
 * @module
 * @internal
 */

import type { ResponseInput } from "../model/assessment.js";
import { safeParseResponseInput } from "../model/fast-parse.js";
import { InputError, inputErrorFrom } from "./errors.js";

/**
 * The validated copy of an assessment, or its {@link InputError}; never throws.
 *
 * @param input - an assessment from anywhere.
 * @returns `{ success: true, data }` or `{ success: false, error }`.
 * @example
 * ```ts
 * import { readResponseInput } from './read-input.js';
 * readResponseInput({ current: { egfr: { value: -1, unit: 'mL/min/1.73m2' } } }).success; // false
 * ```
 * @internal Used by `safeClassifyResponse` and `compile().safeClassify`.
 */
export function readResponseInput(
  input: unknown,
): { success: true; data: ResponseInput } | { success: false; error: InputError } {
  let parsed: ReturnType<typeof safeParseResponseInput>;
  try {
    parsed = safeParseResponseInput(input);
  } catch (e) {
    return { success: false, error: inputErrorFrom(e, [], "input (could not be read)") };
  }
  return parsed.success
    ? { success: true, data: parsed.data }
    : { success: false, error: new InputError(parsed.error) };
}
