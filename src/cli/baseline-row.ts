/**
 * The baseline taken from a row of each patient (`"baseline": { "row": … }` in the
 * config, `--baseline-row`): EDC exports such as REDCap's write one row per event,
 * and the baseline is the row of the first event, of day 0, or of a named event.
 * That row's current values become the baseline of the patient's other rows (its
 * patient fields fill theirs where they have none), and it is output as a baseline
 * row, not classified.
 *
 * Rows stream: a patient's rows that come before its baseline row wait (at most
 * {@link MAX_VISITS_PER_RECORD} of them) until it comes or the patient's rows end;
 * only each patient's baseline values are remembered afterwards.
 *
 * @module
 */
import { MAX_VISITS_PER_RECORD } from "../model/record.js";
import type { BaselineRowRule, BuiltRow } from "./mapping.js";

/** The rules a wide CSV takes (`flagged` is for long files). */
export type WideBaselineRule = Exclude<BaselineRowRule, "flagged">;

/** Where a row is in the file. */
export interface RowPlace {
  readonly row: number;
  readonly line?: number | undefined;
  readonly endLine?: number | undefined;
}

/** A built row with its place. */
export interface PlacedRow {
  readonly place: RowPlace;
  readonly built: BuiltRow;
  /** The raw cell of the rule's column (`{ column, equals }` rules). */
  readonly key?: string | undefined;
}

/** The remembered baseline of one patient. */
export interface BaselineOf {
  readonly row: number;
  /** The baseline row's current values (they become `baseline`). */
  readonly values: unknown;
  readonly patient: unknown;
  readonly date?: number;
  /** The baseline row's own problems (its visits cannot be classified against it). */
  readonly invalid?: string;
}

/** What the stage emits, in file order per patient. */
export type StageOutput =
  | { readonly kind: "baseline"; readonly row: PlacedRow }
  | {
      readonly kind: "visit";
      readonly row: PlacedRow;
      readonly baseline?: BaselineOf;
      /** Why no baseline could be given (the row is then invalid). */
      readonly problem?: string;
    };

/** How the rule is shown in messages. */
export function describeRule(rule: WideBaselineRule): string {
  if (rule === "first") return "the patient's first row";
  if ("day" in rule) return `the row of day ${rule.day}`;
  return `the row whose '${rule.column}' is '${rule.equals}'`;
}

/** Sorts a CSV's rows into baseline rows and visit rows, patient by patient. */
export class BaselineRows {
  private readonly baselines = new Map<string, BaselineOf>();
  private pendingId: string | undefined;
  private pending: PlacedRow[] = [];

  constructor(private readonly rule: WideBaselineRule) {}

  private isBaseline(r: PlacedRow, id: string): boolean {
    const rule = this.rule;
    if (rule === "first") return !this.baselines.has(id);
    if ("day" in rule) return r.built.day === rule.day;
    return r.key !== undefined && r.key.trim() === rule.equals.trim();
  }

  /** Take one row; returns what can be emitted now. */
  push(r: PlacedRow): StageOutput[] {
    const id = r.built.id;
    if (id === undefined) {
      return [
        {
          kind: "visit",
          row: r,
          problem: "the row has no id, so its baseline row cannot be found",
        },
      ];
    }
    const out: StageOutput[] = [];
    if (id !== this.pendingId) out.push(...this.flush());
    this.pendingId = id;
    if (this.isBaseline(r, id)) {
      const earlier = this.baselines.get(id);
      if (earlier) {
        out.push({
          kind: "visit",
          row: r,
          problem: `a second baseline row for patient '${id}' (${describeRule(this.rule)}; the first is row ${earlier.row})`,
        });
        return out;
      }
      const b = r.built;
      const current = b.input.current;
      const own = b.issues[0];
      const base: BaselineOf = {
        row: r.place.row,
        values: current,
        patient: b.input.patient,
        ...(b.date === undefined ? {} : { date: b.date }),
        ...(own
          ? {
              invalid: `${own.column === undefined ? "" : `column '${own.column}': `}${own.message}`,
            }
          : {}),
      };
      this.baselines.set(id, base);
      out.push({ kind: "baseline", row: r });
      for (const p of this.pending) out.push({ kind: "visit", row: p, baseline: base });
      this.pending = [];
      return out;
    }
    const base = this.baselines.get(id);
    if (base) {
      out.push({ kind: "visit", row: r, baseline: base });
      return out;
    }
    if (this.pending.length >= MAX_VISITS_PER_RECORD) {
      out.push({
        kind: "visit",
        row: r,
        problem: `no baseline row (${describeRule(this.rule)}) among patient '${id}''s first ${MAX_VISITS_PER_RECORD} rows`,
      });
      return out;
    }
    this.pending.push(r);
    return out;
  }

  /**
   * The rows still waiting when the patient's rows (`end`: the file) end: they have no
   * baseline row.
   */
  flush(end = false): StageOutput[] {
    const id = this.pendingId;
    const where = end
      ? ""
      : " among its rows here (a later group of its rows is not searched: keep each patient's rows together)";
    const out: StageOutput[] = this.pending.map((row) => ({
      kind: "visit" as const,
      row,
      problem: `patient '${id}' has no baseline row (${describeRule(this.rule)})${where}`,
    }));
    this.pending = [];
    return out;
  }
}
