import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jsonSchemas } from "../../src/index.js";

describe("JSON Schema files", () => {
  it("schema/*.schema.json are up to date (regenerate: npm run build && node scripts/gen-json-schema.mjs)", () => {
    const { patientRecord, responseInput } = jsonSchemas();
    const read = (f: string) =>
      JSON.parse(readFileSync(new URL(`../../schema/${f}`, import.meta.url), "utf8"));
    expect(read("patient-record.schema.json")).toEqual(patientRecord);
    expect(read("response-input.schema.json")).toEqual(responseInput);
  });
  it("lists the accepted units and rejects unknown keys", () => {
    const { responseInput } = jsonSchemas();
    const text = JSON.stringify(responseInput);
    for (const unit of [
      "g/24h",
      "mg/mmol",
      "umol/L",
      "mg/dL",
      "g/dL",
      "mL/min/1.73m2",
      "g/(24.h)",
    ]) {
      expect(text).toContain(`"${unit}"`);
    }
    expect(responseInput.additionalProperties).toBe(false);
  });
});
