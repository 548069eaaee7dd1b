// The public surface of each entry point, written out: an export added or removed by accident
// fails here (issue 14: a curated API, internals out). Root 137 → 96 runtime names.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as analysis from "../src/analysis.js";
import * as authoring from "../src/authoring.js";
import * as root from "../src/index.js";
import * as io from "../src/io.js";
import * as report from "../src/report.js";
import * as sql from "../src/sql.js";

const ROOT = [
  // classify one assessment / record
  "classifyResponse",
  "safeClassifyResponse",
  "classifyMany",
  "renderExplanation",
  "clauseSentence",
  "assessEligibility",
  "safeAssessEligibility",
  "detectFlares",
  "safeDetectFlares",
  "assessRecord",
  "safeAssessRecord",
  "resolveTimepoint",
  // definitions
  "criteria",
  "eligibility",
  "flares",
  "acr2006",
  "acr2024Refractory",
  "alms2009",
  "arora2022Refractory",
  "aurora1",
  "aurora2",
  "blissln2020",
  "blissln2020Registry",
  "eular2012",
  "eular2019",
  "eular2025",
  "kang2020",
  "kang2020ExtraRenalFlare",
  "kang2020Refractory",
  "kang2020RenalFlare",
  "kdigo2012",
  "kdigo2012Relapse",
  "kdigo2024",
  "liu2015",
  "lunar2012",
  "moroni2022",
  "regency2025",
  "zhang2023",
  "zhang2023Refractory",
  // readings
  "allInterpretations",
  "fullInterpretation",
  "withOptions",
  // criteria as data, errors
  "CriteriaSchema",
  "ResponseCriteriaSchema",
  "EligibilityCriteriaSchema",
  "FlareCriteriaSchema",
  "ExprSchema",
  "criteriaJsonSchema",
  "loadCriteria",
  "validateCriteria",
  "safeValidateCriteria",
  "CriteriaError",
  "InputError",
  // compiled form
  "compile",
  // inputs
  "ResponseInputSchema",
  "LabValuesSchema",
  "PatientInfoSchema",
  "ProteinuriaSchema",
  "SerumCreatinineSchema",
  "SerumAlbuminSchema",
  "EgfrSchema",
  "UrineSedimentSchema",
  "PatientRecordSchema",
  "VisitSchema",
  "FollowUpEventSchema",
  "ProvenanceSchema",
  "DiseaseHistorySchema",
  "BaselineTherapySchema",
  "ExclusionFactsSchema",
  "PublishedOutcomeSchema",
  "TreatmentCourseSchema",
  "TreatmentHistorySchema",
  "MAX_VISITS_PER_RECORD",
  "daysBetween",
  "PLAUSIBLE_RANGES",
  "plausibilityWarnings",
  "AGENT_NAMES",
  "AGENT_ALIASES",
  "normalizeAgent",
  "parseMedicationHistory",
  "jsonSchemas",
  "quantitySchema",
  // units and eGFR
  "BASE_UNITS",
  "lookupUnit",
  "convert",
  "unitsOfKind",
  "canonicalUnitsOfKind",
  "CREATININE_UMOL_PER_MG_DL",
  "CREATININE_MOLAR_MASS_MG_PER_MMOL",
  "ALBUMIN_G_L_PER_G_DL",
  "MG_PER_G",
  "UPCR_PRINTED_MG_PER_MMOL_PER_G_PER_G",
  "estimateEgfr",
  "egfrCkdEpi2021",
  "CKD_EPI_2021_CITATION",
  "egfrBedsideSchwartz2009",
  "SCHWARTZ_2009_CITATION",
  "egfrCkidU25",
  "CKID_U25_CITATION",
];
const ANALYSIS = [
  "summarizeCohort",
  "summarizeCohortStream",
  "compareCriteria",
  "cohensKappa",
  "lintCriteria",
  "lintMarkdown",
  "clopperPearson",
  "kaplanMeier",
  "survivalSummary",
  "applyEstimand",
  "defaultEstimand",
  "intercurrentEvents",
  "DEFAULT_ESTIMAND",
  "OBSERVED_ESTIMAND",
  "ESTIMAND_STRATEGIES",
  "INTERCURRENT_EVENT_KINDS",
  "confirmedResponse",
  "sustainedResponse",
  "timeToEvent",
];
const SQL = ["toSql"];
// Vega and Vega-Lite (optional peers) are loaded by renderReport, not by importing the entry.
const REPORT = ["renderReport"];
const IO = [
  "fromLongRows",
  "fromFhir",
  "assembleRecords",
  "checkQuantity",
  "LOINC_CODES",
  "summaryRows",
  "summaryCsv",
  "summaryJson",
  "SUMMARY_COLUMNS",
  "analysisDataset",
  "analysisDatasetCsv",
  "analysisDatasetJson",
  "ADRS_COLUMNS",
  "readLabUnit",
  "labUnitNote",
];
const AUTHORING = [
  "cmp",
  "all",
  "any",
  "not",
  "when",
  "fact",
  "ref",
  "bind",
  "bindClause",
  "reading",
  "parameter",
  "value",
  "quantity",
  "percentDecrease",
  "percentIncrease",
  "percentOfBaseline",
  "absPercentChange",
  "increase",
  "decrease",
  "defineResponseCriteria",
  "defineEligibilityCriteria",
  "defineFlareCriteria",
];
const sorted = (xs: readonly string[]) => [...xs].sort();

describe("the runtime names of each entry point", () => {
  it.each([
    ["lupus-renal-criteria", root, ROOT],
    ["lupus-renal-criteria/analysis", analysis, ANALYSIS],
    ["lupus-renal-criteria/sql", sql, SQL],
    ["lupus-renal-criteria/report", report, REPORT],
    ["lupus-renal-criteria/io", io, IO],
    ["lupus-renal-criteria/authoring", authoring, AUTHORING],
  ] as const)("%s", (_entry, mod, expected) => {
    expect(sorted(Object.keys(mod))).toEqual(sorted(expected));
  });
  it("no internal of the engine is exported from any entry", () => {
    const internals = [
      "and3",
      "or3",
      "not3",
      "if3",
      "incompleteBeta",
      "compileCached",
      "classifyValidated",
      "timelineOfValidated",
      "timelineUnchecked",
      "formatPath",
      "evaluateExpr",
      "resolveExpr",
      "bindingsOf",
      "roundSignificant",
      "convertInfo",
      "unitUnder",
      "MEASURE_KIND",
      "CKD_EPI_2021_MULTIPLIER",
      "CKD_EPI_2021_HIGH_EXPONENT",
      "CKD_EPI_2021_AGE_BASE",
      "CKD_EPI_2021_FEMALE_FACTOR",
      "CKD_EPI_2021_SEX_COEFFICIENTS",
      "CKD_EPI_2021_MIN_VALIDATED_AGE",
      "SCHWARTZ_2009_K",
      "ckidU25CreatinineK",
      "countTreatmentFailures",
    ];
    const all = [root, analysis, sql, io, authoring, report].flatMap((m) => Object.keys(m));
    expect(internals.filter((n) => all.includes(n))).toEqual([]);
  });
  it("each criteria object is one object under one name: the registry entry is the named export", () => {
    expect(root.criteria.zhang2023).toBe(root.zhang2023);
    expect(root.eligibility.kang2020Refractory).toBe(root.kang2020Refractory);
    expect(root.flares.kdigo2012Relapse).toBe(root.kdigo2012Relapse);
  });
});

describe("entry files list their types by name", () => {
  // `export type * from` a module also exports each of its values as a type-only name
  // (`typeof and3`), so internals would leak into the declarations; every entry names its types.
  for (const entry of ["index", "analysis", "io", "sql", "authoring", "report"]) {
    it(`src/${entry}.ts has no 'export type *'`, () => {
      const text = readFileSync(join(import.meta.dirname, "..", "src", `${entry}.ts`), "utf8");
      expect(text).not.toMatch(/export type \* from/);
    });
  }
});
