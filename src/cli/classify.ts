/**
 * Classification of one input row under the selected criteria: output rows with
 * the category, robustness, missing inputs and a one-line reason.
 *
 * @module
 */

import type { ResponseResult } from "../api/classify.js";
import { type RowClassifier, type RowResult, reasonOf, rowClassifier } from "../api/rows.js";
import { type TimepointOptions, timelineOfValidated } from "../api/timeline.js";
import type { Truth } from "../ir/kleene.js";
import type { ResponseCriteria, Timepoint } from "../ir/types.js";
import type { WorkItem } from "./input.js";
import type { RowIssue } from "./mapping.js";
import { formatIssue } from "./mapping.js";
import type { OutRow } from "./output.js";

export { decisiveLeaf, metLeaves, reasonOf } from "../api/rows.js";

/** A criteria object with the options it is applied with. */
export interface Selected {
  readonly criteria: ResponseCriteria;
  /** Readings, substitution and (for records) carry-forward. */
  readonly options: TimepointOptions;
}

/** What the run classifies with. */
export interface Plan {
  readonly selected: readonly Selected[];
  /** `--timepoints`; each criteria's own schedule when absent. */
  readonly timepoints?: readonly Timepoint[] | undefined;
}

/** One output row and the end points behind it (absent for invalid / missing rows). */
export interface Classified {
  readonly criteria: ResponseCriteria;
  readonly out: OutRow;
  readonly endpoints?: Readonly<Record<string, Truth>> | undefined;
}

/** The place of an output row in the input (`timepoint` for a record's time point). */
interface At {
  readonly row: number;
  readonly line: number | undefined;
  readonly id: string | undefined;
  readonly timepoint: string | undefined;
  readonly day: number | undefined;
}

/**
 * An output row. Every field is set (undefined where it has no value), so that every
 * row has one shape; spreading a place into a row literal instead costs ~10 µs per row.
 */
function outRow(
  at: At,
  criteria: ResponseCriteria,
  category: OutRow["category"],
  reason: string,
  rest: {
    readonly possibleCategories?: readonly string[] | undefined;
    readonly robust?: boolean | undefined;
    readonly sensitiveTo?: readonly string[];
    readonly missing?: readonly string[];
    readonly errors?: readonly RowIssue[];
    readonly warnings?: readonly string[];
    readonly assumptions?: readonly string[] | undefined;
    readonly notes?: readonly string[] | undefined;
  },
): OutRow {
  return {
    row: at.row,
    line: at.line,
    id: at.id,
    criteria: criteria.id,
    version: criteria.version,
    timepoint: at.timepoint,
    day: at.day,
    category,
    possibleCategories: rest.possibleCategories,
    robust: rest.robust,
    sensitiveTo: rest.sensitiveTo ?? NONE,
    missing: rest.missing ?? NONE,
    reason,
    errors: rest.errors ?? NO_ISSUES,
    warnings: rest.warnings ?? NONE,
    assumptions: rest.assumptions,
    notes: rest.notes,
  };
}

const NONE: readonly string[] = Object.freeze([]);
const NO_ISSUES: readonly RowIssue[] = Object.freeze([]);

/** The output row of a classification (the reading notes of the row first). */
function fromResult(
  at: At,
  r: ResponseResult,
  readNotes: readonly string[],
  reason: string = reasonOf(r),
): OutRow {
  return {
    row: at.row,
    line: at.line,
    id: at.id,
    criteria: r.criteria.id,
    version: r.criteria.version,
    timepoint: at.timepoint,
    day: at.day,
    category: r.category,
    possibleCategories: r.possibleCategories,
    robust: r.robust,
    sensitiveTo: r.sensitiveTo,
    missing: r.missing,
    reason,
    errors: NO_ISSUES,
    warnings: r.warnings,
    assumptions: r.assumptions,
    notes: readNotes.length ? [...readNotes, ...r.notes] : r.notes,
  };
}

/**
 * The output row of an assessment's classification, from the rows path (`src/api/rows.ts`: the
 * same columns as {@link fromResult} of `classifyValidated`'s result, without the explanation).
 */
function fromRow(
  at: At,
  criteria: ResponseCriteria,
  r: RowResult,
  readNotes: readonly string[],
): OutRow {
  return {
    row: at.row,
    line: at.line,
    id: at.id,
    criteria: criteria.id,
    version: criteria.version,
    timepoint: at.timepoint,
    day: at.day,
    category: r.category,
    possibleCategories: r.possibleCategories,
    robust: r.robust,
    sensitiveTo: r.sensitiveTo,
    missing: r.missing,
    reason: r.reason,
    errors: NO_ISSUES,
    warnings: r.warnings,
    assumptions: r.assumptions,
    notes: readNotes.length ? [...readNotes, ...r.notes] : r.notes,
  };
}

/** The row classifier of each selected definition, made on its first row. */
const classifiers = new WeakMap<Selected, RowClassifier>();
function classifierOf(selected: Selected): RowClassifier {
  let f = classifiers.get(selected);
  if (!f) {
    f = rowClassifier(selected.criteria, selected.options);
    classifiers.set(selected, f);
  }
  return f;
}

/** Every output row of one input row, criteria by criteria (time point by time point for records). */
export function classifyItem(item: WorkItem, plan: Plan): Classified[] {
  const at: At = {
    row: item.row,
    line: item.line,
    id: item.id,
    timepoint: undefined,
    day: item.day,
  };
  const out: Classified[] = [];
  const readNotes = item.notes ?? NONE;
  for (const selected of plan.selected) {
    const { criteria, options } = selected;
    if (item.role === "baseline" && item.issues.length === 0) {
      out.push({
        criteria,
        out: outRow(
          at,
          criteria,
          "baseline",
          `baseline row of patient '${item.id ?? ""}': its values are the baseline of the patient's other rows; not classified`,
          { notes: readNotes },
        ),
        endpoints: undefined,
      });
      continue;
    }
    if (item.issues.length > 0 || (!item.assessment && !item.record)) {
      out.push({
        criteria,
        out: outRow(
          at,
          criteria,
          "invalid",
          item.issues[0]
            ? `invalid${item.role === "baseline" ? " baseline row" : ""}: ${formatIssue(item.issues[0])}`
            : "invalid",
          { errors: item.issues, notes: readNotes },
        ),
        endpoints: undefined,
      });
      continue;
    }
    if (item.assessment) {
      const r = classifierOf(selected)(item.assessment);
      out.push({ criteria, out: fromRow(at, criteria, r, readNotes), endpoints: r.endpoints });
      continue;
    }
    const record = item.record;
    if (!record) continue;
    const timepoints = plan.timepoints ?? criteria.schedule?.timepoints ?? [];
    if (timepoints.length === 0) {
      out.push({
        criteria,
        out: outRow(
          at,
          criteria,
          "missing",
          `${criteria.id} has no protocol time points: give --timepoints`,
          {},
        ),
        endpoints: undefined,
      });
      continue;
    }
    const t = timelineOfValidated(criteria, record, { ...options, timepoints, details: true });
    for (const tp of t.timepoints) {
      const there: At = {
        row: item.row,
        line: item.line,
        id: item.id,
        timepoint: tp.label,
        day: tp.visitDay,
      };
      if (tp.result) {
        const reason = reasonOf(tp.result);
        out.push({
          criteria,
          out: fromResult(
            there,
            tp.result,
            NONE,
            tp.carriedForward ? `${tp.reason ?? "carried forward"}; ${reason}` : reason,
          ),
          endpoints: tp.result.endpoints,
        });
      } else {
        out.push({
          criteria,
          out: outRow(
            there,
            criteria,
            tp.category,
            tp.reason ?? "no assessment at this time point",
            {
              missing: tp.missing,
            },
          ),
          endpoints: undefined,
        });
      }
    }
  }
  return out;
}
