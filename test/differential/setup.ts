// Setup file of the "differential" vitest project: every test file it runs gets the classify
// module with its entry points wrapped (recorder.ts), and after the file's tests every recorded
// interpreter call is run again through compile() (generated code and closures) and toSql() in
// DuckDB. The file fails on any disagreement, and when it recorded nothing at all (a wiring
// regression must not pass silently).
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, inject, vi } from "vitest";
import { compareBackends, type Tamper, verdict } from "./backends.js";
import { recorded, unrecorded } from "./recorder.js";

vi.mock(import("../../src/api/classify.js"), async (importOriginal) => {
  const mod = await importOriginal();
  const { wrapClassify } = await import("./recorder.js");
  return wrapClassify(mod);
});

// A wrong backend on demand, to see the project fail end to end:
// LRC_DIFFERENTIAL_TAMPER=duckdb npm run test:differential (or codegen, closures).
const broken = process.env.LRC_DIFFERENTIAL_TAMPER;
const tamper: Tamper | undefined = broken
  ? (backend, _c, real) =>
      backend === broken ? { ...real, category: real.category === "NR" ? "CR" : "NR" } : undefined
  : undefined;

afterAll(async () => {
  const cases = recorded();
  const report = await compareBackends(cases, tamper);
  const file = expect.getState().testPath ?? "unknown";
  const dir = inject("differentialReportDir");
  if (dir)
    appendFileSync(
      join(dir, "files.jsonl"),
      `${JSON.stringify({
        file,
        ...report,
        via: Object.fromEntries(
          [...new Set(cases.map((c) => c.via))].map((v) => [
            v,
            cases.filter((c) => c.via === v).length,
          ]),
        ),
        unreadable: unrecorded(),
      })}\n`,
    );
  const failure = verdict(report);
  if (failure !== undefined) throw new Error(failure);
}, 300_000);
