import { defineConfig } from "vitest/config";

// For mutants of the criteria files (module-level data: every mutant is "static" and reruns the
// whole selected suite), run the criteria boundary tests only.
export default defineConfig({
  test: {
    include: ["test/criteria/*.test.ts", "test/api/eligibility.test.ts", "test/api/flares.test.ts"],
    // The lock test would kill every mutant of the data by its hash alone; the mutation score
    // must measure the behavioural tests.
    exclude: ["test/criteria/lock.test.ts"],
  },
});
