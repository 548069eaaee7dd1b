/**
 * Browser tests of the renal-response calculator (docs/api/calculator, built by
 * scripts/build-site.mjs from site/calculator and the library's dist/index.js).
 *
 * docs/api is served with node:http on 127.0.0.1 (a free port); Debian's /usr/bin/chromium
 * runs headless through playwright-core with a fresh profile (no browser is downloaded). Each
 * case fills the form, classifies and checks the rendered category and explanation sentences.
 * The expected values are written by hand from the papers' definitions (Zhang 2023 §2.4; Kang
 * 2020 Methods, Outcomes), not computed by the library. Full-page screenshots go to
 * reports/screenshots/.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const site = join(root, "docs", "api");
const shots = join(root, "reports", "screenshots");
const CHROMIUM = "/usr/bin/chromium";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};

let server: Server;
let base = "";
let profile = "";
let context: BrowserContext;

beforeAll(async () => {
  if (!existsSync(join(site, "calculator", "index.html"))) {
    throw new Error(
      "docs/api/calculator is not built: run `npx tsup && node scripts/build-site.mjs` first",
    );
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium (never a Playwright download)`,
    );
  }
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let path = normalize(join(site, decodeURIComponent(url.pathname)));
    if (!path.startsWith(site + sep) && path !== site) {
      res.writeHead(403).end();
      return;
    }
    if (url.pathname.endsWith("/")) path = join(path, "index.html");
    try {
      const body = await readFile(path);
      res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  profile = await mkdtemp(join(tmpdir(), "chromium-profile-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  await mkdir(shots, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
  if (profile) await rm(profile, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------
// Page helpers.

interface Opened {
  readonly page: Page;
  /** Uncaught page errors and console errors (there must be none). */
  readonly errors: string[];
}

async function open(): Promise<Opened> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  await page.goto(`${base}/calculator/index.html`);
  await page.waitForSelector("html[data-ready='true']");
  return { page, errors };
}

type Entry = readonly [number | string, string] | number | string | boolean;

/**
 * Fill fields by input path: a quantity as `[value, unit]` (a unit not in the picker goes
 * through "other unit…"), a number or text as is, a boolean as yes / no.
 */
async function fill(page: Page, fields: Readonly<Record<string, Entry>>): Promise<void> {
  for (const [path, entry] of Object.entries(fields)) {
    if (Array.isArray(entry)) {
      const [value, unit] = entry as readonly [number | string, string];
      await page.fill(`[data-path="${path}.value"]`, String(value));
      const select = page.locator(`select[data-path="${path}.unit"]`);
      const options = await select
        .locator("option")
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      if (options.includes(unit)) {
        await select.selectOption(unit);
      } else {
        await select.selectOption("__other__");
        await page.fill(`[data-unit-other-for="${path}.unit"]`, unit);
      }
    } else if (typeof entry === "boolean") {
      await page.selectOption(`select[data-path="${path}"]`, String(entry));
    } else if (await page.locator(`select[data-path="${path}"]`).count()) {
      await page.selectOption(`select[data-path="${path}"]`, String(entry));
    } else {
      await page.fill(`[data-path="${path}"]`, String(entry));
    }
  }
}

async function pickCriteria(page: Page, ids: readonly string[]): Promise<void> {
  for (const box of await page.locator('input[name="criteria"]').all()) {
    const id = await box.getAttribute("value");
    await box.setChecked(ids.includes(id ?? ""));
  }
}

async function classify(page: Page): Promise<void> {
  await page.click("#classify");
  await page.waitForSelector("#results .result, #results .no-result");
}

interface Card {
  readonly category: string;
  readonly explanation: string[];
  readonly robustness: string;
  readonly missing: string[];
  readonly doi: string | null;
  readonly evidence: string;
  readonly heading: string;
}

async function card(page: Page, id: string): Promise<Card> {
  const c = page.locator(`#results article.result[data-criteria="${id}"]`);
  await expect.poll(() => c.count()).toBe(1);
  return {
    category: (await c.locator("[data-testid=category]").textContent()) ?? "",
    explanation: await c.locator("[data-testid=explanation] li").allTextContents(),
    robustness: (await c.locator("[data-testid=robustness]").textContent()) ?? "",
    missing: await c.locator("[data-testid=missing] li").allTextContents(),
    doi: await c.locator("[data-testid=citation] a").first().getAttribute("href"),
    evidence: (await c.locator("[data-testid=evidence]").textContent()) ?? "",
    heading: (await c.locator("h3").textContent()) ?? "",
  };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

const Z = "(Zhang 2023, §2.4 Response criteria).";
const K = "(Kang 2020, Methods, Outcomes).";

// ---------------------------------------------------------------------------------------

describe("calculator page", () => {
  it("builds its form from the library: unit pickers, criteria registry", async () => {
    const { page, errors } = await open();
    // Proteinuria: 24-h units and UPCR units in separate groups.
    const groups = await page
      .locator('select[data-path="current.proteinuria.unit"] optgroup')
      .evaluateAll((gs) =>
        gs.map((g) => ({
          label: g.getAttribute("label"),
          units: [...g.querySelectorAll("option")].map((o) => o.value),
        })),
      );
    expect(groups).toEqual([
      { label: "24-h urine protein (timed collection)", units: ["g/24h", "mg/24h"] },
      {
        label: "Spot urine protein-to-creatinine ratio (UPCR)",
        units: ["g/g", "mg/mg", "mg/g", "mg/mmol"],
      },
    ]);
    const units = (path: string) =>
      page
        .locator(`select[data-path="${path}"] option`)
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(await units("baseline.serumCreatinine.unit")).toEqual(["umol/L", "mg/dL", "__other__"]);
    expect(await units("current.serumAlbumin.unit")).toEqual(["g/L", "g/dL", "__other__"]);
    expect(await units("current.egfr.unit")).toEqual(["mL/min/1.73m2", "__other__"]);
    for (const path of [
      "patient.sex",
      "patient.ageYears",
      "current.urineSediment.rbcPerHpf",
      "current.urineSediment.wbcPerHpf",
      "current.urineSediment.cellularCasts",
      "baseline.urineSediment.rbcPerHpf",
    ]) {
      expect(await page.locator(`[data-path="${path}"]`).count(), path).toBe(1);
    }
    // Booleans and enums are three-state pickers (not recorded / yes / no).
    for (const path of ["patient.sex", "current.rescueTherapy", "current.urineSediment.normal"]) {
      expect(await page.locator(`select[data-path="${path}"]`).count(), path).toBe(1);
    }
    const ids = await page
      .locator('input[name="criteria"]')
      .evaluateAll((bs) => bs.map((b) => (b as HTMLInputElement).value));
    expect(ids).toEqual(expect.arrayContaining(["zhang2023", "kang2020"]));
    const checked = await page
      .locator('input[name="criteria"]:checked')
      .evaluateAll((bs) => bs.map((b) => (b as HTMLInputElement).value));
    expect(checked).toEqual(["zhang2023", "kang2020"]);
    await shot(page, "01-empty-form");
    expect(errors).toEqual([]);
  });

  it("Zhang 2023: CR (sCr +7.1 %, 0.4 < 0.5 g/day)", async () => {
    const { page, errors } = await open();
    await pickCriteria(page, ["zhang2023"]);
    await fill(page, {
      "baseline.proteinuria": [4.1, "g/24h"],
      "baseline.serumCreatinine": [56, "umol/L"],
      "current.proteinuria": [0.4, "g/24h"],
      "current.serumCreatinine": [60, "umol/L"],
      "current.serumAlbumin": [38, "g/L"],
    });
    await classify(page);
    const c = await card(page, "zhang2023");
    expect(c.category).toBe("CR — complete response");
    expect(c.explanation[0]).toMatch(
      /^Category: CR under Zhang 2023 \[zhang2023@\d+\.\d+\.\d+\]\.$/,
    );
    expect(c.explanation).toContain(`24-h urine protein 0.4 g/24h is below 0.5 g/24h: met ${Z}`);
    expect(c.explanation).toContain(
      `rise in serum creatinine from baseline 7.1% (from 56 umol/L to 60 umol/L) is at or below 25%: met ${Z}`,
    );
    expect(c.robustness).toBe("Robust: all 7 other permitted readings of the source give CR too.");
    expect(c.missing).toEqual([]);
    expect(c.doi).toBe("https://doi.org/10.3389/fimmu.2023.1133183");
    expect(c.evidence).toBe("verified");
    await shot(page, "02-zhang2023-CR");
    expect(errors).toEqual([]);
  });

  it("Zhang 2023: PR (−62.5 %, nephrotic baseline → < 3 g/day, albumin 34 g/L)", async () => {
    const { page, errors } = await open();
    await pickCriteria(page, ["zhang2023"]);
    await fill(page, {
      "baseline.proteinuria": ["4.0", "g/24h"],
      "baseline.serumCreatinine": [60, "umol/L"],
      "current.proteinuria": [1.5, "g/24h"],
      "current.serumCreatinine": [66, "umol/L"],
      "current.serumAlbumin": [34, "g/L"],
    });
    await classify(page);
    const c = await card(page, "zhang2023");
    expect(c.category).toBe("PR — partial response");
    expect(c.explanation).toEqual(
      expect.arrayContaining([
        "CR (complete response): not met.",
        `24-h urine protein 1.5 g/24h is not below 0.5 g/24h: not met ${Z}`,
        "PR (partial response): met.",
        `decrease in 24-h urine protein from baseline 62.5% (from 4 g/24h to 1.5 g/24h) is above 50%: met ${Z}`,
        `condition: baseline 24-h urine protein 4 g/24h is above 3.5 g/24h: met ${Z}`,
        `then: 24-h urine protein 1.5 g/24h is below 3 g/24h: met ${Z}`,
        `serum albumin 34 g/L is at or above 30 g/L: met ${Z}`,
        `rise in serum creatinine from baseline 10% (from 60 umol/L to 66 umol/L) is at or below 25%: met ${Z}`,
      ]),
    );
    expect(c.robustness).toContain("Robust");
    await shot(page, "03-zhang2023-PR");
    expect(errors).toEqual([]);
  });

  it("Zhang 2023: 0.6 g/day is PR by default, CR under the '< 0.7' reading (not robust)", async () => {
    const { page, errors } = await open();
    await pickCriteria(page, ["zhang2023"]);
    await fill(page, {
      "baseline.proteinuria": [4, "g/24h"],
      "baseline.serumCreatinine": [60, "umol/L"],
      "current.proteinuria": [0.6, "g/24h"],
      "current.serumCreatinine": [62, "umol/L"],
      "current.serumAlbumin": [36, "g/L"],
    });
    await classify(page);
    let c = await card(page, "zhang2023");
    expect(c.category).toBe("PR — partial response");
    expect(c.robustness).toContain(
      "Not robust: another reading of the source changes the category (sensitive to crProteinuriaCutoff).",
    );
    const rows = await page
      .locator('article[data-criteria="zhang2023"] [data-testid=alternatives] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)),
      );
    expect(rows).toContainEqual(["crProteinuriaCutoff=0.7", "CR"]);
    expect(rows).toContainEqual(["creatinineBand=symmetric", "PR"]);
    await shot(page, "04-zhang2023-not-robust");

    await page.locator('.criteria-item[data-criteria="zhang2023"] summary').click();
    await page.selectOption("#reading-zhang2023-crProteinuriaCutoff", "0.7");
    await classify(page);
    c = await card(page, "zhang2023");
    expect(c.category).toBe("CR — complete response");
    expect(c.explanation).toContain(`24-h urine protein 0.6 g/24h is below 0.7 g/24h: met ${Z}`);
    expect(await page.locator('article[data-criteria="zhang2023"] .hint').textContent()).toBe(
      "Readings chosen: crProteinuriaCutoff=0.7",
    );
    expect(errors).toEqual([]);
  });

  it("Kang 2020: NR in the region the text leaves without a category", async () => {
    const { page, errors } = await open();
    await pickCriteria(page, ["kang2020"]);
    await fill(page, {
      "patient.sex": "F",
      "patient.ageYears": 30,
      "baseline.proteinuria": [2.5, "g/24h"],
      "baseline.serumCreatinine": [60, "umol/L"],
      "current.proteinuria": [0.2, "g/24h"],
      "current.serumCreatinine": [62, "umol/L"],
      "current.serumAlbumin": [36, "g/L"],
      "current.urineSediment.rbcPerHpf": 12,
      "current.urineSediment.wbcPerHpf": 2,
      "current.urineSediment.cellularCasts": false,
    });
    await classify(page);
    const c = await card(page, "kang2020");
    // CR: 200 mg < 300 mg, but 12 RBC/hpf is not a normal count → not met.
    // PR: 200 mg is below "between 300 mg and 2000 mg" → not met. Hence NR, in the gap.
    expect(c.category).toBe("NR — no response");
    expect(c.explanation).toEqual(
      expect.arrayContaining([
        "CR (complete remission): not met.",
        `24-h urine protein 200 mg/24h (entered as 0.2 g/24h) is below 300 mg/24h: met ${K}`,
        `urine sediment (blood cells, casts) normal: not met (RBC 12/hpf, WBC 2/hpf, no cellular casts) ${K}`,
        `serum creatinine 62 umol/L is at or below the upper limit of normal 91.9 umol/L: met ${K}`,
        "PR (partial remission): not met.",
        `24-h urine protein 200 mg/24h (entered as 0.2 g/24h) is not at or above 300 mg/24h: not met ${K}`,
      ]),
    );
    expect(
      c.explanation.some((l) => l.startsWith("Gap in the source's text (below-pr-range-not-cr): ")),
    ).toBe(true);
    expect(
      c.explanation.some((l) =>
        l.startsWith(
          "Assumption: upper limit of normal serum creatinine 91.9 umol/L is the library's default for women",
        ),
      ),
    ).toBe(true);
    expect(
      await page.locator('article[data-criteria="kang2020"] [data-testid=gaps]').textContent(),
    ).toContain("(below-pr-range-not-cr, reported as NR)");
    expect(c.doi).toBe("https://doi.org/10.1186/s13075-020-02154-7");
    expect(c.evidence).toBe("secondary");
    await shot(page, "05-kang2020-NR-gap");
    expect(errors).toEqual([]);
  });

  it("Kang 2020: indeterminate when the sediment decides between CR and NR", async () => {
    const { page, errors } = await open();
    await pickCriteria(page, ["kang2020"]);
    await fill(page, {
      "patient.sex": "F",
      "baseline.proteinuria": [2.5, "g/24h"],
      "baseline.serumCreatinine": [60, "umol/L"],
      "current.proteinuria": [0.25, "g/24h"],
      "current.serumCreatinine": [62, "umol/L"],
      "current.serumAlbumin": [36, "g/L"],
    });
    await classify(page);
    const c = await card(page, "kang2020");
    expect(c.category).toBe("indeterminate (possible: CR, NR)");
    expect(c.missing).toEqual(["current.urineSediment"]);
    expect(c.explanation).toContain(
      `urine sediment (blood cells, casts) normal: unknown, missing current.urineSediment ${K}`,
    );
    expect(c.explanation).toContain("Missing to decide: current.urineSediment.");
    await shot(page, "06-kang2020-indeterminate");
    expect(errors).toEqual([]);
  });

  it("converts units: creatinine in mg/dL, albumin in g/dL, protein in mg/24h (Kang PR, Zhang CR)", async () => {
    const { page, errors } = await open();
    await pickCriteria(page, ["zhang2023", "kang2020"]);
    // Kang 2020 Table 1, patient 4 (baseline 4.92 g/24h, creatinine 63 µmol/L ≈ 0.71 mg/dL).
    await fill(page, {
      "patient.sex": "F",
      "patient.ageYears": 49,
      "baseline.proteinuria": [4.92, "g/24h"],
      "baseline.serumCreatinine": [0.71, "mg/dL"],
      "current.proteinuria": [470, "mg/24h"],
      "current.serumCreatinine": [0.8, "mg/dL"],
      "current.serumAlbumin": [3.5, "g/dL"],
    });
    await classify(page);
    const k = await card(page, "kang2020");
    // 470 mg is not < 300 mg (no CR); 300 ≤ 470 ≤ 2000, −90.4 %, 35 g/L > 30, sCr +12.7 %.
    expect(k.category).toBe("PR — partial remission");
    expect(k.explanation).toEqual(
      expect.arrayContaining([
        `24-h urine protein 470 mg/24h is not below 300 mg/24h: not met ${K}`,
        `serum creatinine 70.72 umol/L (entered as 0.8 mg/dL) is at or below the upper limit of normal 91.9 umol/L: met ${K}`,
        `decrease in 24-h urine protein from baseline 90.4% (from 4.92 g/24h to 470 mg/24h) is at or above 50%: met ${K}`,
        `serum albumin 35 g/L (entered as 3.5 g/dL) is above 30 g/L: met ${K}`,
        `rise in serum creatinine from baseline 12.7% (from 0.71 mg/dL to 0.8 mg/dL) is at or below 25%: met ${K}`,
      ]),
    );
    const z = await card(page, "zhang2023");
    // 0.47 g/day < 0.5 g/day and sCr +12.7 % is within ±25 %: CR.
    expect(z.category).toBe("CR — complete response");
    expect(z.explanation).toContain(
      `24-h urine protein 0.47 g/24h (entered as 470 mg/24h) is below 0.5 g/24h: met ${Z}`,
    );
    await shot(page, "07-unit-conversion");
    expect(errors).toEqual([]);
  });

  it("invalid input: inline errors at the fields, no category", async () => {
    const { page, errors } = await open();
    await pickCriteria(page, ["zhang2023", "kang2020"]);
    await fill(page, {
      "baseline.proteinuria": [4, "g/24h"],
      "current.proteinuria": [-1, "g/24h"],
      "current.serumCreatinine": ["abc", "umol/L"],
      "current.serumAlbumin": [35, "mg/dL"],
    });
    await classify(page);
    expect(await page.locator("#results .result").count()).toBe(0);
    expect(await page.locator("[data-testid=category]").count()).toBe(0);
    expect(await page.locator("[data-testid=no-result]").isVisible()).toBe(true);
    const error = (path: string) => page.locator(`[data-error-for="${path}"]`).textContent();
    expect(await error("current.proteinuria.value")).toBe(
      "24-h urine protein or urine protein-to-creatinine ratio cannot be negative",
    );
    expect(await error("current.serumCreatinine.value")).toContain("expected number");
    expect(await error("current.serumAlbumin.unit")).toBe(
      "'mg/dL' is a serum creatinine unit, not a serum albumin unit; expected one of: g/L, g/l, g/dL, g/dl",
    );
    expect(await page.getAttribute('[data-path="current.proteinuria.value"]', "aria-invalid")).toBe(
      "true",
    );
    expect(await page.locator("#form-errors").textContent()).toContain(
      "No classification: 3 inputs are invalid",
    );
    await shot(page, "08-invalid-input");

    // Fixing the inputs clears the errors and classifies.
    await fill(page, {
      "current.proteinuria": [1, "g/24h"],
      "current.serumCreatinine": [70, "umol/L"],
      "current.serumAlbumin": [35, "g/L"],
    });
    await classify(page);
    expect(await page.locator(".field-error:not(:empty)").count()).toBe(0);
    expect(await page.locator("#results .result").count()).toBe(2);
    expect(errors).toEqual([]);
  });

  it("runs the library bundle in the page: classifyResponse without any Node global", async () => {
    const { page, errors } = await open();
    // The library alone (lib.js, the same chunk the form uses) as a browser ES module.
    await page.addScriptTag({
      type: "module",
      content: "import * as lib from './lib.js'; window.lrc = lib;",
    });
    await page.waitForFunction(() => "lrc" in window);
    const out = await page.evaluate(() => {
      // biome-ignore lint/suspicious/noExplicitAny: the bundle's exports, untyped in the page
      const lib = (window as any).lrc;
      const q = (value: number, unit: string) => ({ value, unit });
      const inputs = [
        // Kang 2020, patient 4 at week 24: PR.
        {
          patient: { sex: "F", ageYears: 49 },
          baseline: { proteinuria: q(4.92, "g/24h"), serumCreatinine: q(63, "umol/L") },
          current: {
            proteinuria: q(0.47, "g/24h"),
            serumCreatinine: q(63, "umol/L"),
            serumAlbumin: q(35, "g/L"),
          },
        },
        // Below 300 mg with an active sediment: NR (the gap).
        {
          patient: { sex: "F" },
          baseline: { proteinuria: q(2.5, "g/24h"), serumCreatinine: q(60, "umol/L") },
          current: {
            proteinuria: q(0.2, "g/24h"),
            serumCreatinine: q(62, "umol/L"),
            serumAlbumin: q(36, "g/L"),
            urineSediment: { rbcPerHpf: 12, wbcPerHpf: 2, cellularCasts: false },
          },
        },
        // 250 mg, creatinine normal, no sediment: CR or NR.
        {
          patient: { sex: "F" },
          baseline: { proteinuria: q(2.5, "g/24h"), serumCreatinine: q(60, "umol/L") },
          current: {
            proteinuria: q(0.25, "g/24h"),
            serumCreatinine: q(62, "umol/L"),
            serumAlbumin: q(36, "g/L"),
          },
        },
      ];
      const g = globalThis as Record<string, unknown>;
      return {
        categories: inputs.map((i) => lib.classifyResponse(lib.criteria.kang2020, i).category),
        gaps: lib
          .classifyResponse(lib.criteria.kang2020, inputs[1])
          .gaps.map((x: { id: string }) => x.id),
        zhang: lib.classifyResponse(lib.criteria.zhang2023, inputs[0]).category,
        first: lib.renderExplanation(lib.classifyResponse(lib.criteria.kang2020, inputs[0]))[0],
        nodeGlobals: ["process", "require", "Buffer", "module", "__dirname", "global"].filter(
          (k) => typeof g[k] !== "undefined",
        ),
      };
    });
    expect(out.categories).toEqual(["PR", "NR", "indeterminate"]);
    expect(out.gaps).toEqual(["below-pr-range-not-cr"]);
    // Zhang 2023 on patient 4: 0.47 < 0.5 g/day with creatinine unchanged → CR.
    expect(out.zhang).toBe("CR");
    expect(out.first).toMatch(/^Category: PR under Kang 2020 \[kang2020@\d+\.\d+\.\d+\]\.$/);
    expect(out.nodeGlobals).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("loads a protocol's own criteria file: validated, listed, classified", async () => {
    const { page, errors } = await open();
    await page.setInputFiles(
      "#criteria-file",
      join(root, "test/cli/fixtures/protocol.criteria.json"),
    );
    const item = page.locator('.criteria-item[data-criteria="example-protocol-crr"]');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.locator('input[name="criteria"]').isChecked()).toBe(true);
    await pickCriteria(page, ["example-protocol-crr"]);
    // Protocol §9.2 of the fixture: UPCR < 0.5 g/g, eGFR ≥ 60, no rescue therapy → CR.
    await fill(page, {
      "current.proteinuria": [0.3, "g/g"],
      "current.egfr": [75, "mL/min/1.73m2"],
      "current.rescueTherapy": false,
    });
    await classify(page);
    // The fixture has no DOI: read the card's fields directly (card() expects a DOI link).
    const result = page.locator('#results article.result[data-criteria="example-protocol-crr"]');
    const category = () => result.locator("[data-testid=category]").textContent();
    expect(await category()).toBe("CR — complete renal response");
    expect(await result.locator("[data-testid=evidence]").textContent()).toBe("unverified");
    expect(await result.locator("[data-testid=explanation] li").allTextContents()).toContain(
      "UPCR 0.3 g/g is below 0.5 g/g: met (Example protocol, Protocol §9.2).",
    );
    // 0.5 g/g is not below 0.5: no complete renal response.
    await fill(page, { "current.proteinuria": [0.5, "g/g"] });
    await classify(page);
    await expect.poll(category).toBe("NR — no complete renal response");
    await shot(page, "11-protocol-file");
    expect(errors).toEqual([]);
  });

  it("refuses a criteria file that is not valid criteria data, with the schema's paths", async () => {
    const { page, errors } = await open();
    const hostile = JSON.parse(
      await readFile(join(root, "test/cli/fixtures/protocol.criteria.json"), "utf8"),
    );
    hostile.categories[0].expr.of[0].right.value = "0.5 ? (globalThis.PWNED = 1, 1) : 1";
    await page.setInputFiles("#criteria-file", {
      name: "hostile.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(hostile)),
    });
    const list = page.locator("#criteria-file-errors li");
    await expect.poll(() => list.count()).toBeGreaterThan(1);
    const lines = await list.allTextContents();
    expect(lines[0]).toBe("hostile.json is not a valid criteria object:");
    expect(lines.some((l) => l.startsWith("categories[0].expr.of[0].right.value"))).toBe(true);
    expect(await page.locator('.criteria-item[data-criteria="example-protocol-crr"]').count()).toBe(
      0,
    );
    expect(await page.evaluate(() => "PWNED" in globalThis)).toBe(false);
    await page.setInputFiles("#criteria-file", {
      name: "flare.json",
      mimeType: "application/json",
      buffer: Buffer.from("{ not json"),
    });
    await expect
      .poll(() => list.first().textContent())
      .toBe("flare.json is not a valid criteria object:");
    await shot(page, "12-criteria-file-refused");
    expect(errors).toEqual([]);
  });

  it("Clear returns to the preselected definitions and the default readings", async () => {
    const { page, errors } = await open();
    await pickCriteria(page, ["eular2012"]);
    await page.click('.criteria-item[data-criteria="zhang2023"] details.readings summary');
    await page.selectOption(
      'select[data-criteria="zhang2023"][data-parameter="crProteinuriaCutoff"]',
      "0.7",
    );
    await page.click("#reset");
    await expect
      .poll(() =>
        page
          .locator('input[name="criteria"]:checked')
          .evaluateAll((bs) => bs.map((b) => (b as HTMLInputElement).value)),
      )
      .toEqual(["zhang2023", "kang2020"]);
    expect(
      await page.inputValue(
        'select[data-criteria="zhang2023"][data-parameter="crProteinuriaCutoff"]',
      ),
    ).toBe("0.5");
    expect(errors).toEqual([]);
  });

  it("flags an implausible value at its field with the likely unit (albumin 3.6 as g/L)", async () => {
    const { page, errors } = await open();
    await pickCriteria(page, ["zhang2023"]);
    await fill(page, {
      "baseline.proteinuria": [4.1, "g/24h"],
      "current.proteinuria": [1.2, "g/24h"],
      "current.serumAlbumin": [3.6, "g/L"],
      "current.serumCreatinine": [1.1, "umol/L"],
    });
    await classify(page);
    const warning = (path: string) => page.locator(`[data-warning-for="${path}"]`).textContent();
    // Plausible ranges (src/model/plausibility.ts): albumin 5–60 g/L, creatinine 10–1500 µmol/L.
    // 3.6 g/dL is 36 g/L; 1.1 mg/dL is 97.24 µmol/L (× 88.4, KDIGO 2012 Table 29), shown as 97.2.
    expect(await warning("current.serumAlbumin")).toBe(
      "Check: 3.6 g/L is outside the plausible range 5–60 g/L; in g/dL it would be 36 g/L — was the unit g/dL?",
    );
    expect(await warning("current.serumCreatinine")).toBe(
      "Check: 1.1 umol/L is outside the plausible range 10–1500 umol/L; in mg/dL it would be 97.2 umol/L — was the unit mg/dL?",
    );
    expect(await warning("current.proteinuria")).toBe("");
    // The result is still given (the values are valid), without a warning line under "Why".
    const c = await card(page, "zhang2023");
    expect(c.explanation.some((l) => l.startsWith("Warning:"))).toBe(false);
    await shot(page, "13-plausibility-at-field");
    expect(errors).toEqual([]);
  });

  it("reads numbers with the page's decimal separator, and says so when the other one is typed", async () => {
    const { page, errors } = await open();
    await pickCriteria(page, ["zhang2023"]);
    await fill(page, {
      "baseline.proteinuria": ["4,1", "g/24h"],
      "current.proteinuria": [0.4, "g/24h"],
    });
    await page.selectOption("#decimal", ".");
    await classify(page);
    expect(await page.locator("[data-error-for='baseline.proteinuria.value']").textContent()).toBe(
      "'4,1' has a decimal comma: type 4.1, or set the decimal separator to comma",
    );
    expect(await page.locator("#results .result").count()).toBe(0);
    await page.selectOption("#decimal", ",");
    await fill(page, { "current.proteinuria": ["0,4", "g/24h"] });
    await classify(page);
    // 4.1 → 0.4 g/day: the CR protein clause is met (0.4 < 0.5); creatinine not given.
    expect(await page.locator("#input-json").textContent()).toContain('"value": 4.1');
    expect((await card(page, "zhang2023")).explanation).toContain(
      `24-h urine protein 0.4 g/24h is below 0.5 g/24h: met ${Z}`,
    );
    await fill(page, { "current.proteinuria": ["0.4", "g/24h"] });
    await classify(page);
    expect(await page.locator("[data-error-for='current.proteinuria.value']").textContent()).toBe(
      "'0.4' has a decimal point, but the page reads a decimal comma: type 0,4 or set the decimal separator to point",
    );
    expect(errors).toEqual([]);
  });

  it("fits a 390 px phone screen, and opening readings does not stretch the other items", async () => {
    const { page, errors } = await open();
    const height = (id: string) =>
      page
        .locator(`.criteria-item[data-criteria="${id}"]`)
        .evaluate((e) => e.getBoundingClientRect().height);
    // Desktop: zhang2023 and kang2020 share the first row of the picker.
    const before = await height("kang2020");
    await page.click('.criteria-item[data-criteria="zhang2023"] details.readings summary');
    expect(await height("kang2020")).toBe(before);
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => {
      const w = document.documentElement.clientWidth;
      return {
        scroll: document.documentElement.scrollWidth - w,
        outside: [...document.querySelectorAll("main *")]
          .filter((e) => e.getBoundingClientRect().right > w + 0.5)
          .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
      };
    });
    expect(overflow).toEqual({ scroll: 0, outside: [] });
    await shot(page, "14-phone-390px");
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(errors).toEqual([]);
  });

  it("is linked from the API documentation", async () => {
    const page = await context.newPage();
    await page.goto(`${base}/functions/classifyResponse.html`);
    const link = page.locator("#lrc-calculator-link a");
    await expect.poll(() => link.isVisible()).toBe(true);
    const href = await link.getAttribute("href");
    expect(href).toBe("../calculator/index.html");
    const target = new URL(href ?? "", page.url());
    expect(target.pathname).toBe("/calculator/index.html");
    await page.goto(target.href);
    await page.waitForSelector("html[data-ready='true']");
    await page.goto(`${base}/documents/Getting_started.html`);
    expect(await page.locator("#lrc-calculator-link a").getAttribute("href")).toBe(
      "../calculator/index.html",
    );
    await page.goto(`${base}/index.html`);
    expect(await page.locator("#lrc-calculator-link a").getAttribute("href")).toBe(
      "calculator/index.html",
    );
    await shot(page, "10-api-docs-with-calculator-link");
  });
});
