// Types of scripts/criteria-hash.mjs (imported by test/criteria/lock.test.ts).

/** Canonical JSON: keys sorted recursively, no whitespace; throws on non-JSON data. */
export function canonicalJson(value: unknown): string;

/** SHA-256 (hex) of the canonical JSON of a value. */
export function criteriaHash(value: unknown): string;

/** Keys left out of the classification hash (wording, provenance, evidence). */
export const PROSE_KEYS: readonly string[];

/** {@link PROSE_KEYS} plus `version` and `derivedFrom`. */
export const NON_CLASSIFICATION_KEYS: readonly string[];

/** The object without its {@link NON_CLASSIFICATION_KEYS} properties, recursively. */
export function classificationProjection(value: unknown): unknown;

/** SHA-256 (hex) of the canonical JSON of the classification projection. */
export function classificationHash(value: unknown): string;

/** Whether two versions share their major and minor parts. */
export function sameMinor(a: string, b: string): boolean;

/** Semantic Versioning 2.0.0. */
export const SEMVER: RegExp;

/** One registry object with its hash. */
export interface LockEntry {
  readonly registry: string;
  readonly key: string;
  readonly id: string;
  readonly version: string;
  readonly sha256: string;
  readonly classification: string;
}

/** Every object of the registries, in registry order, with its hash. */
export function lockEntries(
  registries: Readonly<
    Record<string, Readonly<Record<string, { readonly id: string; readonly version: string }>>>
  >,
): LockEntry[];

/** Compare the registries' objects with the lock. */
export function compareWithLock(
  entries: readonly {
    readonly id: string;
    readonly version: string;
    readonly sha256: string;
    readonly classification?: string;
  }[],
  lock: Readonly<
    Record<
      string,
      { readonly version: string; readonly sha256: string; readonly classification?: string }
    >
  >,
): {
  unlocked: string[];
  changedWithoutBump: string[];
  classificationChangedWithoutMinorBump: string[];
  versionChanged: string[];
  stale: string[];
};

/** Compare two semantic versions by precedence: negative, 0 or positive. */
export function compareSemver(a: string, b: string): number;
