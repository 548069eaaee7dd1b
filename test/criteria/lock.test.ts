// The criteria lock: every shipped criteria / eligibility / flare object is hashed
// (canonical JSON, SHA-256) and compared with criteria.lock.json, so that a change
// to an object's content cannot ship without a new version.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import {
  canonicalJson,
  classificationHash,
  compareSemver,
  compareWithLock,
  criteriaHash,
  lockEntries,
  SEMVER,
} from "../../scripts/criteria-hash.mjs";
import * as registries from "../../src/criteria/index.js";

const UPDATE = "run node scripts/update-criteria-lock.mjs (after npx tsup)";

// Every registry the module exports (criteria, eligibility, flares, and any added later).
const all = Object.fromEntries(
  Object.entries(registries as Record<string, unknown>).filter(
    ([, v]) =>
      typeof v === "object" &&
      v !== null &&
      Object.values(v).every(
        (o) => typeof o === "object" && o !== null && "id" in o && "version" in o && "kind" in o,
      ),
  ),
) as unknown as Parameters<typeof lockEntries>[0];

const entries = lockEntries(all);
const lock = JSON.parse(
  readFileSync(new URL("../../criteria.lock.json", import.meta.url), "utf8"),
) as Record<string, { version: string; sha256: string; classification?: string }>;

describe("criteria lock", () => {
  test("finds the three registries", () => {
    expect(Object.keys(all).sort()).toEqual(
      expect.arrayContaining(["criteria", "eligibility", "flares"]),
    );
    expect(entries.length).toBeGreaterThanOrEqual(
      Object.keys(registries.criteria).length +
        Object.keys(registries.eligibility).length +
        Object.keys(registries.flares).length,
    );
  });

  test("every id is unique across the registries", () => {
    const where = new Map<string, string[]>();
    for (const e of entries)
      where.set(e.id, [...(where.get(e.id) ?? []), `${e.registry}.${e.key}`]);
    const dup = [...where]
      .filter(([, w]) => w.length > 1)
      .map(([id, w]) => `${id}: ${w.join(", ")}`);
    expect(dup, "ids used more than once").toEqual([]);
  });

  test("every version is valid semver", () => {
    const bad = entries.filter((e) => !SEMVER.test(e.version)).map((e) => `${e.id}@${e.version}`);
    expect(bad, "versions that are not semver").toEqual([]);
  });

  test.each(entries.map((e) => [e.id, e] as const))("%s is locked", (id, e) => {
    const locked = Object.hasOwn(lock, id) ? lock[id] : undefined;
    if (!locked) {
      expect.fail(`${id} has no entry in criteria.lock.json; ${UPDATE}`);
    }
    expect(locked.classification, `${id}: the lock has no classification hash; ${UPDATE}`).toMatch(
      /^[0-9a-f]{64}$/,
    );
    if (locked.version === e.version && locked.classification !== e.classification) {
      expect.fail(
        `${id}@${e.version}: its classification changed since it was locked: bump at least its minor version and add a changeset naming it, then ${UPDATE}`,
      );
    }
    if (locked.version === e.version && locked.sha256 !== e.sha256) {
      expect.fail(
        `${id}@${e.version}: its wording changed since it was locked (sha256 ${e.sha256}, locked ${locked.sha256}): bump its patch version, then ${UPDATE}`,
      );
    }
    if (locked.version !== e.version) {
      expect(
        compareSemver(e.version, locked.version),
        `${id}: version ${e.version} is lower than the locked ${locked.version}`,
      ).toBeGreaterThan(0);
      expect.fail(
        `${id}: version ${e.version} but the lock has ${locked.version}; ${UPDATE} and commit criteria.lock.json`,
      );
    }
  });

  test("the lock has no entries for objects no longer shipped", () => {
    expect(compareWithLock(entries, lock).stale, UPDATE).toEqual([]);
  });
});

describe("canonical JSON and hash", () => {
  test("sorts keys recursively, no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: null, e: "x" }], c: true } })).toBe(
      '{"a":{"c":true,"d":[3,{"e":"x","f":null}]},"b":1}',
    );
  });

  test("key order does not change the hash; any value does", () => {
    expect(criteriaHash({ a: 1, b: [1, 2] })).toBe(criteriaHash({ b: [1, 2], a: 1 }));
    expect(criteriaHash({ a: 1, b: [1, 2] })).not.toBe(criteriaHash({ a: 1, b: [2, 1] }));
    expect(criteriaHash({ a: 0.5 })).not.toBe(criteriaHash({ a: 0.7 }));
    expect(criteriaHash({ a: "1" })).not.toBe(criteriaHash({ a: 1 }));
    expect(criteriaHash({})).toMatch(/^[0-9a-f]{64}$/);
  });

  test("undefined properties are left out, as in JSON", () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  test("rejects what JSON cannot represent", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const bad of [
      { f: () => 1 },
      { n: Number.NaN },
      { n: Number.POSITIVE_INFINITY },
      { b: 1n },
      { s: Symbol("s") },
      { d: new Date(0) },
      [undefined],
      cyclic,
    ]) {
      expect(() => canonicalJson(bad)).toThrow(TypeError);
    }
  });

  test("every shipped object is plain JSON data (round-trips through JSON)", () => {
    for (const [registry, objects] of Object.entries(all)) {
      for (const o of Object.values(objects)) {
        const c = canonicalJson(o);
        expect(canonicalJson(JSON.parse(c)), `${registry}.${o.id}`).toBe(c);
      }
    }
  });

  test("a changed object is detected; a bumped one is reported as version changed", () => {
    const e = entries[0];
    if (!e) throw new Error("no criteria objects");
    const locked = { [e.id]: { version: e.version, sha256: e.sha256 } };
    const changed = { ...e, sha256: criteriaHash({ changed: true }) };
    expect(compareWithLock([changed], locked).changedWithoutBump).toEqual([e.id]);
    expect(compareWithLock([{ ...changed, version: "99.0.0" }], locked).versionChanged).toEqual([
      e.id,
    ]);
    expect(compareWithLock([e], {}).unlocked).toEqual([e.id]);
    expect(compareWithLock([], locked).stale).toEqual([e.id]);
  });

  test("the classification hash ignores wording and evidence, not logic", () => {
    const base = {
      id: "x",
      version: "1.0.0",
      title: "T",
      evidence: "verified",
      categories: [
        {
          name: "CR",
          label: "complete",
          source: { section: "§1", quote: "< 0.5 g" },
          expr: {
            op: "compare",
            id: "p",
            label: "protein",
            cmp: "<",
            right: { value: 0.5, unit: "g/24h" },
          },
        },
      ],
      notes: ["a"],
    };
    const reworded = structuredClone(base);
    reworded.title = "T2";
    reworded.notes = ["b"];
    reworded.evidence = "secondary";
    const cat = reworded.categories[0];
    if (!cat) throw new Error("no category");
    cat.label = "complete response";
    cat.source.quote = "below 0.5 g";
    cat.expr.label = "24-h protein";
    expect(classificationHash(reworded)).toBe(classificationHash(base));
    const bumped = structuredClone(base);
    bumped.version = "1.0.1";
    expect(classificationHash(bumped), "a version bump alone").toBe(classificationHash(base));
    expect(criteriaHash(reworded)).not.toBe(criteriaHash(base));
    const moved = structuredClone(base);
    const mc = moved.categories[0];
    if (!mc) throw new Error("no category");
    mc.expr.right.value = 0.7;
    expect(classificationHash(moved)).not.toBe(classificationHash(base));
    const op = structuredClone(base);
    const oc = op.categories[0];
    if (!oc) throw new Error("no category");
    oc.expr.cmp = "<=";
    expect(classificationHash(op)).not.toBe(classificationHash(base));
  });

  test("a renamed object (its own id) keeps its classification hash; a renamed clause does not", () => {
    const base = JSON.parse(JSON.stringify(registries.criteria.zhang2023)) as Record<
      string,
      unknown
    >;
    const renamed = { ...base, id: "zhang2023Renamed" };
    expect(classificationHash(renamed)).toBe(classificationHash(base));
    const clause = JSON.parse(JSON.stringify(base).replace('"id":"cr-up"', '"id":"cr-up-renamed"'));
    expect(classificationHash(clause)).not.toBe(classificationHash(base));
  });

  test("a classification change with only a patch bump is refused", () => {
    const e = entries[0];
    if (!e) throw new Error("no criteria objects");
    const locked = {
      [e.id]: { version: "1.0.0", sha256: e.sha256, classification: "0".repeat(64) },
    };
    expect(
      compareWithLock([{ ...e, version: "1.0.1" }], locked).classificationChangedWithoutMinorBump,
    ).toEqual([e.id]);
    expect(
      compareWithLock([{ ...e, version: "1.1.0" }], locked).classificationChangedWithoutMinorBump,
    ).toEqual([]);
    const sameLogic = { [e.id]: { ...locked[e.id], classification: e.classification } };
    expect(
      compareWithLock([{ ...e, version: "1.0.1" }], sameLogic as typeof locked)
        .classificationChangedWithoutMinorBump,
    ).toEqual([]);
  });

  test("semver precedence", () => {
    const ordered = [
      "1.0.0-alpha",
      "1.0.0-alpha.1",
      "1.0.0-beta",
      "1.0.0-beta.2",
      "1.0.0",
      "1.0.1",
      "1.10.0",
      "2.0.0",
    ];
    for (let i = 1; i < ordered.length; i++) {
      expect(compareSemver(ordered[i - 1] as string, ordered[i] as string)).toBeLessThan(0);
      expect(compareSemver(ordered[i] as string, ordered[i - 1] as string)).toBeGreaterThan(0);
    }
    expect(compareSemver("1.2.3+build", "1.2.3")).toBe(0);
    expect(SEMVER.test("1.0")).toBe(false);
    expect(SEMVER.test("01.0.0")).toBe(false);
  });
});
