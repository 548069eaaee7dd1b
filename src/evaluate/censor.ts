/**
 * Censored values (a laboratory's `<0.1 g/24h`, `>3000 mg/24h`) as intervals: the
 * range a censored quantity stands for, the range of every value the IR derives
 * from it (unit conversion, absolute and relative changes), and a comparison that
 * is decided only when the whole range lies on one side of the threshold.
 *
 * One implementation, used by the interpreter and the closure compiler (and, through
 * the closures, the generated code); the SQL backend emits the same rules as text.
 *
 * Every derived value is monotone in each input on the domain of lab quantities
 * (baseline > 0, current ≥ 0), so the range's ends are the values at two corners of
 * the inputs' ranges, computed with the exact formula and rounding of an uncensored
 * evaluation. An end is closed only when both inputs reach their corner (an
 * unbounded end is open); the rounding applies to the ends, so a printed bound that
 * converts onto a threshold lands on it exactly.
 *
 * @module
 * @internal
 */

import type { Comparator, Operand } from "../ir/expr.js";
import type { Truth } from "../ir/kleene.js";
import type { Censor } from "../units/schema.js";
import { type MeasureKind, PERCENT_DIGITS, roundSignificant } from "../units/units.js";

/**
 * A range of numbers: `lo` to `hi` (either may be infinite, then open), each end
 * open or closed.
 *
 * @internal Not part of the public API (used by the library and its tests).
 */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
  readonly loOpen: boolean;
  readonly hiOpen: boolean;
}

/** Kinds whose values are greater than 0 (a `<` censor leaves 0 out). */
const POSITIVE: ReadonlySet<MeasureKind> = new Set(["serumCreatinine", "serumAlbumin", "egfr"]);

/**
 * The range an input value stands for, in the unit of `value`: a point when not
 * censored; `[0, v)` for `<v` (`(0, v)` for a kind that must be positive), `[0, v]`
 * for `<=v`, `(v, ∞)` for `>v`, `[v, ∞)` for `>=v`.
 *
 * @param value - the value or the bound.
 * @param censor - the censor, or undefined for an exact value.
 * @param kind - the measurement kind (whether 0 is possible).
 * @returns the range.
 * @internal Not part of the public API (used by the library and its tests).
 */
export function inputInterval(
  value: number,
  censor: Censor | undefined,
  kind: MeasureKind,
): Interval {
  const zeroOpen = POSITIVE.has(kind);
  switch (censor) {
    case "<":
      return { lo: 0, loOpen: zeroOpen, hi: value, hiOpen: true };
    case "<=":
      return { lo: 0, loOpen: zeroOpen, hi: value, hiOpen: false };
    case ">":
      return { lo: value, loOpen: true, hi: Number.POSITIVE_INFINITY, hiOpen: true };
    case ">=":
      return { lo: value, loOpen: false, hi: Number.POSITIVE_INFINITY, hiOpen: true };
    default:
      return { lo: value, loOpen: false, hi: value, hiOpen: false };
  }
}

/**
 * Map a range through a non-decreasing function (a unit conversion).
 *
 * @internal Not part of the public API (used by the library and its tests).
 */
export function mapIncreasing(i: Interval, f: (x: number) => number): Interval {
  return {
    lo: Number.isFinite(i.lo) ? f(i.lo) : i.lo,
    hi: Number.isFinite(i.hi) ? f(i.hi) : i.hi,
    loOpen: i.loOpen,
    hiOpen: i.hiOpen,
  };
}

type PairKind = Exclude<Operand["kind"], "value">;

/**
 * A relative change at finite b > 0 and finite c: the formula and its rounding, shared
 * by the interpreter's exact values and the censored ranges' ends.
 *
 * @param kind - the change (`percentDecrease`, `percentIncrease`, `absPercentChange`,
 *   `percentOfBaseline`).
 * @param b - the baseline value.
 * @param c - the current value.
 * @returns the change in percent, rounded as every backend rounds it.
 * @example
 * ```ts
 * relativeChange('percentDecrease', 4, 1); // 75
 * ```
 * @internal
 */
export function relativeChange(kind: PairKind, b: number, c: number): number {
  let v: number;
  switch (kind) {
    case "percentDecrease":
      v = ((b - c) / b) * 100;
      break;
    case "percentIncrease":
      v = ((c - b) / b) * 100;
      break;
    case "absPercentChange":
      v = (Math.abs(c - b) / b) * 100;
      break;
    default:
      v = (c / b) * 100;
  }
  return roundSignificant(v, PERCENT_DIGITS);
}

/** The relative change at a corner, with its limit where b or c is unbounded or b → 0. */
function relativeAt(kind: PairKind, b: number, c: number): number {
  if (Number.isFinite(b) && b > 0 && Number.isFinite(c)) return relativeChange(kind, b, c);
  // The ratio c/b in the limit: 0 as b → ∞, ∞ as c → ∞ or b → 0 (with c > 0).
  let r: number;
  if (!Number.isFinite(b) && Number.isFinite(c)) r = 0;
  else if (Number.isFinite(b) && b > 0 && !Number.isFinite(c)) r = Number.POSITIVE_INFINITY;
  else if (b === 0 && c > 0) r = Number.POSITIVE_INFINITY;
  else return Number.NaN;
  switch (kind) {
    case "percentDecrease":
      return r === 0 ? 100 : Number.NEGATIVE_INFINITY;
    case "percentIncrease":
      return r === 0 ? -100 : Number.POSITIVE_INFINITY;
    case "absPercentChange":
      return r === 0 ? 100 : Number.POSITIVE_INFINITY;
    default:
      return r === 0 ? 0 : Number.POSITIVE_INFINITY;
  }
}

/**
 * The range of a change between a baseline and a current value, both given as
 * ranges in the base unit. `absolute` converts an absolute change (already rounded
 * to 12 digits) to the threshold's unit. Undefined when the baseline may be 0 (a
 * relative change is undefined there, as for an exact 0).
 *
 * @internal Not part of the public API (used by the library and its tests).
 */
export function changeInterval(
  kind: PairKind,
  b: Interval,
  c: Interval,
  absolute: (x: number) => number,
): Interval | undefined {
  const at = (
    bv: number,
    bOpen: boolean,
    cv: number,
    cOpen: boolean,
  ): readonly [number, boolean] => {
    if (kind === "increase" || kind === "decrease") {
      const d = kind === "increase" ? cv - bv : bv - cv;
      return [
        Number.isFinite(d) ? absolute(roundSignificant(d)) : d,
        bOpen || cOpen || !Number.isFinite(d),
      ];
    }
    const v = relativeAt(kind, bv, cv);
    // c exactly 0 gives the same change at every baseline: reached whatever b is.
    const open = cOpen || (bOpen && !(cv === 0 && !cOpen)) || !Number.isFinite(v);
    return [v, open];
  };
  if (kind !== "increase" && kind !== "decrease" && b.lo === 0 && !b.loOpen) return undefined;
  const make = (lo: readonly [number, boolean], hi: readonly [number, boolean]): Interval => ({
    lo: lo[0],
    loOpen: lo[1],
    hi: hi[0],
    hiOpen: hi[1],
  });
  // Corners: (baseline low, current high) etc.
  const lh = () => at(b.lo, b.loOpen, c.hi, c.hiOpen);
  const hl = () => at(b.hi, b.hiOpen, c.lo, c.loOpen);
  switch (kind) {
    case "increase": // c − b: up with c, down with b
    case "percentIncrease":
    case "percentOfBaseline":
      return make(hl(), lh());
    case "decrease": // b − c: up with b, down with c
    case "percentDecrease":
      return make(lh(), hl());
    case "absPercentChange": {
      // |c − b| / b: the decrease when c ≤ b throughout, the increase when c ≥ b throughout.
      if (c.hi <= b.lo) return make(lh(), hl());
      if (c.lo >= b.hi) return make(hl(), lh());
      // The ranges overlap: 0 is reached (c = b), the largest change is at one end.
      const x = hl();
      const y = lh();
      const top = x[0] > y[0] ? x : y[0] > x[0] ? y : ([x[0], x[1] && y[1]] as const);
      return make([0, false], top);
    }
  }
}

/**
 * Whether every value of a range satisfies `v cmp t` (`met`), none does
 * (`not-met`), or some do (`unknown`).
 *
 * @internal Not part of the public API (used by the library and its tests).
 */
export function compareInterval(i: Interval, cmp: Comparator, t: number): Truth {
  if (Number.isNaN(i.lo) || Number.isNaN(i.hi)) return "unknown";
  let all: boolean;
  let none: boolean;
  switch (cmp) {
    case "<":
      all = i.hi < t || (i.hi === t && i.hiOpen);
      none = i.lo >= t;
      break;
    case "<=":
      all = i.hi <= t;
      none = i.lo > t || (i.lo === t && i.loOpen);
      break;
    case ">":
      all = i.lo > t || (i.lo === t && i.loOpen);
      none = i.hi <= t;
      break;
    case ">=":
      all = i.lo >= t;
      none = i.hi < t || (i.hi === t && i.hiOpen);
      break;
  }
  return all ? "met" : none ? "not-met" : "unknown";
}
