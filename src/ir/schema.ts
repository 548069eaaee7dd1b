/**
 * Validation of criteria objects: they are data, and data loaded from a file, a
 * protocol definition or a browser form is untrusted. Every public entry point
 * that takes a criteria object validates it once (see {@link validateCriteria})
 * before anything is evaluated, compiled or generated.
 *
 * @module
 */
import { z } from "zod";
import { AGENT_NAMES } from "../model/treatment.js";
import { lookupUnit, type MeasureKind, unitsOfKind } from "../units/units.js";
import { CriteriaError, formatPath, type InputIssue } from "./errors.js";
import { MEASURE_KIND, type Measure } from "./expr.js";
import type { EligibilityCriteria, FlareCriteria, ResponseCriteria } from "./types.js";

/**
 * Any criteria object: a response definition, an eligibility rule or a flare definition.
 *
 * @example
 * ```ts
 * import { criteria, type AnyCriteria } from 'lupus-renal-criteria';
 * const c: AnyCriteria = criteria.kang2020;
 * ```
 * @category Criteria as data
 */
export type AnyCriteria = ResponseCriteria | EligibilityCriteria | FlareCriteria;

// ---------------------------------------------------------------------------
// Closed sets and identifier grammars

const MEASURES = [
  "proteinuria24h",
  "upcr",
  "serumCreatinine",
  "serumAlbumin",
  "egfr",
  "urineRbc",
  "urineWbc",
  "urineAcanthocytes",
  "prednisone",
] as const satisfies readonly Measure[];
const COMPARATORS = ["<", "<=", ">", ">="] as const;
const CHANGE_KINDS = [
  "percentDecrease",
  "percentIncrease",
  "absPercentChange",
  "percentOfBaseline",
  "increase",
  "decrease",
] as const;
const EVIDENCE = ["verified", "secondary", "third-party", "unverified"] as const;
const COUNT_SEQUENCE_AS = ["one-regimen", "each-agent"] as const;
const NR_WITHOUT_DURATION = ["unknown", "failure"] as const;
const UPCR_CONVERSIONS = ["exact", "printed"] as const;
const EXCLUSIONS = [
  "nonAdherence",
  "malignancyHistory",
  "severeAllergy",
  "severeHepaticInsufficiency",
  "pregnancy",
  "lactation",
  "childbearingIntention",
] as const;
const MEASURE_KINDS: readonly MeasureKind[] = [
  "urineProtein24h",
  "upcr",
  "serumCreatinine",
  "serumAlbumin",
  "egfr",
  "cellsPerHpf",
  "glucocorticoidDose",
  "percent",
];
const ALL_UNITS = MEASURE_KINDS.flatMap((k) => unitsOfKind(k)) as [string, ...string[]];

/** Names that would shadow a property of every object (`constructor`, `__proto__`, …). */
const notInherited = (s: string) => !(s in Object.prototype);
const ident = (re: RegExp, max: number, what: string) =>
  z
    .string()
    .max(max)
    .regex(re, { message: `not a valid ${what} (${re.source})` })
    .refine(notInherited, {
      message: `not a valid ${what}: a property name of every object (constructor, toString, …)`,
    });

/** Clause ids, definition names, gap ids, grade names: `from-0.2-1`, `CR`, `below-pr-range-not-cr`. */
const SafeId = ident(/^[A-Za-z][A-Za-z0-9_.-]*$/, 128, "identifier");
/** Parameter and placeholder names: `crProteinuriaCutoff`. */
const Name = ident(/^[A-Za-z][A-Za-z0-9_]*$/, 64, "name");
/** Reading names: `0.5`, `stable-or-improved`, `>=3.5`, `<=`. */
const ReadingName = ident(/^[A-Za-z0-9<>=][A-Za-z0-9_.<>=-]*$/, 64, "reading name");
const CRITERIA_ID =
  "[A-Za-z][A-Za-z0-9_-]*(?:\\+[A-Za-z][A-Za-z0-9_]*=[A-Za-z0-9<>=][A-Za-z0-9_.<>=-]*)*";
const VERSION = "(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)(?:-[0-9A-Za-z.-]+)?";
/** Criteria ids: `kang2020`, `blissln2020Registry`, `zhang2023+crProteinuriaCutoff=0.7`. */
const CriteriaId = ident(new RegExp(`^${CRITERIA_ID}$`), 512, "criteria id");
const Version = z
  .string()
  .max(64)
  .regex(new RegExp(`^${VERSION}$`), { message: "not a semantic version (e.g. 1.0.0)" });
const DerivedFrom = z
  .string()
  .max(600)
  .regex(new RegExp(`^${CRITERIA_ID}@${VERSION}$`), { message: "expected '<id>@<version>'" });
const Text = z.string().max(20_000);

/** A threshold: finite and of clinical magnitude. */
const Num = z.number().refine((x) => Math.abs(x) <= 1e15, { message: "out of range (|x| ≤ 1e15)" });

// ---------------------------------------------------------------------------
// Leaves

const LocatorSchema = z.strictObject({ section: Text, quote: Text.optional() });
const CitationSchema = z.strictObject({
  short: Text,
  authors: Text,
  year: z.number().int().min(1800).max(2200),
  title: Text,
  journal: Text,
  doi: Text.optional(),
  url: Text.optional(),
});
const QuantitySchema = z.strictObject({
  value: Num,
  unit: z.enum(ALL_UNITS, { message: `unknown unit; expected one of: ${ALL_UNITS.join(", ")}` }),
});
const ComparatorSchema = z.enum(COMPARATORS);
const BindSchema = z.strictObject({ bind: Name });
const SexSpecificSchema = z
  .strictObject({ F: QuantitySchema, M: QuantitySchema })
  .superRefine((v, ctx) => {
    for (const sex of ["F", "M"] as const) {
      if (lookupUnit(v[sex].unit)?.kind !== "serumCreatinine")
        ctx.addIssue({
          code: "custom",
          path: [sex, "unit"],
          message: `'${v[sex].unit}' is not a serum creatinine unit; expected one of: ${unitsOfKind("serumCreatinine").join(", ")}`,
        });
    }
  });
const SedimentParamsSchema = z.strictObject({
  rbcMax: Num.min(0),
  wbcMax: Num.min(0),
  inclusive: z.boolean(),
});
const TREATMENT_FIELDS = {
  atLeast: z.number().int().min(1).max(100),
  countSequenceAs: z.enum(COUNT_SEQUENCE_AS),
  includeGlucocorticoidPulses: z.boolean(),
  minDurationMonths: z.number().min(0).max(1200),
  nrWithoutDuration: z.enum(NR_WITHOUT_DURATION),
  relapseCounts: z.boolean(),
  qualifyingAgents: z.array(z.enum(AGENT_NAMES)).max(100),
} as const;
type TreatmentField = keyof typeof TREATMENT_FIELDS;
const orBind = <T extends z.ZodType>(t: T) => z.union([t, BindSchema]);

const OperandSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("value"),
    measure: z.enum(MEASURES),
    at: z.enum(["baseline", "current"]),
  }),
  z.strictObject({ kind: z.enum(CHANGE_KINDS), measure: z.enum(MEASURES) }),
]);

/** The unit kind a comparison with this operand needs its threshold in. */
function thresholdKind(left: { kind: string; measure: Measure }): MeasureKind {
  const absolute = left.kind === "value" || left.kind === "increase" || left.kind === "decrease";
  return absolute ? MEASURE_KIND[left.measure] : "percent";
}

// ---------------------------------------------------------------------------
// Clause trees

const node = { id: SafeId, label: Text };

/**
 * zod schema of a clause tree ({@link Expr}): every node kind, comparator,
 * measure, operand kind, fact and fact parameter from a closed set; thresholds
 * finite numbers in a known unit of the kind the measure needs; unknown keys
 * rejected. Placeholders and references are checked by the criteria schemas,
 * which know the parameters and definitions.
 *
 * @example
 * ```ts
 * import { ExprSchema } from 'lupus-renal-criteria';
 * ExprSchema.safeParse({ op: 'ref', to: 'CR' }).success; // true
 * ExprSchema.safeParse({ op: 'eval', code: '1' }).success; // false
 * ```
 * @category Criteria as data
 */
export const ExprSchema: z.ZodType<import("./expr.js").Expr> = z.lazy(() =>
  z.discriminatedUnion("op", [
    z
      .strictObject({
        op: z.literal("compare"),
        ...node,
        left: OperandSchema,
        cmp: orBind(ComparatorSchema),
        right: orBind(QuantitySchema),
        source: LocatorSchema,
        upcrConversion: z.enum(UPCR_CONVERSIONS).optional(),
      })
      .superRefine((e, ctx) => {
        if ("bind" in e.right) return;
        const want = thresholdKind(e.left);
        if (lookupUnit(e.right.unit)?.kind !== want)
          ctx.addIssue({
            code: "custom",
            path: ["right", "unit"],
            message: `'${e.right.unit}' is not a unit of ${want} (needed by ${e.left.kind} of ${e.left.measure}); expected one of: ${unitsOfKind(want).join(", ")}`,
          });
      }),
    z.discriminatedUnion("fact", [
      z.strictObject({
        op: z.literal("fact"),
        ...node,
        fact: z.literal("urineSedimentNormal"),
        params: orBind(SedimentParamsSchema),
        source: LocatorSchema,
      }),
      z.strictObject({
        op: z.literal("fact"),
        ...node,
        fact: z.literal("serumCreatinineNormal"),
        params: z.strictObject({ defaultUpperLimit: orBind(SexSpecificSchema) }),
        source: LocatorSchema,
      }),
      z.strictObject({
        op: z.literal("fact"),
        ...node,
        fact: z.literal("treatmentFailures"),
        params: z.strictObject({
          atLeast: orBind(TREATMENT_FIELDS.atLeast),
          countSequenceAs: orBind(TREATMENT_FIELDS.countSequenceAs),
          includeGlucocorticoidPulses: orBind(TREATMENT_FIELDS.includeGlucocorticoidPulses),
          minDurationMonths: orBind(TREATMENT_FIELDS.minDurationMonths),
          nrWithoutDuration: orBind(TREATMENT_FIELDS.nrWithoutDuration),
          relapseCounts: orBind(TREATMENT_FIELDS.relapseCounts),
          qualifyingAgents: orBind(TREATMENT_FIELDS.qualifyingAgents).optional(),
        }),
        source: LocatorSchema,
      }),
      z.strictObject({
        op: z.literal("fact"),
        ...node,
        fact: z.literal("exclusionAbsent"),
        params: z.strictObject({ condition: z.enum(EXCLUSIONS) }),
        source: LocatorSchema,
      }),
      z.strictObject({
        op: z.literal("fact"),
        ...node,
        fact: z.literal("observation"),
        params: z.strictObject({
          name: z.enum(["cellularCasts", "rescueTherapy"]),
          is: z.boolean(),
        }),
        source: LocatorSchema,
      }),
    ]),
    z.strictObject({
      op: z.enum(["all", "any"]),
      ...node,
      of: z.array(ExprSchema).max(1000),
    }),
    z.strictObject({ op: z.literal("not"), ...node, of: ExprSchema }),
    z.strictObject({
      op: z.literal("if"),
      ...node,
      cond: ExprSchema,
      whenMet: ExprSchema,
      whenNotMet: ExprSchema,
    }),
    z.strictObject({ op: z.literal("ref"), to: SafeId }),
    z.strictObject({ op: z.literal("bind"), name: Name }),
  ]),
) as never;

/** What a reading may bind; the use site's type is checked by the criteria schemas. */
const BindingSchema = z.union([
  QuantitySchema,
  SexSpecificSchema,
  SedimentParamsSchema,
  ExprSchema,
  z.enum([...COMPARATORS, ...COUNT_SEQUENCE_AS, ...NR_WITHOUT_DURATION, ...UPCR_CONVERSIONS]),
  Num,
  z.boolean(),
  TREATMENT_FIELDS.qualifyingAgents,
]);

const ReadingSchema = z.strictObject({
  label: Text,
  rationale: Text,
  bindings: z.record(Name, BindingSchema),
  evidence: z.enum(EVIDENCE).optional(),
  reference: Text.optional(),
});
const ParameterSchema = z.strictObject({
  description: Text,
  source: LocatorSchema,
  default: ReadingName,
  readings: z.record(ReadingName, ReadingSchema),
});
const DefinitionSchema = z.strictObject({
  name: SafeId,
  label: Text,
  expr: ExprSchema,
  source: LocatorSchema,
});
const ConversionsSchema = z.strictObject({
  upcr: z.union([z.enum(UPCR_CONVERSIONS), BindSchema]),
});
const header = {
  id: CriteriaId,
  version: Version,
  title: Text,
  citation: CitationSchema,
  locator: LocatorSchema,
  evidence: z.enum(EVIDENCE),
  parameters: z.record(Name, ParameterSchema),
  notes: z.array(Text).max(1000),
  derivedFrom: DerivedFrom.optional(),
};

// ---------------------------------------------------------------------------
// Checks across the object: references, placeholders, defaults

type Ctx = z.core.$RefinementCtx<unknown>;
type Path = (string | number)[];
type UseType =
  | { t: "comparator" }
  | { t: "quantity"; kind: MeasureKind }
  | { t: "sediment" }
  | { t: "sexSpecific" }
  | { t: "expr" }
  | { t: "upcrConversion" }
  | { t: "treatment"; field: TreatmentField };

function describe(u: UseType): string {
  switch (u.t) {
    case "comparator":
      return `a comparator (${COMPARATORS.join(", ")})`;
    case "quantity":
      return `a quantity in a unit of ${u.kind} (${unitsOfKind(u.kind).join(", ")})`;
    case "sediment":
      return "sediment parameters { rbcMax, wbcMax, inclusive }";
    case "sexSpecific":
      return "a sex-specific pair { F, M } of serum creatinine quantities";
    case "expr":
      return "a clause";
    case "upcrConversion":
      return "a UPCR conversion ('exact' or 'printed')";
    case "treatment":
      return `a valid treatmentFailures ${u.field}`;
  }
}

function fits(u: UseType, v: unknown): boolean {
  const obj = typeof v === "object" && v !== null && !Array.isArray(v);
  switch (u.t) {
    case "comparator":
      return ComparatorSchema.safeParse(v).success;
    case "quantity":
      return (
        obj &&
        QuantitySchema.safeParse(v).success &&
        lookupUnit((v as { unit: string }).unit)?.kind === u.kind
      );
    case "sediment":
      return obj && SedimentParamsSchema.safeParse(v).success;
    case "sexSpecific":
      return obj && SexSpecificSchema.safeParse(v).success;
    case "expr":
      return obj && "op" in v;
    case "upcrConversion":
      return v === "exact" || v === "printed";
    case "treatment":
      return TREATMENT_FIELDS[u.field].safeParse(v).success;
  }
}

interface Parameter {
  readonly default: string;
  readonly readings: Readonly<
    Record<string, { readonly bindings: Readonly<Record<string, unknown>> }>
  >;
}
type AnyExpr = { readonly op: string } & Record<string, unknown>;

/** One definition list position: which names a `ref` there may point to. */
interface Scope {
  readonly key: string;
  readonly refs: ReadonlySet<string>;
}

/**
 * The facts read from a patient's history (treatment courses, exclusion findings): only an
 * eligibility rule's subject carries them. A response or flare definition is evaluated on one
 * assessment (`baseline`, `current`, `patient`), where such a fact could never be known, so
 * `checkObject` refuses them there, in the definitions and in every reading's bound clause.
 */
const HISTORY_FACTS: ReadonlySet<string> = new Set(["exclusionAbsent", "treatmentFailures"]);

function checkObject(
  c: {
    parameters: Readonly<Record<string, Parameter>>;
    conversions?: { readonly upcr: unknown } | undefined;
  },
  roots: readonly { path: Path; expr: AnyExpr; scope: Scope }[],
  ctx: Ctx,
  kind: "response" | "eligibility" | "flare",
): void {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: "custom", path, message });
  // Which parameter binds each placeholder name.
  const boundBy = new Map<string, string>();
  for (const [pn, p] of Object.entries(c.parameters)) {
    if (!Object.hasOwn(p.readings, p.default))
      issue(
        ["parameters", pn, "default"],
        `default '${p.default}' is not one of the readings of '${pn}' (${Object.keys(p.readings).join(", ") || "none"})`,
      );
    const names = new Set(Object.values(p.readings).flatMap((r) => Object.keys(r.bindings)));
    for (const n of names) {
      const other = boundBy.get(n);
      if (other !== undefined) {
        issue(["parameters", pn], `placeholder '${n}' is bound by both '${other}' and '${pn}'`);
        continue;
      }
      boundBy.set(n, pn);
      for (const [rn, r] of Object.entries(p.readings))
        if (!Object.hasOwn(r.bindings, n))
          issue(
            ["parameters", pn, "readings", rn, "bindings"],
            `reading '${rn}' of '${pn}' does not bind '${n}' (another reading of '${pn}' does)`,
          );
    }
  }

  const done = new Set<string>(); // `${name}|${scope}` of bound clauses already walked
  const expanding: string[] = [];
  const use = (name: string, type: UseType, at: Path, scope: Scope) => {
    const pn = boundBy.get(name);
    const p = pn === undefined ? undefined : c.parameters[pn];
    if (pn === undefined || p === undefined) {
      issue(at, `placeholder '${name}' is not bound by any parameter's readings`);
      return;
    }
    for (const [rn, r] of Object.entries(p.readings)) {
      if (!Object.hasOwn(r.bindings, name)) continue;
      const v = r.bindings[name];
      const where: Path = ["parameters", pn, "readings", rn, "bindings", name];
      if (!fits(type, v)) {
        issue(where, `'${name}' is used as ${describe(type)} at ${formatPath(at)}`);
        continue;
      }
      if (type.t !== "expr") continue;
      const key = `${name}|${scope.key}`;
      if (expanding.includes(name)) {
        issue(where, `placeholder cycle: ${[...expanding, name].join(" → ")}`);
        continue;
      }
      if (done.has(`${key}|${rn}`)) continue;
      done.add(`${key}|${rn}`);
      expanding.push(name);
      walk(v as AnyExpr, where, scope);
      expanding.pop();
    }
  };
  const walk = (e: AnyExpr, at: Path, scope: Scope): void => {
    const x = e as unknown as Record<string, unknown>;
    switch (e.op) {
      case "compare": {
        const left = x.left as { kind: string; measure: Measure };
        const cmp = x.cmp as unknown;
        const right = x.right as unknown;
        if (typeof cmp === "object" && cmp !== null)
          use((cmp as { bind: string }).bind, { t: "comparator" }, [...at, "cmp"], scope);
        if (typeof right === "object" && right !== null && "bind" in right)
          use(
            (right as { bind: string }).bind,
            { t: "quantity", kind: thresholdKind(left) },
            [...at, "right"],
            scope,
          );
        return;
      }
      case "fact": {
        if (kind !== "eligibility" && HISTORY_FACTS.has(e.fact as string))
          issue(
            [...at, "fact"],
            `the fact '${e.fact}' reads a patient's history and belongs in an eligibility rule; a ${kind} definition is evaluated on one assessment, where it could never be known`,
          );
        const params = x.params as Record<string, unknown>;
        const isBind = (v: unknown): v is { bind: string } =>
          typeof v === "object" && v !== null && "bind" in v;
        if (e.fact === "urineSedimentNormal" && isBind(params))
          use(params.bind, { t: "sediment" }, [...at, "params"], scope);
        const uln = (params as Record<string, unknown>).defaultUpperLimit;
        if (e.fact === "serumCreatinineNormal" && isBind(uln))
          use(uln.bind, { t: "sexSpecific" }, [...at, "params", "defaultUpperLimit"], scope);
        if (e.fact === "treatmentFailures")
          for (const [k, v] of Object.entries(params))
            if (isBind(v))
              use(
                v.bind,
                { t: "treatment", field: k as TreatmentField },
                [...at, "params", k],
                scope,
              );
        return;
      }
      case "all":
      case "any":
        (x.of as AnyExpr[]).forEach((c, i) => {
          walk(c, [...at, "of", i], scope);
        });
        return;
      case "not":
        walk(x.of as AnyExpr, [...at, "of"], scope);
        return;
      case "if":
        for (const k of ["cond", "whenMet", "whenNotMet"] as const)
          walk(x[k] as AnyExpr, [...at, k], scope);
        return;
      case "ref":
        if (!scope.refs.has(x.to as string))
          issue(
            [...at, "to"],
            `reference to '${String(x.to)}', which is not an earlier definition of this object (${[...scope.refs].join(", ") || "none here"})`,
          );
        return;
      case "bind":
        use(x.name as string, { t: "expr" }, at, scope);
        return;
    }
  };
  const conv = c.conversions?.upcr;
  if (typeof conv === "object" && conv !== null)
    use((conv as { bind: string }).bind, { t: "upcrConversion" }, ["conversions", "upcr"], {
      key: "conversions",
      refs: new Set(),
    });
  for (const r of roots) walk(r.expr, r.path, r.scope);
}

function unique(names: readonly { name: string; path: Path }[], what: string, ctx: Ctx) {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n.name))
      ctx.addIssue({ code: "custom", path: n.path, message: `duplicate ${what} '${n.name}'` });
    seen.add(n.name);
  }
}

// ---------------------------------------------------------------------------
// The three criteria schemas

const ScheduleSchema = z.strictObject({
  timepoints: z
    .array(
      z.strictObject({
        label: Text,
        day: z.number().min(0).max(36_500),
        windowDays: z.number().min(0).max(36_500),
      }),
    )
    .max(1000),
  source: LocatorSchema,
  note: Text,
});

/**
 * zod schema of a {@link ResponseCriteria} object, with the checks across the
 * object: every `ref` names an earlier category or end point, every placeholder
 * is bound by every reading of its parameter with a value of the type its use
 * needs, every parameter's `default` is one of its readings, names are unique.
 *
 * @example
 * ```ts
 * import { criteria, ResponseCriteriaSchema } from 'lupus-renal-criteria';
 * ResponseCriteriaSchema.safeParse(structuredClone(criteria.kang2020)).success; // true
 * ```
 * @category Criteria as data
 */
export const ResponseCriteriaSchema: z.ZodType<ResponseCriteria> = z
  .strictObject({
    kind: z.literal("response"),
    ...header,
    proteinuriaMeasure: z.enum(["proteinuria24h", "upcr"]),
    categories: z
      .array(DefinitionSchema.extend({ name: z.enum(["CR", "PR"]) }))
      .min(1)
      .max(2),
    noResponse: z.strictObject({ label: Text, source: LocatorSchema }),
    endpoints: z.array(DefinitionSchema).max(100),
    gaps: z
      .array(
        z.strictObject({
          id: SafeId,
          description: Text,
          reportedAs: z.literal("NR"),
          when: ExprSchema,
          source: LocatorSchema,
        }),
      )
      .max(100),
    schedule: ScheduleSchema.optional(),
    conversions: ConversionsSchema.optional(),
  })
  .superRefine((c, ctx) => {
    const defs = [
      ...c.categories.map((d, i) => ({ name: d.name, path: ["categories", i, "name"] })),
      ...c.endpoints.map((d, i) => ({ name: d.name, path: ["endpoints", i, "name"] })),
    ];
    unique(defs, "definition name", ctx);
    unique(
      c.gaps.map((g, i) => ({ name: g.id, path: ["gaps", i, "id"] })),
      "gap id",
      ctx,
    );
    const roots: { path: Path; expr: AnyExpr; scope: Scope }[] = [];
    const seen: string[] = [];
    const scopeNow = (): Scope => ({ key: String(seen.length), refs: new Set(seen) });
    c.categories.forEach((d, i) => {
      roots.push({ path: ["categories", i, "expr"], expr: d.expr as AnyExpr, scope: scopeNow() });
      seen.push(d.name);
    });
    c.endpoints.forEach((d, i) => {
      roots.push({ path: ["endpoints", i, "expr"], expr: d.expr as AnyExpr, scope: scopeNow() });
      seen.push(d.name);
    });
    const all = scopeNow();
    c.gaps.forEach((g, i) => {
      roots.push({ path: ["gaps", i, "when"], expr: g.when as AnyExpr, scope: all });
    });
    checkObject(c as never, roots, ctx, "response");
  }) as never;

const NO_REFS: Scope = { key: "none", refs: new Set() };

/**
 * zod schema of an {@link EligibilityCriteria} object (see
 * {@link ResponseCriteriaSchema} for the checks across the object; a rule has no
 * other definition to refer to).
 *
 * @example
 * ```ts
 * import { eligibility, EligibilityCriteriaSchema } from 'lupus-renal-criteria';
 * EligibilityCriteriaSchema.safeParse(structuredClone(eligibility.kang2020Refractory)).success; // true
 * ```
 * @category Criteria as data
 */
export const EligibilityCriteriaSchema: z.ZodType<EligibilityCriteria> = z
  .strictObject({ kind: z.literal("eligibility"), ...header, rule: DefinitionSchema })
  .superRefine((c, ctx) => {
    checkObject(
      c as never,
      [{ path: ["rule", "expr"], expr: c.rule.expr as AnyExpr, scope: NO_REFS }],
      ctx,
      "eligibility",
    );
  }) as never;

/**
 * zod schema of a {@link FlareCriteria} object (see {@link ResponseCriteriaSchema}
 * for the checks across the object; grades are evaluated on their own and may
 * not refer to each other).
 *
 * @example
 * ```ts
 * import { flares, FlareCriteriaSchema } from 'lupus-renal-criteria';
 * FlareCriteriaSchema.safeParse(structuredClone(flares.moroni2022)).success; // true
 * ```
 * @category Criteria as data
 */
export const FlareCriteriaSchema: z.ZodType<FlareCriteria> = z
  .strictObject({
    kind: z.literal("flare"),
    ...header,
    scope: z.enum(["visits", "extra-renal-events"]),
    reference: z.enum(["previous-visit", "baseline"]),
    grades: z
      .array(DefinitionSchema.extend({ afterResponse: z.enum(["CR", "PR", "any"]).optional() }))
      .min(1)
      .max(100),
    conversions: ConversionsSchema.optional(),
  })
  .superRefine((c, ctx) => {
    checkObject(
      c as never,
      c.grades.map((g, i) => ({
        path: ["grades", i, "expr"],
        expr: g.expr as AnyExpr,
        scope: NO_REFS,
      })),
      ctx,
      "flare",
    );
  }) as never;

/**
 * zod schema of any criteria object, discriminated on `kind` (`response`,
 * `eligibility`, `flare`). {@link validateCriteria} adds structural limits
 * (plain data only, depth and size) and caching on top of it.
 *
 * @example
 * ```ts
 * import { CriteriaSchema } from 'lupus-renal-criteria';
 * CriteriaSchema.safeParse({ kind: 'response' }).success; // false
 * ```
 * @category Criteria as data
 */
export const CriteriaSchema: z.ZodType<AnyCriteria> = z.discriminatedUnion("kind", [
  ResponseCriteriaSchema as never,
  EligibilityCriteriaSchema as never,
  FlareCriteriaSchema as never,
]) as never;

/**
 * The JSON Schema (draft 2020-12) of criteria objects, generated from
 * {@link CriteriaSchema}; the file `schema/criteria.schema.json` holds it. The
 * checks across the object (references, placeholders, defaults, unit kinds of
 * bound thresholds) are enforced only by the zod schema.
 *
 * @returns the JSON Schema as a plain object.
 * @example
 * ```ts
 * import { criteriaJsonSchema } from 'lupus-renal-criteria';
 * criteriaJsonSchema().$schema; // 'https://json-schema.org/draft/2020-12/schema'
 * ```
 * @category Criteria as data
 */
export function criteriaJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(CriteriaSchema, { io: "input", unrepresentable: "any" }),
    title: "lupus-renal-criteria criteria object",
  };
}

// ---------------------------------------------------------------------------
// Validation with structural limits, freezing and an identity cache

/** Deepest nesting of objects and arrays accepted in a criteria object. */
const MAX_DEPTH = 64;
/** Most objects, arrays and values accepted in a criteria object. */
const MAX_NODES = 100_000;

const validated = new WeakSet<object>();

/**
 * Check that `x` is plain data (plain objects and arrays, strings, numbers,
 * booleans; no accessors, symbols, functions or class instances) within the
 * depth and size limits. Reading a Proxy or a throwing getter is caught.
 */
function plainDataIssues(x: unknown): InputIssue[] {
  const issues: InputIssue[] = [];
  const stack: { v: unknown; path: Path; depth: number }[] = [{ v: x, path: [], depth: 0 }];
  let count = 0;
  try {
    while (stack.length > 0 && issues.length < 20) {
      const { v, path, depth } = stack.pop() as { v: unknown; path: Path; depth: number };
      if (++count > MAX_NODES) {
        issues.push({ path: "(root)", message: `more than ${MAX_NODES} values` });
        break;
      }
      const t = typeof v;
      if (v === null || t === "string" || t === "number" || t === "boolean" || t === "undefined")
        continue;
      if (t !== "object") {
        issues.push({ path: formatPath(path), message: `a ${t} is not data` });
        continue;
      }
      if (depth >= MAX_DEPTH) {
        issues.push({ path: formatPath(path), message: `nested deeper than ${MAX_DEPTH} levels` });
        break;
      }
      const o = v as object;
      const array = Array.isArray(o);
      const proto = Object.getPrototypeOf(o);
      if (array ? proto !== Array.prototype : proto !== Object.prototype && proto !== null) {
        issues.push({ path: formatPath(path), message: "not a plain object or array" });
        continue;
      }
      for (const k of Reflect.ownKeys(o)) {
        if (typeof k === "symbol") {
          issues.push({ path: formatPath(path), message: "symbol keys are not data" });
          continue;
        }
        if (array && k === "length") continue;
        const key: string | number = array && /^(0|[1-9][0-9]*)$/.test(k) ? Number(k) : k;
        if (array && typeof key !== "number") {
          issues.push({ path: formatPath([...path, k]), message: "arrays hold only elements" });
          continue;
        }
        const d = Object.getOwnPropertyDescriptor(o, k);
        if (d === undefined) continue;
        if (!("value" in d)) {
          issues.push({
            path: formatPath([...path, key]),
            message: "accessor properties are not data",
          });
          continue;
        }
        stack.push({ v: d.value, path: [...path, key], depth: depth + 1 });
      }
    }
  } catch (e) {
    issues.push({ path: "(root)", message: `could not be read: ${errorMessage(e)}` });
  }
  return issues;
}

function errorMessage(e: unknown): string {
  try {
    return e instanceof Error ? e.message : String(e);
  } catch {
    return "unreadable error";
  }
}

/** zod issues → flat issues: a union's best-matching branch, unknown keys one by one. */
function flatten(issues: readonly z.core.$ZodIssue[], prefix: Path = []): InputIssue[] {
  const out: InputIssue[] = [];
  for (const i of issues) {
    const path = [...prefix, ...(i.path as Path)];
    if (i.code === "invalid_union" && i.errors.length > 0) {
      const best = [...i.errors].sort(
        (a, b) =>
          a.length - b.length ||
          Math.max(...b.map((x) => x.path.length)) - Math.max(...a.map((x) => x.path.length)),
      )[0] as z.core.$ZodIssue[];
      out.push(...flatten(best, path));
    } else if (i.code === "unrecognized_keys") {
      for (const k of i.keys) out.push({ path: formatPath([...path, k]), message: "unknown key" });
    } else out.push({ path: formatPath(path), message: i.message });
  }
  return out;
}

function check(x: unknown): InputIssue[] {
  const structural = plainDataIssues(x);
  if (structural.length > 0) return structural;
  try {
    const r = CriteriaSchema.safeParse(x);
    return r.success ? [] : flatten(r.error.issues);
  } catch (e) {
    return [{ path: "(root)", message: `could not be validated: ${errorMessage(e)}` }];
  }
}

function deepFreeze<T>(x: T): T {
  const stack: unknown[] = [x];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== "object" || v === null || Object.isFrozen(v)) continue;
    Object.freeze(v);
    for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
  }
  return x;
}

/**
 * {@link validateCriteria} as a discriminated result: never throws.
 *
 * @param x - anything.
 * @returns `{ success: true, data }` (the same object, now deep-frozen) or `{ success: false, error }`.
 * @example
 * ```ts
 * import { safeValidateCriteria } from 'lupus-renal-criteria';
 * const r = safeValidateCriteria({ kind: 'response', id: 'x' });
 * if (!r.success) r.error.issues.length > 0; // true
 * ```
 * @category Criteria as data
 */
export function safeValidateCriteria(
  x: unknown,
): { success: true; data: AnyCriteria } | { success: false; error: CriteriaError } {
  if (typeof x === "object" && x !== null && validated.has(x))
    return { success: true, data: x as AnyCriteria };
  let issues = check(x);
  if (issues.length === 0) {
    try {
      deepFreeze(x);
      // Validate again now that nothing can change it (a Proxy could answer differently before).
      issues = check(x);
    } catch (e) {
      issues = [{ path: "(root)", message: `could not be frozen: ${errorMessage(e)}` }];
    }
  }
  if (issues.length > 0) return { success: false, error: new CriteriaError(issues) };
  validated.add(x as object);
  return { success: true, data: x as AnyCriteria };
}

/**
 * Validate a criteria object (response, eligibility or flare): plain data only,
 * every node kind, comparator, measure, unit, fact and evidence value from a
 * closed set, numbers finite, ids safe identifiers, unknown keys rejected,
 * references and placeholders resolved (see {@link ResponseCriteriaSchema}).
 *
 * On success the object itself is **deep-frozen** and remembered (by identity,
 * in a `WeakSet`): validating it again, which every entry point
 * (`classifyResponse`, `compile`, `toSql`, …) does, is one lookup. Freezing is
 * what makes that cache safe: a validated object cannot be changed afterwards.
 * Use {@link loadCriteria} to validate a copy and leave your object as it is.
 *
 * @param x - anything, e.g. `JSON.parse` of a criteria file.
 * @returns the same object, typed and frozen.
 * @throws {@link CriteriaError} naming each offending path.
 * @example
 * ```ts
 * import { CriteriaError, criteria, validateCriteria } from 'lupus-renal-criteria';
 * const ok = validateCriteria(JSON.parse(JSON.stringify(criteria.kang2020)));
 * ok.id; // 'kang2020'
 * try {
 *   validateCriteria({ ...criteria.kang2020, id: 'bad id; drop table' });
 * } catch (e) {
 *   if (CriteriaError.isCriteriaError(e)) e.issues[0]?.path; // 'id'
 * }
 * ```
 * @category Criteria as data
 */
export function validateCriteria(x: unknown): AnyCriteria {
  const r = safeValidateCriteria(x);
  if (!r.success) throw r.error;
  return r.data;
}

function copy(x: unknown): unknown {
  if (typeof x !== "object" || x === null) return x;
  if (Array.isArray(x)) return x.map(copy);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) {
    if (v !== undefined)
      Object.defineProperty(out, k, {
        value: copy(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}

/**
 * Load a criteria object from untrusted JSON: parse it when given a string,
 * validate it (see {@link validateCriteria}) and return a deep-frozen copy (the
 * argument is left unchanged).
 *
 * @param json - a JSON string or an already parsed value.
 * @returns a frozen, validated copy.
 * @throws {@link CriteriaError} for invalid JSON or an invalid object.
 * @example
 * ```ts
 * import { classifyResponse, criteria, loadCriteria } from 'lupus-renal-criteria';
 * const c = loadCriteria(JSON.stringify(criteria.zhang2023));
 * Object.isFrozen(c); // true
 * if (c.kind === 'response') classifyResponse(c, {}).category; // 'indeterminate'
 * ```
 * @category Criteria as data
 */
export function loadCriteria(json: unknown): AnyCriteria {
  let x = json;
  if (typeof json === "string") {
    try {
      x = JSON.parse(json);
    } catch (e) {
      throw new CriteriaError([{ path: "(root)", message: `not JSON: ${errorMessage(e)}` }]);
    }
  }
  const structural = plainDataIssues(x);
  if (structural.length > 0) throw new CriteriaError(structural);
  return validateCriteria(copy(x));
}

/**
 * Validate a criteria object of one kind (the entry points' guard).
 *
 * @internal
 */
export function criteriaOf<K extends AnyCriteria["kind"]>(
  x: unknown,
  kind: K,
): Extract<AnyCriteria, { kind: K }> {
  // The hot path: an object validated before (frozen since) is one WeakSet lookup.
  if (typeof x === "object" && x !== null && validated.has(x) && (x as AnyCriteria).kind === kind)
    return x as Extract<AnyCriteria, { kind: K }>;
  const c = validateCriteria(x);
  if (c.kind !== kind)
    throw new CriteriaError([
      { path: "kind", message: `expected a ${kind} criteria object, got '${c.kind}'` },
    ]);
  return c as Extract<AnyCriteria, { kind: K }>;
}

/**
 * Mark shipped objects as validated (their validation is a test) and deep-freeze them.
 *
 * @internal
 */
export function shipped<T extends Record<string, object>>(objects: T): T {
  for (const o of Object.values(objects)) {
    deepFreeze(o);
    validated.add(o);
  }
  return deepFreeze(objects);
}

/**
 * Deep-freeze plain data in place.
 *
 * @internal
 */
export { deepFreeze };
