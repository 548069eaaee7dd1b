// The `lupus-renal-criteria/report` entry as an installed package sees it: the built dist/ and
// package.json copied into a temporary node_modules/lupus-renal-criteria with zod beside it, and
// Vega and Vega-Lite (optional peer dependencies) absent, then present (linked). Spawned as real
// Node processes, ESM (`import`) and CommonJS (`require`), so the package's `exports` map and the
// built files' own imports are what is resolved. Skipped when dist/ has not been built.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const built = ["report.js", "report.cjs", "index.js", "index.cjs"].every((f) =>
  existsSync(join(ROOT, "dist", f)),
);
const why = built ? "" : " (SKIPPED: dist/ is not built; run `npm run build` first)";
if (!built) console.warn(`test/report/optional-peers.test.ts${why}`);

// One record, 4 → 0.2 g/day with normal sediment at week 24, under Kang 2020.
const CALL = `[{ criteria: lrc.kang2020 }], [{ id: "P1", patient: { sex: "F" },
  baseline: { proteinuria: { value: 4, unit: "g/24h" }, serumCreatinine: { value: 60, unit: "umol/L" } },
  visits: [{ day: 168, labs: { proteinuria: { value: 0.2, unit: "g/24h" },
    serumCreatinine: { value: 60, unit: "umol/L" }, serumAlbumin: { value: 38, unit: "g/L" },
    urineSediment: { normal: true } } }] }],
  { timepoints: [{ label: "week 24", day: 168, windowDays: 28 }] }`;
const THEN = `.then((html) => console.log("OK " + html.slice(0, 15)), (e) => console.log("ERROR " + e.message))`;
const ESM = `import * as lrc from "lupus-renal-criteria";
import { renderReport } from "lupus-renal-criteria/report";
console.log("imported " + typeof renderReport);
renderReport(${CALL})${THEN};`;
const CJS = `const lrc = require("lupus-renal-criteria");
const { renderReport } = require("lupus-renal-criteria/report");
console.log("imported " + typeof renderReport);
renderReport(${CALL})${THEN};`;

let app = "";
function run(kind: "esm" | "cjs") {
  const r = spawnSync(
    process.execPath,
    [
      kind === "esm" ? "--input-type=module" : "--input-type=commonjs",
      "-e",
      kind === "esm" ? ESM : CJS,
    ],
    { cwd: app, encoding: "utf8", env: { ...process.env, NODE_PATH: "" }, timeout: 120_000 },
  );
  return { status: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  if (!built) return;
  app = mkdtempSync(join(tmpdir(), "lrc-report-peers-"));
  const pkg = join(app, "node_modules", "lupus-renal-criteria");
  mkdirSync(pkg, { recursive: true });
  cpSync(join(ROOT, "dist"), join(pkg, "dist"), { recursive: true });
  cpSync(join(ROOT, "package.json"), join(pkg, "package.json"));
  symlinkSync(join(ROOT, "node_modules", "zod"), join(app, "node_modules", "zod"), "dir");
});

afterAll(() => {
  if (app) rmSync(app, { recursive: true, force: true });
});

describe.skipIf(!built)(`lupus-renal-criteria/report, built${why}`, () => {
  it.each(["esm", "cjs"] as const)(
    "%s: without vega and vega-lite the entry imports, and renderReport rejects naming both",
    (kind) => {
      const { status, out, err } = run(kind);
      expect(err).toBe("");
      expect(status).toBe(0);
      const lines = out.trim().split("\n");
      expect(lines[0]).toBe("imported function");
      expect(lines[1]).toMatch(
        /^ERROR renderReport \(lupus-renal-criteria\/report\) draws its figures with Vega and Vega-Lite, optional peer dependencies of lupus-renal-criteria that could not be loaded \(vega: .*; vega-lite: .*\)\. Install them next to it: npm install vega@6 vega-lite@6$/,
      );
    },
    120_000,
  );
  it.each(["esm", "cjs"] as const)(
    "%s: with vega and vega-lite installed, the same call renders the page",
    (kind) => {
      for (const name of ["vega", "vega-lite"]) {
        const link = join(app, "node_modules", name);
        if (!existsSync(link)) symlinkSync(join(ROOT, "node_modules", name), link, "dir");
      }
      const { status, out, err } = run(kind);
      expect(err).toBe("");
      expect(status).toBe(0);
      expect(out.trim().split("\n")).toEqual(["imported function", "OK <!doctype html>"]);
    },
    120_000,
  );
});
