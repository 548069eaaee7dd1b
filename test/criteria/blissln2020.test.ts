// Boundary cases for BLISS-LN, written by hand from the two texts.
// Publication (NEJM 2020 abstract): PERR = "a ratio of urinary protein to creatinine of ≤ 0.7, an
//   eGFR that was no worse than 20% below the value before the renal flare (pre-flare value) or
//   ≥ 60 ml per minute per 1.73 m², and no use of rescue therapy"; CRR = UPCR < 0.5, eGFR no worse
//   than 10% below the pre-flare value or ≥ 90, no rescue therapy.
// Registry (NCT01639339 via Corapi 2015 Table 3): CRR = "eGFR no more than 10% below pre-flare
//   value or normal; UPC ratio < 0.5; urine sediment inactive (< 5 RBCs/WBCs, no casts); no
//   rescue therapy".
import { describe, expect, it } from "vitest";
import { blissln2020, blissln2020Registry } from "../../src/criteria/blissln2020.js";
import { type ClassifyOptions, classifyResponse, type ResponseInput } from "../../src/index.js";

const P = blissln2020;
const R = blissln2020Registry;

function patient(o: {
  preFlare?: number;
  egfr?: number;
  upcr: number;
  unit?: string;
  rescue?: boolean | undefined;
  rbc?: number;
  wbc?: number;
  casts?: boolean;
}): ResponseInput {
  return {
    baseline: { egfr: { value: o.preFlare ?? 100, unit: "mL/min/1.73m2" } },
    current: {
      proteinuria: { value: o.upcr, unit: o.unit ?? "g/g" },
      egfr: { value: o.egfr ?? 100, unit: "mL/min/1.73m2" },
      urineSediment: {
        rbcPerHpf: o.rbc ?? 1,
        wbcPerHpf: o.wbc ?? 1,
        cellularCasts: o.casts ?? false,
      },
      ...("rescue" in o ? { rescueTherapy: o.rescue } : { rescueTherapy: false }),
    },
  };
}

const catP = (i: ResponseInput, options: ClassifyOptions = {}) =>
  classifyResponse(P, i, options).category;
const catR = (i: ResponseInput, options: ClassifyOptions = {}) =>
  classifyResponse(R, i, options).category;

describe("BLISS-LN publication CRR: UPCR < 0.5", () => {
  it.each([
    [0.49, "CR"],
    [0.5, "PR"], // not < 0.5, but ≤ 0.7: PERR
    [0.51, "PR"],
  ])("UPCR %s g/g → %s", (upcr, expected) => {
    expect(catP(patient({ upcr }))).toBe(expected);
  });
});

describe("BLISS-LN publication PERR: UPCR ≤ 0.7", () => {
  it.each([
    [0.69, "PR"],
    [0.7, "PR"], // ≤ 0.7
    [0.71, "NR"],
  ])("UPCR %s g/g → %s", (upcr, expected) => {
    expect(catP(patient({ upcr }))).toBe(expected);
  });
});

describe("BLISS-LN publication CRR eGFR: no worse than 10% below pre-flare, or ≥ 90", () => {
  it.each([
    [72.1, "CR"],
    [72, "CR"], // exactly 10% below 80
    [71.9, "PR"], // 10.1% below and < 90; PERR (≤ 20% below) holds
  ])("pre-flare 80 → %s → %s", (egfr, expected) => {
    expect(catP(patient({ preFlare: 80, egfr, upcr: 0.3 }))).toBe(expected);
  });
  it.each([
    [90.1, "CR"],
    [90, "CR"], // ≥ 90 although 25% below 120
    [89.9, "PR"], // 25.1% below and < 90; PERR via ≥ 60
  ])("pre-flare 120 → %s → %s", (egfr, expected) => {
    expect(catP(patient({ preFlare: 120, egfr, upcr: 0.3 }))).toBe(expected);
  });
});

describe("BLISS-LN publication PERR eGFR: no worse than 20% below pre-flare, or ≥ 60", () => {
  it.each([
    [56.1, "PR"],
    [56, "PR"], // exactly 20% below 70
    [55.9, "NR"], // 20.1% below and < 60
  ])("pre-flare 70 → %s (UPCR 0.6) → %s", (egfr, expected) => {
    expect(catP(patient({ preFlare: 70, egfr, upcr: 0.6 }))).toBe(expected);
  });
  it.each([
    [60.1, "PR"],
    [60, "PR"], // ≥ 60 although 40% below 100
    [59.9, "NR"],
  ])("pre-flare 100 → %s (UPCR 0.6) → %s", (egfr, expected) => {
    expect(catP(patient({ preFlare: 100, egfr, upcr: 0.6 }))).toBe(expected);
  });
  it("a rise above the pre-flare value passes", () => {
    expect(catP(patient({ preFlare: 50, egfr: 55, upcr: 0.3 }))).toBe("CR");
  });
});

describe("BLISS-LN publication: no use of rescue therapy", () => {
  it("rescue therapy → NR even with UPCR 0.3", () => {
    expect(catP(patient({ upcr: 0.3, rescue: true }))).toBe("NR");
  });
  it("rescue therapy not reported → indeterminate, naming the input", () => {
    const r = classifyResponse(P, patient({ upcr: 0.3, rescue: undefined }));
    expect(r.category).toBe("indeterminate");
    expect(r.missing).toEqual(["current.rescueTherapy"]);
  });
  it("the pre-flare eGFR missing: the ≥ 90 arm still decides", () => {
    const r = classifyResponse(P, {
      current: {
        proteinuria: { value: 0.3, unit: "g/g" },
        egfr: { value: 95, unit: "mL/min/1.73m2" },
        rescueTherapy: false,
      },
    });
    expect(r.category).toBe("CR");
  });
});

describe("BLISS-LN publication end points", () => {
  it.each([
    [0.3, "CR", "met", "met"],
    [0.6, "PR", "met", "not-met"],
    [0.8, "NR", "not-met", "not-met"],
  ])("UPCR %s → %s, PERR %s, CRR %s", (upcr, category, perr, crr) => {
    const r = classifyResponse(P, patient({ upcr }));
    expect(r.category).toBe(category);
    expect(r.endpoints).toEqual({ PERR: perr, CRR: crr });
  });
  it("the publication ignores the sediment", () => {
    expect(catP(patient({ upcr: 0.3, rbc: 30, casts: true }))).toBe("CR");
  });
});

describe("BLISS-LN units: a UPCR in another unit gives the same category", () => {
  // 0.5 g/g = 56.56 mg/mmol and 0.7 g/g = 79.18 mg/mmol (exact conversion).
  it.each([
    ["mg/mmol", 56, "CR"],
    ["mg/mmol", 57, "PR"],
    ["mg/mmol", 79, "PR"],
    ["mg/mmol", 80, "NR"],
    ["mg/g", 499, "CR"],
    ["mg/g", 700, "PR"],
    ["mg/g", 701, "NR"],
    ["mg/mg", 0.7, "PR"],
  ])("%s %s → %s", (unit, upcr, expected) => {
    expect(catP(patient({ upcr, unit }))).toBe(expected);
  });
});

describe("BLISS-LN registry CRR: UPC ratio < 0.5", () => {
  it.each([
    [0.49, "CR"],
    [0.5, "NR"], // no partial level in the registry object
    [0.51, "NR"],
  ])("UPCR %s → %s", (upcr, expected) => {
    expect(catR(patient({ upcr }))).toBe(expected);
  });
});

describe("BLISS-LN registry CRR: inactive sediment (< 5 RBCs/WBCs, no casts)", () => {
  it.each([
    [4, 1, "CR"],
    [5, 1, "NR"], // not < 5
    [1, 4, "CR"],
    [1, 5, "NR"],
  ])("RBC %s, WBC %s per hpf → %s", (rbc, wbc, expected) => {
    expect(catR(patient({ upcr: 0.3, rbc, wbc }))).toBe(expected);
  });
  it("casts → NR", () => {
    expect(catR(patient({ upcr: 0.3, casts: true }))).toBe("NR");
  });
  it("a laboratory verdict is used when given", () => {
    const i = patient({ upcr: 0.3, rbc: 12 });
    const v: ResponseInput = { ...i, current: { ...i.current, urineSediment: { normal: true } } };
    expect(catR(v)).toBe("CR");
  });
  it("registry and publication differ on an active sediment", () => {
    const i = patient({ upcr: 0.3, rbc: 8 });
    expect(catP(i)).toBe("CR");
    expect(catR(i)).toBe("NR");
  });
});

describe("BLISS-LN registry CRR eGFR: no more than 10% below pre-flare, or normal", () => {
  it.each([
    [72, "CR"], // 10% below 80
    [71.9, "NR"],
  ])("pre-flare 80 → %s → %s", (egfr, expected) => {
    expect(catR(patient({ preFlare: 80, egfr, upcr: 0.3 }))).toBe(expected);
  });
  it.each([
    [90, "CR"], // normal = ≥ 90 (default)
    [89.9, "NR"],
  ])("pre-flare 120 → %s → %s (normalEgfr '90')", (egfr, expected) => {
    expect(catR(patient({ preFlare: 120, egfr, upcr: 0.3 }))).toBe(expected);
  });
  const o = { interpretation: { normalEgfr: "60" } };
  it.each([
    [60, "CR"],
    [59.9, "NR"],
  ])("pre-flare 120 → %s → %s (normalEgfr '60')", (egfr, expected) => {
    expect(catR(patient({ preFlare: 120, egfr, upcr: 0.3 }), o)).toBe(expected);
  });
  it("rescue therapy → NR", () => {
    expect(catR(patient({ upcr: 0.3, rescue: true }))).toBe("NR");
  });
});

describe("BLISS-LN criteria objects", () => {
  it("publication: verified, with the DOI, PERR and CRR end points", () => {
    expect(P.evidence).toBe("verified");
    expect(P.citation.doi).toBe("10.1056/NEJMoa2001180");
    expect(P.endpoints.map((e) => e.name)).toEqual(["PERR", "CRR"]);
    expect(P.categories.map((c) => c.name)).toEqual(["CR", "PR"]);
  });
  it("registry: verified via Corapi 2015 Table 3, a separate id, CR only", () => {
    expect(R.evidence).toBe("verified");
    expect(R.id).toBe("blissln2020Registry");
    expect(R.id).not.toBe(P.id);
    expect(R.citation.url).toContain("s13075-015-0621-6/tables/3");
    expect(R.categories.map((c) => c.name)).toEqual(["CR"]);
  });
  it.each([
    ["publication", P],
    ["registry", R],
  ] as const)("%s survives a JSON round trip and classifies the same", (_n, c) => {
    const copy = JSON.parse(JSON.stringify(c));
    expect(copy).toEqual(c);
    for (const upcr of [0.3, 0.6, 0.8]) {
      const i = patient({ upcr, rbc: 6 });
      expect(classifyResponse(copy, i).category).toBe(classifyResponse(c, i).category);
    }
  });
});
