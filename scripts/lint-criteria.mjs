// Writes docs/criteria-gaps.md: lintCriteria() over every shipped response definition (run after tsup).
// test/analysis/lint.test.ts fails when the committed file is stale.
import { writeFileSync } from "node:fs";
import { lintCriteria, lintMarkdown } from "../dist/analysis.js";
import { criteria } from "../dist/index.js";

writeFileSync(
  "docs/criteria-gaps.md",
  `${lintMarkdown(Object.values(criteria).map((c) => lintCriteria(c)))}\n`,
);
console.log("wrote docs/criteria-gaps.md");
