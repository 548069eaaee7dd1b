/**
 * `detectFlares()`: renal flares / relapses and extra-renal flares along a record.
 *
 * @module
 */
import { z } from "zod";
import { criteriaInfo, readingEvidence } from "../criteria/evidence.js";
import { type CompiledCriteria, clauseTruth, compileCached } from "../evaluate/compile.js";
import {
  addUndecided,
  type ClauseResult,
  type EvaluationOptions,
  type EvaluationSubject,
  evaluateExpr,
} from "../evaluate/interpret.js";
import { type CriteriaError, InputError } from "../ir/errors.js";
import { perObject, readingsKey } from "../ir/memo.js";
import { bindingsOf, fullInterpretation, otherInterpretations } from "../ir/readings.js";
import { resolveExpr } from "../ir/resolve.js";
import { criteriaOf } from "../ir/schema.js";
import type {
  CriteriaInfo,
  FlareCriteria,
  FlareGrade,
  InterpretationChoice,
  ReadingEvidence,
  ResponseCriteria,
} from "../ir/types.js";
import type { LabValues } from "../model/assessment.js";
import { safeParsePatientRecord } from "../model/fast-parse.js";
import type { PatientRecord, PatientRecordLike } from "../model/record.js";
import { checkInterpretation, optionError, parseOption, settle } from "./options.js";
import { datedVisits } from "./timeline.js";

/**
 * A flare found at a visit (or an extra-renal event).
 *
 * @example
 * ```ts
 * import type { FlareEvent } from 'lupus-renal-criteria';
 * const f: FlareEvent = { day: 560, grade: 'proteinuric', referenceDay: 476, clauses: [] };
 * ```
 * @category Classification
 */
export interface FlareEvent {
  readonly day: number;
  /** The most severe grade met. */
  readonly grade: string;
  /** Day of the assessment the visit was compared with (0 = baseline). */
  readonly referenceDay: number;
  /** The evaluated clauses of the grade that was met (why it is a flare). */
  readonly clauses: readonly ClauseResult[];
  /**
   * When a more severe grade can be neither confirmed nor excluded: those grades
   * and the inputs that would decide. The flare itself is certain.
   */
  readonly higherGradePossible?: {
    readonly grades: readonly string[];
    readonly missing: readonly string[];
    /** Censored inputs (`<0.1`) whose range leaves those grades open; only when any. */
    readonly censored?: readonly string[];
  };
}

/**
 * A visit where a flare can be neither confirmed nor excluded.
 *
 * @example
 * ```ts
 * import type { PossibleFlare } from 'lupus-renal-criteria';
 * const p: PossibleFlare = { day: 180, grades: ['nephritic'], missing: ['current.urineSediment'] };
 * ```
 * @category Classification
 */
export interface PossibleFlare {
  readonly day: number;
  /** Grades that may apply. */
  readonly grades: readonly string[];
  readonly missing: readonly string[];
  /**
   * Censored inputs (a laboratory's `<0.1`) whose range leaves a grade possible;
   * present only when there are any.
   */
  readonly censored?: readonly string[];
}

/**
 * The result of {@link detectFlares}.
 *
 * @example
 * ```ts
 * import { detectFlares, flares } from 'lupus-renal-criteria';
 * detectFlares(flares.moroni2022, { id: 'p' }).flares; // []
 * ```
 * @category Classification
 */
export interface FlareResult {
  readonly id: string;
  /** `evidence` is the weakest of the definition's evidence and of every reading used. */
  readonly criteria: CriteriaInfo;
  readonly interpretation: Readonly<Record<string, string>>;
  /**
   * For each interpretation parameter: the reading used, how well the numbers it
   * binds were checked, their reference, and whether any clause actually read it.
   */
  readonly readingEvidence: Readonly<Record<string, ReadingEvidence>>;
  readonly flares: readonly FlareEvent[];
  readonly possible: readonly PossibleFlare[];
  /** True when every other permitted reading finds flares on the same days with the same grades. */
  readonly robust: boolean;
}

/**
 * Options of {@link detectFlares}. Validated: a misspelt option, an unknown
 * interpretation parameter or reading, or a missing `responseCriteria` where the
 * definition needs one throws an {@link InputError} naming the option path
 * (e.g. `options.interpretation.highDose`).
 *
 * @example
 * ```ts
 * import { criteria, type DetectFlaresOptions } from 'lupus-renal-criteria';
 * const o: DetectFlaresOptions = { responseCriteria: criteria.kang2020 };
 * ```
 * @category Classification
 */
export interface DetectFlaresOptions {
  /** Readings of the definition's interpretation parameters (each must be one of its own). */
  readonly interpretation?: InterpretationChoice;
  /**
   * Classifies the visits for grades that count only after a response (CR / PR);
   * required when the definition has such grades.
   */
  readonly responseCriteria?: ResponseCriteria;
  /** As for `classifyResponse`: let a spot UPCR stand for a 24-h value (reported). */
  readonly allowProteinuriaSubstitution?: boolean;
}

const DetectFlaresOptionsSchema = z
  .object({
    interpretation: z.record(z.string(), z.string()).optional(),
    responseCriteria: z
      .custom<ResponseCriteria>(
        (c) => typeof c === "object" && c !== null && (c as { kind?: unknown }).kind === "response",
        { message: "responseCriteria must be a response criteria object (e.g. criteria.kang2020)" },
      )
      .optional(),
    allowProteinuriaSubstitution: z.boolean().optional(),
  })
  .strict();

function checkFlareOptions(def: FlareCriteria, options: unknown): void {
  const o = parseOption(DetectFlaresOptionsSchema, options);
  // The caller's own object (a parsed copy would drop a `__proto__` key).
  const raw = (options as DetectFlaresOptions).interpretation;
  const issues = checkInterpretation(def, raw, ["options", "interpretation"]);
  if (
    def.scope !== "extra-renal-events" &&
    def.grades.some((g) => g.afterResponse) &&
    !o.responseCriteria
  ) {
    issues.push({
      path: ["options", "responseCriteria"],
      message: `${def.id} has grades that count only after a response; pass responseCriteria (e.g. criteria.kang2020) to classify the visits`,
    });
  }
  if (issues.length) throw optionError(issues);
  if (o.responseCriteria) criteriaOf(o.responseCriteria, "response");
}

/** A grade resolved under one choice of readings, with its truth from the compiled form. */
interface PreparedGrade extends FlareGrade {
  /** 0 not met, 1 met, 2 unknown: the interpreter's truth of `expr` (the differential tests). */
  readonly truth: (s: EvaluationSubject) => 0 | 1 | 2;
}

const prepared = perObject<FlareCriteria, readonly PreparedGrade[]>();

/** The definition's grades under `choice`, resolved and compiled once per object and readings. */
function gradesOf(
  def: FlareCriteria,
  choice: Readonly<Record<string, string>>,
  evalOptions: EvaluationOptions,
): readonly PreparedGrade[] {
  const key = readingsKey(choice, evalOptions.allowProteinuriaSubstitution === true);
  return prepared(def, key, () => {
    const b = bindingsOf(def, choice);
    return def.grades.map((g) => {
      const expr = resolveExpr(g.expr, b);
      return { ...g, expr, truth: clauseTruth(expr, new Map(), evalOptions) };
    });
  });
}

/** What every scan of one call shares (the same under every reading of the flare definition). */
interface ScanContext {
  readonly evalOptions: EvaluationOptions;
  /**
   * The response category of each visit, from the compiled form (same category as
   * classifyResponse, proven by the differential tests; no explanation is needed here).
   */
  readonly response: CompiledCriteria | undefined;
}

/**
 * The flares (and, when `explain`, the possible flares and each flare's clauses) of a valid
 * record under one choice of readings. Each grade's truth comes from its compiled closure;
 * only the grades a result shows are explained by the interpreter: the grade met (its
 * clauses) and the unknown grades before it or in its place (what is missing, what is
 * censored). Without `explain` (the other readings, for `robust`) nothing is explained and a
 * flare holds its day and grade only.
 */
function scan(
  def: FlareCriteria,
  r: PatientRecord,
  choice: Readonly<Record<string, string>>,
  context: ScanContext,
  explain: boolean,
): { flares: FlareEvent[]; possible: PossibleFlare[] } {
  const { evalOptions, response } = context;
  const grades = gradesOf(def, choice, evalOptions);
  const flares: FlareEvent[] = [];
  const possible: PossibleFlare[] = [];
  const explained = (g: PreparedGrade, subject: EvaluationSubject) =>
    evaluateExpr(g.expr, subject, new Map(), evalOptions);
  const judge = (
    day: number,
    referenceDay: number,
    subject: EvaluationSubject,
    previous: string | undefined,
  ) => {
    // The grades that count at this visit, most severe first: the first met is the flare;
    // the unknown ones before it (or all of them, when none is met) are named.
    let met: PreparedGrade | undefined;
    const unknown: PreparedGrade[] = [];
    for (const g of grades) {
      const applies =
        !g.afterResponse ||
        (g.afterResponse === "any"
          ? previous === "CR" || previous === "PR"
          : previous === g.afterResponse);
      if (!applies) continue;
      const t = g.truth(subject);
      if (t === 1) {
        met = g;
        break;
      }
      if (t === 2) unknown.push(g);
    }
    if (!explain) {
      if (met) flares.push({ day, grade: met.name, referenceDay, clauses: [] });
      return;
    }
    const open = unknown.map((g) => ({ g, result: explained(g, subject) }));
    if (met) {
      const result = explained(met, subject);
      flares.push({
        day,
        grade: met.name,
        referenceDay,
        clauses: result.children ?? [result],
        ...(open.length ? { higherGradePossible: undecided(open) } : {}),
      });
      return;
    }
    if (open.length) possible.push({ day, ...undecided(open) });
  };
  if (def.scope === "extra-renal-events") {
    (r.events ?? []).forEach((e, i) => {
      if (e.type !== "extra-renal-manifestation") return;
      const current: LabValues =
        e.prednisoneMgPerDay === undefined ? {} : { prednisoneMgPerDay: e.prednisoneMgPerDay };
      const before = possible.length;
      judge(e.day, e.day, { patient: r.patient, current }, undefined);
      // Name the event's own field, not the synthetic assessment's.
      const renamed = possible.slice(before).map((p) => ({
        ...p,
        missing: p.missing.map((m) => m.replace(/^current\./, `events[${i}].`)),
      }));
      possible.splice(before, renamed.length, ...renamed);
    });
    return { flares, possible };
  }
  if (grades.some((g) => g.afterResponse) && !response) {
    throw new RangeError(
      `${def.id} has grades that count only after a response; pass responseCriteria (e.g. criteria.kang2020) to classify the visits`,
    );
  }
  const visits = datedVisits(r);
  let refLabs: LabValues | undefined = r.baseline;
  let refDay = 0;
  let previous: string | undefined;
  for (const v of visits) {
    judge(v.day, refDay, { patient: r.patient, baseline: refLabs, current: v.labs }, previous);
    if (response) {
      previous = response.category({ patient: r.patient, baseline: r.baseline, current: v.labs });
    }
    if (def.reference === "previous-visit") {
      refLabs = v.labs;
      refDay = v.day;
    }
  }
  return { flares, possible };
}

/**
 * The grades left open at a visit: their names, the inputs that would decide them and, only
 * when any, the censored inputs whose range leaves them open (a possible flare, or the more
 * severe grades above a flare).
 */
function undecided(open: readonly { g: FlareGrade; result: ClauseResult }[]): {
  grades: string[];
  missing: string[];
  censored?: string[];
} {
  const grades: string[] = [];
  const missing = new Set<string>();
  const censored = new Set<string>();
  for (const x of open) {
    grades.push(x.g.name);
    addUndecided(x.result, missing, censored);
  }
  return censored.size
    ? { grades, missing: [...missing], censored: [...censored] }
    : { grades, missing: [...missing] };
}

/**
 * Find the flares of a record under a flare definition: each visit compared with
 * its reference (the previous visit or the baseline), grades tried from the most
 * severe; a visit where missing data leave a flare possible is listed in
 * `possible` with the missing inputs, never silently called a flare or not.
 *
 * The record is typed ({@link PatientRecordLike}: a {@link PatientRecord}, with
 * `null` allowed for a missing lab value or patient field), so a misspelt field
 * does not compile; it is still validated here as before. For a record of unknown
 * shape (parsed JSON) use {@link safeDetectFlares}.
 *
 * @param def - a flare definition, e.g. `flares.kdigo2012Relapse`.
 * @param record - a patient record with dated visits (validated here).
 * @param options - readings; `responseCriteria` for after-response grades.
 * @returns flares with day, grade, reference and the triggering clauses.
 * @throws {@link InputError} for a malformed record, or for a malformed option
 *   (paths `options.…`), including a missing `responseCriteria` when an
 *   after-response grade needs it.
 * @example
 * ```ts
 * import { detectFlares, flares } from 'lupus-renal-criteria';
 * const r = detectFlares(flares.moroni2022, {
 *   id: 'p', baseline: { proteinuria: { value: 0.4, unit: 'g/24h' }, serumCreatinine: { value: 70, unit: 'umol/L' } },
 *   visits: [{ day: 90, labs: { proteinuria: { value: 2.6, unit: 'g/24h' }, serumCreatinine: { value: 72, unit: 'umol/L' } } }],
 * });
 * r.flares[0]?.grade; // 'proteinuric' (a rise of 2.2 g/24h from below 3.5 g/24h)
 * ```
 * @category Classification
 */
export function detectFlares(
  def: FlareCriteria,
  record: PatientRecordLike,
  options: DetectFlaresOptions = {},
): FlareResult {
  criteriaOf(def, "flare");
  checkFlareOptions(def, options);
  const parsed = safeParsePatientRecord(record);
  if (!parsed.success) throw new InputError(parsed.error, "patient record");
  const chosen = fullInterpretation(def, options.interpretation);
  const evalOptions: EvaluationOptions =
    options.allowProteinuriaSubstitution === undefined
      ? {}
      : { allowProteinuriaSubstitution: options.allowProteinuriaSubstitution };
  const context: ScanContext = {
    evalOptions,
    response: options.responseCriteria
      ? compileCached(options.responseCriteria, evalOptions)
      : undefined,
  };
  const main = scan(def, parsed.data, chosen, context, true);
  const key = (fs: readonly FlareEvent[]) => fs.map((f) => `${f.day}:${f.grade}`).join(",");
  const mainKey = key(main.flares);
  const robust = otherInterpretations(def, chosen).every(
    (o) => key(scan(def, parsed.data, o.interpretation, context, false).flares) === mainKey,
  );
  return {
    id: parsed.data.id,
    criteria: criteriaInfo(def, chosen),
    interpretation: chosen,
    readingEvidence: readingEvidence(def, chosen),
    flares: main.flares,
    possible: main.possible,
    robust,
  };
}

/**
 * {@link detectFlares} without throwing, for a record of any shape (parsed JSON,
 * another system's export): `{ success: true, data }` with the flares, or
 * `{ success: false, error }`. It never throws: an invalid definition gives a
 * {@link CriteriaError}; a malformed record, a record that cannot be read (a
 * throwing getter, a revoked Proxy) or a malformed option gives an
 * {@link InputError} naming each path.
 *
 * @param def - a flare definition, e.g. `flares.moroni2022`.
 * @param record - a patient record, of any shape (validated here).
 * @param options - as for {@link detectFlares}.
 * @returns `{ success: true, data }` or `{ success: false, error }`.
 * @example
 * ```ts
 * import { flares, safeDetectFlares } from 'lupus-renal-criteria';
 * const parsed: unknown = JSON.parse('{"id":"p","visits":[{"day":90,"labs":{"proteinuria":{"value":2.6,"unit":"g"}}}]}');
 * const r = safeDetectFlares(flares.moroni2022, parsed);
 * if (!r.success) r.error.issues[0]?.path; // 'visits[0].labs.proteinuria.unit' (unknown unit 'g')
 * ```
 * @category Classification
 */
export function safeDetectFlares(
  def: FlareCriteria,
  record: unknown,
  options: DetectFlaresOptions = {},
): { success: true; data: FlareResult } | { success: false; error: InputError | CriteriaError } {
  // detectFlares validates the record at run time whatever its static type.
  return settle(() => detectFlares(def, record as PatientRecordLike, options), "input");
}
