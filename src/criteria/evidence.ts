/**
 * Evidence levels of criteria objects and of the readings they use: an object's
 * `evidence` may never overstate the weakest evidence of any threshold or reading
 * its classification uses (test/criteria/evidence.test.ts checks every shipped
 * object), and every result reports the evidence of the readings actually used.
 *
 * A reading's `evidence` says how well its numbers were checked *with the meaning
 * the reading gives them*, in the source named by its `reference`: a number that
 * another source prints for something else (e.g. BLISS-LN's "eGFR ≥ 90" used as
 * "normal GFR") is `unverified` for that meaning. A reading without its own
 * `evidence` takes its numbers from the criteria's own source and is reported with
 * the object's evidence (never stronger than the object).
 *
 * @module
 * @internal
 */
import type { Binding, Expr } from "../ir/expr.js";
import { perObject } from "../ir/memo.js";
import type {
  CriteriaInfo,
  EligibilityCriteria,
  Evidence,
  FlareCriteria,
  InterpretationParameter,
  ResponseCriteria,
} from "../ir/types.js";

type AnyCriteria = ResponseCriteria | EligibilityCriteria | FlareCriteria;

/** @internal Strongest first. */
export const EVIDENCE_ORDER: readonly Evidence[] = [
  "verified",
  "secondary",
  "third-party",
  "unverified",
];

/** @internal The weakest of the given levels (`verified` for none). */
export function weakestEvidence(levels: readonly Evidence[]): Evidence {
  let worst = 0;
  for (const e of levels) worst = Math.max(worst, EVIDENCE_ORDER.indexOf(e));
  return EVIDENCE_ORDER[worst] ?? "unverified";
}

/** @internal The clause trees an object classifies with (categories, end points, gaps, grades, rule). */
export function rootExprs(c: AnyCriteria): Expr[] {
  if (c.kind === "response") {
    return [
      ...c.categories.map((d) => d.expr),
      ...c.endpoints.map((d) => d.expr),
      ...c.gaps.map((g) => g.when),
    ];
  }
  if (c.kind === "flare") return c.grades.map((g) => g.expr);
  return [c.rule.expr];
}

function isBindRef(x: unknown): x is { bind: string } {
  return typeof x === "object" && x !== null && "bind" in x && typeof x.bind === "string";
}

/** Placeholder names an expression refers to (not following bound clauses). */
function placeholders(e: Expr, out: Set<string>, bound: (name: string) => Binding | undefined) {
  const follow = (name: string) => {
    if (out.has(name)) return;
    out.add(name);
    const b = bound(name);
    if (typeof b === "object" && b !== null && !Array.isArray(b) && "op" in b) {
      placeholders(b as Expr, out, bound);
    }
  };
  switch (e.op) {
    case "compare":
      if (isBindRef(e.cmp)) follow(e.cmp.bind);
      if (isBindRef(e.right)) follow(e.right.bind);
      return;
    case "fact": {
      const params: unknown = e.params;
      if (isBindRef(params)) follow(params.bind);
      else if (typeof params === "object" && params !== null) {
        for (const v of Object.values(params)) if (isBindRef(v)) follow(v.bind);
      }
      return;
    }
    case "all":
    case "any":
      for (const x of e.of) placeholders(x, out, bound);
      return;
    case "not":
      placeholders(e.of, out, bound);
      return;
    case "if":
      placeholders(e.cond, out, bound);
      placeholders(e.whenMet, out, bound);
      placeholders(e.whenNotMet, out, bound);
      return;
    case "bind":
      follow(e.name);
      return;
    case "ref":
      return;
  }
}

/**
 * @internal For each parameter: the chosen reading, its evidence (the reading's
 * own, else the object's: the reading then takes its numbers from the object's
 * source) and its reference, and whether any clause the object
 * classifies with actually reads one of its bindings under this choice.
 */
export function readingEvidence(
  c: AnyCriteria,
  choice: Readonly<Record<string, string>>,
): Readonly<
  Record<string, { reading: string; evidence: Evidence; reference?: string; used: boolean }>
> {
  const key = Object.keys(c.parameters)
    .map((n) => `${n}=${choice[n] ?? c.parameters[n]?.default}`)
    .join("&");
  return cache(c, key, () => computeReadingEvidence(c, choice));
}

type ReadingEvidenceMap = Readonly<
  Record<
    string,
    Readonly<{ reading: string; evidence: Evidence; reference?: string; used: boolean }>
  >
>;

const cache = perObject<AnyCriteria, ReadingEvidenceMap>();

function computeReadingEvidence(
  c: AnyCriteria,
  choice: Readonly<Record<string, string>>,
): ReadingEvidenceMap {
  const chosen = (p: InterpretationParameter, name: string) => choice[name] ?? p.default;
  const bindingOwner = new Map<string, { param: string; value: Binding }>();
  for (const [name, p] of Object.entries(c.parameters)) {
    const r = p.readings[chosen(p, name)];
    if (!r) continue;
    for (const [b, v] of Object.entries(r.bindings)) bindingOwner.set(b, { param: name, value: v });
  }
  const names = new Set<string>();
  for (const e of rootExprs(c)) placeholders(e, names, (n) => bindingOwner.get(n)?.value);
  const conv = "conversions" in c ? c.conversions?.upcr : undefined;
  if (conv !== undefined && typeof conv !== "string") names.add(conv.bind);
  const usedParams = new Set([...names].flatMap((n) => bindingOwner.get(n)?.param ?? []));
  const out: Record<
    string,
    { reading: string; evidence: Evidence; reference?: string; used: boolean }
  > = {};
  for (const [name, p] of Object.entries(c.parameters)) {
    const reading = chosen(p, name);
    const r = p.readings[reading];
    out[name] = {
      reading,
      evidence: r?.evidence ?? c.evidence,
      ...(r?.reference === undefined ? {} : { reference: r.reference }),
      used: usedParams.has(name),
    };
  }
  return Object.freeze(out);
}

/**
 * @internal The evidence of a classification under a choice of readings: the
 * weakest of the object's evidence and of every reading actually used.
 */
export function effectiveEvidence(
  c: AnyCriteria,
  choice: Readonly<Record<string, string>>,
): Evidence {
  return weakestEvidence([
    c.evidence,
    ...Object.values(readingEvidence(c, choice))
      .filter((r) => r.used)
      .map((r) => r.evidence),
  ]);
}

/**
 * @internal The `criteria` block of a result under a choice of readings: the same fields for
 * every front end (classify, eligibility, flares).
 */
export function criteriaInfo(
  c: AnyCriteria,
  choice: Readonly<Record<string, string>>,
): CriteriaInfo {
  return {
    id: c.id,
    version: c.version,
    evidence: effectiveEvidence(c, choice),
    citation: c.citation.short,
    ...(c.citation.doi === undefined ? {} : { doi: c.citation.doi }),
    ...(c.derivedFrom === undefined ? {} : { derivedFrom: c.derivedFrom }),
  };
}
