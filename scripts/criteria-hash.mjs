// @ts-check
// Canonical JSON and SHA-256 of the shipped criteria objects, shared by
// test/criteria/lock.test.ts and scripts/update-criteria-lock.mjs (criteria.lock.json).
import { createHash } from "node:crypto";

/**
 * Canonical JSON: object keys sorted recursively (by UTF-16 code units, i.e. the
 * default `Array.prototype.sort`), no whitespace, numbers and strings as
 * `JSON.stringify` writes them, object properties whose value is `undefined`
 * left out (as `JSON.stringify` does). Anything that is not plain JSON data
 * (functions, symbols, bigints, NaN / ±Infinity, `undefined` in an array, class
 * instances, cycles) throws: a criteria object must be data, and a value the
 * hash cannot see must not slip past the lock.
 *
 * @param {unknown} value
 * @returns {string}
 */
export function canonicalJson(value) {
  /** @type {object[]} */
  const stack = [];
  /**
   * @param {unknown} v
   * @param {string} at
   * @returns {string}
   */
  const walk = (v, at) => {
    if (v === null || typeof v === "boolean" || typeof v === "string") return JSON.stringify(v);
    if (typeof v === "number") {
      if (!Number.isFinite(v)) throw new TypeError(`${at}: ${v} is not JSON`);
      return JSON.stringify(v);
    }
    if (typeof v !== "object") throw new TypeError(`${at}: a ${typeof v} is not JSON`);
    if (stack.includes(v)) throw new TypeError(`${at}: cycle`);
    stack.push(v);
    let out;
    if (Array.isArray(v)) {
      out = `[${v
        .map((x, i) => {
          if (x === undefined) throw new TypeError(`${at}[${i}]: undefined in an array`);
          return walk(x, `${at}[${i}]`);
        })
        .join(",")}]`;
    } else {
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError(`${at}: not a plain object`);
      }
      const rec = /** @type {Record<string, unknown>} */ (v);
      out = `{${Object.keys(rec)
        .sort()
        .filter((k) => rec[k] !== undefined)
        .map((k) => `${JSON.stringify(k)}:${walk(rec[k], `${at}.${k}`)}`)
        .join(",")}}`;
    }
    stack.pop();
    return out;
  };
  return walk(value, "$");
}

/**
 * SHA-256 (hex) of the canonical JSON of a value.
 *
 * @param {unknown} value
 * @returns {string}
 */
export function criteriaHash(value) {
  return createHash("sha256").update(canonicalJson(value), "utf8").digest("hex");
}

/**
 * Keys whose values are wording, provenance or trust metadata rather than
 * classification logic: labels, rationales, descriptions, quotes, notes, titles,
 * citations, source sections, references and evidence levels. They are left out of
 * the *classification* hash ({@link classificationHash}); the full hash
 * ({@link criteriaHash}) still sees them. A change to the full hash alone needs a
 * patch bump of the criteria version; a change to the classification hash needs
 * at least a minor bump (docs/guides/versioning-policy.md).
 */
export const PROSE_KEYS = Object.freeze([
  "label",
  "rationale",
  "description",
  "quote",
  "notes",
  "note",
  "title",
  "citation",
  "section",
  "reference",
  "evidence",
]);

/**
 * Keys left out of the classification projection: the wording ({@link PROSE_KEYS})
 * and the version itself (`version`, and a variant's `derivedFrom`), so that a
 * version bump alone never changes the classification hash.
 */
export const NON_CLASSIFICATION_KEYS = Object.freeze([...PROSE_KEYS, "version", "derivedFrom"]);

/**
 * The object with every {@link NON_CLASSIFICATION_KEYS} property removed, recursively.
 *
 * @param {unknown} value
 * @returns {unknown}
 */
export function classificationProjection(value) {
  if (Array.isArray(value)) return value.map(classificationProjection);
  if (value !== null && typeof value === "object") {
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      if (!NON_CLASSIFICATION_KEYS.includes(k)) out[k] = classificationProjection(v);
    }
    return out;
  }
  return value;
}

/**
 * SHA-256 (hex) of the canonical JSON of the classification projection: what
 * decides categories, clause verdicts, readings and time points, without wording
 * (and without the object's own top-level `id`, its name in the lock).
 *
 * @param {unknown} value
 * @returns {string}
 */
export function classificationHash(value) {
  canonicalJson(value); // the whole object must still be plain JSON data
  // The object's own id names it (it is the lock's key), it classifies nothing: a renamed id is
  // a wording change. Clause ids inside stay (they name clause verdicts in every result).
  const projected = classificationProjection(value);
  if (projected !== null && typeof projected === "object" && !Array.isArray(projected)) {
    const { id: _id, ...rest } = /** @type {Record<string, unknown>} */ (projected);
    return criteriaHash(rest);
  }
  return criteriaHash(projected);
}

/** Semantic Versioning 2.0.0 (the regular expression suggested by semver.org). */
export const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/**
 * Every object of the registries, in registry order, with its hash.
 *
 * @param {Readonly<Record<string, Readonly<Record<string, { readonly id: string; readonly version: string }>>>>} registries
 *   e.g. `{ criteria, eligibility, flares }`.
 * @returns {{ registry: string; key: string; id: string; version: string; sha256: string; classification: string }[]}
 */
export function lockEntries(registries) {
  return Object.entries(registries).flatMap(([registry, objects]) =>
    Object.entries(objects).map(([key, o]) => ({
      registry,
      key,
      id: o.id,
      version: o.version,
      sha256: criteriaHash(o),
      classification: classificationHash(o),
    })),
  );
}

/**
 * Compare the registries' objects with the lock.
 *
 * @param {readonly { id: string; version: string; sha256: string; classification?: string }[]} entries - from {@link lockEntries}.
 * @param {Readonly<Record<string, { readonly version: string; readonly sha256: string; readonly classification?: string }>>} lock
 * @returns {{
 *   unlocked: string[];
 *   changedWithoutBump: string[];
 *   classificationChangedWithoutMinorBump: string[];
 *   versionChanged: string[];
 *   stale: string[];
 * }} `unlocked`: ids with no lock entry; `changedWithoutBump`: hash differs, version
 *   unchanged; `classificationChangedWithoutMinorBump`: the classification hash
 *   differs but only the patch (or pre-release) part of the version moved;
 *   `versionChanged`: version differs from the lock's; `stale`: lock entries of ids
 *   no longer shipped.
 */
export function compareWithLock(entries, lock) {
  const ids = new Set(entries.map((e) => e.id));
  /** @type {string[]} */
  const unlocked = [];
  /** @type {string[]} */
  const changedWithoutBump = [];
  /** @type {string[]} */
  const versionChanged = [];
  /** @type {string[]} */
  const classificationChangedWithoutMinorBump = [];
  for (const e of entries) {
    const locked = Object.hasOwn(lock, e.id) ? lock[e.id] : undefined;
    if (!locked) unlocked.push(e.id);
    else if (locked.version !== e.version) {
      versionChanged.push(e.id);
      if (
        locked.classification !== undefined &&
        e.classification !== undefined &&
        locked.classification !== e.classification &&
        sameMinor(locked.version, e.version)
      ) {
        classificationChangedWithoutMinorBump.push(e.id);
      }
    } else if (locked.sha256 !== e.sha256) changedWithoutBump.push(e.id);
  }
  const stale = Object.keys(lock).filter((id) => !ids.has(id));
  return {
    unlocked,
    changedWithoutBump,
    classificationChangedWithoutMinorBump,
    versionChanged,
    stale,
  };
}

/**
 * Whether two versions share their major and minor parts (so only a patch or
 * pre-release moved).
 *
 * @param {string} a
 * @param {string} b
 * @returns {boolean}
 */
export function sameMinor(a, b) {
  const pa = SEMVER.exec(a);
  const pb = SEMVER.exec(b);
  if (!pa || !pb) return false;
  return pa[1] === pb[1] && pa[2] === pb[2];
}

/**
 * Compare two semantic versions by precedence (build metadata ignored).
 *
 * @param {string} a
 * @param {string} b
 * @returns {number} negative when a < b, 0 when equal, positive when a > b.
 */
export function compareSemver(a, b) {
  const pa = SEMVER.exec(a);
  const pb = SEMVER.exec(b);
  if (!pa || !pb) throw new TypeError(`not a semantic version: ${pa ? b : a}`);
  for (const i of [1, 2, 3]) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return d;
  }
  const ra = pa[4];
  const rb = pb[4];
  if (ra === undefined || rb === undefined) {
    return ra === rb ? 0 : ra === undefined ? 1 : -1;
  }
  const xa = ra.split(".");
  const xb = rb.split(".");
  for (let i = 0; i < Math.max(xa.length, xb.length); i++) {
    const x = xa[i];
    const y = xb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
    } else if (nx !== ny) return nx ? -1 : 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
