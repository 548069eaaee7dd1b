/**
 * Errors raised at the validation boundary.
 *
 * @module
 */
import { z } from "zod";

/**
 * One problem found in an input, with the dotted path of the offending field.
 *
 * @example
 * ```ts
 * import type { InputIssue } from 'lupus-renal-criteria';
 * const i: InputIssue = { path: 'current.proteinuria.unit', message: "unknown unit 'g/dy'" };
 * ```
 * @category Criteria as data
 */
export interface InputIssue {
  /** Dotted path, e.g. `current.proteinuria.unit` (`(root)` for the input itself). */
  readonly path: string;
  readonly message: string;
}

/**
 * Format a zod path as a dotted path (`visits[2].labs.proteinuria`).
 *
 * @param path - a zod issue path.
 * @returns the dotted path, or `(root)` when empty.
 * @example
 * ```ts
 * import { formatPath } from 'lupus-renal-criteria';
 * formatPath(['visits', 2, 'labs']); // 'visits[2].labs'
 * ```
 * @internal Not part of the public API (used by the library and its tests).
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? String(p) : `.${String(p)}`;
  }
  return out === "" ? "(root)" : out;
}

const INPUT_ERROR = Symbol.for("lupus-renal-criteria.InputError");

/**
 * An input failed validation. The message names every offending path; the zod
 * error is kept as `zodError` (and as `cause`).
 *
 * @example
 * ```ts
 * import { classifyResponse, criteria, InputError } from 'lupus-renal-criteria';
 * try {
 *   classifyResponse(criteria.kang2020, { current: { proteinuria: { value: 1, unit: 'g/dy' } } });
 * } catch (e) {
 *   if (e instanceof InputError) e.issues[0]?.path; // 'current.proteinuria.unit'
 * }
 * ```
 * @category Criteria as data
 */
export class InputError extends Error {
  override readonly name = "InputError";
  /** The problems, one per offending field. */
  readonly issues: readonly InputIssue[];
  /** The brand shared by every copy of the library. */
  readonly [INPUT_ERROR] = true;
  /** The underlying zod error. */
  readonly zodError: z.ZodError;

  /**
   * @param zodError - the zod error of the failed validation.
   * @param what - what was validated, for the message ("input", "record 3").
   */
  constructor(zodError: z.ZodError, what = "input") {
    const issues = zodError.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
    super(`Invalid ${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, {
      cause: zodError,
    });
    this.issues = issues;
    this.zodError = zodError;
  }

  /**
   * Whether `x` is an InputError of any copy (ESM or CommonJS) of the library:
   * the instances carry `Symbol.for('lupus-renal-criteria.InputError')`.
   *
   * @param x - anything.
   * @returns true for an InputError.
   * @example
   * ```ts
   * import { InputError, safeClassifyResponse, criteria } from 'lupus-renal-criteria';
   * const r = safeClassifyResponse(criteria.kang2020, { current: { proteinuria: { value: -1, unit: 'g/24h' } } });
   * InputError.isInputError(r.success ? undefined : r.error); // true
   * ```
   */
  static isInputError(x: unknown): x is InputError {
    return (
      typeof x === "object" &&
      x !== null &&
      (x as { [INPUT_ERROR]?: unknown })[INPUT_ERROR] === true
    );
  }

  /**
   * `instanceof InputError` recognises instances of every copy of the library.
   *
   * @param x - anything.
   * @returns true for an InputError.
   */
  static override [Symbol.hasInstance](x: unknown): boolean {
    return InputError.isInputError(x);
  }
}

const CRITERIA_ERROR = Symbol.for("lupus-renal-criteria.CriteriaError");

/**
 * A criteria object failed validation: the message and `issues` name each
 * offending path (e.g. `categories[0].expr.of[1].right.value`). Thrown by every
 * entry point that takes a criteria object, before anything is evaluated or
 * generated. Recognise it with {@link CriteriaError.isCriteriaError} (or
 * `instanceof`), which also works between the ESM and CommonJS copies of the
 * library: the instances carry `Symbol.for('lupus-renal-criteria.CriteriaError')`.
 *
 * @example
 * ```ts
 * import { classifyResponse, CriteriaError } from 'lupus-renal-criteria';
 * try {
 *   classifyResponse({ kind: 'response' } as never, {});
 * } catch (e) {
 *   if (CriteriaError.isCriteriaError(e)) console.log(e.issues.map((i) => i.path));
 * }
 * ```
 * @category Criteria as data
 */
export class CriteriaError extends Error {
  override readonly name = "CriteriaError";
  /** The problems, one per offending path. */
  readonly issues: readonly InputIssue[];
  /** The brand shared by every copy of the library. */
  readonly [CRITERIA_ERROR] = true;

  /**
   * @param issues - the problems (at least one).
   */
  constructor(issues: readonly InputIssue[]) {
    super(`Invalid criteria: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
    this.issues = issues;
  }

  /**
   * Whether `x` is a CriteriaError of any copy (ESM or CommonJS) of the library.
   *
   * @param x - anything.
   * @returns true for a CriteriaError.
   * @example
   * ```ts
   * import { CriteriaError } from 'lupus-renal-criteria';
   * CriteriaError.isCriteriaError(new CriteriaError([{ path: 'id', message: 'bad' }])); // true
   * CriteriaError.isCriteriaError(new Error('x')); // false
   * ```
   */
  static isCriteriaError(x: unknown): x is CriteriaError {
    return (
      typeof x === "object" &&
      x !== null &&
      (x as { [CRITERIA_ERROR]?: unknown })[CRITERIA_ERROR] === true
    );
  }

  /**
   * `instanceof CriteriaError` recognises instances of every copy of the library.
   *
   * @param x - anything.
   * @returns true for a CriteriaError.
   */
  static override [Symbol.hasInstance](x: unknown): boolean {
    return CriteriaError.isCriteriaError(x);
  }
}

/**
 * A thrown value that is not an input's or a criteria object's error (a getter
 * that throws, a revoked Proxy) as an {@link InputError} with one issue at `path`,
 * for the variants that never throw.
 *
 * @param e - what was thrown.
 * @param path - where (e.g. `[]` for the input itself, `['options']`).
 * @param what - what was being read, for the message ("input (could not be read)").
 * @returns the error.
 * @example
 * ```ts
 * inputErrorFrom(new Error('revoked'), [], 'input (could not be read)').message;
 * // 'Invalid input (could not be read): (root): revoked'
 * ```
 * @internal
 */
export function inputErrorFrom(e: unknown, path: readonly string[], what: string): InputError {
  let message: string;
  try {
    message = e instanceof Error ? e.message : String(e);
  } catch {
    message = "unreadable error";
  }
  return new InputError(
    new z.ZodError([{ code: "custom", path: [...path], message, input: undefined }]),
    what,
  );
}

/**
 * The error a backend throws for a clause whose placeholders were not bound (a malformed or
 * unresolved object, which the criteria schema refuses before any backend sees it): one message
 * shape for the interpreter, the compiled forms and SQL.
 *
 * @param what - what is unresolved (`clause 'cr-prot'`, `placeholder 'cutoff'`).
 * @param by - who reports it (`Criteria error`, or `toSql`).
 * @returns the error, to throw.
 * @example
 * ```ts
 * notResolved("placeholder 'cutoff'").message; // "Criteria error: placeholder 'cutoff' is not resolved"
 * ```
 * @internal
 */
export function notResolved(what: string, by = "Criteria error"): Error {
  return new Error(`${by}: ${what} is not resolved`);
}

/**
 * The definition a `ref` names, from the definitions evaluated before it; the one refusal of a
 * reference to no earlier definition for every backend.
 *
 * @param refs - the earlier definitions by name (their truths, closures or SQL columns).
 * @param to - the name the reference gives.
 * @param by - who reports a dangling reference (`Criteria error`, or `toSql`).
 * @returns the definition.
 * @throws `Error` for a name with no earlier definition (the criteria schema refuses such objects).
 * @example
 * ```ts
 * referenced(new Map([['CR', 1]]), 'CR'); // 1
 * ```
 * @internal
 */
export function referenced<T>(refs: ReadonlyMap<string, T>, to: string, by = "Criteria error"): T {
  const r = refs.get(to);
  if (r === undefined) throw new Error(`${by}: reference to unknown definition '${to}'`);
  return r;
}

/**
 * The error for a clause of a kind no backend knows: the `default` of an exhaustive walk over
 * `Expr`, where the compiler proves the value cannot occur in a typed object (`never`) and the
 * runtime still refuses a malformed untyped one.
 *
 * @param e - the clause (typed `never`: every kind has its case).
 * @returns the error, to throw.
 * @example
 * ```ts
 * unknownClause({ op: 'xor' } as never).message; // 'Criteria error: unknown clause kind'
 * ```
 * @internal
 */
export function unknownClause(e: never): Error {
  void e;
  return new Error("Criteria error: unknown clause kind");
}
