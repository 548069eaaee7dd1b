// Shared readings (issue 14 item 6): the `sedimentCutoff` parameter of every object that has one
// is built by sedimentCutoffParameter (src/criteria/reference-values.ts), and the trial end-point
// blocks of AURORA 1, REGENCY and BLISS-LN by src/criteria/trial-endpoints.ts. Expected values are
// written by hand: ACR 2012 (Hahn 2012) calls sediment active above 5 RBC/hpf or 5 WBC/hpf, so its
// complement is ≤ 5/hpf (inclusive); BLISS-LN's registered inactive sediment is < 5 RBCs/WBCs.
// Protocol weeks × 7 days: week 52 = day 364, week 76 = day 532, week 104 = day 728.
import { describe, expect, it } from "vitest";
import { sedimentCutoffParameter } from "../../src/criteria/reference-values.js";
import {
  crrCategory,
  crrEndpoint,
  noCompleteRenalResponse,
  weeklySchedule,
} from "../../src/criteria/trial-endpoints.js";
import { criteria } from "../../src/index.js";

const INCLUSIVE_5 = { rbcMax: 5, wbcMax: 5, inclusive: true };
const STRICT_5 = { rbcMax: 5, wbcMax: 5, inclusive: false };

describe("sedimentCutoffParameter", () => {
  const p = sedimentCutoffParameter({ section: "S", quote: "inactive sediment" }, "Phrase.");

  it("default 'acr2012' binds ≤ 5/hpf; 'strict' binds < 5/hpf; nothing else", () => {
    expect(p.default).toBe("acr2012");
    expect(Object.keys(p.readings).sort()).toEqual(["acr2012", "strict"]);
    expect(p.readings.acr2012?.bindings).toEqual({ sedimentParams: INCLUSIVE_5 });
    expect(p.readings.strict?.bindings).toEqual({ sedimentParams: STRICT_5 });
  });

  it("keeps the caller's source and phrase", () => {
    expect(p.source).toEqual({ section: "S", quote: "inactive sediment" });
    expect(p.description.startsWith("Phrase. ")).toBe(true);
  });

  it.each([
    ["kang2020", "normal counts of urine blood cells or casts"],
    ["acr2006", "inactive urinary sediment"],
    ["liu2015", "[U] inactive urine sediment"],
    ["lunar2012", "inactive urinary sediment"],
  ] as const)("%s uses it (quote %j), same readings as every other", (id, quote) => {
    const own = criteria[id].parameters.sedimentCutoff;
    expect(own?.source.quote).toBe(quote);
    const { description: _d, source: _s, ...rest } = own ?? p;
    const { description: _pd, source: _ps, ...shared } = p;
    expect(rest).toEqual(shared);
  });
});

describe("trial end-point blocks", () => {
  it("weeklySchedule: day = 7 × week, ±28 days, the note names what was read", () => {
    const s = weeklySchedule([52, 104], { section: "A" }, "The abstract");
    expect(s.timepoints).toEqual([
      { label: "week 52", day: 364, windowDays: 28 },
      { label: "week 104", day: 728, windowDays: 28 },
    ]);
    expect(s.note.startsWith("The abstract gives no visit window; the library uses ±28 days")).toBe(
      true,
    );
  });

  it("the shipped trial objects carry the hand-written schedules", () => {
    expect(criteria.aurora1.schedule?.timepoints.map((t) => t.day)).toEqual([364]);
    expect(criteria.regency2025.schedule?.timepoints.map((t) => t.day)).toEqual([532]);
    expect(criteria.blissln2020.schedule?.timepoints.map((t) => t.day)).toEqual([364, 728]);
    expect(criteria.blissln2020Registry.schedule?.timepoints.map((t) => t.day)).toEqual([728]);
  });

  it("CRR end point is the CR category; NR is 'no complete renal response'", () => {
    expect(crrEndpoint("L", { section: "A" })).toEqual({
      name: "CRR",
      label: "L",
      source: { section: "A" },
      expr: { op: "ref", to: "CR" },
    });
    expect(noCompleteRenalResponse("A")).toEqual({
      label: "no complete renal response",
      source: { section: "A" },
    });
    for (const o of [criteria.aurora1, criteria.regency2025, criteria.blissln2020Registry]) {
      expect(o.noResponse.label).toBe("no complete renal response");
      expect(o.endpoints.find((e) => e.name === "CRR")?.expr).toEqual({ op: "ref", to: "CR" });
    }
  });

  it("crrCategory: the CR category is the conjunction of the clauses, labelled CRR", () => {
    const clause = { op: "ref", to: "X" } as const;
    const c = crrCategory({ section: "A" }, clause);
    expect(c.name).toBe("CR");
    expect(c.label).toBe("complete renal response (CRR)");
    expect(c.expr).toEqual({
      op: "all",
      id: "crr",
      label: "complete renal response",
      of: [clause],
    });
    for (const o of [criteria.aurora1, criteria.regency2025, criteria.blissln2020]) {
      expect(o.categories[0]?.label).toBe("complete renal response (CRR)");
      expect(o.categories[0]?.expr).toMatchObject({ op: "all", id: "crr" });
    }
  });
});
