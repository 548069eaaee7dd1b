// Censored values (a laboratory's "<0.1", ">3000") as intervals. Boundary cases written by hand
// from the sentences of KDIGO 2012 Table 28 (as reproduced by Parikh 2020) and Zhang 2023 §2.4:
//   KDIGO 2012 CR: "UPCR falls to ≤0.5 g/g" (reading '<': "< 500 mg/g"); PR: "UPCR falls by >50%",
//     "if proteinuria was nephrotic-range [≥ 3000 mg/g], also to <3000 mg/g";
//     "SCr returns to the previous baseline" (current ≤ 100% of baseline).
//   Zhang 2023 CR: 24-h urine protein "< 0.5 g/day"; PR: "> 50% decrease", albumin "≥ 30 g/L".
// A clause is met when every value of the censored range satisfies it, not met when none does,
// unknown otherwise. Every expected value below is worked out by hand from those rules.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { summarizeCohort } from "../../src/analysis/cohort.js";
import { kdigo2012 } from "../../src/criteria/kdigo2012.js";
import { zhang2023 } from "../../src/criteria/zhang2023.js";
import { changeInterval, compareInterval, inputInterval } from "../../src/evaluate/censor.js";
import {
  assessEligibility,
  assessRecord,
  type ClassifyOptions,
  type ClauseResult,
  classifyResponse,
  clauseSentence,
  compile,
  criteria,
  detectFlares,
  egfrCkdEpi2021,
  eligibility,
  estimateEgfr,
  flares,
  LabValuesSchema,
  type PatientRecord,
  type Quantity,
  type ResponseInput,
  ResponseInputSchema,
  renderExplanation,
} from "../../src/index.js";
import { analysisDataset } from "../../src/io.js";
import {
  censoredDenseResponseInput,
  censoredResponseInput,
  propertyRuns,
} from "../support/generators.js";

type Censor = "<" | "<=" | ">" | ">=";
const g = (value: number, censor?: Censor, unit = "g/g"): Quantity =>
  censor === undefined ? { value, unit } : { value, unit, censor };
const umol = (value: number, censor?: Censor): Quantity => g(value, censor, "umol/L");

function kdigo(o: {
  upcr0?: Quantity;
  upcr?: Quantity;
  scr0?: Quantity;
  scr?: Quantity;
  uln?: number;
}): ResponseInput {
  return {
    patient: { sex: "F" },
    baseline: { proteinuria: o.upcr0 ?? g(4), serumCreatinine: o.scr0 ?? umol(80) },
    current: {
      proteinuria: o.upcr ?? g(0.2),
      serumCreatinine: o.scr ?? umol(75),
      ...(o.uln === undefined ? {} : { serumCreatinineUpperLimit: umol(o.uln) }),
    },
  };
}

function clause(
  r: { explanation: { categories: readonly { result: ClauseResult }[] } },
  id: string,
) {
  const walk = (n: ClauseResult): ClauseResult | undefined =>
    n.id === id ? n : (n.children ?? []).map(walk).find((x) => x !== undefined);
  for (const c of r.explanation.categories) {
    const hit = walk(c.result);
    if (hit) return hit;
  }
  throw new Error(`no clause ${id}`);
}

const strict: ClassifyOptions = { interpretation: { crUpcrOperator: "<" } };
const truthOf = (i: ResponseInput, id: string, o: ClassifyOptions = {}) =>
  clause(classifyResponse(kdigo2012, i, o), id).truth;

/** The category from the interpreter, checked against the closures and the generated code. */
function category(c: Parameters<typeof compile>[0], i: ResponseInput, o: ClassifyOptions = {}) {
  const r = classifyResponse(c, i, o);
  const interpretation = o.interpretation ?? {};
  expect(compile(c, { interpretation, codegen: false }).category(i)).toBe(r.category);
  expect(compile(c, { interpretation }).category(i)).toBe(r.category);
  return r.category;
}

describe("a censored value against a threshold (KDIGO 2012 CR: UPCR < 0.5 g/g)", () => {
  it.each([
    ["<0.1 g/g: whole range [0, 0.1) below 0.5", g(0.1, "<"), "met"],
    ["<0.5 g/g: [0, 0.5) lies below 0.5 (the open bound is the threshold)", g(0.5, "<"), "met"],
    ["<=0.5 g/g: 0.5 itself is in the range and is not below 0.5", g(0.5, "<="), "unknown"],
    ["<0.7 g/g: 0.2 is below, 0.6 is not", g(0.7, "<"), "unknown"],
    [">3 g/g: every value is above 0.5", g(3, ">"), "not-met"],
    [">=0.5 g/g: 0.5 and above, none below 0.5", g(0.5, ">="), "not-met"],
    [">0.4 g/g: 0.45 is below, 0.6 is not", g(0.4, ">"), "unknown"],
    ["<500 mg/g: 500 mg/g is 0.5 g/g exactly, open", g(500, "<", "mg/g"), "met"],
    ["<=500 mg/g", g(500, "<=", "mg/g"), "unknown"],
  ] as const)("%s → %s", (_what, upcr, truth) => {
    expect(truthOf(kdigo({ upcr }), "cr-upcr", strict)).toBe(truth);
  });

  it("under the default reading (≤ 0.5 g/g) a '<=0.5' value is met and '>0.5' is not", () => {
    expect(truthOf(kdigo({ upcr: g(0.5, "<=") }), "cr-upcr")).toBe("met");
    expect(truthOf(kdigo({ upcr: g(0.5, ">") }), "cr-upcr")).toBe("not-met");
    expect(truthOf(kdigo({ upcr: g(0.5, ">=") }), "cr-upcr")).toBe("unknown");
  });

  it("the category follows, in every backend", () => {
    // UPCR 4 → <0.1 g/g, creatinine 80 → 75 µmol/L (93.75% of baseline): CR.
    expect(category(kdigo2012, kdigo({ upcr: g(0.1, "<") }), strict)).toBe("CR");
    // <=0.5: CR unknown; PR: fall in [87.5%, 100%] > 50% met, < 3000 mg/g met, creatinine
    // +−6.25% within 25% met: PR met, so CR or PR.
    expect(category(kdigo2012, kdigo({ upcr: g(0.5, "<=") }), strict)).toBe("indeterminate");
    // >3 g/g: CR not met; fall in (−∞, 25%) not > 50%: NR.
    expect(category(kdigo2012, kdigo({ upcr: g(3, ">") }), strict)).toBe("NR");
  });
});

describe("derived values of a censored input", () => {
  it("percent decrease with a censored current value still decides (PR: > 50% fall from 4 g/g)", () => {
    // <1.5: fall in (62.5%, 100%]; <2.5: (37.5%, 100%]; >2: (−∞, 50%); >=2: (−∞, 50%].
    expect(truthOf(kdigo({ upcr: g(1.5, "<") }), "pr-upcr-drop-50")).toBe("met");
    expect(truthOf(kdigo({ upcr: g(2.5, "<") }), "pr-upcr-drop-50")).toBe("unknown");
    expect(truthOf(kdigo({ upcr: g(2, ">") }), "pr-upcr-drop-50")).toBe("not-met");
    expect(truthOf(kdigo({ upcr: g(2, ">=") }), "pr-upcr-drop-50")).toBe("not-met");
    expect(truthOf(kdigo({ upcr: g(2, "<=") }), "pr-upcr-drop-50")).toBe("unknown");
  });

  it("a censored baseline", () => {
    // baseline >4, current 1: fall (b − 1)/b in (75%, 100%): > 50% met.
    expect(truthOf(kdigo({ upcr0: g(4, ">"), upcr: g(1) }), "pr-upcr-drop-50")).toBe("met");
    // baseline >=3, current 1.5: fall in [50%, 100%): 50% itself is not > 50%.
    expect(truthOf(kdigo({ upcr0: g(3, ">="), upcr: g(1.5) }), "pr-upcr-drop-50")).toBe("unknown");
    // baseline >3, current 1.5: (50%, 100%): met.
    expect(truthOf(kdigo({ upcr0: g(3, ">"), upcr: g(1.5) }), "pr-upcr-drop-50")).toBe("met");
    // baseline <4 may be 0: a change relative to it may be undefined.
    const r = classifyResponse(kdigo2012, kdigo({ upcr0: g(4, "<"), upcr: g(1) }));
    const drop = clause(r, "pr-upcr-drop-50");
    expect(drop.truth).toBe("unknown");
    expect(drop.missing).toEqual([]);
    expect(drop.range?.censored).toEqual(["baseline.proteinuria"]);
    // The nephrotic-range baseline (≥ 3000 mg/g): >3 g/g met, <3 g/g not met, <=3 g/g unknown.
    expect(truthOf(kdigo({ upcr0: g(3, ">") }), "pr-baseline-nephrotic")).toBe("met");
    expect(truthOf(kdigo({ upcr0: g(3, "<") }), "pr-baseline-nephrotic")).toBe("not-met");
    expect(truthOf(kdigo({ upcr0: g(3, "<=") }), "pr-baseline-nephrotic")).toBe("unknown");
  });

  it("both censored: baseline >4, current <1 → fall in (75%, 100%]", () => {
    const r = classifyResponse(kdigo2012, kdigo({ upcr0: g(4, ">"), upcr: g(1, "<") }));
    const drop = clause(r, "pr-upcr-drop-50");
    expect(drop.truth).toBe("met");
    expect(drop.range).toMatchObject({
      low: 75,
      lowInclusive: false,
      high: 100,
      highInclusive: true,
      unit: "%",
      censored: ["baseline.proteinuria", "current.proteinuria"],
    });
  });

  it("creatinine in percent of baseline (KDIGO CR: ≤ 100%)", () => {
    // current <80 of baseline 80: (0%, 100%) met; <=90: (0%, 112.5%] unknown;
    // baseline >70 with current 60: (0%, 85.71…%) met; baseline <=60 with current 70:
    // (116.66…%, ∞) not met.
    expect(truthOf(kdigo({ scr: umol(80, "<") }), "cr-scr-back-to-baseline")).toBe("met");
    expect(truthOf(kdigo({ scr: umol(90, "<=") }), "cr-scr-back-to-baseline")).toBe("unknown");
    expect(truthOf(kdigo({ scr0: umol(70, ">"), scr: umol(60) }), "cr-scr-back-to-baseline")).toBe(
      "met",
    );
    expect(truthOf(kdigo({ scr0: umol(60, "<="), scr: umol(70) }), "cr-scr-back-to-baseline")).toBe(
      "not-met",
    );
  });

  it("the serum creatinine reference-interval fact (KDIGO reading 'normal', ULN 90 µmol/L)", () => {
    const o: ClassifyOptions = { interpretation: { crCreatinine: "normal" } };
    expect(truthOf(kdigo({ scr: umol(60, "<"), uln: 90 }), "cr-scr-normal", o)).toBe("met");
    expect(truthOf(kdigo({ scr: umol(90, "<="), uln: 90 }), "cr-scr-normal", o)).toBe("met");
    expect(truthOf(kdigo({ scr: umol(100, ">"), uln: 90 }), "cr-scr-normal", o)).toBe("not-met");
    expect(truthOf(kdigo({ scr: umol(95, "<="), uln: 90 }), "cr-scr-normal", o)).toBe("unknown");
    expect(truthOf(kdigo({ scr: umol(90, ">"), uln: 90 }), "cr-scr-normal", o)).toBe("not-met");
    expect(truthOf(kdigo({ scr: umol(90, ">="), uln: 90 }), "cr-scr-normal", o)).toBe("unknown");
  });
});

describe("the interval rules on their own", () => {
  it("ranges of input values", () => {
    expect(inputInterval(0.1, "<", "urineProtein24h")).toEqual({
      lo: 0,
      loOpen: false,
      hi: 0.1,
      hiOpen: true,
    });
    // Creatinine is never 0: <40 is (0, 40).
    expect(inputInterval(40, "<", "serumCreatinine")).toEqual({
      lo: 0,
      loOpen: true,
      hi: 40,
      hiOpen: true,
    });
    expect(inputInterval(3, ">=", "upcr")).toEqual({
      lo: 3,
      loOpen: false,
      hi: Number.POSITIVE_INFINITY,
      hiOpen: true,
    });
  });
  it("comparisons respect the openness of each end", () => {
    const below = { lo: 0, loOpen: false, hi: 0.5, hiOpen: true };
    const upTo = { lo: 0, loOpen: false, hi: 0.5, hiOpen: false };
    expect(compareInterval(below, "<", 0.5)).toBe("met");
    expect(compareInterval(upTo, "<", 0.5)).toBe("unknown");
    expect(compareInterval(upTo, "<=", 0.5)).toBe("met");
    expect(compareInterval(below, ">=", 0.5)).toBe("not-met");
    expect(compareInterval(upTo, ">=", 0.5)).toBe("unknown");
    expect(compareInterval(upTo, ">", 0.5)).toBe("not-met");
    const above = { lo: 3, loOpen: true, hi: Number.POSITIVE_INFINITY, hiOpen: true };
    expect(compareInterval(above, ">", 3)).toBe("met");
    expect(compareInterval(above, "<=", 3)).toBe("not-met");
    expect(compareInterval(above, ">=", 4)).toBe("unknown");
  });
  it("absolute percent change over overlapping ranges reaches 0", () => {
    // baseline [2, 2], current [0, 3): |c − b| / b from 0 (c = 2) to 100% (c = 0).
    const r = changeInterval(
      "absPercentChange",
      inputInterval(2, undefined, "upcr"),
      inputInterval(3, "<", "upcr"),
      (x) => x,
    );
    expect(r).toEqual({ lo: 0, loOpen: false, hi: 100, hiOpen: false });
    // baseline 2, current >3: (50%, ∞).
    expect(
      changeInterval(
        "absPercentChange",
        inputInterval(2, undefined, "upcr"),
        inputInterval(3, ">", "upcr"),
        (x) => x,
      ),
    ).toEqual({ lo: 50, loOpen: true, hi: Number.POSITIVE_INFINITY, hiOpen: true });
  });
  it("absolute changes: an increase from 1.0 to >1.5 is (0.5, ∞)", () => {
    expect(
      changeInterval(
        "increase",
        inputInterval(1, undefined, "serumCreatinine"),
        inputInterval(1.5, ">", "serumCreatinine"),
        (x) => x,
      ),
    ).toEqual({ lo: 0.5, loOpen: true, hi: Number.POSITIVE_INFINITY, hiOpen: true });
  });
});

describe("explanations and results", () => {
  it("says why a censored clause is met, not met or unknown", () => {
    const met = clause(classifyResponse(kdigo2012, kdigo({ upcr: g(0.1, "<") })), "cr-upcr");
    expect(clauseSentence(met, "KDIGO 2012")).toBe(
      "UPCR <0.1 g/g is at or below 0.5 g/g: met (the censored value's whole range lies at or below the threshold; KDIGO 2012, Table 28 (as reproduced by Parikh 2020)).",
    );
    const converted = clause(
      classifyResponse(kdigo2012, kdigo({ upcr: g(100, "<", "mg/g") })),
      "cr-upcr",
    );
    expect(clauseSentence(converted, "KDIGO 2012")).toBe(
      "UPCR <0.1 g/g (entered as <100 mg/g) is at or below 0.5 g/g: met (the censored value's whole range lies at or below the threshold; KDIGO 2012, Table 28 (as reproduced by Parikh 2020)).",
    );
    const unknown = clause(classifyResponse(kdigo2012, kdigo({ upcr: g(0.7, "<") })), "cr-upcr");
    expect(clauseSentence(unknown, "KDIGO 2012")).toBe(
      "UPCR <0.7 g/g may or may not be at or below 0.5 g/g: unknown (censored value <0.7 g/g; KDIGO 2012, Table 28 (as reproduced by Parikh 2020)).",
    );
    const notMet = clause(classifyResponse(kdigo2012, kdigo({ upcr: g(3, ">") })), "cr-upcr");
    expect(clauseSentence(notMet, "KDIGO 2012")).toBe(
      "UPCR >3 g/g is not at or below 0.5 g/g: not met (no value in the censored value's range is at or below the threshold; KDIGO 2012, Table 28 (as reproduced by Parikh 2020)).",
    );
    const drop = clause(
      classifyResponse(kdigo2012, kdigo({ upcr: g(1.5, "<") })),
      "pr-upcr-drop-50",
    );
    expect(clauseSentence(drop, "KDIGO 2012")).toBe(
      "fall in UPCR from baseline in (62.5%, 100%] (from 4 g/g to <1.5 g/g) is above 50%: met (the censored value's whole range lies above the threshold; KDIGO 2012, Table 28 (as reproduced by Parikh 2020)).",
    );
  });

  it("an indeterminate result names the censored input, not as missing (Zhang 2023)", () => {
    const input: ResponseInput = {
      baseline: { proteinuria: g(4, undefined, "g/24h"), serumCreatinine: umol(70) },
      current: {
        proteinuria: g(0.7, "<", "g/24h"),
        serumCreatinine: umol(72),
        serumAlbumin: { value: 35, unit: "g/L" },
      },
    };
    // CR: < 0.5 g/day unknown on [0, 0.7); PR: fall in (82.5%, 100%] > 50%, < 3 g/day,
    // albumin 35 ≥ 30, creatinine +2.9%: met. So CR or PR.
    const r = classifyResponse(zhang2023, input);
    expect(r.category).toBe("indeterminate");
    expect(r.possibleCategories).toEqual(["CR", "PR"]);
    expect(r.missing).toEqual([]);
    expect(r.censored).toEqual(["current.proteinuria"]);
    expect(renderExplanation(r)).toContain(
      "Censored values whose range leaves the category open: current.proteinuria.",
    );
    expect(category(zhang2023, input)).toBe("indeterminate");
  });

  it("uncensored inputs: no range, no censored key (results as before)", () => {
    const r = classifyResponse(kdigo2012, kdigo({ upcr: g(0.7) }));
    expect("censored" in r).toBe(false);
    expect(clause(r, "cr-upcr")).not.toHaveProperty("range");
    expect(clause(r, "cr-upcr").observed?.value).toBe(0.7);
  });
});

describe("the input schema", () => {
  it("accepts a censor on a laboratory quantity, refuses '<0' and a censored reference limit", () => {
    expect(LabValuesSchema.safeParse({ proteinuria: g(0.1, "<", "g/24h") }).success).toBe(true);
    expect(LabValuesSchema.safeParse({ proteinuria: g(0, "<=", "g/24h") }).success).toBe(true);
    const empty = LabValuesSchema.safeParse({ proteinuria: g(0, "<", "g/24h") });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.path).toEqual(["proteinuria", "censor"]);
    expect(LabValuesSchema.safeParse({ serumCreatinineUpperLimit: umol(90, "<") }).success).toBe(
      false,
    );
    expect(
      LabValuesSchema.safeParse({ proteinuria: { value: 1, unit: "g/24h", censor: "ad" } }).success,
    ).toBe(false);
    expect(ResponseInputSchema.parse({ current: { egfr: g(90, ">", "mL/min/1.73m2") } })).toEqual({
      current: { egfr: { value: 90, unit: "mL/min/1.73m2", censor: ">" } },
    });
  });
});

// Soundness: a clause (or category) decided on a censored input is decided the same way for every
// exact value in the censored range. Points are sampled inside each range with 6 significant
// digits (a laboratory's precision) and classified without censoring.
const inside = (q: Quantity, u: number, positive: boolean): Quantity => {
  const v = q.value;
  let x: number;
  switch (q.censor) {
    case "<":
      x = v * Math.min(Math.max(u, positive ? 0.001 : 0), 0.999);
      break;
    case "<=":
      x = v * Math.max(u, positive ? 0.001 : 0);
      break;
    case ">":
      x = v === 0 ? 0.01 + u * 10 : v * (1.001 + u * 3);
      break;
    default:
      x = v * (1 + u * 3);
  }
  return { value: Number(x.toPrecision(6)), unit: q.unit };
};
const POSITIVE = new Set(["serumCreatinine", "serumAlbumin", "egfr"]);
function concretize(i: ResponseInput, us: readonly number[]): ResponseInput {
  let k = 0;
  const labs = (l: ResponseInput["current"]) => {
    if (!l) return l;
    const out: Record<string, unknown> = { ...l };
    for (const [f, q] of Object.entries(l)) {
      if (q && typeof q === "object" && "censor" in q && q.censor !== undefined) {
        out[f] = inside(q as Quantity, us[k++ % us.length] as number, POSITIVE.has(f));
      }
    }
    return out as ResponseInput["current"];
  };
  return { ...i, baseline: labs(i.baseline), current: labs(i.current) };
}
function sameWhereDecided(censored: ClauseResult, exact: ClauseResult, path: string[]): void {
  if (censored.truth !== "unknown") {
    expect(exact.truth, [...path, censored.id].join(" › ")).toBe(censored.truth);
  }
  const kids = censored.children ?? [];
  kids.forEach((c, j) => {
    sameWhereDecided(c, (exact.children ?? [])[j] as ClauseResult, [...path, censored.id]);
  });
}

describe("soundness: a result decided on a censored range holds for every value in it", () => {
  const objects = Object.values(criteria);
  it.each(objects.map((c) => [c.id, c] as const))(
    "%s",
    (_id, c) => {
      fc.assert(
        fc.property(
          fc.oneof(censoredResponseInput, censoredDenseResponseInput),
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
          (input, us) => {
            const r = classifyResponse(c, input);
            const exact = classifyResponse(c, concretize(input, us));
            if (r.category !== "indeterminate") expect(exact.category).toBe(r.category);
            r.explanation.categories.forEach((d, j) => {
              sameWhereDecided(d.result, exact.explanation.categories[j]?.result as ClauseResult, [
                d.name,
              ]);
            });
          },
        ),
        { numRuns: propertyRuns(150) },
      );
    },
    60_000,
  );
});

describe("eGFR from a censored creatinine", () => {
  it("is not estimated (a range, not a number) and the equations refuse it", () => {
    const e = estimateEgfr({
      patient: { sex: "F", ageYears: 40 },
      serumCreatinine: { value: 40, unit: "umol/L", censor: "<" },
    });
    expect(e.status).toBe("indeterminate");
    expect(e.missing).toEqual(["serumCreatinine"]);
    expect(e.flags).toContain(
      "Serum creatinine <40 umol/L is a censored value: the equation needs an exact one.",
    );
    expect(() =>
      egfrCkdEpi2021({
        serumCreatinine: { value: 40, unit: "umol/L", censor: "<" },
        sex: "F",
        ageYears: 40,
      }),
    ).toThrow(RangeError);
  });
});

describe("eligibility on a censored baseline (Kang 2020 refractory: 'proteinuria of no less than 1.0 g/24 h')", () => {
  const history = {
    ordered: true,
    courses: [
      {
        agents: ["mycophenolate"],
        mode: "single",
        bestResponse: "PR",
        outcome: "failure-or-relapse",
      },
      { agents: ["tacrolimus"], mode: "single", bestResponse: "PR", outcome: "failure-or-relapse" },
    ],
  } as const;
  const assess = (proteinuria: Quantity) =>
    assessEligibility(eligibility.kang2020Refractory, {
      id: "x",
      baseline: { proteinuria },
      treatmentHistory: history,
    });
  it(">1.5 g/24h is at least 1.0: eligible; <0.8 is not; <1.5 is open and named as censored", () => {
    expect(assess(g(1.5, ">", "g/24h")).status).toBe("eligible");
    expect(assess(g(1, ">=", "g/24h")).status).toBe("eligible");
    expect(assess(g(0.8, "<", "g/24h")).status).toBe("ineligible");
    const open = assess(g(1.5, "<", "g/24h"));
    expect(open.status).toBe("indeterminate");
    expect(open.missing).toEqual([]);
    expect(open.censored).toEqual(["baseline.proteinuria"]);
  });
});

describe("time points and cohort outputs name a censored input (Zhang 2023, week 24)", () => {
  // Baseline 4 g/24h, creatinine 70 → 72 µmol/L, albumin 35 g/L; at day 168 "<0.7 g/24h": CR or PR.
  const record: PatientRecord = {
    id: "c1",
    baseline: { proteinuria: g(4, undefined, "g/24h"), serumCreatinine: umol(70) },
    visits: [
      {
        day: 168,
        labs: {
          proteinuria: g(0.7, "<", "g/24h"),
          serumCreatinine: umol(72),
          serumAlbumin: { value: 35, unit: "g/L" },
        },
      },
    ],
  };
  const W24 = { label: "week 24", day: 168, windowDays: 28 };
  it("the time point lists it as censored, the cohort and the analysis dataset give it as the reason", () => {
    const t = assessRecord(zhang2023, record, { timepoints: [W24] });
    expect(t.timepoints[0]).toMatchObject({
      category: "indeterminate",
      missing: [],
      censored: ["current.proteinuria"],
    });
    const rows = analysisDataset([summarizeCohort(zhang2023, [record], { timepoints: [W24] })]);
    expect(rows.find((r) => r.PARAMCD === "RENRESP")?.REASON).toBe(
      "not evaluable: censored current.proteinuria",
    );
  });
});

describe("flares on a censored value (Moroni 2022: 'a rise in proteinuria of ≥2 g/24 h' from < 3.5)", () => {
  // Previous 0.4 g/24h, creatinine 70 → 72 µmol/L (+2.9%: no nephritic flare, creatinine unchanged).
  const record = (proteinuria: Quantity): PatientRecord => ({
    id: "p",
    baseline: { proteinuria: g(0.4, undefined, "g/24h"), serumCreatinine: umol(70) },
    visits: [{ day: 90, labs: { proteinuria, serumCreatinine: umol(72) } }],
  });
  it(">3 g/24h is a rise of more than 2.6: a proteinuric flare; <2.6 may be one, named as censored", () => {
    const sure = detectFlares(flares.moroni2022, record(g(3, ">", "g/24h")));
    expect(sure.flares.map((f) => f.grade)).toEqual(["proteinuric"]);
    // <2.6: a rise in [−0.4, 2.2) g/24h, which may or may not reach 2.
    const open = detectFlares(flares.moroni2022, record(g(2.6, "<", "g/24h")));
    expect(open.flares).toEqual([]);
    expect(open.possible).toEqual([
      { day: 90, grades: ["proteinuric"], missing: [], censored: ["current.proteinuria"] },
    ]);
    // <2 g/24h: a rise below 1.6, never 2: no flare.
    const none = detectFlares(flares.moroni2022, record(g(2, "<", "g/24h")));
    expect(none.flares).toEqual([]);
    expect(none.possible).toEqual([]);
  });
});

// The interval arithmetic at its edges, each expectation worked out by hand from the corner rule
// (a change's range runs between its values at the corners (baseline low, current high) and
// (baseline high, current low); an infinite or censored end is open). Written for the mutants
// the 2026-12-04 mutation run left alive in src/evaluate/censor.ts.
describe("change ranges at their edges", () => {
  const id = (x: number) => x;
  const exact = (v: number) => inputInterval(v, undefined, "urineProtein24h");

  it("'>3' is the open range (3, ∞)", () => {
    expect(inputInterval(3, ">", "upcr")).toEqual({
      lo: 3,
      loOpen: true,
      hi: Number.POSITIVE_INFINITY,
      hiOpen: true,
    });
  });

  it("absolute percent change: current wholly above, wholly below, and overlapping the baseline", () => {
    // b = 2, c > 3: from 50 % (open, c never equals 3) up to ∞.
    expect(
      changeInterval("absPercentChange", exact(2), inputInterval(3, ">", "urineProtein24h"), id),
    ).toEqual({ lo: 50, loOpen: true, hi: Number.POSITIVE_INFINITY, hiOpen: true });
    // b = 4, c ≤ 1: |1 − 4| / 4 = 75 % to |0 − 4| / 4 = 100 %, both reached.
    expect(
      changeInterval("absPercentChange", exact(4), inputInterval(1, "<=", "urineProtein24h"), id),
    ).toEqual({ lo: 75, loOpen: false, hi: 100, hiOpen: false });
    // b = 2, c in [0, 6]: c = 2 gives 0; the top is c = 6 (200 %), not c = 0 (100 %).
    expect(
      changeInterval("absPercentChange", exact(2), inputInterval(6, "<=", "urineProtein24h"), id),
    ).toEqual({ lo: 0, loOpen: false, hi: 200, hiOpen: false });
    // b = 2, c in [0, 4): 100 % at c = 0 (reached) and as c → 4 (not reached): the top is
    // reached, so it is closed.
    expect(
      changeInterval("absPercentChange", exact(2), inputInterval(4, "<", "urineProtein24h"), id),
    ).toEqual({ lo: 0, loOpen: false, hi: 100, hiOpen: false });
  });

  it("absolute changes: current minus baseline, and baseline minus current", () => {
    // Creatinine 60 → >100: an increase of more than 40, up to ∞.
    expect(
      changeInterval("increase", exact(60), inputInterval(100, ">", "serumCreatinine"), id),
    ).toEqual({ lo: 40, loOpen: true, hi: Number.POSITIVE_INFINITY, hiOpen: true });
    // Creatinine 60 → ≤40 (creatinine is never 0): a decrease of 20 (reached) to 60 (not reached).
    expect(
      changeInterval("decrease", exact(60), inputInterval(40, "<=", "serumCreatinine"), id),
    ).toEqual({ lo: 20, loOpen: false, hi: 60, hiOpen: true });
  });

  it("a baseline that may be 0 leaves an absolute change defined (only relative ones are not)", () => {
    // Protein ≤1 → 2: an increase of 1 to 2.
    expect(
      changeInterval("increase", inputInterval(1, "<=", "urineProtein24h"), exact(2), id),
    ).toEqual({ lo: 1, loOpen: false, hi: 2, hiOpen: false });
    expect(
      changeInterval("percentIncrease", inputInterval(1, "<=", "urineProtein24h"), exact(2), id),
    ).toBeUndefined();
  });

  it("a range with an end that cannot be computed decides nothing", () => {
    const halfKnown = { lo: Number.NaN, loOpen: true, hi: 100, hiOpen: false };
    expect(compareInterval(halfKnown, "<", 200)).toBe("unknown");
    expect(compareInterval({ ...halfKnown, lo: 0, hi: Number.NaN }, ">=", 0)).toBe("unknown");
  });
});
