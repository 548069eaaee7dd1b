// The parser against two independent hand transcriptions: the Table 1 fixtures' structured
// histories (typed by hand from the tables) must equal the parser's reading of the verbatim cells.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type PatientRecord,
  parseMedicationHistory,
  TreatmentHistorySchema,
} from "../../src/index.js";

// Course-level `verbatim` is provenance text (the fixtures keep it for Kang only): compare the structure.
const bare = (h: unknown) =>
  h && typeof h === "object" && "courses" in h
    ? {
        ...(h as object),
        courses: (h as { courses: object[] }).courses.map(
          ({ verbatim: _, ...c }: { verbatim?: string }) => c,
        ),
      }
    : h;

const load = (name: string): { records: PatientRecord[] } =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8"));

describe("Kang 2020 Table 1, 'Previous medications and outcome'", () => {
  const records = load("kang2020-table1.json").records;
  it.each(records.map((r) => [r.provenance?.row, r] as const))("patient %i", (_row, r) => {
    const cell = r.treatmentHistory?.verbatim as string;
    const parsed = parseMedicationHistory(cell);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(bare(parsed.history)).toEqual(bare(r.treatmentHistory));
      expect(TreatmentHistorySchema.parse(parsed.history)).toEqual(parsed.history);
    }
  });
});

describe("Zhang 2023 Table 1, 'Previous immunosuppressive agents'", () => {
  const records = load("zhang2023-table1.json").records;
  it.each(records.map((r) => [r.provenance?.row, r] as const))("patient %i", (_row, r) => {
    const parsed = parseMedicationHistory(r.treatmentHistory?.verbatim as string);
    expect(parsed.ok && bare(parsed.history)).toEqual(bare(r.treatmentHistory));
  });
});
