import { defineConfig } from "tsup";

export default defineConfig([
  {
    // ESM, one file per module (not bundled): importers' bundlers keep only what they use.
    // The report (src/report/) loads Vega and Vega-Lite by dynamic import: optional peers.
    entry: ["src/**/*.ts", "!src/cli/**"],
    bundle: false,
    format: ["esm"],
    sourcemap: false, // maps would be half the tarball and point at sources that are not shipped
    clean: true,
    target: "node20",
    dts: {
      // the package's entry points (exports)
      entry: [
        "src/index.ts",
        "src/authoring.ts",
        "src/io.ts",
        "src/sql.ts",
        "src/analysis.ts",
        "src/report.ts",
      ],
      compilerOptions: { ignoreDeprecations: "6.0" }, // TS 6 only
    },
  },
  {
    entry: [
      "src/index.ts",
      "src/authoring.ts",
      "src/io.ts",
      "src/sql.ts",
      "src/analysis.ts",
      "src/report.ts",
    ],
    format: ["cjs"],
    sourcemap: false, // maps would be half the tarball and point at sources that are not shipped
    clean: false,
    target: "node20",
    treeshake: true,
    dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
  },
  {
    // The CLI: one ESM file with commander and csv-parse bundled in, so the library's only
    // runtime dependency stays zod (a peer). The shebang comes from src/cli/main.ts; the banner
    // gives the bundled CommonJS (commander) a `require`.
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    platform: "node",
    target: "node20",
    sourcemap: false, // maps would be half the tarball and point at sources that are not shipped
    clean: false,
    dts: false,
    // Vega and Vega-Lite draw the report's figures (`report` command): bundled here, so the bin
    // works without the optional peers the library's `./report` entry asks for.
    noExternal: ["commander", "csv-parse", "vega", "vega-lite"],
    banner: {
      js: 'import { createRequire as __lrcCreateRequire } from "node:module";\nconst require = __lrcCreateRequire(import.meta.url);',
    },
  },
]);
