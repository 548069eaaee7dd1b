// The interop readers read laboratory unit spellings through readLabUnit (issue 15: "a documented
// table of common lab spellings mapped to canonical units, each mapping reported"), and report the
// reading on the row's or resource's outcome.
import { describe, expect, it } from "vitest";
import { fromFhir, fromLongRows } from "../../src/io.js";

describe("laboratory unit spellings in long files and FHIR", () => {
  it("SDTM LB: 'MG/DL' creatinine and 'g/24 hr' protein are used as mg/dL and g/24h, and said so", () => {
    const row = (seq: number, test: string, spec: string, value: string, unit: string) => ({
      USUBJID: "S1",
      LBSEQ: String(seq),
      LBTESTCD: test,
      LBSPEC: spec,
      LBSTRESN: value,
      LBSTRESU: unit,
      VISITNUM: "1",
      LBDTC: "2024-01-10",
    });
    const r = fromLongRows([
      row(1, "CREAT", "SERUM", "1.1", "MG/DL"),
      row(2, "PROT", "URINE", "3.2", "g/24 hr"),
    ]);
    expect(r.outcomes).toEqual([
      {
        index: 0,
        status: "used",
        subject: "S1",
        reason: "unit 'MG/DL' read as 'mg/dL' (UCUM's case-insensitive form)",
      },
      {
        index: 1,
        status: "used",
        subject: "S1",
        reason: "unit 'g/24 hr' read as 'g/24h' ('hr' read as 'h')",
      },
    ]);
    expect(r.records[0]?.baseline).toEqual({
      serumCreatinine: { value: 1.1, unit: "mg/dL" },
      proteinuria: { value: 3.2, unit: "g/24h" },
    });
  });

  it("FHIR: a valueQuantity unit 'MG/DL' (no UCUM system) is read as mg/dL, and said so", () => {
    const r = fromFhir({
      resourceType: "Bundle",
      type: "collection",
      entry: [
        { resource: { resourceType: "Patient", id: "p1", gender: "female" } },
        {
          resource: {
            resourceType: "Observation",
            id: "o1",
            status: "final",
            code: { coding: [{ system: "http://loinc.org", code: "2160-0" }] },
            subject: { reference: "Patient/p1" },
            effectiveDateTime: "2024-01-10",
            valueQuantity: { value: 1.1, unit: "MG/DL" },
          },
        },
      ],
    });
    expect(r.outcomes[1]).toMatchObject({
      status: "used",
      resource: "Observation/o1",
      reason: "unit 'MG/DL' read as 'mg/dL' (UCUM's case-insensitive form)",
    });
    expect(r.records[0]?.baseline?.serumCreatinine).toEqual({ value: 1.1, unit: "mg/dL" });
  });
});
