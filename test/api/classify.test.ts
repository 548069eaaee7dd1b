import { describe, expect, it } from "vitest";
import {
  CriteriaError,
  classifyMany,
  classifyResponse,
  criteria,
  InputError,
  type ResponseInput,
  safeClassifyResponse,
  withOptions,
} from "../../src/index.js";

// A fully specified Kang 2020 CR and PR patient; each input is removed in turn.
const kangCR: ResponseInput = {
  patient: { sex: "F" },
  baseline: {
    proteinuria: { value: 3.41, unit: "g/24h" },
    serumCreatinine: { value: 60, unit: "umol/L" },
  },
  current: {
    proteinuria: { value: 0.2, unit: "g/24h" },
    serumCreatinine: { value: 62, unit: "umol/L" },
    serumAlbumin: { value: 38, unit: "g/L" },
    urineSediment: { rbcPerHpf: 2, wbcPerHpf: 1, cellularCasts: false },
  },
};
const kangPR: ResponseInput = {
  ...kangCR,
  current: { ...kangCR.current, proteinuria: { value: 0.47, unit: "g/24h" } },
};

function without(input: ResponseInput, path: string): ResponseInput {
  const [a, b] = path.split(".") as [keyof ResponseInput, string];
  const part = { ...(input[a] as Record<string, unknown>) };
  delete part[b];
  return { ...input, [a]: part };
}

describe("missing inputs (Kang 2020), each removed in turn from a CR patient", () => {
  // Expected by hand: CR needs current UP, sediment, creatinine (and sex for the default limit).
  // PR is impossible while UP 200 mg < 300 mg, so removing a PR-only input leaves CR decided.
  it.each([
    ["current.proteinuria", "indeterminate", true],
    ["current.urineSediment", "indeterminate", true], // CR unknown, PR not met → CR or NR
    ["current.serumCreatinine", "indeterminate", true],
    ["patient.sex", "indeterminate", true], // the default upper limit is sex-specific
    ["current.serumAlbumin", "CR", false], // albumin is a PR clause only
    ["baseline.proteinuria", "CR", false],
    ["baseline.serumCreatinine", "CR", false],
  ] as const)("without %s → %s", (path, expected, listed) => {
    const r = classifyResponse(criteria.kang2020, without(kangCR, path));
    expect(r.category).toBe(expected);
    expect(r.missing.includes(path)).toBe(listed);
  });
});

describe("missing inputs (Kang 2020), each removed in turn from a PR patient", () => {
  // CR is impossible (470 mg ≥ 300 mg), so CR-only inputs do not matter.
  it.each([
    ["current.proteinuria", "indeterminate", true],
    ["current.serumAlbumin", "indeterminate", true],
    ["baseline.proteinuria", "indeterminate", true],
    ["baseline.serumCreatinine", "indeterminate", true],
    ["current.serumCreatinine", "indeterminate", true],
    ["current.urineSediment", "PR", false],
    ["patient.sex", "PR", false],
  ] as const)("without %s → %s", (path, expected, listed) => {
    const r = classifyResponse(criteria.kang2020, without(kangPR, path));
    expect(r.category).toBe(expected);
    expect(r.missing.includes(path)).toBe(listed);
  });
  it("an indeterminate result names the categories still possible", () => {
    const r = classifyResponse(criteria.kang2020, without(kangPR, "current.serumAlbumin"));
    expect(r.possibleCategories).toEqual(["PR", "NR"]);
  });
});

describe("missing inputs (Zhang 2023)", () => {
  const zhangCR: ResponseInput = {
    baseline: {
      proteinuria: { value: 4.06, unit: "g/24h" },
      serumCreatinine: { value: 70, unit: "umol/L" },
    },
    current: {
      proteinuria: { value: 0.3, unit: "g/24h" },
      serumCreatinine: { value: 72, unit: "umol/L" },
      serumAlbumin: { value: 36, unit: "g/L" },
    },
  };
  it.each([
    ["current.proteinuria", "indeterminate", true],
    ["current.serumCreatinine", "indeterminate", true],
    ["baseline.serumCreatinine", "indeterminate", true],
    ["baseline.proteinuria", "CR", false], // CR needs only the current UP
    ["current.serumAlbumin", "CR", false],
  ] as const)("without %s → %s", (path, expected, listed) => {
    const r = classifyResponse(criteria.zhang2023, without(zhangCR, path));
    expect(r.category).toBe(expected);
    expect(r.missing.includes(path)).toBe(listed);
  });
  it("an empty input is indeterminate, never NR", () => {
    const r = classifyResponse(criteria.zhang2023, {});
    expect(r.category).toBe("indeterminate");
    expect(r.possibleCategories).toEqual(["CR", "PR", "NR"]);
    expect(r.missing).toEqual(
      expect.arrayContaining([
        "current.proteinuria",
        "current.serumCreatinine",
        "baseline.serumCreatinine",
      ]),
    );
  });
  it("a baseline of 0 makes a relative change unknown, with a note", () => {
    const r = classifyResponse(criteria.zhang2023, {
      ...zhangCR,
      baseline: {
        proteinuria: { value: 0, unit: "g/24h" },
        serumCreatinine: { value: 70, unit: "umol/L" },
      },
      current: { ...zhangCR.current, proteinuria: { value: 0.8, unit: "g/24h" } },
    });
    expect(r.category).toBe("indeterminate");
    expect(r.notes.join(" ")).toContain("is 0");
  });
});

describe("UPCR is not 24-h urine protein", () => {
  const upcr: ResponseInput = {
    baseline: {
      proteinuria: { value: 4, unit: "g/g" },
      serumCreatinine: { value: 70, unit: "umol/L" },
    },
    current: {
      proteinuria: { value: 0.3, unit: "mg/mg" },
      serumCreatinine: { value: 70, unit: "umol/L" },
    },
  };
  it("a UPCR leaves a 24-h definition indeterminate, with the reason", () => {
    const r = classifyResponse(criteria.zhang2023, upcr);
    expect(r.category).toBe("indeterminate");
    expect(r.missing).toContain("current.proteinuria");
    expect(r.notes.join(" ")).toContain("allowProteinuriaSubstitution");
  });
  it("substitution is an explicit, reported choice", () => {
    const r = classifyResponse(criteria.zhang2023, upcr, { allowProteinuriaSubstitution: true });
    expect(r.category).toBe("CR");
    expect(r.notes.some((n) => n.includes("spot UPCR") && n.includes("used as"))).toBe(true);
  });
});

describe("validation at the boundary", () => {
  it.each([
    [{ current: { proteinuria: { value: 1, unit: "g/week" } } }, "current.proteinuria.unit"],
    [{ current: { proteinuria: { value: -1, unit: "g/24h" } } }, "current.proteinuria.value"],
    [{ current: { serumCreatinine: { value: 1, unit: "g/L" } } }, "current.serumCreatinine.unit"],
    [{ current: { serumAlbumin: { value: "35", unit: "g/L" } } }, "current.serumAlbumin.value"],
    [{ current: { protienuria: { value: 1, unit: "g/24h" } } }, "current"],
    [{ patient: { sex: "female" } }, "patient.sex"],
    [{ baseline: { egfr: { value: Number.NaN, unit: "mL/min/1.73m2" } } }, "baseline.egfr.value"],
  ])("%j → InputError at %s", (input, path) => {
    let caught: unknown;
    try {
      // The run-time check, as a JavaScript caller meets it (the compiler refuses these literals).
      classifyResponse(criteria.kang2020, input as unknown as ResponseInput);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InputError);
    const err = caught as InputError;
    expect(err.issues.map((i) => i.path)).toContain(path);
    expect(err.message).toContain(path);
  });
  it("a wrong-kind unit names the accepted units", () => {
    const r = safeClassifyResponse(criteria.zhang2023, {
      current: { serumAlbumin: { value: 35, unit: "mg/dL" } },
    });
    expect(r.success).toBe(false);
    if (!r.success)
      expect(r.error.issues[0]?.message).toMatch(/creatinine unit.*expected one of: g\/L/);
  });
  it("non-object inputs are InputErrors, not TypeErrors", () => {
    for (const bad of [null, 42, "x", [], undefined]) {
      // A JavaScript caller can pass anything: the same InputError, never a TypeError.
      expect(() => classifyResponse(criteria.zhang2023, bad as unknown as ResponseInput)).toThrow(
        InputError,
      );
    }
  });
  it("null fields mean missing", () => {
    const r = classifyResponse(criteria.zhang2023, { current: { proteinuria: null } });
    expect(r.category).toBe("indeterminate");
  });
  it("classifyMany keeps every input, with its result or error, in order", () => {
    const out = classifyMany(criteria.kang2020, [kangCR, { current: 5 }, kangPR]);
    expect(out.map((o) => o.index)).toEqual([0, 1, 2]);
    const [a, b, c] = out;
    expect(a && "result" in a && a.result.category).toBe("CR");
    expect(b && "error" in b && b.error.issues[0]?.path).toBe("current");
    expect(c && "result" in c && c.result.category).toBe("PR");
  });
});

describe("interpretations and variants", () => {
  it("an unknown parameter or reading is a RangeError naming the permitted ones", () => {
    expect(() =>
      // @ts-expect-error a shipped definition's parameter names are checked by the compiler too
      classifyResponse(criteria.zhang2023, {}, { interpretation: { nope: "x" } }),
    ).toThrow(/no interpretation parameter 'nope'; it has: crProteinuriaCutoff, creatinineBand/);
    expect(() =>
      // @ts-expect-error … and its reading names
      classifyResponse(criteria.zhang2023, {}, { interpretation: { crProteinuriaCutoff: "0.6" } }),
    ).toThrow(/permitted: 0\.5, 0\.7/);
  });
  it("withOptions derives a variant with its own id and the chosen default", () => {
    const v = withOptions(criteria.zhang2023, { interpretation: { crProteinuriaCutoff: "0.7" } });
    expect(v.id).toBe("zhang2023+crProteinuriaCutoff=0.7");
    expect(v.derivedFrom).toBe("zhang2023@1.1.0");
    expect(v.parameters.crProteinuriaCutoff?.default).toBe("0.7");
    expect(criteria.zhang2023.parameters.crProteinuriaCutoff?.default).toBe("0.5");
    const input = {
      baseline: {
        proteinuria: { value: 4, unit: "g/24h" },
        serumCreatinine: { value: 70, unit: "umol/L" },
      },
      current: {
        proteinuria: { value: 0.6, unit: "g/24h" },
        serumCreatinine: { value: 70, unit: "umol/L" },
      },
    };
    const r = classifyResponse(v, input);
    expect(r.category).toBe("CR");
    expect(r.criteria.id).toBe("zhang2023+crProteinuriaCutoff=0.7");
    expect(r.criteria.derivedFrom).toBe("zhang2023@1.1.0");
    const w = withOptions(v, { interpretation: { creatinineBand: "symmetric" } });
    expect(w.id).toBe("zhang2023+crProteinuriaCutoff=0.7+creatinineBand=symmetric");
    expect(withOptions(criteria.zhang2023, { interpretation: {} })).toBe(criteria.zhang2023);
  });
  it("criteria objects are plain JSON data", () => {
    for (const c of Object.values(criteria)) {
      expect(JSON.parse(JSON.stringify(c))).toEqual(c);
    }
  });
});

describe("implausible but valid values", () => {
  it("are accepted with a warning naming the path and range", () => {
    const r = classifyResponse(criteria.zhang2023, {
      baseline: {
        proteinuria: { value: 40, unit: "g/24h" },
        serumCreatinine: { value: 2000, unit: "umol/L" },
      },
      current: {
        proteinuria: { value: 0.3, unit: "g/24h" },
        serumCreatinine: { value: 2000, unit: "umol/L" },
      },
    });
    expect(r.category).toBe("CR");
    expect(r.warnings).toEqual([
      "baseline.proteinuria 40 g/24h is outside the plausible range 0–30 g/24h; check the value and unit",
      "baseline.serumCreatinine 2000 umol/L is outside the plausible range 10–1500 umol/L; check the value and unit",
      "current.serumCreatinine 2000 umol/L is outside the plausible range 10–1500 umol/L; check the value and unit",
    ]);
  });
  it("a creatinine of 63 entered as mg/dL (a unit slip) is flagged", () => {
    const r = classifyResponse(criteria.kang2020, {
      current: { serumCreatinine: { value: 63, unit: "mg/dL" } },
    });
    expect(r.warnings[0]).toMatch(
      /current\.serumCreatinine 63 mg\/dL is outside the plausible range/,
    );
  });
  it("plausible values give no warning", () => {
    expect(classifyResponse(criteria.kang2020, kangPR).warnings).toEqual([]);
  });
});

describe("the safe variant never throws; classifyMany never loses an input", () => {
  const throwingGetter = () =>
    Object.defineProperty({}, "current", {
      enumerable: true,
      get() {
        throw new Error("getter exploded");
      },
    });
  const revoked = () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  };
  const lying = () =>
    new Proxy(
      {},
      {
        ownKeys() {
          throw new Error("no keys for you");
        },
        get() {
          throw new Error("no values either");
        },
      },
    );

  it("an unknown interpretation name is a returned error naming options.interpretation.<name>", () => {
    const r = safeClassifyResponse(criteria.zhang2023, kangCR, {
      // @ts-expect-error checked by the compiler for a shipped definition, at run time for any
      interpretation: { noSuchParameter: "x" },
    });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error).toBeInstanceOf(InputError);
      expect(r.error.issues[0]?.path).toBe("options.interpretation.noSuchParameter");
      expect(r.error.issues[0]?.message).toMatch(/no interpretation parameter 'noSuchParameter'/);
    }
    const bad = safeClassifyResponse(criteria.zhang2023, kangCR, {
      // @ts-expect-error not a reading of crProteinuriaCutoff
      interpretation: { crProteinuriaCutoff: "0.6" },
    });
    expect(bad.success).toBe(false);
    if (!bad.success)
      expect(bad.error.issues[0]?.path).toBe("options.interpretation.crProteinuriaCutoff");
  });

  it.each([
    ["a throwing getter", throwingGetter],
    ["a revoked Proxy", revoked],
    ["a Proxy whose traps throw", lying],
  ])("an input with %s is a returned error", (_name, make) => {
    const r = safeClassifyResponse(criteria.kang2020, make());
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error).toBeInstanceOf(InputError);
  });

  it("an invalid criteria object is a returned CriteriaError", () => {
    const r = safeClassifyResponse({ kind: "response" } as never, kangCR);
    expect(r.success).toBe(false);
    if (!r.success) expect(CriteriaError.isCriteriaError(r.error)).toBe(true);
  });

  it("classifyMany keeps throwing getters, Proxies and unreadable elements in place", () => {
    const inputs = new Proxy([kangCR, throwingGetter(), revoked(), lying(), undefined, kangPR], {
      get(target, key, receiver) {
        if (key === "4") throw new Error("element 4 cannot be read");
        return Reflect.get(target, key, receiver);
      },
    });
    const out = classifyMany(criteria.kang2020, inputs);
    expect(out.map((o) => o.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(out.map((o) => ("result" in o ? o.result.category : "error"))).toEqual([
      "CR",
      "error",
      "error",
      "error",
      "error",
      "PR",
    ]);
    for (const o of out) if ("error" in o) expect(o.error).toBeInstanceOf(InputError);
  });

  it("classifyMany checks the criteria object and the options once, up front", () => {
    expect(() => classifyMany(undefined as never, [kangCR])).toThrow(CriteriaError);
    expect(() =>
      // @ts-expect-error not a parameter of kang2020
      classifyMany(criteria.kang2020, [kangCR], { interpretation: { nope: "x" } }),
    ).toThrow(RangeError);
    expect(() => classifyMany(criteria.kang2020, "not an array" as never)).toThrow(InputError);
  });
});
