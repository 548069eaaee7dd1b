import { defineConfig } from "vitest/config";

/**
 * The hand-written tests whose interpreter calls the differential project re-runs through
 * compile() (generated code, closures) and DuckDB SQL: the golden cases from the papers and
 * every file that asserts categories. Each must record at least one call (test/differential/setup.ts).
 */
const DIFFERENTIAL = [
  "test/criteria/*.test.ts",
  "test/fixtures/*.test.ts",
  "test/api/classify.test.ts",
  "test/api/golden-scenarios.test.ts",
  "test/api/timeline.test.ts",
  "test/api/render.test.ts",
  "test/units/upcr-conversion.test.ts",
  "test/authoring.test.ts",
  "test/evaluate/censor.test.ts",
];
/**
 * Files of the list above that call no classify entry point (they would fail the "recorded zero"
 * guard): the lock, the structure (also of shipped copies) and shared-readings checks, eligibility
 * (refractory-golden, fixtures) and cohort summaries, which run the compiled path (errata).
 */
const DIFFERENTIAL_EXCLUDE = [
  "test/criteria/lock.test.ts",
  "test/criteria/structure.test.ts",
  "test/criteria/shipped-structure.test.ts",
  "test/criteria/shared-readings.test.ts",
  "test/criteria/refractory-golden.test.ts",
  "test/fixtures/fixtures.test.ts",
  "test/fixtures/errata.test.ts",
];

export default defineConfig({
  test: {
    coverage: { provider: "v8", include: ["src/**"] },
    // `npm test` runs both projects; `npm run test:fast` only "unit" (the whole suite as before),
    // `npm run test:differential` only the backend re-run of the golden tests.
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          // Type-level promises (*.test-d.ts), checked by tsc through vitest.
          typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
        },
      },
      {
        extends: true,
        test: {
          name: "differential",
          include: DIFFERENTIAL,
          exclude: DIFFERENTIAL_EXCLUDE,
          setupFiles: ["test/differential/setup.ts"],
          globalSetup: ["test/differential/global-setup.ts"],
          // Type tests (*.test-d.ts) run once, in the unit project.
          typecheck: { enabled: false },
        },
      },
    ],
  },
});
