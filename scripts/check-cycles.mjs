#!/usr/bin/env node
// Fails (exit 1) when the modules under src/ import each other in a cycle, or when a module
// imports a folder above its own (type-only imports included): the folders are layers
// (docs/architecture.md) and a cycle or an upward import means a layer reaches back.
// Uses the TypeScript compiler's own import scanner (ts.preProcessFile), so it sees exactly the
// import and export-from statements tsc sees.
//
//   node scripts/check-cycles.mjs [--graph]
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");

/** @param {string} dir @returns {string[]} */
function files(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** @type {Map<string, string[]>} */
const graph = new Map();
for (const f of files(src)) {
  const { importedFiles } = ts.preProcessFile(readFileSync(f, "utf8"), true, true);
  const deps = importedFiles
    .map((i) => i.fileName)
    .filter((s) => s.startsWith("."))
    .map((s) => resolve(dirname(f), s.replace(/\.js$/, ".ts")))
    .filter((p) => p.startsWith(src));
  graph.set(f, [...new Set(deps)]);
}

const rel = (/** @type {string} */ p) => relative(root, p);
/** @type {string[][]} */
const cycles = [];
const state = new Map(); // 1 = on the stack, 2 = done
/** @type {string[]} */
const stack = [];
/** @param {string} f */
function visit(f) {
  state.set(f, 1);
  stack.push(f);
  for (const d of graph.get(f) ?? []) {
    if (state.get(d) === 1) cycles.push([...stack.slice(stack.indexOf(d)), d]);
    else if (!state.has(d)) visit(d);
  }
  stack.pop();
  state.set(f, 2);
}
for (const f of [...graph.keys()].sort()) if (!state.has(f)) visit(f);

if (process.argv.includes("--graph")) {
  for (const [f, ds] of graph) console.log(`${rel(f)} -> ${ds.map(rel).join(", ")}`);
}
// The folders are layers, lowest first; a module may import its own layer and the ones below.
// The entry points (src/index.ts, src/authoring.ts and the subpath entries) sit above them all.
const LAYERS = [
  "units",
  "model",
  "ir",
  "criteria",
  "egfr",
  "evaluate",
  "api",
  "analysis",
  "io",
  "report",
  "cli",
];
const layerOf = (/** @type {string} */ p) => {
  const top = relative(src, p).split("/")[0] ?? "";
  const i = LAYERS.indexOf(top);
  return i === -1 ? LAYERS.length : i;
};
/** @type {string[]} */
const upward = [];
for (const [f, ds] of graph) {
  for (const d of ds) {
    if (layerOf(d) > layerOf(f)) upward.push(`${rel(f)} -> ${rel(d)}`);
  }
}
if (upward.length > 0) {
  console.error(
    `check-cycles: ${upward.length} import(s) reach up a layer (order: ${LAYERS.join(" → ")}):`,
  );
  for (const u of upward) console.error(`  ${u}`);
  process.exit(1);
}
if (cycles.length > 0) {
  console.error(`check-cycles: ${cycles.length} import cycle(s) under src/:`);
  for (const c of cycles) console.error(`  ${c.map(rel).join(" -> ")}`);
  process.exit(1);
}
console.log(
  `check-cycles: ${graph.size} modules under src/, no import cycle, no import up a layer (${LAYERS.join(" → ")})`,
);
