/**
 * The cohort report (`lupus-renal-criteria report … --html`), opened in Debian's Chromium: every
 * figure renders with the right number of marks, the page loads nothing from the network and
 * fits its width. The cohort is Kang 2020's reconstructed follow-up (test/fixtures, 14 records,
 * every visit); counts are read from the fixture, not from the library. Screenshots go to
 * reports/screenshots/report-*.png.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const shots = join(root, "reports", "screenshots");
const CHROMIUM = "/usr/bin/chromium";
const FIXTURE = join(root, "test", "fixtures", "kang2020-followup.json");

let browser: Browser;
let dir = "";
let page = "";

beforeAll(async () => {
  if (!existsSync(join(root, "dist", "cli.js")))
    throw new Error("dist/cli.js is not built: run `npx tsup` first");
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  dir = await mkdtemp(join(tmpdir(), "lrc-report-"));
  page = join(dir, "report.html");
  execFileSync(process.execPath, [
    join(root, "dist", "cli.js"),
    "report",
    FIXTURE,
    "--criteria",
    "kang2020,zhang2023",
    "--timepoints",
    "week 12=84:28,week 24=168:28",
    "--html",
    page,
    "--quiet",
  ]);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  await mkdir(shots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the report page", () => {
  it("renders every figure with the right number of marks, offline, within its width", async () => {
    const { records } = JSON.parse(readFileSync(FIXTURE, "utf8")) as {
      records: { visits?: unknown[]; events?: unknown[] }[];
    };
    const visits = records.reduce((n, r) => n + (r.visits?.length ?? 0), 0);
    const events = records.reduce((n, r) => n + (r.events?.length ?? 0), 0);
    const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    p.on("request", (r) => {
      if (!r.url().startsWith("file:")) requests.push(r.url());
    });
    await p.goto(`file://${page}`);
    const count = (sel: string) => p.locator(sel).count();
    expect(await count("figure svg")).toBe(4);
    // Swimmer: a square per visit of the fixture, a triangle per follow-up event.
    expect(await count("#fig-swimmer .mark-symbol.layer_0_marks path")).toBe(visits);
    expect(await count("#fig-swimmer .mark-symbol.layer_1_marks path")).toBe(events);
    // Rates: 2 definitions × 2 time points, CR and OR facets (a point and an interval each).
    expect(await count("#fig-rates .mark-symbol.child_layer_1_marks path")).toBe(8);
    expect(await count("#fig-rates .mark-rule.child_layer_0_marks line")).toBe(8);
    // Reclassification: 5 × 5 cells; time to first response: one line per definition.
    expect(await count("#fig-matrix .mark-rect.layer_0_marks path")).toBe(25);
    expect(await count("#fig-km .mark-line path")).toBe(2);
    // The separating clauses, counted, in a table beside the matrix (to its right, overlapping
    // it vertically), with at least one row: the fixture has assessments the two classify apart.
    const matrixBox = await p.locator("#fig-matrix").boundingBox();
    const countsBox = await p.locator("#separating-counts").boundingBox();
    expect(matrixBox && countsBox).toBeTruthy();
    if (matrixBox && countsBox) {
      expect(countsBox.x).toBeGreaterThanOrEqual(matrixBox.x + matrixBox.width);
      expect(countsBox.y).toBeLessThan(matrixBox.y + matrixBox.height);
    }
    expect(await count("#separating-counts tbody tr")).toBeGreaterThan(0);
    expect(requests).toEqual([]);
    const overflow = await p.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await p.screenshot({ path: join(shots, "report-full.png"), fullPage: true });
    await p.locator("#fig-swimmer").screenshot({ path: join(shots, "report-swimmer.png") });
    await p.locator(".side").screenshot({ path: join(shots, "report-reclassification.png") });
    await p.close();
  });
});
