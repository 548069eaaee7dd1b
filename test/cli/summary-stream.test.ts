// Issue 17: `--summary` without `--analysis-dataset` folds each patient into the counts as soon as it
// is complete (memory independent of the number of patients). The streamed summary must be the
// one the buffered path gives (the path `--analysis-dataset` takes), and a patient whose rows come
// after the window is reported, never merged silently.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { WorkItem } from "../../src/cli/input.js";
import { SummaryCollector } from "../../src/cli/summary.js";
import { criteria } from "../../src/criteria/index.js";
import { ResponseInputSchema } from "../../src/model/assessment.js";
import { cli, fixture, ROOT, SIMPLE_FLAGS, scratch } from "./helpers.js";

const EX = join(ROOT, "examples");

describe("the streamed summary equals the buffered one", () => {
  const cases: [string, string[]][] = [
    ["examples/cohort.csv", [join(EX, "cohort.csv"), "--config", join(EX, "cohort.config.json")]],
    [
      "examples/redcap",
      [
        join(EX, "redcap", "redcap-export.csv"),
        "--config",
        join(EX, "redcap", "redcap.config.json"),
      ],
    ],
    ["records.json", [fixture("records.json"), "--criteria", "kang2020"]],
  ];
  for (const [name, args] of cases) {
    for (const analysis of ["itt", "evaluable"]) {
      it(`${name} (${analysis})`, async () => {
        const base = ["classify", ...args, "--summary-only", "--analysis", analysis];
        const streamed = await cli([...base, "--summary-format", "json"]);
        const buffered = await cli([
          ...base,
          "--summary-format",
          "json",
          "--analysis-dataset",
          join(scratch(), "adrs.csv"),
        ]);
        expect(streamed.stdout.length).toBeGreaterThan(100);
        expect(streamed.stdout).toBe(buffered.stdout);
        const text = await cli(base);
        const textBuffered = await cli([...base, "--analysis-dataset", join(scratch(), "a.csv")]);
        expect(text.stdout).toBe(textBuffered.stdout);
      });
    }
  }
});

describe("a file sorted by visit (each patient's rows far apart)", () => {
  it("is read again for the summary: the same summary as the buffered path, and a warning", async () => {
    // 1,100 patients (more than the window of 1,000), all day-91 rows first, then all day-182 rows.
    const lines = ["id,day,sex,up0,scr0,up,scr,alb"];
    for (const day of [91, 182]) {
      for (let k = 0; k < 1100; k++) {
        lines.push(
          `p${k},${day},F,4.0,80,${day === 91 ? 1.5 : 0.3},${80 + (k % 30)},${30 + (k % 10)}`,
        );
      }
    }
    const path = join(scratch(), "by-visit.csv");
    writeFileSync(path, `${lines.join("\n")}\n`);
    const args = [
      "classify",
      path,
      ...SIMPLE_FLAGS,
      "--day-column",
      "day",
      "--criteria",
      "zhang2023",
      "--summary-only",
    ];
    const streamed = await cli(args);
    const buffered = await cli([...args, "--analysis-dataset", join(scratch(), "a.csv")]);
    expect(streamed.stderr).toContain(
      "the rows of 100 patient(s) are not together in the file (e.g. sorted by visit): reading it again for the summary",
    );
    expect(streamed.stdout).toBe(buffered.stdout);
    expect(streamed.stdout).toContain("1100 patient record(s) from 2200 row(s)");
    // From standard input (not readable twice) the summary says what it left out.
    const piped = await cli([...args.slice(0, 1), "-", "--format", "csv", ...args.slice(2)], {
      stdin: `${lines.join("\n")}\n`,
    });
    expect(piped.stdout).toContain(
      "rows of 100 patient(s) came after 1000 other patients had started",
    );
  }, 120_000);
});

describe("the streaming window", () => {
  const plan = { selected: [{ criteria: criteria.zhang2023, options: {} }] };
  let row = 0;
  const visit = (id: string, day: number, up: number): WorkItem => {
    row += 1;
    return {
      row,
      kind: "assessments",
      id,
      day,
      issues: [],
      assessment: ResponseInputSchema.parse({
        patient: { sex: "F" },
        baseline: {
          proteinuria: { value: 4, unit: "g/24h" },
          serumCreatinine: { value: 80, unit: "umol/L" },
        },
        current: {
          proteinuria: { value: up, unit: "g/24h" },
          serumCreatinine: { value: 80, unit: "umol/L" },
          serumAlbumin: { value: 35, unit: "g/L" },
        },
      }),
    };
  };

  it("a patient's row after the window is reported, not merged; patients within it are merged", () => {
    row = 0;
    const c = new SummaryCollector(plan, { stream: { analysis: "itt", window: 1 } });
    // a (day 91: 0.3 g/day → CR at month 3), b, then a again (day 182): a was folded when b started.
    for (const item of [visit("a", 91, 0.3), visit("b", 91, 3.9), visit("a", 182, 0.2)]) {
      c.add(item, [], true);
    }
    const text = c.render("itt");
    expect(text).toContain("2 patient record(s) from 3 row(s); 0 invalid record(s).");
    expect(text).toContain(
      "rows of 1 patient(s) came after 1 other patients had started, when the patient had already been counted, and are not in the summary: a (row 3).",
    );
    // Month 6 (day 183 ± window): a's day-182 visit was not merged, so a has no visit there.
    const s = c.summaries("itt")[0]?.s;
    expect(s?.timepoints[1]?.counts.CR).toBe(0);
    // With a larger window the same rows merge: a is CR at month 6.
    row = 0;
    const wide = new SummaryCollector(plan, { stream: { analysis: "itt", window: 10 } });
    for (const item of [visit("a", 91, 0.3), visit("b", 91, 3.9), visit("a", 182, 0.2)]) {
      wide.add(item, [], true);
    }
    expect(wide.summaries("itt")[0]?.s.timepoints[1]?.counts.CR).toBe(1);
    expect(wide.render("itt")).not.toContain("came after");
  });
});
