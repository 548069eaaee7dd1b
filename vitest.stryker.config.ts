import { defineConfig } from "vitest/config";

// The suite Stryker runs for each mutant: the unit tests of the engine and the criteria
// (not the DuckDB, browser, CLI or fuzz suites, which test other layers and are slow).
export default defineConfig({
  test: {
    include: [
      "test/criteria/**/*.test.ts",
      "test/logic/**/*.test.ts",
      "test/engines/**/*.test.ts",
      "test/units/**/*.test.ts",
    ],
    exclude: ["test/api/golden-scenarios.test.ts"],
  },
});
