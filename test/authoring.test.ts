import { readFileSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { lintCriteria } from "../src/analysis/lint.js";
import {
  absPercentChange,
  all,
  any,
  bind,
  bindClause,
  cmp,
  decrease,
  defineEligibilityCriteria,
  defineFlareCriteria,
  defineResponseCriteria,
  fact,
  increase,
  not,
  parameter,
  percentDecrease,
  percentIncrease,
  percentOfBaseline,
  quantity,
  type ResponseCriteriaSpec,
  reading,
  ref,
  value,
  when,
} from "../src/authoring.js";
import { toSql } from "../src/evaluate/sql.js";
import {
  assessEligibility,
  CriteriaError,
  classifyResponse,
  compile,
  detectFlares,
  type ExclusionFacts,
  type Expr,
  type PatientRecord,
  type ResponseCriteria,
  type TreatmentCourse,
  validateCriteria,
} from "../src/index.js";

const fixture = JSON.parse(
  readFileSync(new URL("./cli/fixtures/protocol.criteria.json", import.meta.url), "utf8"),
) as unknown;

const S = "Protocol §9.2";
const citation = {
  short: "Example protocol",
  authors: "lupus-renal-criteria test suite",
  year: 2026,
  title: "A worked example of a trial-protocol definition written as JSON",
  journal: "not published (test fixture)",
};

/** The worked example of docs/guides/your-protocol.md, written with the builders. */
function workedExample(): ResponseCriteria {
  return defineResponseCriteria({
    id: "example-protocol-crr",
    version: "1.0.0",
    title:
      "Example protocol: complete renal response (UPCR < 0.5 g/g and eGFR ≥ 60, no rescue therapy)",
    citation,
    locator: { section: S },
    evidence: "unverified",
    proteinuriaMeasure: "upcr",
    categories: [
      {
        name: "CR",
        label: "complete renal response",
        source: {
          section: S,
          quote: "UPCR < 0.5 g/g, eGFR ≥ 60 mL/min/1.73 m², no rescue therapy",
        },
        expr: all({
          id: "crr",
          label: "complete renal response",
          of: [
            cmp({
              id: "upcr",
              label: "UPCR",
              left: value("upcr", "current"),
              cmp: "<",
              right: quantity(0.5, "g/g"),
              source: { section: S, quote: "UPCR < 0.5 g/g" },
            }),
            cmp({
              id: "egfr",
              label: "eGFR",
              left: value("egfr", "current"),
              cmp: ">=",
              right: quantity(60, "mL/min/1.73m2"),
              source: { section: S, quote: "eGFR ≥ 60 mL/min/1.73 m²" },
            }),
            fact({
              id: "no-rescue",
              label: "no rescue therapy",
              fact: "observation",
              params: { name: "rescueTherapy", is: false },
              source: { section: S, quote: "no rescue therapy" },
            }),
          ],
        }),
      },
    ],
    noResponse: { label: "no complete renal response", source: { section: S } },
    notes: [
      "A test fixture: a protocol definition that is not in the registry, loaded with --criteria-file.",
    ],
  });
}

describe("the builders produce exactly the criteria format", () => {
  it("rebuild the JSON fixture of the protocol guide, deep-equal", () => {
    const built = workedExample();
    expect(built).toEqual(fixture);
    // And round-trips through JSON unchanged (plain data only).
    expect(JSON.parse(JSON.stringify(built))).toEqual(fixture);
  });

  it("return a frozen, validated object and leave the argument unfrozen", () => {
    const source = { section: S };
    const spec: ResponseCriteriaSpec = {
      id: "x",
      version: "1.0.0",
      title: "t",
      citation,
      locator: source,
      evidence: "unverified",
      proteinuriaMeasure: "upcr",
      categories: [
        {
          name: "CR",
          label: "CR",
          source,
          expr: cmp({
            id: "u",
            label: "UPCR",
            left: value("upcr", "current"),
            cmp: "<",
            right: quantity(0.5, "g/g"),
            source,
          }),
        },
      ],
      noResponse: { label: "NR", source },
    };
    const c = defineResponseCriteria(spec);
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.categories[0]?.expr)).toBe(true);
    expect(Object.isFrozen(source)).toBe(false);
    expect(Object.isFrozen(spec)).toBe(false);
    expect(c).toMatchObject({
      kind: "response",
      parameters: {},
      endpoints: [],
      gaps: [],
      notes: [],
    });
    // Already validated: the validator returns the same object.
    expect(validateCriteria(c)).toBe(c);
  });

  it("write each node and operand kind as the IR spells it", () => {
    const src = { section: "§1" };
    expect(value("serumAlbumin", "baseline")).toEqual({
      kind: "value",
      measure: "serumAlbumin",
      at: "baseline",
    });
    expect(
      [
        percentDecrease,
        percentIncrease,
        absPercentChange,
        percentOfBaseline,
        increase,
        decrease,
      ].map((f) => f("egfr")),
    ).toEqual([
      { kind: "percentDecrease", measure: "egfr" },
      { kind: "percentIncrease", measure: "egfr" },
      { kind: "absPercentChange", measure: "egfr" },
      { kind: "percentOfBaseline", measure: "egfr" },
      { kind: "increase", measure: "egfr" },
      { kind: "decrease", measure: "egfr" },
    ]);
    expect(bind("t")).toEqual({ bind: "t" });
    expect(bindClause("t")).toEqual({ op: "bind", name: "t" });
    expect(ref("CR")).toEqual({ op: "ref", to: "CR" });
    expect(any({ id: "or", label: "OR", of: [ref("CR"), ref("PR")] })).toEqual({
      op: "any",
      id: "or",
      label: "OR",
      of: [
        { op: "ref", to: "CR" },
        { op: "ref", to: "PR" },
      ],
    });
    expect(not({ id: "n", label: "not CR", of: ref("CR") })).toEqual({
      op: "not",
      id: "n",
      label: "not CR",
      of: { op: "ref", to: "CR" },
    });
    expect(
      when({ id: "w", label: "w", cond: ref("CR"), whenMet: ref("PR"), whenNotMet: ref("CR") }),
    ).toEqual({
      op: "if",
      id: "w",
      label: "w",
      cond: { op: "ref", to: "CR" },
      whenMet: { op: "ref", to: "PR" },
      whenNotMet: { op: "ref", to: "CR" },
    });
    expect(
      fact({
        id: "tf",
        label: "two failed regimens",
        fact: "treatmentFailures",
        params: {
          atLeast: 2,
          countSequenceAs: "one-regimen",
          includeGlucocorticoidPulses: false,
          minDurationMonths: bind("months"),
          nrWithoutDuration: "unknown",
          relapseCounts: true,
        },
        source: src,
      }),
    ).toEqual({
      op: "fact",
      id: "tf",
      label: "two failed regimens",
      fact: "treatmentFailures",
      params: {
        atLeast: 2,
        countSequenceAs: "one-regimen",
        includeGlucocorticoidPulses: false,
        minDurationMonths: { bind: "months" },
        nrWithoutDuration: "unknown",
        relapseCounts: true,
      },
      source: src,
    });
  });
});

// ---------------------------------------------------------------------------
// A derived definition with an interpretation parameter

const RANGE = "Protocol §9.2 (amendment 1)";
/** "UPCR < 0.5–0.7 g/g": the printed range becomes a parameter with two readings. */
function derived(): ResponseCriteria {
  const source = { section: RANGE, quote: "UPCR < 0.5–0.7 g/g, eGFR ≥ 60, no rescue therapy" };
  return defineResponseCriteria({
    id: "example-protocol-crr-range",
    version: "1.0.0",
    title: "Example protocol, amendment 1: CRR with a UPCR cut-off of 0.5–0.7 g/g",
    citation,
    locator: { section: RANGE },
    evidence: "unverified",
    proteinuriaMeasure: "upcr",
    derivedFrom: "example-protocol-crr@1.0.0",
    parameters: {
      crUpcrCutoff: parameter({
        description: "CR requires 'UPCR < 0.5–0.7 g/g': a range, not one threshold.",
        source: { section: RANGE, quote: "UPCR < 0.5–0.7 g/g" },
        default: "0.5",
        readings: {
          "0.5": reading({
            label: "< 0.5 g/g",
            rationale: "Default: the stricter end of the printed range; it cannot overstate CR.",
            bindings: { crUpcrThreshold: quantity(0.5, "g/g") },
          }),
          "0.7": reading({
            label: "< 0.7 g/g",
            rationale: "The lenient end of the printed range.",
            bindings: { crUpcrThreshold: quantity(0.7, "g/g") },
          }),
        },
      }),
    },
    categories: [
      {
        name: "CR",
        label: "complete renal response",
        source,
        expr: all({
          id: "crr",
          label: "complete renal response",
          of: [
            cmp({
              id: "upcr",
              label: "UPCR",
              left: value("upcr", "current"),
              cmp: "<",
              right: bind("crUpcrThreshold"),
              source,
            }),
            cmp({
              id: "egfr",
              label: "eGFR",
              left: value("egfr", "current"),
              cmp: ">=",
              right: quantity(60, "mL/min/1.73m2"),
              source,
            }),
            fact({
              id: "no-rescue",
              label: "no rescue therapy",
              fact: "observation",
              params: { name: "rescueTherapy", is: false },
              source,
            }),
          ],
        }),
      },
    ],
    noResponse: { label: "no complete renal response", source },
    endpoints: [
      {
        name: "crrWithoutCasts",
        label: "CRR without cellular casts",
        source,
        expr: all({
          id: "crr-no-casts",
          label: "CRR and no cellular casts",
          of: [
            ref("CR"),
            not({
              id: "no-casts",
              label: "no cellular casts",
              of: fact({
                id: "casts",
                label: "cellular casts",
                fact: "observation",
                params: { name: "cellularCasts", is: true },
                source,
              }),
            }),
          ],
        }),
      },
    ],
  });
}

const visit = (upcr: { value: number; unit: string }, egfr = 72, rescueTherapy = false) => ({
  current: {
    proteinuria: upcr,
    egfr: { value: egfr, unit: "mL/min/1.73m2" },
    rescueTherapy,
  },
});

/**
 * Boundary inputs with the category written by hand from the protocol's words: "<" excludes the
 * cut-off itself, "≥ 60" includes 60. mg/mmol → g/g with creatinine's molar mass 113.12 g/mol:
 * 56 mg/mmol = 0.4950 g/g, 57 mg/mmol = 0.5039 g/g, 79 mg/mmol = 0.6984 g/g, 80 mg/mmol = 0.7072 g/g.
 */
const CASES: readonly {
  readonly what: string;
  readonly input: ReturnType<typeof visit>;
  readonly under05: string;
  readonly under07: string;
}[] = [
  {
    what: "UPCR 0.49 g/g",
    input: visit({ value: 0.49, unit: "g/g" }),
    under05: "CR",
    under07: "CR",
  },
  {
    what: "UPCR exactly 0.5 g/g",
    input: visit({ value: 0.5, unit: "g/g" }),
    under05: "NR",
    under07: "CR",
  },
  { what: "UPCR 0.6 g/g", input: visit({ value: 0.6, unit: "g/g" }), under05: "NR", under07: "CR" },
  {
    what: "UPCR exactly 0.7 g/g",
    input: visit({ value: 0.7, unit: "g/g" }),
    under05: "NR",
    under07: "NR",
  },
  {
    what: "UPCR 56 mg/mmol",
    input: visit({ value: 56, unit: "mg/mmol" }),
    under05: "CR",
    under07: "CR",
  },
  {
    what: "UPCR 57 mg/mmol",
    input: visit({ value: 57, unit: "mg/mmol" }),
    under05: "NR",
    under07: "CR",
  },
  {
    what: "UPCR 79 mg/mmol",
    input: visit({ value: 79, unit: "mg/mmol" }),
    under05: "NR",
    under07: "CR",
  },
  {
    what: "UPCR 80 mg/mmol",
    input: visit({ value: 80, unit: "mg/mmol" }),
    under05: "NR",
    under07: "NR",
  },
  {
    what: "eGFR exactly 60",
    input: visit({ value: 0.3, unit: "g/g" }, 60),
    under05: "CR",
    under07: "CR",
  },
  {
    what: "eGFR 59.9",
    input: visit({ value: 0.3, unit: "g/g" }, 59.9),
    under05: "NR",
    under07: "NR",
  },
  {
    what: "rescue therapy given",
    input: visit({ value: 0.3, unit: "g/g" }, 72, true),
    under05: "NR",
    under07: "NR",
  },
];

describe("a derived definition with an interpretation parameter (bind)", () => {
  const c = derived();

  it.each(CASES)("$what: $under05 under '0.5', $under07 under '0.7' (classifyResponse)", (k) => {
    const r05 = classifyResponse(c, k.input);
    const r07 = classifyResponse(c, k.input, { interpretation: { crUpcrCutoff: "0.7" } });
    expect(r05.category).toBe(k.under05);
    expect(r05.interpretation).toEqual({ crUpcrCutoff: "0.5" });
    expect(r07.category).toBe(k.under07);
    expect(r05.robust).toBe(k.under05 === k.under07);
  });

  it.each(CASES)("$what: the same under compile(), generated code and closures", (k) => {
    for (const codegen of [true, false]) {
      expect(compile(c, { codegen }).category(k.input as never)).toBe(k.under05);
      const lenient = compile(c, { codegen, interpretation: { crUpcrCutoff: "0.7" } });
      expect(lenient.category(k.input as never)).toBe(k.under07);
    }
  });

  it("leaves a missing eGFR indeterminate, naming it", () => {
    const r = classifyResponse(c, {
      current: { proteinuria: { value: 0.3, unit: "g/g" }, rescueTherapy: false },
    });
    expect(r.category).toBe("indeterminate");
    expect(r.missing).toContain("current.egfr");
  });

  it("evaluates its end point through ref and not", () => {
    const withCasts = {
      current: {
        ...visit({ value: 0.3, unit: "g/g" }).current,
        urineSediment: { cellularCasts: true },
      },
    };
    expect(compile(c).classify(withCasts as never).endpoints.crrWithoutCasts).toBe("not-met");
    const without = {
      current: {
        ...visit({ value: 0.3, unit: "g/g" }).current,
        urineSediment: { cellularCasts: false },
      },
    };
    expect(compile(c).classify(without as never).endpoints.crrWithoutCasts).toBe("met");
  });

  it("is accepted by lintCriteria under both readings", () => {
    for (const reading of ["0.5", "0.7"]) {
      const report = lintCriteria(c, { interpretation: { crUpcrCutoff: reading } });
      expect(report.id).toBe("example-protocol-crr-range");
      expect(report.interpretation).toEqual({ crUpcrCutoff: reading });
      expect(report.explored).toBeGreaterThan(0);
    }
  });

  it("compiles to DuckDB SQL that gives the same categories on the boundary rows", async () => {
    const options = {
      dialect: "duckdb" as const,
      table: "visits",
      columns: {
        current: {
          proteinuria: { value: "upcr", unit: "upcr_unit" },
          egfr: { value: "egfr", fixedUnit: "mL/min/1.73m2" },
          rescueTherapy: "rescue",
        },
      },
    };
    const strict = toSql(c, options);
    const lenient = toSql(c, { ...options, interpretation: { crUpcrCutoff: "0.7" } });
    expect(typeof strict).toBe("string");
    expect(strict).toContain("crUpcrCutoff=0.5");
    expect(lenient).toContain("crUpcrCutoff=0.7");
    const instance = await DuckDBInstance.create(":memory:", {
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
    });
    const conn = await instance.connect();
    try {
      await conn.run(
        "CREATE TABLE visits (rid INTEGER, upcr DOUBLE, upcr_unit VARCHAR, egfr DOUBLE, rescue BOOLEAN)",
      );
      const app = await conn.createAppender("visits");
      CASES.forEach((k, i) => {
        const v = k.input.current;
        app.appendInteger(i);
        app.appendDouble(v.proteinuria.value);
        app.appendVarchar(v.proteinuria.unit);
        app.appendDouble(v.egfr.value);
        app.appendBoolean(v.rescueTherapy);
        app.endRow();
      });
      app.flushSync();
      app.closeSync();
      const categories = async (sql: string) =>
        (
          (
            await conn.runAndReadAll(`SELECT rid, category FROM (${sql}) ORDER BY rid`)
          ).getRowObjectsJS() as {
            category: string;
          }[]
        ).map((r) => r.category);
      expect(await categories(strict)).toEqual(CASES.map((k) => k.under05));
      expect(await categories(lenient)).toEqual(CASES.map((k) => k.under07));
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});

// ---------------------------------------------------------------------------
// Eligibility rules and flare definitions

describe("defineEligibilityCriteria and defineFlareCriteria", () => {
  const citationP = { ...citation, title: "Protocol v3" };
  const source = {
    section: "Protocol §5.1",
    quote: "failure of two induction regimens, not pregnant",
  };
  const refractory = defineEligibilityCriteria({
    id: "example-refractory",
    version: "1.0.0",
    title: "Example protocol: refractory lupus nephritis",
    citation: citationP,
    locator: { section: "Protocol §5.1" },
    evidence: "unverified",
    rule: {
      name: "refractory",
      label: "refractory lupus nephritis",
      source,
      expr: all({
        id: "refractory",
        label: "refractory lupus nephritis",
        of: [
          fact({
            id: "two-failures",
            label: "two failed induction regimens",
            fact: "treatmentFailures",
            params: {
              atLeast: 2,
              countSequenceAs: "one-regimen",
              includeGlucocorticoidPulses: false,
              minDurationMonths: 6,
              nrWithoutDuration: "unknown",
              relapseCounts: true,
            },
            source,
          }),
          fact({
            id: "not-pregnant",
            label: "not pregnant",
            fact: "exclusionAbsent",
            params: { condition: "pregnancy" },
            source,
          }),
        ],
      }),
    },
  });
  const failed = (agent: TreatmentCourse["agents"][number]): TreatmentCourse => ({
    agents: [agent],
    mode: "single",
    bestResponse: "NR",
    outcome: "failure-or-relapse",
  });

  it("gives an eligibility rule with the defaults filled, frozen", () => {
    expect(refractory).toMatchObject({ kind: "eligibility", parameters: {}, notes: [] });
    expect(Object.isFrozen(refractory.rule.expr)).toBe(true);
  });

  it("assesses it: two failed regimens and not pregnant is eligible; one is not; pregnancy unknown is indeterminate", () => {
    const record = (courses: TreatmentCourse[], exclusions: ExclusionFacts): PatientRecord => ({
      id: "p",
      treatmentHistory: { ordered: true, courses },
      exclusions,
    });
    const two = [failed("cyclophosphamide"), failed("mycophenolate")];
    expect(assessEligibility(refractory, record(two, { pregnancy: false })).status).toBe(
      "eligible",
    );
    expect(
      assessEligibility(refractory, record([failed("cyclophosphamide")], { pregnancy: false }))
        .status,
    ).toBe("ineligible");
    expect(assessEligibility(refractory, record(two, {})).status).toBe("indeterminate");
    expect(assessEligibility(refractory, record(two, { pregnancy: true })).status).toBe(
      "ineligible",
    );
  });

  it("gives a flare definition that detectFlares runs: a 30% creatinine rise from baseline", () => {
    const fs = {
      section: "Protocol §11",
      quote: "a rise in serum creatinine of 30% or more from baseline",
    };
    const flare = defineFlareCriteria({
      id: "example-flare",
      version: "1.0.0",
      title: "Example protocol: nephritic flare",
      citation: citationP,
      locator: { section: "Protocol §11" },
      evidence: "unverified",
      scope: "visits",
      reference: "baseline",
      grades: [
        {
          name: "nephritic",
          label: "nephritic flare",
          source: fs,
          expr: cmp({
            id: "scr-rise-30",
            label: "rise in serum creatinine from baseline",
            left: percentIncrease("serumCreatinine"),
            cmp: ">=",
            right: quantity(30, "%"),
            source: fs,
          }),
        },
      ],
    });
    expect(flare).toMatchObject({ kind: "flare", parameters: {}, notes: [] });
    const scr = (value: number) => ({ serumCreatinine: { value, unit: "umol/L" } });
    const r = detectFlares(flare, {
      id: "p",
      baseline: scr(70),
      // 90/70 = +28.6% (no flare), 100/70 = +42.9% (flare)
      visits: [
        { day: 90, labs: scr(90) },
        { day: 180, labs: scr(100) },
      ],
    });
    expect(r.flares.map((f) => [f.day, f.grade])).toEqual([[180, "nephritic"]]);
  });

  it("names the path of an invalid rule", () => {
    const bad = {
      ...refractory,
      rule: { ...refractory.rule, expr: ref("CR") },
    };
    const { kind: _kind, ...spec } = bad;
    expect(issuesOf(() => defineEligibilityCriteria(spec)).map((i) => i.path)).toEqual([
      "rule.expr.to",
    ]);
  });
});

// ---------------------------------------------------------------------------
// Invalid input

function issuesOf(f: () => unknown): readonly { path: string; message: string }[] {
  try {
    f();
  } catch (e) {
    expect(CriteriaError.isCriteriaError(e)).toBe(true);
    return (e as CriteriaError).issues;
  }
  throw new Error("expected a CriteriaError");
}

describe("invalid builder input is a CriteriaError naming the path", () => {
  const source = { section: S };
  const spec = (expr: Expr): ResponseCriteriaSpec => ({
    id: "broken",
    version: "1.0.0",
    title: "t",
    citation,
    locator: source,
    evidence: "unverified",
    proteinuriaMeasure: "upcr",
    categories: [{ name: "CR", label: "CR", source, expr }],
    noResponse: { label: "NR", source },
  });
  const upcrBelow = (v: number) =>
    cmp({
      id: "u",
      label: "UPCR",
      left: value("upcr", "current"),
      cmp: "<",
      right: quantity(v, "g/g"),
      source,
    });

  it.each([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN])(
    "a threshold of %d",
    (v) => {
      const issues = issuesOf(() =>
        defineResponseCriteria(spec(all({ id: "a", label: "a", of: [upcrBelow(v)] }))),
      );
      expect(issues.map((i) => i.path)).toEqual(["categories[0].expr.of[0].right.value"]);
    },
  );

  it("a reference to a definition that does not exist (or comes later)", () => {
    const issues = issuesOf(() =>
      defineResponseCriteria(spec(all({ id: "a", label: "a", of: [upcrBelow(0.5), ref("PR")] }))),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe("categories[0].expr.of[1].to");
    expect(issues[0]?.message).toContain("'PR'");
  });

  it("a placeholder that no parameter binds", () => {
    const issues = issuesOf(() =>
      defineResponseCriteria(
        spec(
          cmp({
            id: "u",
            label: "UPCR",
            left: value("upcr", "current"),
            cmp: "<",
            right: bind("nowhere"),
            source,
          }),
        ),
      ),
    );
    expect(issues[0]?.path).toMatch(/^categories\[0\]\.expr\.right/);
  });

  it("an unsafe id, with the argument left unfrozen", () => {
    const bad = { ...spec(upcrBelow(0.5)), id: "x; DROP TABLE visits" };
    expect(issuesOf(() => defineResponseCriteria(bad)).map((i) => i.path)).toEqual(["id"]);
    expect(Object.isFrozen(bad)).toBe(false);
  });
});
