// @ts-check
// Updates criteria.lock.json from the built library (run `npx tsup` first): adds an entry
// for every new criteria / eligibility / flare object and rewrites the entry of an object
// whose version changed. Refuses (exit 1, nothing written) when an object's content changed
// but its version did not, when its classification changed but only its patch version
// moved, or when a version went down. Each entry holds two hashes: `sha256` of the whole
// object and `classification` of the object without its wording (criteria-hash.mjs). test/criteria/lock.test.ts checks
// the lock against src/.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compareSemver, compareWithLock, lockEntries, SEMVER } from "./criteria-hash.mjs";

const dist = new URL("../dist/index.js", import.meta.url);
const lockPath = fileURLToPath(new URL("../criteria.lock.json", import.meta.url));

if (!existsSync(fileURLToPath(dist))) {
  console.error("update-criteria-lock: dist/index.js not found; run `npx tsup` first");
  process.exit(1);
}
const { criteria, eligibility, flares } = await import(dist.href);
const entries = lockEntries({ criteria, eligibility, flares });

/** @type {Record<string, { version: string; sha256: string; classification?: string }>} */
const lock = existsSync(lockPath) ? JSON.parse(readFileSync(lockPath, "utf8")) : {};

const problems = [];
const seen = new Map();
for (const e of entries) {
  const other = seen.get(e.id);
  if (other) problems.push(`id '${e.id}' is used by both ${other} and ${e.registry}.${e.key}`);
  seen.set(e.id, `${e.registry}.${e.key}`);
  if (!SEMVER.test(e.version)) problems.push(`${e.id}: version '${e.version}' is not semver`);
}
const diff = compareWithLock(entries, lock);
for (const id of diff.changedWithoutBump) {
  problems.push(
    `${id}: its content changed but its version (${lock[id]?.version}) did not; bump its version and add a changeset (the lock's hash is not rewritten for an unchanged version)`,
  );
}
for (const id of diff.classificationChangedWithoutMinorBump) {
  problems.push(
    `${id}: its classification changed but only the patch part of its version moved (${lock[id]?.version} → ${entries.find((x) => x.id === id)?.version}); a classification change needs at least a minor bump`,
  );
}
for (const id of diff.versionChanged) {
  const e = entries.find((x) => x.id === id);
  const locked = lock[id];
  if (e && locked && SEMVER.test(e.version) && SEMVER.test(locked.version)) {
    if (compareSemver(e.version, locked.version) < 0) {
      problems.push(`${id}: version went down from ${locked.version} to ${e.version}`);
    }
  }
}
if (problems.length > 0) {
  console.error(`update-criteria-lock: refusing to write ${lockPath}:`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}

/** @type {Record<string, { version: string; sha256: string; classification: string }>} */
const next = {};
const changes = [];
for (const e of [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
  next[e.id] = { version: e.version, sha256: e.sha256, classification: e.classification };
  if (diff.unlocked.includes(e.id)) changes.push(`added ${e.id}@${e.version}`);
  if (diff.versionChanged.includes(e.id)) {
    changes.push(`updated ${e.id}: ${lock[e.id]?.version} → ${e.version}`);
  }
}
for (const id of diff.stale) changes.push(`removed ${id} (no longer shipped)`);

const text = `${JSON.stringify(next, null, 2)}\n`;
if (existsSync(lockPath) && readFileSync(lockPath, "utf8") === text) {
  console.log(`update-criteria-lock: ${entries.length} objects, lock up to date`);
} else {
  writeFileSync(lockPath, text);
  console.log(`update-criteria-lock: wrote ${lockPath} (${entries.length} objects)`);
  for (const c of changes) console.log(`  ${c}`);
}
