// Type-level promises (issue 14, "types that help"): the throwing entry points that take one
// trusted value are typed, so a misspelt field, a unit or value of the wrong type and an unknown
// key are compile errors; the safe variants and the batch function take `unknown` (untrusted
// data, reported per item); `null` for a missing value compiles exactly where the schemas
// accept it; the parameter types are the schemas' input side.
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  assessEligibility,
  assessRecord,
  type CriteriaError,
  classifyMany,
  classifyResponse,
  criteria,
  detectFlares,
  type EligibilityStatus,
  eligibility,
  type FlareResult,
  flares,
  type InputError,
  type LabValues,
  type LabValuesLike,
  LabValuesSchema,
  PatientInfoSchema,
  type PatientRecord,
  type PatientRecordLike,
  PatientRecordSchema,
  type RecordTimeline,
  type ResponseInput,
  type ResponseInputLike,
  ResponseInputSchema,
  safeAssessEligibility,
  safeAssessRecord,
  safeClassifyResponse,
  safeDetectFlares,
  safeValidateCriteria,
  UrineSedimentSchema,
  type Visit,
  type VisitLike,
  type VisitSchema,
} from "../../src/index.js";

const kang = criteria.kang2020;
const refractory = eligibility.kang2020Refractory;
const moroni = flares.moroni2022;
const albumin = { value: 35, unit: "g/L" } as const;

describe("classifyResponse takes a typed input", () => {
  it("a correct literal compiles (with null for a missing value)", () => {
    classifyResponse(kang, {
      patient: { sex: "F", ageYears: 49 },
      baseline: { proteinuria: { value: 4.92, unit: "g/24h" }, serumCreatinine: null },
      current: { proteinuria: { value: 0.1, unit: "g/24h", censor: "<" }, serumAlbumin: albumin },
    });
    classifyResponse(kang, { current: null, patient: { sex: null } });
    classifyResponse(kang, {});
  });

  it("refuses a misspelt lab field, a wrong unit or value type, an unknown key", () => {
    // @ts-expect-error a misspelt lab field
    classifyResponse(kang, { current: { serumAlbumen: albumin } });
    // @ts-expect-error a unit given as a number
    classifyResponse(kang, { current: { serumAlbumin: { value: 35, unit: 1 } } });
    // @ts-expect-error a value given as a string
    classifyResponse(kang, { current: { serumAlbumin: { value: "35", unit: "g/L" } } });
    // @ts-expect-error an unknown top-level key
    classifyResponse(kang, { current: {}, visit: 2 });
    // @ts-expect-error a sex the schema does not know
    classifyResponse(kang, { patient: { sex: "female" } });
  });

  it("refuses unknown: untrusted data goes through safeClassifyResponse or classifyMany", () => {
    const parsed: unknown = JSON.parse("{}");
    // @ts-expect-error unknown is not a ResponseInputLike
    classifyResponse(kang, parsed);
    expectTypeOf(safeClassifyResponse).parameter(1).toEqualTypeOf<unknown>();
    expectTypeOf(classifyMany).parameter(1).toEqualTypeOf<readonly unknown[]>();
    safeClassifyResponse(kang, parsed);
    classifyMany(kang, [parsed, { current: 5 }]);
  });
});

describe("the record entry points take a typed record", () => {
  const record = {
    id: "p",
    patient: { sex: "F", ageYears: null },
    baseline: { proteinuria: { value: 3.4, unit: "g/24h" }, serumAlbumin: null },
    visits: [{ day: 180, labs: { proteinuria: { value: 0.4, unit: "g/24h" }, egfr: null } }],
  } satisfies PatientRecordLike;

  it("a correct literal compiles (with null for a missing lab value or patient field)", () => {
    assessRecord(kang, record);
    assessEligibility(refractory, record);
    detectFlares(moroni, record);
    assessRecord(kang, { id: "p", visits: [{ date: "2024-01-01", labs: {} }] });
  });

  it("assessRecord refuses a misspelt lab field, a wrong unit or value type, an unknown key", () => {
    // @ts-expect-error a misspelt lab field
    assessRecord(kang, { id: "p", baseline: { serumAlbumen: albumin } });
    // @ts-expect-error a unit given as a number
    assessRecord(kang, { id: "p", baseline: { serumAlbumin: { value: 35, unit: 1 } } });
    // @ts-expect-error a value given as a string
    assessRecord(kang, { id: "p", visits: [{ day: 1, labs: { egfr: { value: "9", unit: "" } } }] });
    // @ts-expect-error an unknown top-level key
    assessRecord(kang, { id: "p", baselineDay: 0 });
  });

  it("assessEligibility refuses the same mistakes", () => {
    // @ts-expect-error a misspelt lab field
    assessEligibility(refractory, { id: "p", baseline: { serumAlbumen: albumin } });
    // @ts-expect-error a unit given as a number
    assessEligibility(refractory, { id: "p", baseline: { serumAlbumin: { value: 35, unit: 1 } } });
    // @ts-expect-error a value given as a string
    assessEligibility(refractory, { id: "p", baseline: { egfr: { value: "9", unit: "x" } } });
    // @ts-expect-error an unknown top-level key
    assessEligibility(refractory, { id: "p", exclusion: {} });
  });

  it("detectFlares refuses the same mistakes", () => {
    // @ts-expect-error a misspelt lab field
    detectFlares(moroni, { id: "p", visits: [{ day: 1, labs: { serumAlbumen: albumin } }] });
    // @ts-expect-error a unit given as a number
    detectFlares(moroni, { id: "p", baseline: { serumAlbumin: { value: 35, unit: 1 } } });
    // @ts-expect-error a value given as a string
    detectFlares(moroni, { id: "p", baseline: { serumAlbumin: { value: "35", unit: "g/L" } } });
    // @ts-expect-error an unknown top-level key
    detectFlares(moroni, { id: "p", visit: [] });
  });

  it("null compiles only where the schema accepts it", () => {
    // @ts-expect-error PatientRecordSchema: a record's own fields are omitted, never null
    assessRecord(kang, { id: "p", baseline: null });
    // @ts-expect-error VisitSchema: a visit's own fields are omitted, never null
    detectFlares(moroni, { id: "p", visits: [{ day: 1, labs: {}, prednisoneMgPerDay: null }] });
    // @ts-expect-error the id is required
    assessEligibility(refractory, { baseline: {} });
  });

  it("refuses unknown: untrusted records go through the safe variants", () => {
    const parsed: unknown = JSON.parse("{}");
    // @ts-expect-error unknown is not a PatientRecordLike
    assessRecord(kang, parsed);
    // @ts-expect-error unknown is not a PatientRecordLike
    assessEligibility(refractory, parsed);
    // @ts-expect-error unknown is not a PatientRecordLike
    detectFlares(moroni, parsed);
    expectTypeOf(safeAssessRecord).parameter(1).toEqualTypeOf<unknown>();
    expectTypeOf(safeAssessEligibility).parameter(1).toEqualTypeOf<unknown>();
    expectTypeOf(safeDetectFlares).parameter(1).toEqualTypeOf<unknown>();
    safeAssessRecord(kang, parsed);
    safeAssessEligibility(refractory, parsed);
    safeDetectFlares(moroni, parsed);
  });

  it("the safe variants return a discriminated result", () => {
    const r = safeAssessRecord(kang, {});
    if (r.success) expectTypeOf(r.data).toEqualTypeOf<RecordTimeline>();
    else expectTypeOf(r.error).toEqualTypeOf<InputError | CriteriaError>();
    const e = safeAssessEligibility(refractory, {});
    if (e.success) expectTypeOf(e.data.status).toEqualTypeOf<EligibilityStatus>();
    const f = safeDetectFlares(moroni, {});
    if (f.success) expectTypeOf(f.data).toEqualTypeOf<FlareResult>();
  });
});

describe("the input types are the schemas' input side", () => {
  it("z.input of each schema is its *Like type", () => {
    // The assessment schemas keep their concrete zod types (for .shape / .pick), so their
    // z.input is zod's own spelling of the same type: assignable both ways.
    expectTypeOf<z.input<typeof ResponseInputSchema>>().toMatchTypeOf<ResponseInputLike>();
    expectTypeOf<ResponseInputLike>().toMatchTypeOf<z.input<typeof ResponseInputSchema>>();
    expectTypeOf<z.input<typeof LabValuesSchema>>().toMatchTypeOf<LabValuesLike>();
    expectTypeOf<LabValuesLike>().toMatchTypeOf<z.input<typeof LabValuesSchema>>();
    expectTypeOf<z.output<typeof ResponseInputSchema>>().toMatchTypeOf<ResponseInput>();
    expectTypeOf<ResponseInput>().toMatchTypeOf<z.output<typeof ResponseInputSchema>>();
    expectTypeOf<z.input<typeof VisitSchema>>().toEqualTypeOf<VisitLike>();
    expectTypeOf<z.input<typeof PatientRecordSchema>>().toEqualTypeOf<PatientRecordLike>();
    expectTypeOf<z.output<typeof PatientRecordSchema>>().toEqualTypeOf<PatientRecord>();
  });

  it("every validated value is accepted as an input (parse results feed the typed functions)", () => {
    expectTypeOf<ResponseInput>().toMatchTypeOf<ResponseInputLike>();
    expectTypeOf<LabValues>().toMatchTypeOf<LabValuesLike>();
    expectTypeOf<Visit>().toMatchTypeOf<VisitLike>();
    expectTypeOf<PatientRecord>().toMatchTypeOf<PatientRecordLike>();
    const input = ResponseInputSchema.parse({});
    classifyResponse(kang, input);
    assessRecord(kang, PatientRecordSchema.parse({ id: "p" }));
    // A criteria object validated at run time is the criteria argument, unchanged.
    const v = safeValidateCriteria(kang);
    if (v.success && v.data.kind === "response") classifyResponse(v.data, input);
  });
});

describe("the assessment schemas compose (concrete zod object types)", () => {
  it(".shape, .pick(), .extend() and .partial() are typed", () => {
    expectTypeOf(ResponseInputSchema.shape).toHaveProperty("current");
    expectTypeOf(LabValuesSchema.shape).toHaveProperty("serumAlbumin");
    const upOnly = LabValuesSchema.pick({ proteinuria: true });
    expectTypeOf<z.output<typeof upOnly>>().toHaveProperty("proteinuria");
    // @ts-expect-error: picking a field the schema does not have
    LabValuesSchema.pick({ serumAlbumen: true });
    const withSite = PatientInfoSchema.extend({ site: z.string() });
    expectTypeOf<z.output<typeof withSite>>().toHaveProperty("site");
    expectTypeOf(UrineSedimentSchema.shape).toHaveProperty("cellularCasts");
  });
});
