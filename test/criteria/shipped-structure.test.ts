// Structure of the shipped objects that no classification test sees: every object, copied,
// passes the criteria schema (so every clause, definition, parameter and reading keeps its
// source locator); protocol schedules as the sources print them; the standard-of-care agent
// lists; and the evidence of the readings an object uses, computed afresh on copies (the
// computation is memoised per object, so a test on the shipped object could see a result
// computed earlier).
import { describe, expect, it } from "vitest";
import { assessEligibility } from "../../src/api/eligibility.js";
import { readingEvidence } from "../../src/criteria/evidence.js";
import { criteria, eligibility, flares } from "../../src/criteria/index.js";
import type { AnyCriteria } from "../../src/ir/schema.js";
import { safeValidateCriteria } from "../../src/ir/schema.js";
import type { PatientRecord } from "../../src/model/record.js";

const shipped: AnyCriteria[] = [
  ...Object.values(criteria),
  ...Object.values(eligibility),
  ...Object.values(flares),
];
const copy = <T>(x: T): T => structuredClone(x) as T;

describe("every shipped object, copied, passes the criteria schema", () => {
  it.each(shipped.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const r = safeValidateCriteria(copy(c));
    expect(r.success ? [] : r.error.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([]);
  });
  it("the copy is checked, not recognised: a copy without a clause's section is refused", () => {
    const broken = copy(criteria.kang2020) as unknown as {
      categories: { source: Record<string, unknown> }[];
    };
    (broken.categories[0] as { source: Record<string, unknown> }).source = {};
    expect(safeValidateCriteria(broken).success).toBe(false);
  });
});

describe("protocol schedules as the sources print them", () => {
  it.each([
    // "24-week induction" (ALMS), "complete remission at 24 weeks" (Liu 2015): day 168.
    ["alms2009", [["week 24", 168, 28]]],
    ["liu2015", [["week 24", 168, 28]]],
    // "renal response status at week 52" (LUNAR): day 364.
    ["lunar2012", [["week 52", 364, 28]]],
    // "preferably by 6 months, and no later than 12 months" (EULAR/ERA-EDTA 2012) and
    // "within 6–12 months of starting therapy" (KDIGO 2024): 6 × 30.4375 = 182.6 → 183,
    // 12 × 30.4375 = 365.25 → 365.
    [
      "eular2012",
      [
        ["month 6", 183, 30],
        ["month 12", 365, 45],
      ],
    ],
    [
      "kdigo2024",
      [
        ["month 6", 183, 30],
        ["month 12", 365, 45],
      ],
    ],
  ] as const)("%s", (id, expected) => {
    const c = criteria[id as keyof typeof criteria];
    expect(c.schedule?.timepoints.map((t) => [t.label, t.day, t.windowDays])).toEqual(expected);
  });
  it("KDIGO 2024 reports overall response (CR or PR) as an end point", () => {
    expect(criteria.kdigo2024.endpoints.map((e) => e.name)).toEqual(["OR"]);
  });
});

describe("standard-of-care agents: the 'with-biologics' reading adds belimumab, obinutuzumab, rituximab", () => {
  const failedOn = (a: string, b: string): PatientRecord => ({
    id: "b",
    exclusions: {
      nonAdherence: false,
      malignancyHistory: false,
      severeAllergy: false,
      severeHepaticInsufficiency: false,
      pregnancy: false,
      lactation: false,
      childbearingIntention: false,
    },
    treatmentHistory: {
      ordered: true,
      courses: [
        { agents: [a as "belimumab"], mode: "single", bestResponse: "NR", durationMonths: 6 },
        { agents: [b as "belimumab"], mode: "single", bestResponse: "NR", durationMonths: 6 },
      ],
    },
  });
  it.each([
    ["belimumab", "obinutuzumab"],
    ["rituximab", "belimumab"],
  ])(
    "%s then %s: not two standard courses by default (with-cni); two under with-biologics",
    (a, b) => {
      const r = failedOn(a, b);
      expect(assessEligibility(eligibility.zhang2023Refractory, r).status).toBe("ineligible");
      expect(
        assessEligibility(eligibility.zhang2023Refractory, r, {
          interpretation: { standardOfCare: "with-biologics" },
        }).status,
      ).not.toBe("ineligible");
    },
  );
});

describe("the evidence of the readings used, computed on copies", () => {
  it("kang2020: a reading with its own reference and evidence; one that takes the object's", () => {
    const e = readingEvidence(copy(criteria.kang2020), {});
    expect(e.creatinineReference).toEqual({
      reading: "mayo-clinic",
      evidence: "secondary",
      reference: expect.stringMatching(/Mayo Clinic/),
      used: true,
    });
    expect(e.prProteinuriaBounds).toEqual({
      reading: "inclusive",
      evidence: "secondary",
      used: true,
    });
    expect("reference" in (e.prProteinuriaBounds ?? {})).toBe(false);
    const ws = readingEvidence(copy(criteria.kang2020), {
      creatinineReference: "china-ws-t-404.5",
    });
    expect(ws.creatinineReference?.evidence).toBe("third-party");
  });
  it("the UPCR conversion reading is used through the object's `conversions`, not a clause", () => {
    expect(readingEvidence(copy(criteria.kdigo2024), {}).upcrConversion?.used).toBe(true);
  });
  it("a reading made irrelevant by another reading is unused (eular2012 normalGfr)", () => {
    const c = copy(criteria.eular2012);
    expect(readingEvidence(c, {}).normalGfr?.used).toBe(true);
    expect(readingEvidence(c, { renalFunction: "within-10-of-baseline" }).normalGfr?.used).toBe(
      false,
    );
  });
  it("an eligibility rule's readings are found in the rule", () => {
    expect(readingEvidence(copy(eligibility.zhang2023Refractory), {}).standardOfCare).toEqual({
      reading: "with-cni",
      evidence: "verified",
      reference: expect.stringContaining("EULAR/ERA-EDTA 2019"),
      used: true,
    });
  });
  it("a flare definition's readings are found in its grades", () => {
    const e = readingEvidence(copy(flares.kang2020RenalFlare), {});
    expect(Object.values(e).some((r) => r.used)).toBe(true);
  });

  // A hand-made object reaching a placeholder through every kind of node: compare (its
  // comparator and its right side), fact parameters (whole and per key), not, if, a bound
  // clause that itself binds another placeholder, a gap, and a ref (which binds nothing).
  const reading = (bindings: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    default: "r",
    readings: { r: { label: "r", rationale: "r", bindings, ...extra } },
  });
  const handMade = {
    kind: "response",
    evidence: "verified",
    categories: [
      {
        expr: {
          op: "if",
          cond: { op: "compare", cmp: { bind: "opA" }, right: { bind: "thrB" } },
          whenMet: { op: "fact", params: { bind: "pC" } },
          whenNotMet: { op: "not", of: { op: "fact", params: { x: 1, y: { bind: "pD" } } } },
        },
      },
    ],
    endpoints: [{ expr: { op: "any", of: [{ op: "ref", name: "CR" }] } }],
    gaps: [{ when: { op: "all", of: [{ op: "bind", name: "clauseE" }] } }],
    parameters: {
      A: reading({ opA: "<" }, { evidence: "unverified", reference: "ref A" }),
      B: reading({ thrB: { value: 1, unit: "g/24h" } }),
      C: reading({ pC: { name: "rescueTherapy", is: false } }),
      D: reading({ pD: 2 }),
      E: reading({
        clauseE: { op: "compare", cmp: "<", right: { bind: "thrF" } },
      }),
      F: reading({ thrF: { value: 2, unit: "g/24h" } }),
      G: reading({ nobodyReadsThis: 3 }),
    },
  } as unknown as AnyCriteria;
  it("every kind of node is followed; a binding nobody reads leaves its parameter unused", () => {
    const e = readingEvidence(handMade, {});
    expect(Object.fromEntries(Object.entries(e).map(([k, v]) => [k, v.used]))).toEqual({
      A: true,
      B: true,
      C: true,
      D: true,
      E: true,
      F: true,
      G: false,
    });
    expect(e.A).toEqual({ reading: "r", evidence: "unverified", reference: "ref A", used: true });
    expect(e.B).toEqual({ reading: "r", evidence: "verified", used: true });
  });
  it("an unknown reading name takes the object's evidence and no reference", () => {
    expect(readingEvidence(handMade, { A: "nope" }).A).toEqual({
      reading: "nope",
      evidence: "verified",
      used: false,
    });
  });
});
