// Evidence labels never overstate (issue 12 item 7): an object's evidence is at most the weakest
// evidence of any threshold or reading its classification uses, checked over every shipped
// object; every classification result shows the evidence of the readings it actually used.
import { describe, expect, it } from "vitest";
import { EVIDENCE_ORDER, readingEvidence, rootExprs } from "../../src/criteria/evidence.js";
import {
  CKD_EPI_2021_CITATION,
  classifyResponse,
  criteria,
  eligibility,
  flares,
  type ResponseInput,
} from "../../src/index.js";
import type { Expr } from "../../src/ir/expr.js";
import { bindingsOf, fullInterpretation } from "../../src/ir/readings.js";
import { resolveExpr } from "../../src/ir/resolve.js";
import type {
  EligibilityCriteria,
  Evidence,
  FlareCriteria,
  ResponseCriteria,
} from "../../src/ir/types.js";

type Any = ResponseCriteria | EligibilityCriteria | FlareCriteria;
const shipped: Any[] = [
  ...Object.values(criteria),
  ...Object.values(eligibility),
  ...Object.values(flares),
];
const rank = (e: Evidence) => EVIDENCE_ORDER.indexOf(e);

/** Every quote of every clause the object classifies with under its default readings. */
function quotes(c: Any): string[] {
  const b = bindingsOf(c, fullInterpretation(c));
  const out: string[] = [];
  const walk = (e: Expr): void => {
    if (e.op === "compare" || e.op === "fact") {
      out.push(e.source.quote ?? "");
    } else if (e.op === "all" || e.op === "any") e.of.forEach(walk);
    else if (e.op === "not") walk(e.of);
    else if (e.op === "if") [e.cond, e.whenMet, e.whenNotMet].forEach(walk);
  };
  for (const e of rootExprs(c)) walk(resolveExpr(e, b));
  return out;
}

describe("no shipped object is labelled stronger than the evidence it uses", () => {
  it.each(shipped.map((c) => [c.id, c] as const))(
    "%s: evidence ≤ every default reading it uses",
    (_id, c) => {
      const used = readingEvidence(c, fullInterpretation(c));
      for (const [name, p] of Object.entries(c.parameters)) {
        const r = p.readings[p.default];
        if (!used[name]?.used || r?.evidence === undefined) continue;
        expect(
          rank(c.evidence),
          `${c.id}: '${c.evidence}' but its default reading ${name}=${p.default} is '${r.evidence}'`,
        ).toBeGreaterThanOrEqual(rank(r.evidence));
      }
    },
  );
  it.each(shipped.map((c) => [c.id, c] as const))(
    "%s: a clause quoted as unverified ([U]) makes the object unverified",
    (_id, c) => {
      const unverifiedClauses = quotes(c).filter((q) => q.includes("[U]"));
      if (unverifiedClauses.length > 0) expect(c.evidence).toBe("unverified");
    },
  );
});

describe("the labels the issue found overstated", () => {
  it("kang2020ExtraRenalFlare: its only threshold (> 30 mg/day) is unverified, so it is", () => {
    expect(flares.kang2020ExtraRenalFlare.parameters.highDose?.readings[">30"]?.evidence).toBe(
      "unverified",
    );
    expect(flares.kang2020ExtraRenalFlare.evidence).toBe("unverified");
  });
  it("kdigo2024 is not titled after KDIGO 2021, whose text was not read", () => {
    expect(criteria.kdigo2024.title).not.toMatch(/2021/);
    expect(criteria.kdigo2024.citation.year).toBe(2024);
  });
  it("readings that give a BLISS-LN number (90, 60) the meaning 'normal GFR' are unverified", () => {
    for (const r of Object.values(criteria.eular2012.parameters.normalGfr?.readings ?? {}))
      expect(r.evidence).toBe("unverified");
    expect(
      criteria.eular2019.parameters.kidneyFunction?.readings["egfr-near-normal"]?.evidence,
    ).toBe("unverified");
    expect(criteria.acr2006.parameters.prKidneyFunction?.readings.literal?.evidence).toBe(
      "unverified",
    );
    // eular2012's default CR needs such a number, so the object is unverified too
    expect(criteria.eular2012.evidence).toBe("unverified");
  });
  it("kang2020: the paper is read, but its default numbers for 'normal' are secondary", () => {
    expect(criteria.kang2020.evidence).toBe("secondary");
  });
  it("the CKD-EPI 2021 citation does not state the unverified DOI as its DOI", () => {
    expect(Object.keys(CKD_EPI_2021_CITATION)).not.toContain("doi");
    expect(CKD_EPI_2021_CITATION.url).toBe("https://kidney.org/ckd-epi-creatinine-equation-2021");
  });
});

describe("every classification result shows the evidence of the readings it used", () => {
  const kangInput: ResponseInput = {
    patient: { sex: "F" },
    baseline: {
      proteinuria: { value: 4.92, unit: "g/24h" },
      serumCreatinine: { value: 63, unit: "umol/L" },
    },
    current: {
      proteinuria: { value: 0.47, unit: "g/24h" },
      serumCreatinine: { value: 63, unit: "umol/L" },
      serumAlbumin: { value: 35, unit: "g/L" },
    },
  };
  it("one entry per parameter: reading, evidence, reference, used", () => {
    const r = classifyResponse(criteria.kang2020, kangInput);
    expect(Object.keys(r.readingEvidence)).toEqual(Object.keys(criteria.kang2020.parameters));
    expect(r.readingEvidence.creatinineReference).toEqual({
      reading: "mayo-clinic",
      evidence: "secondary",
      reference: expect.stringMatching(/Mayo Clinic/),
      used: true,
    });
    // a reading without its own evidence takes its numbers from the paper: the object's level
    expect(r.readingEvidence.prProteinuriaBounds).toEqual({
      reading: "inclusive",
      evidence: "secondary",
      used: true,
    });
    expect(r.criteria.evidence).toBe("secondary");
  });
  it("a weaker reading chosen by the caller weakens the result's evidence", () => {
    const r = classifyResponse(criteria.kang2020, kangInput, {
      interpretation: { creatinineReference: "china-ws-t-404.5" },
    });
    expect(r.readingEvidence.creatinineReference?.evidence).toBe("third-party");
    expect(r.criteria.evidence).toBe("third-party");
  });
  it("a reading no clause reads (made irrelevant by another reading) is marked unused and does not weaken", () => {
    const r = classifyResponse(
      criteria.eular2012,
      {
        baseline: {
          proteinuria: { value: 400, unit: "mg/mmol" },
          egfr: { value: 95, unit: "mL/min/1.73m2" },
        },
        current: {
          proteinuria: { value: 45, unit: "mg/mmol" },
          egfr: { value: 98, unit: "mL/min/1.73m2" },
        },
      },
      { interpretation: { renalFunction: "within-10-of-baseline" } },
    );
    expect(r.readingEvidence.normalGfr).toMatchObject({ reading: "90", used: false });
    expect(r.readingEvidence.renalFunction).toMatchObject({ evidence: "secondary", used: true });
    expect(r.criteria.evidence).toBe("unverified"); // never stronger than the object itself
  });
  it("zhang2023 uses no number from outside the paper: verified throughout", () => {
    const r = classifyResponse(criteria.zhang2023, {
      baseline: {
        proteinuria: { value: 4, unit: "g/24h" },
        serumCreatinine: { value: 60, unit: "umol/L" },
      },
      current: {
        proteinuria: { value: 0.4, unit: "g/24h" },
        serumCreatinine: { value: 60, unit: "umol/L" },
        serumAlbumin: { value: 36, unit: "g/L" },
      },
    });
    expect(r.criteria.evidence).toBe("verified");
    expect(Object.values(r.readingEvidence).map((e) => e.evidence)).toEqual([
      "verified",
      "verified",
      "verified",
    ]);
  });
});
