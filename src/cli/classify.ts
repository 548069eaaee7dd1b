/**
 * Classification of one input row under the selected criteria: output rows with
 * the category, robustness, missing inputs and a one-line reason.
 *
 * @module
 */

import { classifyValidated, type ResponseResult } from "../api/classify.js";
import { clauseSentence } from "../api/render.js";
import { type TimepointOptions, timelineOfValidated } from "../api/timeline.js";
import type { ClauseResult } from "../evaluate/interpret.js";
import type { Truth } from "../ir/kleene.js";
import type { ResponseCriteria, Timepoint } from "../ir/types.js";
import type { WorkItem } from "./input.js";
import type { RowIssue } from "./mapping.js";
import { formatIssue } from "./mapping.js";
import type { OutRow } from "./output.js";

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

/** One output row and the classification behind it (absent for invalid / missing rows). */
export interface Classified {
  readonly criteria: ResponseCriteria;
  readonly out: OutRow;
  readonly result?: ResponseResult | undefined;
}

/**
 * The leaf clause that decides a node's truth: the first child with the
 * node's truth under `all` / `any`, the branch taken under `if`.
 */
export function decisiveLeaf(node: ClauseResult): ClauseResult {
  const kids = node.children;
  if (!kids || kids.length === 0 || node.op === "ref") return node;
  const want: Truth = node.truth;
  if (node.op === "if") {
    const [cond, then, otherwise] = kids;
    const branch = cond?.truth === "met" ? then : cond?.truth === "not-met" ? otherwise : undefined;
    if (branch) return decisiveLeaf(branch);
  }
  if (node.op === "not") {
    const [child] = kids;
    return child ? decisiveLeaf(child) : node;
  }
  const hit = kids.find((k) => k.truth === want);
  return hit ? decisiveLeaf(hit) : node;
}

/** The met leaf clauses under a met node, in order (the branch taken under `if`). */
export function metLeaves(node: ClauseResult): ClauseResult[] {
  if (node.truth !== "met") return [];
  const kids = node.children;
  if (!kids || kids.length === 0 || node.op === "ref" || node.op === "not") return [node];
  if (node.op === "if") {
    const [cond, then, otherwise] = kids;
    const branch = cond?.truth === "met" ? then : cond?.truth === "not-met" ? otherwise : undefined;
    if (branch) return metLeaves(branch);
  }
  return kids.flatMap(metLeaves);
}

/**
 * A missing input in words: a proteinuria of the other measurement (a UPCR where
 * the definition needs a 24-h protein, or the reverse) is said as such.
 */
function missingWhy(r: ResponseResult, path: string): string {
  const note = r.notices.find((n) => n.kind === "other-measure" && n.path === path);
  if (note === undefined) return path;
  const given = note.text.includes(" is a spot UPCR ") ? "UPCR" : "24-h protein";
  const needed = given === "UPCR" ? "24-h protein" : "UPCR";
  return `${path} (${given} given, ${needed} required: --allow-proteinuria-substitution uses it)`;
}

/**
 * A one-line reason for a result: for an indeterminate result, what is missing;
 * in a gap of the source's text, the gap; for the first category (CR), its
 * proteinuria clause (else its first clause); for a later category or NR, the first failed clause of the
 * category just above it ("not CR: …", "not PR: …"). Sentences are those of
 * `renderExplanation`.
 */
export function reasonOf(r: ResponseResult): string {
  if (r.category === "indeterminate") {
    return `possible ${r.possibleCategories.join(" or ")}; missing ${r.missing.map((p) => missingWhy(r, p)).join(", ") || "inputs"}`;
  }
  const [gap] = r.gaps;
  if (gap) return `gap in the source's text (${gap.id}): ${gap.description}`;
  const cats = r.explanation.categories;
  const at = cats.findIndex((c) => c.result.truth === "met");
  const cite = r.criteria.citation;
  const first = cats[0];
  if (at === 0 && first) {
    // Every clause of the first category is met; name the proteinuria clause when there is one.
    const leaves = metLeaves(first.result);
    const up = leaves.find((l) =>
      l.observed?.inputs.some((i) => i.path.startsWith("current.proteinuria")),
    );
    return `${first.name}: ${clauseSentence(up ?? leaves[0] ?? first.result, cite)}`;
  }
  const above = at === -1 ? cats[cats.length - 1] : cats[at - 1];
  if (!above) return "";
  return `not ${above.name}: ${clauseSentence(decisiveLeaf(above.result), cite)}`;
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
  for (const { criteria, options } of plan.selected) {
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
        result: undefined,
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
        result: undefined,
      });
      continue;
    }
    if (item.assessment) {
      const result = classifyValidated(criteria, item.assessment, options);
      out.push({ criteria, out: fromResult(at, result, readNotes), result });
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
        result: undefined,
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
          result: tp.result,
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
          result: undefined,
        });
      }
    }
  }
  return out;
}
