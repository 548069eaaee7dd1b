import { defineConfig } from "vitest/config";

// The suite Stryker runs for each mutant: the unit tests of the engine and the criteria
// (not the DuckDB, browser, CLI or fuzz suites, which test other layers and are slow).
export default defineConfig({
  test: {
    include: [
      "test/criteria/**/*.test.ts",
      "test/ir/**/*.test.ts",
      "test/evaluate/**/*.test.ts",
      "test/api/**/*.test.ts",
      "test/units/**/*.test.ts",
    ],
    // Each mutant re-runs every property that covers it: a smaller budget per property
    // (test/support/generators.ts, propertyRuns) keeps a full run within the hour.
    env: { PROPERTY_RUNS: "40" },
    // The SQL engines are differential suites of their own (slow per mutant).
    exclude: ["test/api/golden-scenarios.test.ts", "test/evaluate/sql*.test.ts"],
  },
});
