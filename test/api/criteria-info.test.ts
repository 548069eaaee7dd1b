// Issue 14 ("result.criteria has 6, 5 or 3 fields by front end"): every front end that
// classifies names its criteria object with the same block (CriteriaInfo).
import { describe, expect, it } from "vitest";
import {
  assessEligibility,
  classifyResponse,
  criteria,
  detectFlares,
  eligibility,
  flares,
  withOptions,
} from "../../src/index.js";

describe("the criteria block of a result", () => {
  it("is the same fields for classifyResponse, assessEligibility and detectFlares", () => {
    const response = classifyResponse(criteria.zhang2023, {}).criteria;
    const rule0 = assessEligibility(eligibility.zhang2023Refractory, {
      id: "p1",
    }).criteria;
    const flare = detectFlares(flares.moroni2022, { id: "p1", visits: [] }).criteria;
    // Written from the objects' citations (Front Immunol 2023; Moroni 2022).
    expect(response).toEqual({
      id: "zhang2023",
      version: criteria.zhang2023.version,
      evidence: "verified",
      citation: criteria.zhang2023.citation.short,
      doi: "10.3389/fimmu.2023.1133183",
    });
    expect(Object.keys(rule0).sort()).toEqual(["citation", "doi", "evidence", "id", "version"]);
    expect(rule0.citation).toBe(eligibility.zhang2023Refractory.citation.short);
    expect(Object.keys(flare).sort()).toEqual(
      flares.moroni2022.citation.doi === undefined
        ? ["citation", "evidence", "id", "version"]
        : ["citation", "doi", "evidence", "id", "version"],
    );
    expect(flare.citation).toBe(flares.moroni2022.citation.short);
  });

  it("names the object a variant was derived from, in every front end", () => {
    const variantOf = <
      C extends { parameters: Record<string, { default: string; readings: object }> },
    >(
      c: C,
    ): C => {
      const [name, p] = Object.entries(c.parameters)[0] ?? [];
      if (name === undefined || p === undefined) throw new Error("no parameter to vary");
      const other = Object.keys(p.readings).find((r) => r !== p.default) as string;
      return withOptions(c as never, { interpretation: { [name]: other } }) as C;
    };
    const rule = variantOf(eligibility.zhang2023Refractory);
    const def = variantOf(flares.moroni2022);
    expect(assessEligibility(rule, { id: "p1" }).criteria.derivedFrom).toBe(
      `zhang2023Refractory@${eligibility.zhang2023Refractory.version}`,
    );
    expect(detectFlares(def, { id: "p1", visits: [] }).criteria.derivedFrom).toBe(
      `moroni2022@${flares.moroni2022.version}`,
    );
  });
});
