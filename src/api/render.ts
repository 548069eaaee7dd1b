/**
 * Plain-language rendering of a classification: sentences a clinician can read.
 *
 * @module
 */

import type { ClauseResult, ObservedRange } from "../evaluate/interpret.js";
import type { Comparator } from "../ir/expr.js";
import type { Quantity } from "../units/schema.js";
import { POW10 } from "../units/units.js";
import type { ResponseResult } from "./classify.js";

const PHRASE: Record<Comparator, string> = {
  "<": "below",
  "<=": "at or below",
  ">": "above",
  ">=": "at or above",
};

/**
 * A number to six significant digits, as `String(Number(x.toPrecision(6)))`.
 *
 * @param x - a number.
 * @returns its text.
 * @example
 * ```ts
 * num(0.47); // '0.47'
 * num(123.4567); // '123.457'
 * ```
 * @internal Exported for its property test.
 */
export function num(x: number): string {
  // Lab values and thresholds repeat from call to call (a threshold in every sentence, values
  // with two or three significant digits): their text is remembered, up to NUM_CACHE numbers.
  const hit = numCache.get(x);
  if (hit !== undefined) return hit;
  const text = numText(x);
  if (numCache.size >= NUM_CACHE) numCache.clear();
  numCache.set(x, text);
  return text;
}

/** How many numbers' texts {@link num} remembers before it starts again. */
const NUM_CACHE = 4096;
const numCache = new Map<number, string>();

function numText(x: number): string {
  return numFast(x) ?? String(Number(x.toPrecision(6)));
}

/**
 * The fast path of {@link num}: its text, or `undefined` where only the exact path
 * (`toPrecision`) can answer — a scaled value on a half-integer, an exponent outside the exact
 * powers of ten. Every six-digit value of a finite magnitude between 1e-16 and 1e27 that is not
 * at a tie takes it (the tests hold it to that, so a narrower fast path is a failure, not only a
 * slower one).
 *
 * @param x - a number.
 * @returns the text, or undefined.
 * @example
 * ```ts
 * numFast(123.4567); // '123.457'
 * numFast(123456.5); // undefined (a tie: toPrecision decides)
 * ```
 * @internal Exported for its tests.
 */
export function numFast(x: number): string | undefined {
  // `String(Number(x.toPrecision(6)))` without the string round trip (toPrecision and a 17-digit
  // String(x) were 40 % of a rendered explanation). x is scaled to six integer digits with one
  // multiplication or division by an exact power of ten: f is the exact scaled value rounded
  // once. A half-integer below 2^52 is a double and rounding is monotonic, so f is never carried
  // across one: f rounds to the integer m the exact value rounds to, unless f lands on the
  // half-integer itself (the exact path then). m·10^-p is then made with one correctly rounded
  // operation: the double nearest m·10^-p, which is what `Number` reads from toPrecision's text.
  const a = x < 0 ? -x : x;
  // 1e-16 < a < 1e27 keeps p within ±22 (even with Math.log10 a unit off next to a power of
  // ten): each scaling is by an exact power of ten (POW10 is exact up to 10^22).
  if (a > 1e-16 && a < 1e27) {
    const p = 5 - Math.floor(Math.log10(a));
    const f = p >= 0 ? a * (POW10[p] as number) : a / (POW10[-p] as number);
    const frac = f - Math.floor(f);
    // The band check guards against a Math.log10 off by more than a unit (never on V8, whose
    // log10 is within one ulp: a scaling that lands just outside the band rounds to its edge,
    // as toPrecision does); the mutation run counts its mutants as equivalent.
    if (f >= 100_000 && f < 999_999.5 && frac !== 0.5) {
      const m = Math.round(f);
      const r = p >= 0 ? m / (POW10[p] as number) : m * (POW10[-p] as number);
      return String(x < 0 ? -r : r);
    }
  }
  return undefined;
}

/**
 * `Number(x.toFixed(digits))` for 1 ≤ digits ≤ 6, without the string round trip unless the
 * scaled value lands on a half-integer (the argument of {@link num}'s fast path).
 *
 * @param x - a number.
 * @param digits - decimals (1 to 6).
 * @returns the rounded number.
 * @example
 * ```ts
 * fixedDigits(49.95, 1); // 50 (as Number((49.95).toFixed(1)))
 * ```
 * @internal Exported for its property test.
 */
export function fixedDigits(x: number, digits: number): number {
  return fixedFast(x, digits) ?? Number(x.toFixed(digits));
}

/**
 * The fast path of {@link fixedDigits}: the rounded number, or `undefined` where only
 * `toFixed` can answer (a scaled value on a half-integer, or of 10^8 or more). Every other value
 * takes it (held to that by the tests, as {@link numFast}).
 *
 * @param x - a number.
 * @param digits - decimals (1 to 6).
 * @returns the rounded number, or undefined.
 * @example
 * ```ts
 * fixedFast(33.3333333, 2); // 33.33
 * fixedFast(0.25, 1); // undefined (2.5 is a half-integer: toFixed decides)
 * ```
 * @internal Exported for its tests.
 */
export function fixedFast(x: number, digits: number): number | undefined {
  // -0 reads as 0 (toFixed writes no sign for it).
  if (x === 0) return 0;
  const scale = POW10[digits] as number;
  const f = x * scale;
  if (f > -1e8 && f < 1e8 && f - Math.floor(f) !== 0.5) return Math.round(f) / scale;
  return undefined;
}

function qty(q: Quantity): string {
  const c = q.censor ?? "";
  return q.unit === "%" ? `${c}${num(q.value)}%` : `${c}${num(q.value)} ${q.unit}`;
}

/** A range in words: a censored value as the laboratory writes it (`<100 mg/24h`), else interval notation. */
function rangeText(r: ObservedRange): string {
  const only = r.inputs.length === 1 ? r.inputs[0]?.quantity.censor : undefined;
  const end = (x: number) => (r.unit === "%" ? `${num(x)}%` : num(x));
  const unit = r.unit === "%" ? "" : ` ${r.unit}`;
  if ((only === "<" || only === "<=") && r.high !== undefined)
    return `${r.highInclusive ? "<=" : "<"}${end(r.high)}${unit}`;
  if ((only === ">" || only === ">=") && r.low !== undefined)
    return `${r.lowInclusive ? ">=" : ">"}${end(r.low)}${unit}`;
  const lo = r.low === undefined ? "(−∞" : `${r.lowInclusive ? "[" : "("}${end(r.low)}`;
  const hi = r.high === undefined ? "∞)" : `${end(r.high)}${r.highInclusive ? "]" : ")"}`;
  return `in ${lo}, ${hi}${unit}`;
}

/** The sentence of a clause that read a censored value. */
function rangeSentence(clause: ClauseResult, r: ObservedRange, citation: string): string {
  const src = clause.source ? `; ${citation}, ${clause.source.section}` : "";
  const entered = r.inputs.filter((i) => i.quantity.unit !== r.unit).map((i) => qty(i.quantity));
  const enteredText = r.unit !== "%" && entered.length ? ` (entered as ${entered.join(", ")})` : "";
  const [from, to] = r.inputs;
  const fromText =
    r.unit === "%" && from && to ? ` (from ${qty(from.quantity)} to ${qty(to.quantity)})` : "";
  const phrase = clause.cmp ? PHRASE[clause.cmp] : "";
  const t = clause.threshold ? qty(clause.threshold) : "";
  const rule = clause.op === "fact" ? `${phrase} the upper limit of normal ${t}` : `${phrase} ${t}`;
  const head = `${clause.label} ${rangeText(r)}${enteredText}${fromText}`;
  if (clause.truth === "met") {
    return `${head} is ${rule}: met (the censored value's whole range lies ${phrase} the threshold${src}).`;
  }
  if (clause.truth === "not-met") {
    return `${head} is not ${rule}: not met (no value in the censored value's range is ${phrase} the threshold${src}).`;
  }
  const values = r.inputs
    .filter((i) => i.quantity.censor !== undefined)
    .map((i) => qty(i.quantity));
  const why = clause.notes.length ? `; ${clause.notes.join("; ")}` : "";
  return `${head} may or may not be ${rule}: unknown (censored value${values.length > 1 ? "s" : ""} ${values.join(", ")}${why}${src}).`;
}

/** A percentage with as few decimals as keep it distinguishable from the threshold. */
function pct(value: number, threshold: number | undefined): string {
  let d = 1;
  let shown = fixedDigits(value, 1);
  while (d < 6 && threshold !== undefined && value !== threshold && shown === threshold) {
    d++;
    shown = fixedDigits(value, d);
  }
  return `${shown}%`;
}

function cite(c: ClauseResult, citation: string): string {
  return c.source ? ` (${citation}, ${c.source.section})` : "";
}

/**
 * One sentence for one clause result: the observed value with its unit (and the
 * value as entered, when converted), the comparison in words, the threshold, the
 * verdict and the source. Composite clauses get a summary sentence.
 *
 * @param clause - a clause result from a classification's explanation.
 * @param citation - the short citation to name in the sentence ("Kang 2020").
 * @returns the sentence.
 * @example
 * ```ts
 * import { classifyResponse, clauseSentence, criteria } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.kang2020, { current: { proteinuria: { value: 0.47, unit: 'g/24h' } } });
 * const upper = r.explanation.categories[1]!.result.children![1]!;
 * clauseSentence(upper, 'Kang 2020');
 * // '24-h urine protein 470 mg/24h (entered as 0.47 g/24h) is at or below 2000 mg/24h: met (Kang 2020, Methods, Outcomes).'
 * ```
 * @category Classification
 */
export function clauseSentence(clause: ClauseResult, citation: string): string {
  const src = cite(clause, citation);
  const verdict =
    clause.truth === "met" ? "met" : clause.truth === "not-met" ? "not met" : "unknown";
  if (clause.children || clause.op === "ref") {
    return `${clause.label}: ${verdict}.`;
  }
  if (clause.op === "fact" && clause.id && clause.cmp === undefined) {
    const why = clause.notes.length ? ` (${clause.notes.join(", ")})` : "";
    if (clause.truth === "unknown") {
      return `${clause.label}: unknown, missing ${clause.missing.join(", ")}${src}.`;
    }
    return `${clause.label}: ${verdict}${why}${src}.`;
  }
  if (clause.range) return rangeSentence(clause, clause.range, citation);
  if (clause.truth === "unknown" || !clause.observed) {
    const what = clause.missing.length
      ? `missing ${clause.missing.join(", ")}`
      : clause.notes.join("; ");
    const rule =
      clause.cmp && clause.threshold
        ? ` (needs ${PHRASE[clause.cmp]} ${qty(clause.threshold)})`
        : "";
    return `${clause.label}${rule}: unknown, ${what}${src}.`;
  }
  const o = clause.observed;
  const entered = o.inputs.filter((i) => i.quantity.unit !== o.unit).map((i) => qty(i.quantity));
  const enteredText = o.unit !== "%" && entered.length ? ` (entered as ${entered.join(", ")})` : "";
  const [from, to] = o.inputs;
  const fromText =
    o.unit === "%" && from && to ? ` (from ${qty(from.quantity)} to ${qty(to.quantity)})` : "";
  const not = clause.truth === "met" ? "" : "not ";
  if (clause.op === "fact" && clause.cmp && clause.threshold) {
    return `${clause.label} ${qty({ value: o.value, unit: o.unit })}${enteredText} is ${not}${PHRASE[clause.cmp]} the upper limit of normal ${qty(clause.threshold)}: ${verdict}${src}.`;
  }
  const rule =
    clause.cmp && clause.threshold ? `${PHRASE[clause.cmp]} ${qty(clause.threshold)}` : "";
  const shown =
    o.unit === "%" ? pct(o.value, clause.threshold?.value) : qty({ value: o.value, unit: o.unit });
  return `${clause.label} ${shown}${enteredText}${fromText} is ${not}${rule}: ${verdict}${src}.`;
}

/**
 * Render a classification as lines of text: the category, each category's
 * clauses (indented under their combinators), the end points, the gaps of the
 * text the patient falls into, the assumptions, the missing inputs, and whether
 * another reading of the source would change the category.
 *
 * @param result - a result of `classifyResponse`.
 * @returns the lines (join with `\n` to print).
 * @example
 * ```ts
 * import { classifyResponse, criteria, renderExplanation } from 'lupus-renal-criteria';
 * const r = classifyResponse(criteria.zhang2023, {
 *   baseline: { proteinuria: { value: 4.1, unit: 'g/24h' }, serumCreatinine: { value: 56, unit: 'umol/L' } },
 *   current: { proteinuria: { value: 0.4, unit: 'g/24h' }, serumCreatinine: { value: 60, unit: 'umol/L' } },
 * });
 * console.log(renderExplanation(r).join('\n'));
 * ```
 * @category Classification
 */
export function renderExplanation(result: ResponseResult): string[] {
  const c = result.criteria;
  const lines: string[] = [];
  const head =
    result.category === "indeterminate"
      ? `Category: indeterminate (possible: ${result.possibleCategories.join(", ")}) under ${c.citation} [${c.id}@${c.version}].`
      : `Category: ${result.category} under ${c.citation} [${c.id}@${c.version}].`;
  lines.push(head);
  const walk = (node: ClauseResult, depth: number, prefix = "") => {
    lines.push(`${"  ".repeat(depth)}- ${prefix}${clauseSentence(node, c.citation)}`);
    const kids = node.children ?? [];
    if (node.op === "if") {
      const [cond, then, otherwise] = kids;
      if (cond) walk(cond, depth + 1, "condition: ");
      if (then && cond?.truth !== "not-met")
        walk(then, depth + 1, cond?.truth === "met" ? "then: " : "if so: ");
      if (otherwise && cond?.truth !== "met")
        walk(otherwise, depth + 1, cond?.truth === "not-met" ? "then: " : "if not: ");
      return;
    }
    for (const child of kids) walk(child, depth + 1);
  };
  for (const d of [...result.explanation.categories, ...result.explanation.endpoints]) {
    const t =
      d.result.truth === "met" ? "met" : d.result.truth === "not-met" ? "not met" : "unknown";
    lines.push(`${d.name} (${d.label}): ${t}.`);
    for (const child of d.result.children ?? [d.result]) walk(child, 1);
  }
  for (const g of result.gaps) {
    lines.push(`Gap in the source's text (${g.id}): ${g.description}`);
  }
  for (const a of result.assumptions) lines.push(`Assumption: ${a}.`);
  for (const n of result.notes) lines.push(`Note: ${n}.`);
  for (const w of result.warnings) lines.push(`Warning: ${w}.`);
  if (result.missing.length) lines.push(`Missing to decide: ${result.missing.join(", ")}.`);
  if (result.censored?.length) {
    lines.push(
      `Censored values whose range leaves the category open: ${result.censored.join(", ")}.`,
    );
  }
  if (result.robust) {
    lines.push(
      result.alternatives.length
        ? "Every other permitted reading of the source gives the same category."
        : "The definition has no ambiguous phrase to read otherwise.",
    );
  } else {
    const differ = result.alternatives.filter((a) => a.category !== result.category);
    const shown = differ
      .map(
        (a) =>
          `${a.category} with ${Object.entries(a.changed)
            .map(([k, v]) => `${k}=${v}`)
            .join(", ")}`,
      )
      .join("; ");
    lines.push(`Not robust: another reading of the source changes the category (${shown}).`);
  }
  return lines;
}
