/**
 * `lintCriteria()`: explore a definition's input space and report where its text
 * leaves patients without a category, where categories overlap, and thresholds
 * that meet another clause's threshold exactly.
 *
 * @module
 */

import { classifyValidated } from "../api/classify.js";
import { compile } from "../evaluate/compile.js";
import { evaluateExpr } from "../evaluate/interpret.js";
import { type CompareExpr, type Expr, exprChildren } from "../ir/expr.js";
import { bindingsOf, fullInterpretation } from "../ir/readings.js";
import { resolveExpr } from "../ir/resolve.js";
import { criteriaOf } from "../ir/schema.js";
import type {
  CategoryOrIndeterminate,
  InterpretationChoice,
  ResponseCriteria,
} from "../ir/types.js";
import type { LabValues, ResponseInput } from "../model/assessment.js";
import { BASE_UNITS, convert, lookupUnit } from "../units/units.js";

/**
 * One finding of the linter.
 *
 * - `non-monotonic`: lowering the current proteinuria (all else equal) gives a
 *   worse category — a region the text leaves uncovered;
 * - `overlap`: two categories are both met by the same input (the order of the
 *   categories decides);
 * - `improvement-without-response`: proteinuria fell by at least half with
 *   creatinine stable and albumin normal, yet no category applies;
 * - `boundary`: two clauses on the same quantity share a threshold value; says
 *   whether the value belongs to both, one or neither;
 * - `declared-gap`: a gap the criteria object declares, confirmed by exploration.
 *
 * @example
 * ```ts
 * import type { LintFinding } from 'lupus-renal-criteria/analysis';
 * const f: LintFinding = { kind: 'boundary', message: 'cr-up < 300 mg/24h and pr-up-lower ≥ 300 mg/24h meet at 300: contiguous' };
 * ```
 * @category Cohorts and statistics
 */
export interface LintFinding {
  readonly kind:
    | "non-monotonic"
    | "overlap"
    | "improvement-without-response"
    | "boundary"
    | "declared-gap";
  readonly message: string;
  /** A concrete input showing the finding. */
  readonly example?: ResponseInput;
  /** How many explored points show it. */
  readonly count?: number;
}

/**
 * The result of {@link lintCriteria}.
 *
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * import { lintCriteria } from 'lupus-renal-criteria/analysis';
 * const r = lintCriteria(criteria.kang2020);
 * r.findings.some((f) => f.kind === 'non-monotonic'); // true (the uncovered region below 300 mg)
 * ```
 * @category Cohorts and statistics
 */
export interface LintReport {
  readonly id: string;
  readonly version: string;
  readonly interpretation: Readonly<Record<string, string>>;
  /** Number of inputs explored. */
  readonly explored: number;
  readonly findings: readonly LintFinding[];
}

function compares(e: Expr, out: CompareExpr[] = []): CompareExpr[] {
  if (e.op === "compare") out.push(e);
  else for (const x of exprChildren(e)) compares(x, out);
  return out;
}

const operandKey = (c: CompareExpr) =>
  c.left.kind === "value" ? `${c.left.measure}@${c.left.at}` : `${c.left.kind}(${c.left.measure})`;

function thresholdsFor(cs: readonly CompareExpr[], key: string, unit: string): number[] {
  const out: number[] = [];
  for (const c of cs) {
    if (operandKey(c) !== key || "bind" in c.right) continue;
    const info = lookupUnit(c.right.unit);
    const target = lookupUnit(unit);
    if (!info || !target || info.kind !== target.kind) continue;
    out.push(convert(c.right.value, c.right.unit, unit));
  }
  return out;
}

function describe(i: ResponseInput): string {
  const c = i.current;
  const q = (x: { value: number; unit: string } | undefined) =>
    x ? `${Number(x.value.toPrecision(6))} ${x.unit}` : "—";
  return `e.g. proteinuria ${q(i.baseline?.proteinuria)} → ${q(c?.proteinuria)}, creatinine ${q(i.baseline?.serumCreatinine)} → ${q(c?.serumCreatinine)}, albumin ${q(c?.serumAlbumin)}, sediment ${c?.urineSediment?.cellularCasts ? "active" : "inactive"}`;
}

function around(values: readonly number[], step: number): number[] {
  return values.flatMap((v) => [v - step, v, v + step]).filter((v) => v >= 0);
}

const uniq = (xs: readonly number[]) =>
  [...new Set(xs.map((x) => Number(x.toPrecision(10))))].sort((a, b) => a - b);

const RANK: Record<string, number> = { CR: 2, PR: 1, NR: 0 };

/**
 * Explore a response definition's input space — baseline and current
 * proteinuria (on a grid that includes every threshold of the definition and the
 * points just beside it), creatinine change, albumin, urine sediment, eGFR,
 * glucocorticoid dose, rescue therapy — and report uncovered regions (a lower
 * proteinuria giving a worse category), overlapping categories, large
 * improvements without a response, and thresholds that coincide.
 *
 * @param criteria - a response criteria object.
 * @param options - readings to lint under (default: the documented defaults).
 * @returns the findings, each with an example input.
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * import { lintCriteria } from 'lupus-renal-criteria/analysis';
 * lintCriteria(criteria.zhang2023).findings.map((f) => f.kind);
 * ```
 * @category Cohorts and statistics
 */
export function lintCriteria(
  criteria: ResponseCriteria,
  options: { readonly interpretation?: InterpretationChoice } = {},
): LintReport {
  criteriaOf(criteria, "response");
  const chosen = fullInterpretation(criteria, options.interpretation);
  const b = bindingsOf(criteria, chosen);
  const cats = criteria.categories.map((c) => ({ name: c.name, expr: resolveExpr(c.expr, b) }));
  const cs = cats.flatMap((c) => compares(c.expr));
  const measure = criteria.proteinuriaMeasure;
  const kind = measure === "upcr" ? "upcr" : "urineProtein24h";
  const unit = BASE_UNITS[kind];
  const upValues = uniq([
    0,
    0.1,
    0.25,
    0.5,
    0.75,
    1,
    1.5,
    2,
    2.5,
    3,
    4,
    5,
    6,
    8,
    10,
    ...around(thresholdsFor(cs, `${measure}@current`, unit), 0.001),
  ]);
  const baselineValues = uniq([
    0.8,
    1.5,
    2.5,
    3.5,
    5,
    8,
    ...around(thresholdsFor(cs, `${measure}@baseline`, unit), 0.001),
  ]);
  const pctThresholds = uniq(
    cs
      .filter(
        (c) =>
          c.left.kind !== "value" && c.left.measure === "serumCreatinine" && !("bind" in c.right),
      )
      .map((c) => (c.right as { value: number }).value),
  );
  const scrChanges = uniq([
    -40,
    -20,
    0,
    10,
    20,
    40,
    ...pctThresholds.flatMap((t) => [t - 0.1, t, t + 0.1, -t - 0.1, -t, -t + 0.1]),
  ]);
  const albValues = uniq([
    25,
    35,
    ...around(thresholdsFor(cs, "serumAlbumin@current", "g/L"), 0.1),
  ]);
  const egfrChanges = [0, -25];
  const scr0 = 70;
  const compiled = compile(criteria, { interpretation: chosen });
  const protein = (v: number) => ({ value: v, unit });
  const points: { input: ResponseInput; base: number; up: number; key: string }[] = [];
  for (const base of baselineValues) {
    for (const dScr of scrChanges) {
      for (const alb of albValues) {
        for (const sedimentNormal of [true, false]) {
          for (const dEgfr of egfrChanges) {
            for (const pred of [5, 20]) {
              for (const rescue of [false, true]) {
                const key = `${base}|${dScr}|${alb}|${sedimentNormal}|${dEgfr}|${pred}|${rescue}`;
                for (const up of upValues) {
                  const current: LabValues = {
                    proteinuria: protein(up),
                    serumCreatinine: {
                      value: Number((scr0 * (1 + dScr / 100)).toFixed(6)),
                      unit: "umol/L",
                    },
                    serumAlbumin: { value: alb, unit: "g/L" },
                    egfr: { value: 90 * (1 + dEgfr / 100), unit: "mL/min/1.73m2" },
                    urineSediment: sedimentNormal
                      ? { rbcPerHpf: 1, wbcPerHpf: 1, cellularCasts: false }
                      : { rbcPerHpf: 20, wbcPerHpf: 8, cellularCasts: true },
                    prednisoneMgPerDay: pred,
                    rescueTherapy: rescue,
                  };
                  points.push({
                    input: {
                      patient: { sex: "F" },
                      baseline: {
                        proteinuria: protein(base),
                        serumCreatinine: { value: scr0, unit: "umol/L" },
                        egfr: { value: 90, unit: "mL/min/1.73m2" },
                      },
                      current,
                    },
                    base,
                    up,
                    key,
                  });
                }
              }
            }
          }
        }
      }
    }
  }
  const findings: LintFinding[] = [];
  // Non-monotonic: along each line of increasing proteinuria, a better category above a worse one.
  let nonMono = 0;
  let nonMonoExample: ResponseInput | undefined;
  let nonMonoPair: [string, string, number, number] | undefined;
  let overlap = 0;
  let overlapExample: ResponseInput | undefined;
  let overlapNames = "";
  let improve = 0;
  let improveExample: ResponseInput | undefined;
  const categoryOf = new Map<ResponseInput, CategoryOrIndeterminate>();
  for (const p of points) categoryOf.set(p.input, compiled.category(p.input));
  const lines = new Map<string, typeof points>();
  for (const p of points) {
    const key = p.key;
    const line = lines.get(key) ?? [];
    line.push(p);
    lines.set(key, line);
  }
  for (const line of lines.values()) {
    for (let i = 0; i + 1 < line.length; i++) {
      const lo = line[i] as (typeof points)[number];
      const hi = line[i + 1] as (typeof points)[number];
      const a = categoryOf.get(lo.input) as string;
      const c = categoryOf.get(hi.input) as string;
      if (a in RANK && c in RANK && (RANK[a] as number) < (RANK[c] as number)) {
        nonMono++;
        if (!nonMonoExample) {
          nonMonoExample = lo.input;
          nonMonoPair = [a, c, lo.up, hi.up];
        }
      }
    }
  }
  // One compiled function per category alone: it returns the category's name exactly when its tree is met.
  const alone = criteria.categories.map((c) => ({
    name: c.name,
    f: compile({ ...criteria, categories: [c], endpoints: [] }, { interpretation: chosen }),
  }));
  for (const p of points) {
    const cat = categoryOf.get(p.input);
    // Overlap: more than one category tree met at once (only the first wins).
    const met = alone.filter((c) => c.f.category(p.input) === c.name).map((c) => c.name);
    if (met.length > 1) {
      overlap++;
      if (!overlapExample) {
        overlapExample = p.input;
        overlapNames = met.join(" and ");
      }
    }
    const cur = p.input.current as LabValues;
    const scr = cur.serumCreatinine?.value ?? 0;
    const favourable =
      cur.urineSediment?.cellularCasts === false &&
      Math.abs(scr - scr0) <= 0.1 * scr0 &&
      (cur.serumAlbumin?.value ?? 0) >= 35 &&
      cur.rescueTherapy === false &&
      (cur.prednisoneMgPerDay ?? 99) <= 5 &&
      (cur.egfr?.value ?? 0) >= 90;
    if (cat === "NR" && favourable && p.up <= p.base / 2 && p.up > 0) {
      improve++;
      if (!improveExample) improveExample = p.input;
    }
  }
  if (nonMono && nonMonoPair && nonMonoExample) {
    const [a, c, lo, hi] = nonMonoPair;
    const r = classifyValidated(criteria, nonMonoExample, { interpretation: chosen });
    findings.push({
      kind: "non-monotonic",
      message: `lowering current proteinuria from ${hi} to ${lo} ${unit} turns ${c} into ${a} (${nonMono} explored points; ${describe(nonMonoExample)}): a region the text leaves without a category${r.gaps.length ? ` — declared as ${r.gaps.map((g) => g.id).join(", ")}` : " — NOT declared in the criteria object's gaps"}`,
      example: nonMonoExample,
      count: nonMono,
    });
  }
  if (overlap && overlapExample) {
    findings.push({
      kind: "overlap",
      message: `${overlapNames} are both met by the same input (${overlap} explored points; ${describe(overlapExample)}); the category order decides`,
      example: overlapExample,
      count: overlap,
    });
  }
  if (improve && improveExample) {
    findings.push({
      kind: "improvement-without-response",
      message: `proteinuria at least halved with stable creatinine, albumin ≥ 35 g/L, inactive sediment and no rescue therapy, yet NR (${improve} explored points; ${describe(improveExample)})`,
      example: improveExample,
      count: improve,
    });
  }
  // Boundaries: clauses on the same operand sharing a threshold value.
  const seen = new Set<string>();
  for (let i = 0; i < cs.length; i++) {
    for (let j = i + 1; j < cs.length; j++) {
      const x = cs[i] as CompareExpr;
      const y = cs[j] as CompareExpr;
      if (operandKey(x) !== operandKey(y) || "bind" in x.right || "bind" in y.right) continue;
      if (typeof x.cmp !== "string" || typeof y.cmp !== "string") continue;
      const xi = lookupUnit(x.right.unit);
      const yi = lookupUnit(y.right.unit);
      if (!xi || !yi || xi.kind !== yi.kind) continue;
      if (convert(x.right.value, x.right.unit, y.right.unit) !== y.right.value) continue;
      if (x.cmp === y.cmp) continue;
      const inX = x.cmp === "<=" || x.cmp === ">=";
      const inY = y.cmp === "<=" || y.cmp === ">=";
      const opposite = x.cmp[0] !== y.cmp[0];
      const verdict = !opposite
        ? "same direction, differ only at the value"
        : inX && inY
          ? "the value belongs to both"
          : !inX && !inY
            ? "the value belongs to neither"
            : "contiguous";
      const msg = `${x.id} ${x.cmp} ${x.right.value} ${x.right.unit} and ${y.id} ${y.cmp} ${y.right.value} ${y.right.unit} meet at ${y.right.value}: ${verdict}`;
      if (!seen.has(msg)) {
        seen.add(msg);
        findings.push({ kind: "boundary", message: msg });
      }
    }
  }
  for (const g of criteria.gaps) {
    const hit = points.find((p) => {
      if (categoryOf.get(p.input) !== "NR") return false;
      return (
        evaluateExpr(resolveExpr(g.when, b), p.input, new Map()).truth === "met" &&
        cats.every((c) => evaluateExpr(c.expr, p.input, new Map()).truth !== "met")
      );
    });
    findings.push({
      kind: "declared-gap",
      message: `declared gap '${g.id}' ${hit ? "found" : "NOT found"} by exploration: ${g.description}`,
      ...(hit ? { example: hit.input } : {}),
    });
  }
  return {
    id: criteria.id,
    version: criteria.version,
    interpretation: chosen,
    explored: points.length,
    findings,
  };
}

/**
 * Render lint reports as a Markdown document (used for `docs/criteria-gaps.md`).
 *
 * @param reports - lint reports, one per criteria object.
 * @returns Markdown text.
 * @example
 * ```ts
 * import { criteria } from 'lupus-renal-criteria';
 * import { lintCriteria, lintMarkdown } from 'lupus-renal-criteria/analysis';
 * const md = lintMarkdown([lintCriteria(criteria.kang2020)]);
 * ```
 * @category Cohorts and statistics
 */
export function lintMarkdown(reports: readonly LintReport[]): string {
  const lines = [
    "# Gaps, overlaps and boundaries of the shipped definitions",
    "",
    "Generated by `lintCriteria()` (`node scripts/lint-criteria.mjs`); a test fails when this file is stale.",
    "Each definition is explored under its default readings on a grid of baseline and current proteinuria (with every threshold and the points beside it), creatinine change, albumin, sediment, eGFR, glucocorticoid dose and rescue therapy.",
    "",
  ];
  for (const r of reports) {
    lines.push(`## ${r.id}@${r.version}`, "");
    lines.push(
      `Readings: ${
        Object.entries(r.interpretation)
          .map(([k, v]) => `\`${k}=${v}\``)
          .join(", ") || "none"
      }; ${r.explored} inputs explored.`,
      "",
    );
    if (r.findings.length === 0) lines.push("No findings.", "");
    for (const f of r.findings) lines.push(`- **${f.kind}**: ${f.message}`);
    lines.push("");
  }
  return lines.join("\n");
}
