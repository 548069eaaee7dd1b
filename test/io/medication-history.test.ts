// parseMedicationHistory against Kang 2020 and Zhang 2023 Table 1. The input strings are the
// table cells as they appear in /work/shared/papers (rows 1–11 of Kang's table carry the PDF
// conversion's LaTeX arrows, rows 12–14 Unicode arrows); every expected history below was
// written by hand from the table and its legend, not produced by running the parser.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  type MedicationHistoryParse,
  parseMedicationHistory,
} from "../../src/io/medication-history.js";
import {
  AGENT_ALIASES,
  AGENT_NAMES,
  type AgentName,
  type TreatmentCourse,
  type TreatmentHistory,
  TreatmentHistorySchema,
} from "../../src/model/treatment.js";

type Outcome = TreatmentCourse["outcome"];
type Resp = "CR" | "PR" | "NR";

const single = (agent: AgentName, r: Resp, verbatim: string, outcome?: Outcome) =>
  outcome
    ? { agents: [agent], mode: "single" as const, bestResponse: r, outcome, verbatim }
    : { agents: [agent], mode: "single" as const, bestResponse: r, verbatim };
const seq = (agents: AgentName[], r: Resp, verbatim: string, outcome?: Outcome) =>
  outcome
    ? { agents, mode: "sequence" as const, bestResponse: r, outcome, verbatim }
    : { agents, mode: "sequence" as const, bestResponse: r, verbatim };
const F = "failure-or-relapse" as const;
const AE = "adverse-event" as const;

/** Expect success and return the history (narrowing for the type checker). */
function historyOf(r: MedicationHistoryParse): TreatmentHistory {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.errors)}`);
  return r.history;
}
function errorsOf(r: MedicationHistoryParse) {
  if (r.ok) throw new Error(`expected errors, got ${JSON.stringify(r.history)}`);
  return r;
}
const structure = (h: TreatmentHistory) => h.courses.map(({ verbatim: _v, ...c }) => c);

// Kang 2020, Table 1, "Previous medications and outcome". Legend: Cyc cyclophosphamide,
// AZA azathioprine, Cs cyclosporine, LEF leflunomide, RTX rituximab, MMF mycophenolate mofetil,
// TAC tacrolimus; "*" cyclophosphamide in sequence with another agent; "→ F" failure or relapse.
const KANG: [number, string, TreatmentCourse[]][] = [
  [
    1,
    "Cyc $\\rightarrow$ Cs* (CR $\\rightarrow$ F) Cyc $\\rightarrow$ LEF* (CR $\\rightarrow$ F) RTX (NR)",
    [
      seq(["cyclophosphamide", "cyclosporine"], "CR", "Cyc → Cs* (CR → F)", F),
      seq(["cyclophosphamide", "leflunomide"], "CR", "Cyc → LEF* (CR → F)", F),
      single("rituximab", "NR", "RTX (NR)"),
    ],
  ],
  [
    2,
    "Pulse steroids (CR $\\rightarrow$ F) Cyc (PR $\\rightarrow$ F) MMF (NR) TAC (NR)",
    [
      single("glucocorticoid-pulse", "CR", "Pulse steroids (CR → F)", F),
      single("cyclophosphamide", "PR", "Cyc (PR → F)", F),
      single("mycophenolate", "NR", "MMF (NR)"),
      single("tacrolimus", "NR", "TAC (NR)"),
    ],
  ],
  [
    3,
    "MMF (PR $\\rightarrow$ F) TAC (PR $\\rightarrow$ F)",
    [
      single("mycophenolate", "PR", "MMF (PR → F)", F),
      single("tacrolimus", "PR", "TAC (PR → F)", F),
    ],
  ],
  [
    4,
    "Cyc $\\rightarrow$ MMF* (CR $\\rightarrow$ F) TAC (NR)",
    [
      seq(["cyclophosphamide", "mycophenolate"], "CR", "Cyc → MMF* (CR → F)", F),
      single("tacrolimus", "NR", "TAC (NR)"),
    ],
  ],
  [
    5,
    "CYC (CR $\\rightarrow$ AE) LEF (NR) Cyc (NR) MMF (PR $\\rightarrow$ F) TAC (PR $\\rightarrow$ F)",
    [
      single("cyclophosphamide", "CR", "CYC (CR → AE)", AE),
      single("leflunomide", "NR", "LEF (NR)"),
      single("cyclophosphamide", "NR", "Cyc (NR)"),
      single("mycophenolate", "PR", "MMF (PR → F)", F),
      single("tacrolimus", "PR", "TAC (PR → F)", F),
    ],
  ],
  [
    6,
    "TAC (NR) MMF (PR $\\rightarrow$ F) TAC (PR $\\rightarrow$ F)",
    [
      single("tacrolimus", "NR", "TAC (NR)"),
      single("mycophenolate", "PR", "MMF (PR → F)", F),
      single("tacrolimus", "PR", "TAC (PR → F)", F),
    ],
  ],
  [
    7,
    "Cyc (CR $\\rightarrow$ F) MMF (PR $\\rightarrow$ F) Cs (NR) LEF (NR)",
    [
      single("cyclophosphamide", "CR", "Cyc (CR → F)", F),
      single("mycophenolate", "PR", "MMF (PR → F)", F),
      single("cyclosporine", "NR", "Cs (NR)"),
      single("leflunomide", "NR", "LEF (NR)"),
    ],
  ],
  [
    8,
    "Cyc $\\rightarrow$ MMF* (PR $\\rightarrow$ F) TAC (NR) Cyc (NR)",
    [
      seq(["cyclophosphamide", "mycophenolate"], "PR", "Cyc → MMF* (PR → F)", F),
      single("tacrolimus", "NR", "TAC (NR)"),
      single("cyclophosphamide", "NR", "Cyc (NR)"),
    ],
  ],
  [
    9,
    "MMF (NR) Sirolimus (NR) Cyc (NR) Cs (NR) TAC (NR)",
    [
      single("mycophenolate", "NR", "MMF (NR)"),
      single("sirolimus", "NR", "Sirolimus (NR)"),
      single("cyclophosphamide", "NR", "Cyc (NR)"),
      single("cyclosporine", "NR", "Cs (NR)"),
      single("tacrolimus", "NR", "TAC (NR)"),
    ],
  ],
  [
    10,
    "Cyc (NR) Cs (NR) TAC (NR)",
    [
      single("cyclophosphamide", "NR", "Cyc (NR)"),
      single("cyclosporine", "NR", "Cs (NR)"),
      single("tacrolimus", "NR", "TAC (NR)"),
    ],
  ],
  [11, "Cyc (PR $\\rightarrow$ F)", [single("cyclophosphamide", "PR", "Cyc (PR → F)", F)]],
  [
    12,
    "MMF (PR → F) LEF (NR)",
    [single("mycophenolate", "PR", "MMF (PR → F)", F), single("leflunomide", "NR", "LEF (NR)")],
  ],
  [
    13,
    "MMF (PR → F) Cyc (NR) Cs (NR) MMF (NR) TAC (NR) LEF + Tripterygium (NR) Cyc (NR)",
    [
      single("mycophenolate", "PR", "MMF (PR → F)", F),
      single("cyclophosphamide", "NR", "Cyc (NR)"),
      single("cyclosporine", "NR", "Cs (NR)"),
      single("mycophenolate", "NR", "MMF (NR)"),
      single("tacrolimus", "NR", "TAC (NR)"),
      {
        agents: ["leflunomide", "tripterygium"],
        mode: "combination",
        bestResponse: "NR",
        verbatim: "LEF + Tripterygium (NR)",
      },
      single("cyclophosphamide", "NR", "Cyc (NR)"),
    ],
  ],
  [
    14,
    "Cyc → LEF* (CR → F) Cs (CR → F) MMF (NR) TAC (NR) AZA (NR)",
    [
      seq(["cyclophosphamide", "leflunomide"], "CR", "Cyc → LEF* (CR → F)", F),
      single("cyclosporine", "CR", "Cs (CR → F)", F),
      single("mycophenolate", "NR", "MMF (NR)"),
      single("tacrolimus", "NR", "TAC (NR)"),
      single("azathioprine", "NR", "AZA (NR)"),
    ],
  ],
];

// Zhang 2023, Table 1, "Previous immunosuppressive agents". Legend: CsA cyclosporine A,
// CTX cyclophosphamide, MMF mycophenolate mofetil, AZA azathioprine, MTX methotrexate; FK506
// (tacrolimus) is not in the legend. Each entry: [verbatim item, normalised agent].
const ZHANG: [number, string, [string, AgentName][]][] = [
  [
    1,
    "CTX, MMF, AZA",
    [
      ["CTX", "cyclophosphamide"],
      ["MMF", "mycophenolate"],
      ["AZA", "azathioprine"],
    ],
  ],
  [
    2,
    "CTX, CsA, FK506, MMF",
    [
      ["CTX", "cyclophosphamide"],
      ["CsA", "cyclosporine"],
      ["FK506", "tacrolimus"],
      ["MMF", "mycophenolate"],
    ],
  ],
  [
    4,
    "CTX, CsA, FK506, MMF, AZA",
    [
      ["CTX", "cyclophosphamide"],
      ["CsA", "cyclosporine"],
      ["FK506", "tacrolimus"],
      ["MMF", "mycophenolate"],
      ["AZA", "azathioprine"],
    ],
  ],
  [
    6,
    "CTX, CsA, MTX, MMF",
    [
      ["CTX", "cyclophosphamide"],
      ["CsA", "cyclosporine"],
      ["MTX", "methotrexate"],
      ["MMF", "mycophenolate"],
    ],
  ],
  [
    9,
    "CTX, MMF",
    [
      ["CTX", "cyclophosphamide"],
      ["MMF", "mycophenolate"],
    ],
  ],
  [
    12,
    "FK506, MMF",
    [
      ["FK506", "tacrolimus"],
      ["MMF", "mycophenolate"],
    ],
  ],
  [
    13,
    "CTX, MTX",
    [
      ["CTX", "cyclophosphamide"],
      ["MTX", "methotrexate"],
    ],
  ],
  [
    14,
    "MTX, FK506, MMF",
    [
      ["MTX", "methotrexate"],
      ["FK506", "tacrolimus"],
      ["MMF", "mycophenolate"],
    ],
  ],
];

describe("Kang 2020 Table 1, 'Previous medications and outcome' (all 14 patients)", () => {
  it.each(KANG)("patient %i", (_patient, cell, courses) => {
    const r = parseMedicationHistory(cell);
    expect(r).toEqual({
      ok: true,
      history: { courses, ordered: true, verbatim: cell },
      warnings: [],
    });
    expect(TreatmentHistorySchema.parse(historyOf(r))).toEqual(historyOf(r));
    expect(parseMedicationHistory(cell, { format: "kang" })).toEqual(r);
  });
  it("the table's own counts: 49 courses, 5 sequences, 1 combination, 1 adverse event", () => {
    const all = KANG.flatMap(([, cell]) => historyOf(parseMedicationHistory(cell)).courses);
    expect(all).toHaveLength(49);
    expect(all.filter((c) => c.mode === "sequence")).toHaveLength(5);
    expect(all.filter((c) => c.mode === "combination")).toHaveLength(1);
    expect(all.filter((c) => c.outcome === "adverse-event")).toHaveLength(1);
  });
});

describe("Zhang 2023 Table 1, 'Previous immunosuppressive agents'", () => {
  it.each(ZHANG)("patient %i", (_patient, cell, items) => {
    const expected: TreatmentHistory = {
      ordered: false,
      courses: items.map(([verbatim, agent]) => ({
        agents: [agent],
        mode: "single",
        bestResponse: "unknown",
        verbatim,
      })),
      verbatim: cell,
    };
    const r = parseMedicationHistory(cell);
    expect(r).toEqual({ ok: true, history: expected, warnings: [] });
    expect(parseMedicationHistory(cell, { format: "list" })).toEqual(r);
    expect(TreatmentHistorySchema.parse(historyOf(r))).toEqual(expected);
  });
  it("semicolons, Chinese separators, a trailing comma and long names", () => {
    const h = historyOf(
      parseMedicationHistory("mycophenolate mofetil; Cyclosporine A、CTX，hcq,  "),
    );
    expect(structure(h)).toEqual([
      { agents: ["mycophenolate"], mode: "single", bestResponse: "unknown" },
      { agents: ["cyclosporine"], mode: "single", bestResponse: "unknown" },
      { agents: ["cyclophosphamide"], mode: "single", bestResponse: "unknown" },
      { agents: ["hydroxychloroquine"], mode: "single", bestResponse: "unknown" },
    ]);
    expect(h.courses.map((c) => c.verbatim)).toEqual([
      "mycophenolate mofetil",
      "Cyclosporine A",
      "CTX",
      "hcq",
    ]);
  });
  it("a combination inside a list; empty items are ignored with a warning", () => {
    const r = parseMedicationHistory("LEF + Tripterygium, , MMF");
    expect(r.ok && r.warnings).toEqual([expect.stringMatching(/empty item .* offset 20/)]);
    expect(structure(historyOf(r))).toEqual([
      { agents: ["leflunomide", "tripterygium"], mode: "combination", bestResponse: "unknown" },
      { agents: ["mycophenolate"], mode: "single", bestResponse: "unknown" },
    ]);
  });
  it('"none" and Zhang\'s "/" are an explicit empty history', () => {
    expect(parseMedicationHistory(" none ")).toEqual({
      ok: true,
      history: { courses: [], ordered: false, verbatim: " none " },
      warnings: [],
    });
    expect(historyOf(parseMedicationHistory("/")).courses).toEqual([]);
  });
});

describe("spellings", () => {
  it("arrow variants give identical structures and identical verbatim text", () => {
    const base = historyOf(parseMedicationHistory("Cyc → MMF* (CR → F) TAC (NR)"));
    for (const v of [
      "Cyc -> MMF* (CR -> F) TAC (NR)",
      "Cyc $\\rightarrow$ MMF* (CR $\\rightarrow$ F) TAC (NR)",
      "Cyc ⟶ MMF* (CR ⟶ F) TAC (NR)",
      "Cyc $ \\rightarrow $ MMF* (CR -> F) TAC (NR)",
    ]) {
      const h = historyOf(parseMedicationHistory(v));
      expect(h.courses).toEqual(base.courses);
      expect(h.verbatim).toBe(v);
    }
  });
  it("case variants give identical structures", () => {
    const base = historyOf(parseMedicationHistory("Cyc → MMF* (CR → F) TAC (NR) CYC (PR → AE)"));
    for (const v of [
      "CYC → mmf* (cr → f) tac (nr) cyc (pr → ae)",
      "cyc -> Mmf* (Cr -> F) Tac (nR) Cyc (PR -> Ae)",
      "CTX→MMF*(CR→F)FK506(NR)cyc(PR→AE)",
    ]) {
      expect(structure(historyOf(parseMedicationHistory(v)))).toEqual(structure(base));
    }
  });
  it("full-width parentheses and comma-separated courses", () => {
    const h = historyOf(parseMedicationHistory("MMF（PR → F）, TAC (NR); RTX (CR)"));
    expect(structure(h)).toEqual([
      { agents: ["mycophenolate"], mode: "single", bestResponse: "PR", outcome: F },
      { agents: ["tacrolimus"], mode: "single", bestResponse: "NR" },
      { agents: ["rituximab"], mode: "single", bestResponse: "CR" },
    ]);
  });
  it("auto picks kang when there is a parenthesis, else list", () => {
    expect(historyOf(parseMedicationHistory("MMF")).ordered).toBe(false);
    expect(historyOf(parseMedicationHistory("MMF (NR)")).ordered).toBe(true);
    expect(parseMedicationHistory("MMF (XR)").ok).toBe(false);
  });
});

describe("warnings", () => {
  it("a sequence without '*' is read as a sequence, with a warning", () => {
    const r = parseMedicationHistory("Cyc → MMF (PR → F)");
    expect(r.ok && r.warnings).toEqual([expect.stringMatching(/without Kang's trailing '\*'/)]);
    expect(structure(historyOf(r))).toEqual([
      {
        agents: ["cyclophosphamide", "mycophenolate"],
        mode: "sequence",
        bestResponse: "PR",
        outcome: F,
      },
    ]);
    expect(historyOf(r).courses[0]?.verbatim).toBe("Cyc → MMF (PR → F)");
  });
  it("'*' on a single agent is ignored; a starred sequence not starting with Cyc is flagged", () => {
    const r = parseMedicationHistory("MMF* (NR) TAC → MMF* (NR)");
    expect(r.ok && r.warnings).toEqual([
      expect.stringMatching(/ignored on a single course/),
      expect.stringMatching(/does not start with cyclophosphamide/),
    ]);
    expect(historyOf(r).courses.map((c) => c.mode)).toEqual(["single", "sequence"]);
  });
});

describe("errors, with offsets into the original text", () => {
  it.each([
    [
      "Aspirin (NR)",
      "auto",
      0,
      /unknown agent "Aspirin" at offset 0; accepted spellings include .*MMF/,
      0,
    ],
    ["MMF (PR → F", "auto", 4, /unbalanced parenthesis: '\(' at offset 4 is never closed/, 0],
    ["MMF", "kang", 3, /missing response after "MMF" at offset 3/, 0],
    ["", "auto", 0, /empty treatment history/, 0],
    ["  \n\t", "kang", 0, /empty treatment history/, 0],
    ["MMF (XR)", "auto", 5, /unknown response "XR" at offset 5: expected CR, PR or NR/, 0],
    ["MMF (CR → X)", "auto", 10, /unknown outcome "X"/, 0],
    ["MMF ()", "auto", 5, /missing response at offset 5/, 0],
    ["MMF (NR))", "auto", 8, /'\)' at offset 8 has no matching '\('/, 1],
    ["(NR)", "auto", 0, /a response without an agent/, 0],
    ["MMF TAC (NR)", "auto", 3, /missing response after "MMF"/, 0],
    ["MMF (NR) TAC", "auto", 12, /missing response after "TAC"/, 1],
    ["Cyc → (CR)", "auto", 6, /expected an agent name after "→"/, 0],
    ["Cyc → MMF + TAC (NR)", "auto", 10, /cannot mix '\+' \(combination\) and '→'/, 0],
    ["Cyc* → MMF (NR)", "auto", 3, /'\*' at offset 3 must follow the last agent/, 0],
    ["MMF (CR F)", "auto", 8, /expected '→ F', '→ AE' or '\)'/, 0],
    ["CTX, Foo", "auto", 5, /unknown agent "Foo"/, 1],
    ["CTX MMF", "list", 3, /missing ',' between "CTX" and "MMF"/, 0],
    ["CTX (NR)", "list", 4, /the list format has no responses/, 0],
    [",;,", "auto", 0, /no agent found/, 0],
  ] as const)("%j (%s) → offset %i", (text, format, offset, message, partialCourses) => {
    const r = errorsOf(parseMedicationHistory(text, { format }));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.offset).toBe(offset);
    expect(r.errors[0]?.message).toMatch(message);
    expect(r.partial?.courses.length ?? 0).toBe(partialCourses);
  });
  it("offsets count the original characters, LaTeX arrows included", () => {
    const text = "Cyc $\\rightarrow$ MMF* (CR $\\rightarrow$ F) Aspirin (NR) TAC (NR";
    const r = errorsOf(parseMedicationHistory(text));
    expect(r.errors.map((e) => e.offset)).toEqual([text.indexOf("Aspirin"), text.lastIndexOf("(")]);
    expect(r.partial).toEqual({
      ordered: true,
      verbatim: text,
      courses: [seq(["cyclophosphamide", "mycophenolate"], "CR", "Cyc → MMF* (CR → F)", F)],
    });
  });
  it("every error is reported, and the courses read without error come back as partial", () => {
    const r = errorsOf(
      parseMedicationHistory("Aspirin (NR) MMF (XR) TAC (NR) RTX (PR → F TAC (NR)"),
    );
    expect(r.errors.map((e) => e.offset)).toEqual([0, 18, 35]);
    expect(r.errors[2]?.message).toMatch(
      /'\(' at offset 35 is not closed before "TAC" at offset 43/,
    );
    expect(r.partial?.courses.map((c) => c.verbatim)).toEqual(["TAC (NR)", "TAC (NR)"]);
    expect(TreatmentHistorySchema.parse(r.partial)).toEqual(r.partial);
  });
  it("never throws on a non-string or an unknown format from untyped callers", () => {
    const untyped = parseMedicationHistory as (t: unknown, o?: unknown) => MedicationHistoryParse;
    expect(untyped(undefined).ok).toBe(false);
    expect(untyped(42).ok).toBe(false);
    expect(untyped("MMF", { format: "csv" }).ok).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// Properties

function checkInvariants(text: string, r: MedicationHistoryParse): void {
  if (r.ok) {
    expect(TreatmentHistorySchema.parse(r.history)).toEqual(r.history);
    expect(r.history.verbatim).toBe(text);
  } else {
    expect(r.errors.length).toBeGreaterThan(0);
    for (const e of r.errors) {
      expect(Number.isInteger(e.offset)).toBe(true);
      expect(e.offset).toBeGreaterThanOrEqual(0);
      expect(e.offset).toBeLessThanOrEqual(text.length);
      expect(e.message.length).toBeGreaterThan(0);
    }
    if (r.partial !== undefined) {
      expect(r.partial.courses.length).toBeGreaterThan(0);
      expect(TreatmentHistorySchema.parse(r.partial)).toEqual(r.partial);
    }
  }
}

const formats = fc.constantFrom("kang" as const, "list" as const, "auto" as const);
/** Fragments of the notation, so random strings reach deep into the grammar. */
const soup = fc
  .array(
    fc.constantFrom(
      "Cyc",
      "MMF",
      "Pulse",
      "steroids",
      "Aspirin",
      "CR",
      "pr",
      "NR",
      "XR",
      "F",
      "AE",
      "→",
      "->",
      "-",
      ">",
      "⟶",
      "$\\rightarrow$",
      "$",
      "\\rightarrow",
      "(",
      ")",
      "（",
      "+",
      "*",
      ",",
      ";",
      " ",
      " ",
      "\u00a0",
      "\n",
      "none",
      "/",
      "\ud83d",
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(""));

describe("properties", () => {
  test.prop([fc.string({ maxLength: 400 }), formats])(
    "any string: ok or errors, never throws",
    (text, format) => checkInvariants(text, parseMedicationHistory(text, { format })),
  );
  test.prop([fc.string({ unit: "binary", maxLength: 300 }), formats])(
    "any full-Unicode string (lone surrogates included): ok or errors, never throws",
    (text, format) => checkInvariants(text, parseMedicationHistory(text, { format })),
  );
  test.prop([soup, formats], { numRuns: 500 })(
    "fragments of the notation: ok or errors, never throws",
    (text, format) => checkInvariants(text, parseMedicationHistory(text, { format })),
  );

  /** Spellings from the alias table and the canonical names, with the agent each means. */
  const SPELLINGS: [string, AgentName][] = [
    ...Object.entries(AGENT_ALIASES),
    ...AGENT_NAMES.map((n): [string, AgentName] => [n, n]),
  ];
  const recase = (s: string, how: number): string =>
    how === 0
      ? s
      : how === 1
        ? s.toUpperCase()
        : how === 2
          ? s.toLowerCase()
          : s.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
  const spelling = fc
    .tuple(fc.constantFrom(...SPELLINGS), fc.integer({ min: 0, max: 3 }))
    .map(([[text, agent], how]) => ({ text: recase(text, how), agent }));
  const ARROWS = ["→", "->", "⟶", "$\\rightarrow$"];
  const courseArb = fc.record({
    mode: fc.constantFrom("single" as const, "combination" as const, "sequence" as const),
    agents: fc.array(spelling, { minLength: 2, maxLength: 4 }),
    response: fc.constantFrom("CR", "PR", "NR"),
    responseCase: fc.integer({ min: 0, max: 2 }),
    outcome: fc.constantFrom(undefined, "F", "AE"),
    arrow: fc.constantFrom(...ARROWS),
    gap: fc.constantFrom(" ", "", "  "),
  });
  type GeneratedCourse = typeof courseArb extends fc.Arbitrary<infer T> ? T : never;

  /** Kang-style text of one course, with the given arrow spelling. */
  function formatCourse(c: GeneratedCourse, arrow: string): string {
    const names = (c.mode === "single" ? c.agents.slice(0, 1) : c.agents).map((a) => a.text);
    const agents =
      c.mode === "combination"
        ? names.join(`${c.gap}+${c.gap}`)
        : c.mode === "sequence"
          ? `${names.join(`${c.gap}${arrow}${c.gap}`)}*`
          : (names[0] as string);
    const response = recase(c.response, c.responseCase);
    const outcome = c.outcome === undefined ? "" : `${c.gap}${arrow}${c.gap}${c.outcome}`;
    return `${agents}${c.gap}(${response}${outcome})`;
  }
  function expectedCourse(c: GeneratedCourse): Omit<TreatmentCourse, "verbatim"> {
    const agents = (c.mode === "single" ? c.agents.slice(0, 1) : c.agents).map((a) => a.agent);
    const base = { agents, mode: c.mode, bestResponse: c.response as Resp };
    return c.outcome === undefined
      ? base
      : { ...base, outcome: c.outcome === "F" ? "failure-or-relapse" : "adverse-event" };
  }

  test.prop([
    fc.array(courseArb, { minLength: 1, maxLength: 6 }),
    fc.constantFrom(" ", "  ", "\n", ", ", "; "),
    fc.constantFrom("kang" as const, "auto" as const),
  ])("round trip: structured history → Kang-style text → the same structure", (cs, sep, format) => {
    const text = cs.map((c) => formatCourse(c, c.arrow)).join(sep);
    const r = parseMedicationHistory(text, { format });
    const h = historyOf(r);
    expect(h.ordered).toBe(true);
    expect(h.verbatim).toBe(text);
    expect(structure(h)).toEqual(cs.map(expectedCourse));
    expect(h.courses.map((c) => c.verbatim)).toEqual(
      cs.map((c) => formatCourse(c, "→").replace(/\s+/g, " ").trim()),
    );
    const flagged = cs.filter(
      (c) => c.mode === "sequence" && c.agents[0]?.agent !== "cyclophosphamide",
    ).length;
    expect(r.ok && r.warnings.length).toBe(flagged);
  });

  test.prop([
    fc.array(spelling, { minLength: 1, maxLength: 8 }),
    fc.constantFrom(",", ", ", ";", " ; ", "、"),
  ])(
    "round trip: list of agents → Zhang-style text → the same agents, unordered",
    (agents, sep) => {
      const text = agents.map((a) => a.text).join(sep);
      const h = historyOf(parseMedicationHistory(text));
      expect(h.ordered).toBe(false);
      expect(h.courses).toEqual(
        agents.map((a) => ({
          agents: [a.agent],
          mode: "single",
          bestResponse: "unknown",
          verbatim: a.text,
        })),
      );
    },
  );
});
