// The shared "normal serum creatinine" parameter (src/criteria/reference-values.ts) and the
// Chinese national reference interval WS/T 404.5-2015 (enzymatic, adults 20–59 y: women 41–73,
// men 57–97 µmol/L), checked against the one thing the two Chinese cohorts print about their
// own laboratory's limit: Zhang 2023 Table 2, "Abnormal sCr".
//
// Table 2 (factors related with OR): at 12 months OR 0 / non-OR 2 (22.2%), i.e. 2 of the 17
// patients assessed; at 24 months OR 0 / non-OR 1, i.e. 1 of 13. The 17 are the 20 enrolled
// minus the two withdrawals for cytopenia (Table 1 rows 5 and 16, the rows whose adverse event
// is cytopenia; §3.5) minus the patient who missed month 12 because of COVID-19 — who "achieved
// CR at month 6 and month 24" (§3.2), so is in the 24-month OR group, whose abnormal-sCr count is
// 0: that patient's creatinine is normal. Hence a laboratory limit reproduces Table 2 only if
// exactly 2 of the 18 non-withdrawn patients have an abnormal baseline creatinine. (Table 2 is
// read as baseline characteristics; patients 11–13 are 15–17 years old and are judged with the
// adult limits, as the paper gives no other.)
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { creatinineReferenceParameter } from "../../src/criteria/reference-values.js";
import { evaluateExpr } from "../../src/evaluate/interpret.js";
import { classifyResponse, criteria } from "../../src/index.js";
import type { Expr, SexSpecific } from "../../src/ir/expr.js";

const param = creatinineReferenceParameter({ section: "test" }, "Test phrase.");

interface Row {
  readonly provenance: { readonly row: number };
  readonly patient: { readonly sex: string };
  readonly baseline: {
    readonly serumCreatinine: { readonly value: number; readonly unit: string };
  };
}
const rows: Row[] = JSON.parse(
  readFileSync(new URL("../fixtures/zhang2023-table1.json", import.meta.url), "utf8"),
).records;

/** Table 1 rows (1-based) whose baseline creatinine is not normal under the given upper limits. */
function abnormalRows(limit: SexSpecific, subset: readonly Row[] = rows): number[] {
  const fact: Expr = {
    op: "fact",
    id: "scr-normal",
    label: "serum creatinine",
    fact: "serumCreatinineNormal",
    params: { defaultUpperLimit: limit },
    source: { section: "test" },
  };
  return subset
    .filter(
      (r) =>
        evaluateExpr(fact, {
          patient: { sex: r.patient.sex as "F" | "M" },
          current: {
            serumCreatinine: { value: r.baseline.serumCreatinine.value, unit: "umol/L" },
          },
        }).truth === "not-met",
    )
    .map((r) => r.provenance.row);
}

const limitOf = (reading: string): SexSpecific => {
  const b = param.readings[reading]?.bindings.creatinineUpperLimit;
  if (!b) throw new Error(`no reading ${reading}`);
  return b as SexSpecific;
};

const nonWithdrawn = rows.filter((r) => r.provenance.row !== 5 && r.provenance.row !== 16);

describe("creatinineReference readings (shared by kang2020, acr2006, alms2009, liu2015, lunar2012)", () => {
  it("offers Mayo (default), enzymatic-assay and WS/T 404.5 upper limits, each with its evidence", () => {
    expect(param.default).toBe("mayo-clinic");
    expect(limitOf("mayo-clinic")).toEqual({
      F: { value: 91.9, unit: "umol/L" },
      M: { value: 119.3, unit: "umol/L" },
    });
    expect(limitOf("enzymatic-assay")).toEqual({
      F: { value: 90, unit: "umol/L" },
      M: { value: 104, unit: "umol/L" },
    });
    expect(limitOf("china-ws-t-404.5")).toEqual({
      F: { value: 73, unit: "umol/L" },
      M: { value: 97, unit: "umol/L" },
    });
    expect(param.readings["china-ws-t-404.5"]?.evidence).toBe("third-party");
    expect(param.readings["china-ws-t-404.5"]?.reference).toMatch(/WS\/T 404\.5-2015/);
    expect(param.readings["china-ws-t-404.5"]?.reference).toMatch(/was NOT read/);
    for (const c of [
      criteria.kang2020,
      criteria.acr2006,
      criteria.alms2009,
      criteria.liu2015,
      criteria.lunar2012,
    ]) {
      expect(Object.keys(c.parameters.creatinineReference?.readings ?? {})).toEqual([
        "mayo-clinic",
        "enzymatic-assay",
        "china-ws-t-404.5",
      ]);
    }
  });
});

describe("Zhang 2023 Table 2 'Abnormal sCr' against each upper limit (Table 1 baseline creatinine)", () => {
  it("Mayo Clinic (F 91.9 / M 119.3): rows 5 and 9 of 20; only row 9 of the 18 — Table 2 is not reproduced", () => {
    expect(abnormalRows(limitOf("mayo-clinic"))).toEqual([5, 9]);
    expect(abnormalRows(limitOf("mayo-clinic"), nonWithdrawn)).toEqual([9]);
  });
  it("enzymatic assay (F 90 / M 104): the same rows — not reproduced", () => {
    expect(abnormalRows(limitOf("enzymatic-assay"))).toEqual([5, 9]);
    expect(abnormalRows(limitOf("enzymatic-assay"), nonWithdrawn)).toEqual([9]);
  });
  it("WS/T 404.5 enzymatic (F 73 / M 97): rows 6, 8, 9 and 20 of the 18 — too many, not reproduced", () => {
    expect(abnormalRows(limitOf("china-ws-t-404.5"))).toEqual([5, 6, 8, 9, 20]);
    expect(abnormalRows(limitOf("china-ws-t-404.5"), nonWithdrawn)).toEqual([6, 8, 9, 20]);
  });
  it("a female limit of 84 µmol/L (male ≥ 96) reproduces it: rows 8 and 9 of the 18", () => {
    const f84: SexSpecific = { F: { value: 84, unit: "umol/L" }, M: { value: 96, unit: "umol/L" } };
    expect(abnormalRows(f84, nonWithdrawn)).toEqual([8, 9]);
    // the boundary: 84 itself (row 6) is normal at a limit of 84 and abnormal just below it
    const f83: SexSpecific = { F: { value: 83.9, unit: "umol/L" }, M: f84.M };
    expect(abnormalRows(f83, nonWithdrawn)).toEqual([6, 8, 9]);
  });
  it("so none of the shipped limits is the Zhang laboratory's: the count among the 18 must be exactly 2", () => {
    const counts = Object.fromEntries(
      Object.keys(param.readings).map((r) => [r, abnormalRows(limitOf(r), nonWithdrawn).length]),
    );
    expect(counts).toEqual({ "mayo-clinic": 1, "enzymatic-assay": 1, "china-ws-t-404.5": 4 });
  });
});

describe("kang2020 'normal serum creatinine' under the WS/T 404.5 reading", () => {
  const input = (scr: number, sex: "F" | "M", upper?: number) => ({
    patient: { sex },
    baseline: {
      proteinuria: { value: 3, unit: "g/24h" },
      serumCreatinine: { value: scr, unit: "umol/L" },
    },
    current: {
      proteinuria: { value: 0.2, unit: "g/24h" },
      serumCreatinine: { value: scr, unit: "umol/L" },
      serumAlbumin: { value: 38, unit: "g/L" },
      urineSediment: { rbcPerHpf: 1, wbcPerHpf: 1, cellularCasts: false },
      ...(upper === undefined
        ? {}
        : { serumCreatinineUpperLimit: { value: upper, unit: "umol/L" } }),
    },
  });
  const ws = { interpretation: { creatinineReference: "china-ws-t-404.5" } };
  it.each([
    [73, "F", "CR"], // at the limit: normal
    [73.1, "F", "NR"], // above it: CR fails, protein below the PR range (the gap)
    [97, "M", "CR"],
    [97.1, "M", "NR"],
  ] as const)("creatinine %s µmol/L (%s) → %s", (scr, sex, expected) => {
    expect(classifyResponse(criteria.kang2020, input(scr, sex), ws).category).toBe(expected);
  });
  it("a woman at 80 µmol/L: CR by default (Mayo), not under WS/T 404.5; reported not robust", () => {
    const r = classifyResponse(criteria.kang2020, input(80, "F"));
    expect(r.category).toBe("CR");
    expect(r.sensitiveTo).toEqual(["creatinineReference"]);
    expect(r.readingEvidence.creatinineReference).toMatchObject({
      reading: "mayo-clinic",
      evidence: "secondary",
      used: true,
    });
    const w = classifyResponse(criteria.kang2020, input(80, "F"), ws);
    expect(w.category).toBe("NR");
    expect(w.criteria.evidence).toBe("third-party");
    expect(w.readingEvidence.creatinineReference?.evidence).toBe("third-party");
  });
  it("the laboratory's own upper limit wins over every reading", () => {
    expect(classifyResponse(criteria.kang2020, input(80, "F", 84), ws).category).toBe("CR");
    expect(classifyResponse(criteria.kang2020, input(80, "F", 75)).category).toBe("NR");
  });
});
