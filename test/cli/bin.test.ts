// The built executable (dist/cli.js, from `npm run build`), spawned as a real process:
// shebang, bundled commander / csv-parse, exit codes, stdout / stderr separation.
// Skipped when the bin has not been built; LRC_CLI_BIN points the test at another build.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, ROOT, rowsOf } from "./helpers.js";

const BIN = process.env.LRC_CLI_BIN ?? join(ROOT, "dist", "cli.js");
const built = existsSync(BIN);
const why = built ? "" : ` (SKIPPED: ${BIN} is not built; run \`npm run build\` first)`;
if (!built) console.warn(`test/cli/bin.test.ts${why}`);

function spawn(args: readonly string[], input?: string) {
  return spawnSync(BIN, args, {
    cwd: ROOT,
    encoding: "utf8",
    ...(input === undefined ? {} : { input }),
    env: { ...process.env, NO_COLOR: "1" },
  });
}

describe("built bin", () => {
  it.skipIf(!built)(`is executable and runs list, classify and the exit codes${why}`, () => {
    expect(statSync(BIN).mode & 0o111).not.toBe(0);
    const list = spawn(["list", "--out", "json"]);
    expect(list.status).toBe(0);
    expect((JSON.parse(list.stdout) as { id: string }[]).map((x) => x.id)).toContain("kang2020");

    const ok = spawn([
      "classify",
      "examples/cohort.csv",
      "--config",
      "examples/cohort.config.json",
      "--criteria",
      "zhang2023,kang2020",
      "--summary",
    ]);
    expect(ok.status).toBe(0);
    expect(rowsOf(ok.stdout)).toHaveLength(66);
    expect(ok.stderr).toContain("Summary: Kang 2020 [kang2020@1.1.1]");

    const bad = spawn(["classify", fixture("assessments.ndjson")]);
    expect(bad.status).toBe(1);
    expect(bad.stderr.trimEnd().split("\n").at(-1)).toBe("2 of 4 rows invalid");

    const usage = spawn(["classify", "examples/cohort.csv", "--criteria", "nope"]);
    expect(usage.status).toBe(2);
    expect(usage.stdout).toBe("");

    const stdin = spawn(["classify", "-", "--format", "ndjson", "--criteria", "kang2020"], "{}\n");
    expect(stdin.status).toBe(0);
    expect(rowsOf(stdin.stdout)[0]?.category).toBe("indeterminate");
  });
});
