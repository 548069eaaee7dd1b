/**
 * Treatment history: which immunosuppressive agents a patient received before
 * the therapy being judged, and how each course ended.
 *
 * @module
 */
import { z } from "zod";

/**
 * Normalised names of the agents the sources mention.
 *
 * @example
 * ```ts
 * import { AGENT_NAMES } from 'lupus-renal-criteria';
 * AGENT_NAMES.includes('tacrolimus'); // true
 * ```
 * @category Inputs
 */
export const AGENT_NAMES = Object.freeze([
  "cyclophosphamide",
  "mycophenolate",
  "tacrolimus",
  "cyclosporine",
  "voclosporin",
  "azathioprine",
  "methotrexate",
  "leflunomide",
  "rituximab",
  "obinutuzumab",
  "belimumab",
  "sirolimus",
  "tripterygium",
  "iguratimod",
  "hydroxychloroquine",
  "glucocorticoid-pulse",
] as const);

/**
 * A normalised agent name (see {@link AGENT_NAMES}).
 *
 * @example
 * ```ts
 * import type { AgentName } from 'lupus-renal-criteria';
 * const a: AgentName = 'mycophenolate';
 * ```
 * @category Inputs
 */
export type AgentName = (typeof AGENT_NAMES)[number];

/**
 * Abbreviations and spellings used by the sources → normalised name. Keys are
 * lower case; {@link normalizeAgent} matches case-insensitively.
 *
 * @example
 * ```ts
 * import { AGENT_ALIASES } from 'lupus-renal-criteria';
 * AGENT_ALIASES['fk506']; // 'tacrolimus'
 * ```
 * @category Inputs
 */
export const AGENT_ALIASES: Readonly<Record<string, AgentName>> = Object.freeze({
  ctx: "cyclophosphamide",
  cyc: "cyclophosphamide",
  cy: "cyclophosphamide",
  "iv-cyc": "cyclophosphamide",
  mmf: "mycophenolate",
  mpa: "mycophenolate",
  "mycophenolate mofetil": "mycophenolate",
  "mycophenolic acid": "mycophenolate",
  fk506: "tacrolimus",
  "fk-506": "tacrolimus",
  tac: "tacrolimus",
  csa: "cyclosporine",
  cs: "cyclosporine",
  "cyclosporine a": "cyclosporine",
  ciclosporin: "cyclosporine",
  aza: "azathioprine",
  mtx: "methotrexate",
  lef: "leflunomide",
  rtx: "rituximab",
  hcq: "hydroxychloroquine",
  "tripterygium wilfordii": "tripterygium",
  "pulse steroids": "glucocorticoid-pulse",
  "steroid pulse": "glucocorticoid-pulse",
  "methylprednisolone pulse": "glucocorticoid-pulse",
  "glucocorticoid pulses": "glucocorticoid-pulse",
  ivmp: "glucocorticoid-pulse",
  igu: "iguratimod",
});

/**
 * Normalise an agent's name or abbreviation (case-insensitive, surrounding
 * spaces ignored).
 *
 * @param name - a name as written in a table or case-report form.
 * @returns the normalised name, or `undefined` when it is not recognised.
 * @example
 * ```ts
 * import { normalizeAgent } from 'lupus-renal-criteria';
 * normalizeAgent('Cyc'); // 'cyclophosphamide'
 * normalizeAgent('FK506'); // 'tacrolimus'
 * normalizeAgent('aspirin'); // undefined
 * ```
 * @category Inputs
 */
export function normalizeAgent(name: string): AgentName | undefined {
  const key = name.trim().toLowerCase().replace(/\s+/g, " ");
  if ((AGENT_NAMES as readonly string[]).includes(key)) return key as AgentName;
  return Object.hasOwn(AGENT_ALIASES, key) ? AGENT_ALIASES[key] : undefined;
}

/**
 * Best response reached on a course: complete / partial / no response, or not reported.
 *
 * @example
 * ```ts
 * import type { CourseResponse } from 'lupus-renal-criteria';
 * const r: CourseResponse = 'PR';
 * ```
 * @category Inputs
 */
export type CourseResponse = "CR" | "PR" | "NR" | "unknown";

/**
 * One course of immunosuppressive therapy.
 *
 * @example
 * ```ts
 * import type { TreatmentCourse } from 'lupus-renal-criteria';
 * // Kang 2020, Table 1, patient 4: "Cyc → MMF* (CR → F)"
 * const c: TreatmentCourse = {
 *   agents: ['cyclophosphamide', 'mycophenolate'], mode: 'sequence',
 *   bestResponse: 'CR', outcome: 'failure-or-relapse', verbatim: 'Cyc → MMF* (CR → F)',
 * };
 * ```
 * @category Inputs
 */
export interface TreatmentCourse {
  /** The agents of the course, in order of administration for a sequence. */
  readonly agents: readonly AgentName[];
  /**
   * `single`: one agent; `combination`: given together ("LEF + Tripterygium");
   * `sequence`: one regimen given in sequence, e.g. cyclophosphamide induction
   * followed by another agent (Kang's "Cyc → MMF*").
   */
  readonly mode: "single" | "combination" | "sequence";
  /** Best response reached on the course. */
  readonly bestResponse: CourseResponse;
  /**
   * What ended the course, when reported: failure or relapse (Kang's "→ F") or
   * an adverse event (Kang's "→ AE").
   */
  readonly outcome?: "failure-or-relapse" | "adverse-event" | undefined;
  /** Duration of the course in months, when known. */
  readonly durationMonths?: number | undefined;
  /** The source's own words for this course. */
  readonly verbatim?: string | undefined;
}

/**
 * Zod schema of {@link TreatmentCourse}.
 *
 * @example
 * ```ts
 * import { TreatmentCourseSchema } from 'lupus-renal-criteria';
 * TreatmentCourseSchema.parse({ agents: ['rituximab'], mode: 'single', bestResponse: 'NR' });
 * ```
 * @category Inputs
 */
export const TreatmentCourseSchema: z.ZodType<TreatmentCourse, TreatmentCourse> = z
  .object({
    agents: z.array(z.enum(AGENT_NAMES)).min(1, { message: "a course needs at least one agent" }),
    mode: z.enum(["single", "combination", "sequence"]),
    bestResponse: z.enum(["CR", "PR", "NR", "unknown"]),
    outcome: z.enum(["failure-or-relapse", "adverse-event"]).optional(),
    durationMonths: z.number().finite().nonnegative().optional(),
    verbatim: z.string().optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.mode === "single" && c.agents.length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: ["agents"],
        message: "a 'single' course has exactly one agent",
      });
    }
    if (c.mode !== "single" && c.agents.length < 2) {
      ctx.addIssue({
        code: "custom",
        path: ["agents"],
        message: `a '${c.mode}' course has at least two agents`,
      });
    }
  });

/**
 * A patient's treatment history before the therapy being judged.
 *
 * @example
 * ```ts
 * import type { TreatmentHistory } from 'lupus-renal-criteria';
 * // Zhang 2023, Table 1, patient 9: "CTX, MMF" (order and responses not reported)
 * const h: TreatmentHistory = {
 *   ordered: false,
 *   courses: [
 *     { agents: ['cyclophosphamide'], mode: 'single', bestResponse: 'unknown' },
 *     { agents: ['mycophenolate'], mode: 'single', bestResponse: 'unknown' },
 *   ],
 *   verbatim: 'CTX, MMF',
 * };
 * ```
 * @category Inputs
 */
export interface TreatmentHistory {
  /** The courses; in order of administration when `ordered` is true. */
  readonly courses: readonly TreatmentCourse[];
  /** Whether the source gives the courses in the order they were given. */
  readonly ordered: boolean;
  /** The source's own words for the whole history. */
  readonly verbatim?: string | undefined;
}

/**
 * Zod schema of {@link TreatmentHistory}.
 *
 * @example
 * ```ts
 * import { TreatmentHistorySchema } from 'lupus-renal-criteria';
 * TreatmentHistorySchema.parse({ ordered: true, courses: [] });
 * ```
 * @category Inputs
 */
export const TreatmentHistorySchema: z.ZodType<TreatmentHistory, TreatmentHistory> = z
  .object({
    courses: z.array(TreatmentCourseSchema),
    ordered: z.boolean(),
    verbatim: z.string().optional(),
  })
  .strict();
