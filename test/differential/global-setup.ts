// Global setup of the "differential" project: a directory where each test file appends its
// counts, and at the end one summary (cases recorded, compared per backend, disagreements).
// The run fails when no case at all was compared.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { TestProject } from "vitest/node";
import type { DifferentialReport } from "./backends.js";

declare module "vitest" {
  export interface ProvidedContext {
    differentialReportDir: string;
  }
}

type FileReport = DifferentialReport & {
  file: string;
  via: Record<string, number>;
  unreadable: { via: string; reason: string }[];
};

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "lrc-differential-"));
  project.provide("differentialReportDir", dir);
  return () => {
    let lines: string[] = [];
    try {
      lines = readFileSync(join(dir, "files.jsonl"), "utf8").split("\n").filter(Boolean);
    } catch {
      // no file reported
    }
    rmSync(dir, { recursive: true, force: true });
    const files = lines.map((l) => JSON.parse(l) as FileReport);
    const sum = (f: (r: FileReport) => number) => files.reduce((a, r) => a + f(r), 0);
    const out = [
      `differential: ${files.length} test files, ${sum((r) => r.recorded)} interpreter calls recorded, ${sum((r) => r.distinct)} distinct cases (per file)`,
      `  compared: codegen ${sum((r) => r.compared.codegen)}, closures ${sum((r) => r.compared.closures)}, duckdb ${sum((r) => r.compared.duckdb)}; disagreements ${sum((r) => r.mismatchCount)}`,
      ...files.flatMap((r) =>
        r.unreadable.map((u) => `  not recorded (${u.via}, ${r.file}): ${u.reason}`),
      ),
      ...files.map(
        (r) =>
          `  ${relative(process.cwd(), r.file)}: ${r.recorded} recorded (${Object.entries(r.via)
            .map(([k, v]) => `${k} ${v}`)
            .join(
              ", ",
            )}), ${r.distinct} distinct; codegen ${r.compared.codegen}, closures ${r.compared.closures}, duckdb ${r.compared.duckdb}`,
      ),
    ];
    console.log(out.join("\n"));
    if (files.length > 0 && sum((r) => r.compared.codegen + r.compared.duckdb) === 0)
      throw new Error("differential: no case was compared with any backend");
  };
}
