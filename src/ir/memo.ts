/**
 * The memo every layer keeps per criteria object and choice of readings (compiled forms, row
 * classifiers, classification contexts, reading evidence): one shape, so that a key means the
 * same thing everywhere and an object that is no longer used takes its entries with it.
 *
 * @module
 */

/**
 * The key of a choice of readings: every parameter's reading, sorted by parameter name, and
 * whether proteinuria substitution is on.
 *
 * @param chosen - a reading for every parameter (`fullInterpretation`'s result).
 * @param substitution - whether proteinuria substitution is allowed.
 * @returns the key (`crProteinuriaCutoff=0.5&nephroticBaseline=>3.5|false`).
 * @example
 * ```ts
 * readingsKey({ b: '2', a: '1' }, false); // 'a=1&b=2|false'
 * ```
 * @internal
 */
export function readingsKey(
  chosen: Readonly<Record<string, string>>,
  substitution: boolean,
): string {
  return `${Object.keys(chosen)
    .sort()
    .map((k) => `${k}=${chosen[k]}`)
    .join("&")}|${substitution}`;
}

/**
 * A memo keyed by an object (held weakly) and a string: `get(obj, key, make)` returns what
 * `make()` returned the first time for that object and key.
 *
 * @returns the memo's lookup.
 * @example
 * ```ts
 * const memo = perObject<object, number>();
 * const o = {};
 * memo(o, 'k', () => 1); // 1
 * memo(o, 'k', () => 2); // 1 (remembered)
 * ```
 * @internal
 */
export function perObject<O extends object, V>(): (obj: O, key: string, make: () => V) => V {
  const byObject = new WeakMap<O, Map<string, V>>();
  return (obj, key, make) => {
    let byKey = byObject.get(obj);
    if (byKey === undefined) {
      byKey = new Map();
      byObject.set(obj, byKey);
    }
    let v = byKey.get(key);
    if (v === undefined) {
      v = make();
      byKey.set(key, v);
    }
    return v;
  };
}
