/**
 * The ```ts examples in the TSDoc comments of src/ cannot rot:
 *
 * 1. every example type-checks against the library's sources (written to a temp dir
 *    as .ts files; `lupus-renal-criteria` is mapped to src/index.ts and
 *    each subpath (`/authoring`, `/io`, `/sql`, `/analysis`, `/report`) to its entry file by tsconfig `paths` entries,
 *    with the project's strict options);
 * 2. the examples of the key exports run, and each `expr; // 'value'` comment that
 *    states a result is compared with the value the expression actually has.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as analysis from "../../src/analysis.js";
import * as authoring from "../../src/authoring.js";
import * as lib from "../../src/index.js";
import * as io from "../../src/io.js";
import * as report from "../../src/report.js";
import * as sql from "../../src/sql.js";
import {
  type DocExample,
  evaluateLiteral,
  extractExamples,
  extractMarkdownExamples,
  instrument,
  toCommonJs,
} from "./examples.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The guides whose ```ts blocks are checked like the TSDoc examples (all of them run). */
const GUIDES = [
  "docs/guides/getting-started.md",
  "docs/guides/choosing-a-definition.md",
  "docs/guides/missing-data-and-units.md",
  "docs/guides/versioning-policy.md",
  "docs/guides/zhang2023.md",
  "docs/guides/kang2020.md",
  "docs/guides/your-protocol.md",
  "docs/guides/trial-endpoints.md",
  "docs/guides/results-out.md",
];
const examples = [...extractExamples(root), ...extractMarkdownExamples(root, GUIDES)];

/**
 * Examples that are run (not only type-checked): those documenting the key exports
 * and the criteria registry, and any example that calls a key function.
 */
const RUN_OWNERS = new Set([
  "(module)",
  "(guide)",
  "classifyResponse",
  "safeClassifyResponse",
  "classifyMany",
  "classifyValidated",
  "ResponseResult",
  "DefinitionResult",
  "compile",
  "assessEligibility",
  "safeAssessEligibility",
  "safeAssessRecord",
  "safeDetectFlares",
  "ResponseInputLike",
  "PatientRecordLike",
  "summarizeCohort",
  "renderExplanation",
  "clauseSentence",
  "criteria",
  "eligibility",
  "flares",
  "zhang2023",
  "zhang2023Refractory",
  "kang2020",
  "kang2020Refractory",
  "withOptions",
  "fullInterpretation",
  "bindingsOf",
  "allInterpretations",
  "InputError",
  "convert",
  "lookupUnit",
  "unitsOfKind",
  "canonicalUnitsOfKind",
  "analysisDatasetCsv",
  "analysisDatasetJson",
  "ADRS_COLUMNS",
  "confirmedResponse",
  "sustainedResponse",
  "survivalSummary",
  "timeToEvent",
  "renderReport",
]);
const KEY_FUNCTIONS = ["classifyResponse", "compile", "assessEligibility", "summarizeCohort"];
const runs = (e: DocExample) =>
  process.env.RUN_ALL_EXAMPLES === "1" ||
  RUN_OWNERS.has(e.owner) ||
  e.file === "src/authoring.ts" ||
  e.file === "src/sql.ts" ||
  e.file === "src/analysis/estimands.ts" ||
  KEY_FUNCTIONS.some((f) => new RegExp(`\\b${f}\\s*\\(`).test(e.code));

/**
 * The expected value of a result comment as a matcher. A printed decimal (`0.6397`) stands
 * for the values that round to it (half a unit of its last digit); integers, strings and
 * booleans compare exactly. In a partial literal (`{ kind: 'upcr', ... }`, `'… is below …'`)
 * objects and arrays need only contain the listed entries and `…` in a string matches anything.
 */
function matcher(v: unknown, partial: boolean): unknown {
  if (typeof v === "number" && Number.isFinite(v) && !Number.isInteger(v)) {
    return expect.closeTo(v, String(v).split(".")[1]?.length ?? 0);
  }
  if (typeof v === "string" && partial && /\.\.\.|…/.test(v)) {
    const parts = v.split(/\.\.\.|…/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    return expect.stringMatching(new RegExp(`^${parts.join("[\\s\\S]*")}$`));
  }
  if (Array.isArray(v)) {
    const items = v.map((x) => matcher(x, partial));
    return partial ? expect.arrayContaining(items) : items;
  }
  if (v && typeof v === "object") {
    const entries = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, matcher(x, partial)]));
    return partial ? expect.objectContaining(entries) : entries;
  }
  return v;
}

/**
 * Examples known to be wrong, awaiting a fix in src/ (file and owner → the fix). They must
 * keep failing (`it.fails`): once fixed, remove the entry.
 */
// Examples known to be wrong (each entry makes its test an expected failure). Empty: all fixed.
const KNOWN_WRONG = new Map<string, string>();

const AsyncFunction = (async () => {}).constructor as FunctionConstructor;
let tmp = "";
let checked = 0;
const diagnostics = new Map<string, string[]>();

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "lrc-doc-examples-"));
  const files = examples.map((e, i) => {
    const name = join(tmp, `${String(i).padStart(3, "0")}-${e.owner.replace(/[^\w]+/g, "_")}.ts`);
    // A block without import/export would be a global script: keep each one a module.
    const code = /^\s*(import|export)\s/m.test(e.code) ? e.code : `${e.code}export {};\n`;
    writeFileSync(name, code);
    return name;
  });
  writeFileSync(
    join(tmp, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2022", "DOM"],
        module: "ESNext",
        moduleResolution: "Bundler",
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        noImplicitOverride: true,
        isolatedModules: true,
        skipLibCheck: true,
        noEmit: true,
        types: ["node"],
        typeRoots: [join(root, "node_modules/@types")],
        paths: {
          "lupus-renal-criteria": [join(root, "src/index.ts")],
          "lupus-renal-criteria/authoring": [join(root, "src/authoring.ts")],
          "lupus-renal-criteria/io": [join(root, "src/io.ts")],
          "lupus-renal-criteria/sql": [join(root, "src/sql.ts")],
          "lupus-renal-criteria/analysis": [join(root, "src/analysis.ts")],
          "lupus-renal-criteria/report": [join(root, "src/report.ts")],
        },
      },
      files,
    }),
  );
  const config = ts.getParsedCommandLineOfConfigFile(join(tmp, "tsconfig.json"), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (!config) throw new Error("cannot read the examples' tsconfig");
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const wanted = new Set(files.map((f) => resolve(f)));
  const global = ts.getPreEmitDiagnostics(program).filter((d) => !d.file);
  if (global.length) {
    throw new Error(
      global.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("\n"),
    );
  }
  for (const [i, f] of files.entries()) {
    const sf = program.getSourceFile(f);
    const ex = examples[i];
    if (!sf || !ex || !wanted.has(resolve(f))) continue;
    const ds = ts.getPreEmitDiagnostics(program, sf).map((d) => {
      const { line } = d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0) : { line: -1 };
      return `example line ${line + 1} (${ex.file}:${ex.line + line}): ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
    });
    diagnostics.set(ex.id, ds);
  }
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("TSDoc examples", () => {
  it("are found (every ```ts block of every TSDoc comment in src/)", () => {
    expect(examples.length).toBeGreaterThan(150);
    expect(examples.filter(runs).length).toBeGreaterThan(20);
  });

  describe("type-check", () => {
    it.each(examples.map((e) => [e.id, e] as const))("%s", (_id, example) => {
      expect(diagnostics.get(example.id)).toEqual([]);
    });
  });

  describe("run, and the result comments hold", () => {
    for (const example of examples.filter(runs)) {
      const wrong = KNOWN_WRONG.get(`${example.file} ${example.owner}`);
      const test = wrong ? it.fails : it;
      test(wrong ? `${example.id} (known wrong: ${wrong})` : example.id, async () => {
        const { code, checks } = instrument(example.code);
        const seen = new Map<number, unknown>();
        const body = toCommonJs(code);
        const require = (id: string) => {
          if (id === "lupus-renal-criteria") return lib;
          if (id === "lupus-renal-criteria/authoring") return authoring;
          if (id === "lupus-renal-criteria/io") return io;
          if (id === "lupus-renal-criteria/sql") return sql;
          if (id === "lupus-renal-criteria/analysis") return analysis;
          if (id === "lupus-renal-criteria/report") return report;
          throw new Error(`example imports '${id}'`);
        };
        const silent = { ...console, log: () => {}, table: () => {} };
        // An async function, so an example may `await` (renderReport returns a promise).
        await new AsyncFunction("require", "exports", "module", "console", "__check", body)(
          require,
          {},
          { exports: {} },
          silent,
          (i: number, v: unknown) => {
            seen.set(i, v);
            return v;
          },
        );
        for (const [i, c] of checks.entries()) {
          const where = `line ${c.line} of the example (${example.file}:${example.line + c.line - 1}): ${c.expression} // ${c.literal}`;
          expect(seen.has(i), `${where}: not evaluated`).toBe(true);
          const actual = seen.get(i);
          const expected = evaluateLiteral(c.literal);
          expect(actual, where).toEqual(matcher(expected, c.partial));
        }
        checked += checks.length;
      });
    }
  });

  it("state results that are checked", () => {
    // Runs after the examples above (vitest runs a file's tests in order).
    expect(checked).toBeGreaterThan(40);
  });
});
