/**
 * The renal-response calculator: a static page over the library's own ESM bundle.
 *
 * Everything the form shows comes from the library: the fields from the JSON Schema of
 * `ResponseInput` (`jsonSchemas()`), the unit pickers from the unit tables
 * (`lookupUnit`, `canonicalUnitsOfKind`), the criteria and their readings from the
 * registry (`criteria`), the results from `safeClassifyResponse` and
 * `renderExplanation`, and the inline errors from `InputError.issues` paths. No
 * framework, no Node globals.
 */
import {
  BASE_UNITS,
  CriteriaError,
  canonicalUnitsOfKind,
  convert,
  criteria,
  type InputIssue,
  jsonSchemas,
  loadCriteria,
  lookupUnit,
  type MeasureKind,
  PLAUSIBLE_RANGES,
  type ResponseCriteria,
  type ResponseResult,
  renderExplanation,
  safeClassifyResponse,
} from "lupus-renal-criteria";

declare const __LRC_VERSION__: string;

// ---------------------------------------------------------------------------------------
// The form model, read from the input's JSON Schema.

interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly anyOf?: readonly JsonSchema[];
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly description?: string;
}

type Field =
  | { readonly type: "quantity"; readonly key: string; readonly kinds: readonly MeasureKind[] }
  | { readonly type: "number"; readonly key: string; readonly min?: number; readonly max?: number }
  | { readonly type: "boolean"; readonly key: string }
  | { readonly type: "enum"; readonly key: string; readonly options: readonly string[] }
  | { readonly type: "group"; readonly key: string; readonly fields: readonly Field[] };

/**
 * `{ anyOf: [X, { type: 'null' }] }` → X and `{ type: ['boolean', 'null'] }` → `{ type:
 * 'boolean' }` (the schema accepts null as "missing", which the form writes as empty).
 */
function unwrap(s: JsonSchema): JsonSchema {
  const inner = s.anyOf?.find((x) => x.type !== "null");
  if (inner) return unwrap(inner);
  if (Array.isArray(s.type)) return { ...s, type: s.type.find((t) => t !== "null") ?? "null" };
  return s;
}

function fieldOf(key: string, schema: JsonSchema): Field {
  const s = unwrap(schema);
  const props = s.properties;
  if (s.type === "object" && props?.value && props.unit) {
    const units = (unwrap(props.unit).enum ?? []).filter((u): u is string => typeof u === "string");
    const kinds = [
      ...new Set(units.map((u) => lookupUnit(u)?.kind).filter((k) => k !== undefined)),
    ];
    return { type: "quantity", key, kinds };
  }
  if (s.type === "object" && props) {
    return {
      type: "group",
      key,
      fields: Object.entries(props).map(([k, v]) => fieldOf(k, v)),
    };
  }
  if (s.enum) return { type: "enum", key, options: s.enum.map(String) };
  if (s.type === "boolean") return { type: "boolean", key };
  return {
    type: "number",
    key,
    ...(s.minimum === undefined ? {} : { min: s.minimum }),
    ...(s.maximum === undefined ? {} : { max: s.maximum }),
  };
}

function sectionFields(root: JsonSchema, section: string): Field[] {
  const s = root.properties?.[section];
  const props = s ? unwrap(s).properties : undefined;
  if (!props) throw new Error(`the input schema has no '${section}' object`);
  return Object.entries(props).map(([k, v]) => fieldOf(k, v));
}

// ---------------------------------------------------------------------------------------
// Labels. Field names are the schema's; these are their words on the page.

const LABELS: Readonly<Record<string, string>> = {
  sex: "Sex",
  ageYears: "Age (years)",
  heightCm: "Height (cm)",
  proteinuria: "Proteinuria",
  serumCreatinine: "Serum creatinine",
  serumCreatinineUpperLimit: "Lab upper limit of normal, serum creatinine",
  serumAlbumin: "Serum albumin",
  egfr: "eGFR",
  urineSediment: "Urine sediment",
  rbcPerHpf: "Urine sediment: red blood cells (/hpf)",
  wbcPerHpf: "Urine sediment: white blood cells (/hpf)",
  acanthocytesPerHpf: "Urine sediment: acanthocytes (/hpf)",
  cellularCasts: "Urine sediment: cellular casts",
  normal: "Urine sediment: laboratory verdict normal",
  prednisoneMgPerDay: "Prednisone equivalent (mg/day)",
  rescueTherapy: "Rescue therapy needed",
};

const KIND_GROUP: Readonly<Partial<Record<MeasureKind, string>>> = {
  urineProtein24h: "24-h urine protein (timed collection)",
  upcr: "Spot urine protein-to-creatinine ratio (UPCR)",
};

const ENUM_LABELS: Readonly<Record<string, string>> = { F: "female", M: "male" };

function label(key: string): string {
  return LABELS[key] ?? key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

// ---------------------------------------------------------------------------------------
// DOM helpers.

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Readonly<Record<string, string>> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

function byId<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`#${id} missing from the page`);
  return e as T;
}

const idOf = (path: string) => `f-${path.replace(/[^\w]+/g, "-")}`;
const OTHER = "__other__";

function errorSlot(path: string): HTMLElement {
  return el("span", { class: "field-error", "data-error-for": path, id: `${idOf(path)}-error` });
}

function numberInput(path: string, labelText: string, f?: { min?: number; max?: number }) {
  const attrs: Record<string, string> = {
    type: "text",
    inputmode: "decimal",
    autocomplete: "off",
    id: idOf(path),
    "data-path": path,
    "aria-label": labelText,
    "aria-describedby": `${idOf(path)}-error`,
  };
  if (f?.min !== undefined) attrs["data-min"] = String(f.min);
  if (f?.max !== undefined) attrs["data-max"] = String(f.max);
  return el("input", attrs);
}

function triState(path: string, labelText: string, options: readonly [string, string][]) {
  const select = el("select", {
    id: idOf(path),
    "data-path": path,
    "aria-label": labelText,
    "aria-describedby": `${idOf(path)}-error`,
  });
  select.append(el("option", { value: "" }, "not recorded"));
  for (const [value, text] of options) select.append(el("option", { value }, text));
  return select;
}

/** The unit picker of a quantity: the canonical units of each kind, grouped by kind. */
function unitPicker(path: string, labelText: string, kinds: readonly MeasureKind[]) {
  const select = el("select", {
    id: idOf(`${path}.unit`),
    "data-path": `${path}.unit`,
    "aria-label": `${labelText}, unit`,
    "aria-describedby": `${idOf(`${path}.unit`)}-error`,
  });
  for (const kind of kinds) {
    const units = canonicalUnitsOfKind(kind).map((u) => el("option", { value: u }, u));
    const group = KIND_GROUP[kind];
    if (group && kinds.length > 1) select.append(el("optgroup", { label: group }, ...units));
    else select.append(...units);
  }
  select.append(el("option", { value: OTHER }, "other unit…"));
  const other = el("input", {
    type: "text",
    class: "unit-other",
    id: idOf(`${path}.unit-other`),
    "data-unit-other-for": `${path}.unit`,
    "aria-label": `${labelText}, unit as written`,
    placeholder: "unit as written",
    hidden: "",
  });
  select.addEventListener("change", () => {
    other.hidden = select.value !== OTHER;
    if (!other.hidden) other.focus();
  });
  return [select, other] as const;
}

function control(path: string, f: Field): HTMLElement {
  const text = label(f.key);
  const wrap = el("div", { class: `control control-${f.type}` });
  switch (f.type) {
    case "quantity": {
      const [unit, other] = unitPicker(path, text, f.kinds);
      wrap.append(
        el(
          "div",
          { class: "quantity" },
          numberInput(`${path}.value`, `${text}, value`),
          unit,
          other,
        ),
        errorSlot(`${path}.value`),
        errorSlot(`${path}.unit`),
        errorSlot(path),
        el("span", { class: "field-warning", "data-warning-for": path, role: "status" }),
      );
      break;
    }
    case "number":
      wrap.append(numberInput(path, text, f), errorSlot(path));
      break;
    case "boolean":
      wrap.append(
        triState(path, text, [
          ["true", "yes"],
          ["false", "no"],
        ]),
        errorSlot(path),
      );
      break;
    case "enum":
      wrap.append(
        triState(
          path,
          text,
          f.options.map((o) => [o, ENUM_LABELS[o] ?? o]),
        ),
        errorSlot(path),
      );
      break;
    case "group":
      throw new Error("groups are laid out as rows");
  }
  return wrap;
}

// ---------------------------------------------------------------------------------------
// Building the form.

const schema = jsonSchemas().responseInput as JsonSchema;
const patientFields = sectionFields(schema, "patient");
const labFields = sectionFields(schema, "current");
const baselineKeys = new Set(sectionFields(schema, "baseline").map((f) => f.key));

function buildPatient(): void {
  const box = byId("patient-fields");
  for (const f of patientFields) {
    const path = `patient.${f.key}`;
    box.append(
      el(
        "div",
        { class: "patient-field" },
        el("label", { for: idOf(path), class: "field-label" }, label(f.key)),
        control(path, f),
      ),
    );
  }
}

function buildLabs(): void {
  const body = byId<HTMLTableElement>("lab-fields").tBodies[0];
  if (!body) throw new Error("#lab-fields has no tbody");
  const row = (key: string, f: Field) => {
    const tr = el(
      "tr",
      { "data-field": key },
      el("th", { scope: "row" }, el("label", { for: idOf(`current.${key}.value`) }, label(f.key))),
    );
    for (const section of ["baseline", "current"]) {
      const td = el("td", { "data-section": section });
      if (section === "current" || baselineKeys.has(key.split(".")[0] ?? key)) {
        td.append(control(`${section}.${key}`, f));
      }
      tr.append(td);
    }
    const first = tr.querySelector("th label");
    if (first && f.type !== "quantity") first.setAttribute("for", idOf(`current.${key}`));
    body.append(tr);
  };
  for (const f of labFields) {
    if (f.type === "group") {
      for (const sub of f.fields) row(`${f.key}.${sub.key}`, sub);
    } else {
      row(f.key, f);
    }
  }
}

/** The shipped response criteria, then any the user loads from a file. */
const registry: ResponseCriteria[] = Object.values(criteria);
const PRESELECTED = new Set(["zhang2023", "kang2020"]);

function buildCriteriaPicker(): void {
  const box = byId("criteria-picker");
  for (const c of registry) box.append(criteriaItem(c, PRESELECTED.has(c.id)));
}

/**
 * Reads a criteria JSON file chosen by the user: `loadCriteria` validates it (and freezes a
 * copy) before anything evaluates it; a response object joins the picker, checked; anything
 * else is listed as the schema's issues under the file input.
 */
async function loadCriteriaFile(input: HTMLInputElement): Promise<void> {
  const errors = byId("criteria-file-errors");
  errors.replaceChildren();
  const file = input.files?.[0];
  if (!file) return;
  const problems = (lines: readonly string[]) => {
    errors.replaceChildren(...lines.map((l) => el("li", {}, l)));
    input.setAttribute("aria-invalid", "true");
  };
  let loaded: ReturnType<typeof loadCriteria>;
  try {
    loaded = loadCriteria(await file.text());
  } catch (e) {
    if (CriteriaError.isCriteriaError(e)) {
      problems([
        `${file.name} is not a valid criteria object:`,
        ...e.issues.map((i) => `${i.path}: ${i.message}`),
      ]);
      return;
    }
    throw e;
  }
  if (loaded.kind !== "response") {
    problems([
      `${file.name} holds ${loaded.kind} criteria (${loaded.id}); the calculator classifies renal response, so it needs a "kind": "response" object.`,
    ]);
    return;
  }
  if (registry.some((c) => c.id === loaded.id)) {
    problems([`${file.name}: a definition with the id '${loaded.id}' is already listed.`]);
    return;
  }
  input.removeAttribute("aria-invalid");
  registry.push(loaded);
  byId("criteria-picker").append(criteriaItem(loaded, true));
}

function criteriaItem(c: ResponseCriteria, checked: boolean): HTMLElement {
  const id = `criteria-${c.id}`;
  const item = el("div", { class: "criteria-item", "data-criteria": c.id });
  const checkbox = el("input", {
    type: "checkbox",
    id,
    name: "criteria",
    value: c.id,
  });
  // The default state too, so that "Clear" (a form reset) returns to the preselected definitions.
  checkbox.defaultChecked = checked;
  checkbox.checked = checked;
  item.append(
    el(
      "label",
      { for: id, class: "criteria-label" },
      checkbox,
      el("span", { class: "criteria-name" }, c.citation.short),
      el("span", { class: "criteria-title" }, ` ${c.title} `),
      el("span", { class: `evidence evidence-${c.evidence}` }, c.evidence),
    ),
  );
  const params = Object.entries(c.parameters);
  if (params.length > 0) {
    const details = el(
      "details",
      { class: "readings" },
      el("summary", {}, `Readings of ambiguous phrases (${params.length})`),
    );
    for (const [name, p] of params) {
      const sid = `reading-${c.id}-${name}`;
      const select = el("select", { id: sid, "data-criteria": c.id, "data-parameter": name });
      for (const [reading, r] of Object.entries(p.readings)) {
        const o = el(
          "option",
          { value: reading },
          `${r.label}${reading === p.default ? " (default)" : ""}`,
        );
        o.defaultSelected = reading === p.default;
        o.selected = reading === p.default;
        select.append(o);
      }
      details.append(
        el(
          "div",
          { class: "reading" },
          el("label", { for: sid }, el("code", {}, name)),
          select,
          el("p", { class: "hint" }, p.description),
        ),
      );
    }
    item.append(details);
  }
  return item;
}

// ---------------------------------------------------------------------------------------
// Reading the form into an input object.

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const COMMA_NUMBER = /^[-+]?\d+(,\d+)?$/;
const POINT_DECIMAL = /^[-+]?\d*\.\d+$/;

/** The page's decimal separator: the picker, which starts at the browser locale's own. */
function decimalSeparator(): "." | "," {
  return byId<HTMLSelectElement>("decimal").value === "," ? "," : ".";
}

/** The browser locale's decimal separator (`1,5` in de-DE, `1.5` in en-GB). */
function localeDecimal(): "." | "," {
  const part = new Intl.NumberFormat(navigator.language)
    .formatToParts(1.5)
    .find((p) => p.type === "decimal");
  return part?.value === "," ? "," : ".";
}

/** Numbers the page itself refuses (a separator of the other convention), by path. */
const localIssues: InputIssue[] = [];

/**
 * A number when the text is one in the page's decimal convention; a number with the other
 * convention's separator is refused here with a message saying so; any other text goes to
 * the library as is, to be rejected there.
 */
function parseNumber(text: string, path: string): number | string | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  if (decimalSeparator() === ",") {
    if (COMMA_NUMBER.test(t)) return Number(t.replace(",", "."));
    if (POINT_DECIMAL.test(t)) {
      localIssues.push({
        path,
        message: `'${t}' has a decimal point, but the page reads a decimal comma: type ${t.replace(".", ",")} or set the decimal separator to point`,
      });
      return undefined;
    }
    return t;
  }
  if (/^[-+]?\d+,\d+$/.test(t)) {
    localIssues.push({
      path,
      message: `'${t}' has a decimal comma: type ${t.replace(",", ".")}, or set the decimal separator to comma`,
    });
    return undefined;
  }
  return NUMBER.test(t) ? Number(t) : t;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let o = target;
  for (const k of keys.slice(0, -1)) {
    const next = o[k];
    if (typeof next === "object" && next !== null) o = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      o[k] = created;
      o = created;
    }
  }
  const last = keys[keys.length - 1];
  if (last !== undefined) o[last] = value;
}

function readInput(form: HTMLFormElement): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  localIssues.length = 0;
  for (const e of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>("[data-path]")) {
    const path = e.dataset.path ?? "";
    if (path.endsWith(".unit")) continue;
    if (path.endsWith(".value")) {
      const value = parseNumber(e.value, path);
      if (value === undefined) continue;
      const base = path.slice(0, -".value".length);
      const select = form.querySelector<HTMLSelectElement>(`[data-path="${base}.unit"]`);
      const other = form.querySelector<HTMLInputElement>(`[data-unit-other-for="${base}.unit"]`);
      const unit = select?.value === OTHER ? (other?.value.trim() ?? "") : (select?.value ?? "");
      setPath(input, base, { value, unit });
    } else if (e instanceof HTMLSelectElement) {
      if (e.value === "") continue;
      setPath(input, path, e.value === "true" ? true : e.value === "false" ? false : e.value);
    } else {
      const value = parseNumber(e.value, path);
      if (value !== undefined) setPath(input, path, value);
    }
  }
  return input;
}

function selectedCriteria(form: HTMLFormElement) {
  const ids = [...form.querySelectorAll<HTMLInputElement>('input[name="criteria"]:checked')].map(
    (c) => c.value,
  );
  return registry
    .filter((c) => ids.includes(c.id))
    .map((c) => {
      const interpretation: Record<string, string> = {};
      for (const s of form.querySelectorAll<HTMLSelectElement>(
        `select[data-criteria="${c.id}"][data-parameter]`,
      )) {
        const p = s.dataset.parameter;
        if (p) interpretation[p] = s.value;
      }
      return { criteria: c, interpretation };
    });
}

// ---------------------------------------------------------------------------------------
// Errors: each InputError issue goes to the field its path names.

function clearErrors(form: HTMLFormElement): void {
  for (const e of form.querySelectorAll<HTMLElement>(".field-error, .field-warning"))
    e.textContent = "";
  for (const e of form.querySelectorAll("[aria-invalid]")) e.removeAttribute("aria-invalid");
  const general = byId("form-errors");
  general.textContent = "";
  general.hidden = true;
}

function showErrors(form: HTMLFormElement, issues: readonly InputIssue[]): void {
  const general = byId("form-errors");
  const unplaced: string[] = [];
  for (const issue of issues) {
    // The field's own slot, or the nearest enclosing one (`current.proteinuria`).
    let path = issue.path;
    let slot: HTMLElement | null = null;
    while (path && !slot) {
      slot = form.querySelector<HTMLElement>(`[data-error-for="${path}"]`);
      if (!slot) path = path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : "";
    }
    if (!slot) {
      unplaced.push(`${issue.path}: ${issue.message}`);
      continue;
    }
    slot.textContent = slot.textContent ? `${slot.textContent}; ${issue.message}` : issue.message;
    const field =
      form.querySelector(`[data-path="${path}"]`) ??
      form.querySelector(`[data-path="${path}.value"]`);
    field?.setAttribute("aria-invalid", "true");
    if (path.endsWith(".unit")) {
      form.querySelector(`[data-unit-other-for="${path}"]`)?.setAttribute("aria-invalid", "true");
    }
  }
  general.hidden = false;
  general.append(
    el(
      "p",
      {},
      `No classification: ${issues.length} input${issues.length === 1 ? " is" : "s are"} invalid (marked below each field).`,
    ),
  );
  if (unplaced.length) general.append(el("ul", {}, ...unplaced.map((t) => el("li", {}, t))));
}

// ---------------------------------------------------------------------------------------
// Results.

function categoryText(c: ResponseCriteria, r: ResponseResult): string {
  if (r.category === "indeterminate") {
    return `indeterminate (possible: ${r.possibleCategories.join(", ")})`;
  }
  const name =
    r.category === "NR"
      ? c.noResponse.label
      : c.categories.find((d) => d.name === r.category)?.label;
  return name ? `${r.category} — ${name}` : r.category;
}

function citationBlock(c: ResponseCriteria): HTMLElement {
  const cit = c.citation;
  const p = el(
    "p",
    { class: "citation", "data-testid": "citation" },
    `${cit.authors} ${cit.title}. ${cit.journal} (${cit.year}). `,
  );
  if (cit.doi) {
    p.append(
      el(
        "a",
        { href: `https://doi.org/${cit.doi}`, rel: "noopener", target: "_blank" },
        `doi:${cit.doi}`,
      ),
      ". ",
    );
  } else if (cit.url) {
    p.append(el("a", { href: cit.url, rel: "noopener", target: "_blank" }, cit.url), ". ");
  }
  p.append(
    `Where: ${c.locator.section}. Evidence: `,
    el("span", { class: `evidence evidence-${c.evidence}`, "data-testid": "evidence" }, c.evidence),
    ".",
  );
  return p;
}

function resultCard(
  c: ResponseCriteria,
  r: ResponseResult,
  interpretation: Readonly<Record<string, string>>,
): HTMLElement {
  const card = el("article", { class: "result", "data-criteria": c.id });
  card.append(
    el(
      "h3",
      {},
      `${c.title} `,
      el("span", { class: "criteria-id" }, `${r.criteria.id}@${r.criteria.version}`),
    ),
    el(
      "p",
      { class: `category category-${r.category}`, "data-testid": "category" },
      categoryText(c, r),
    ),
  );

  const readings = Object.entries(interpretation).filter(
    ([k, v]) => c.parameters[k]?.default !== v,
  );
  if (readings.length) {
    card.append(
      el(
        "p",
        { class: "hint" },
        `Readings chosen: ${readings.map(([k, v]) => `${k}=${v}`).join(", ")}`,
      ),
    );
  }

  if (r.gaps.length) {
    card.append(
      el(
        "div",
        { class: "gaps", "data-testid": "gaps" },
        ...r.gaps.map((g) =>
          el(
            "p",
            {},
            el("strong", {}, "Gap in the source's text: "),
            `${g.description} (${g.id}, reported as ${g.reportedAs})`,
          ),
        ),
      ),
    );
  }

  const robust = el("div", { class: "robustness", "data-testid": "robustness" });
  if (r.robust) {
    robust.append(
      el(
        "p",
        { class: "robust" },
        r.alternatives.length
          ? `Robust: all ${r.alternatives.length} other permitted readings of the source give ${r.category} too.`
          : "Robust: the definition has no ambiguous phrase to read otherwise.",
      ),
    );
  } else {
    robust.append(
      el(
        "p",
        { class: "not-robust" },
        `Not robust: another reading of the source changes the category (sensitive to ${r.sensitiveTo.join(", ") || "a combination of readings"}).`,
      ),
    );
    const rows = r.alternatives.map((a) =>
      el(
        "tr",
        {},
        el(
          "td",
          {},
          Object.entries(a.changed)
            .map(([k, v]) => `${k}=${v}`)
            .join(", "),
        ),
        el("td", { class: `category-${a.category}` }, a.category),
      ),
    );
    robust.append(
      el(
        "table",
        { class: "alternatives", "data-testid": "alternatives" },
        el("thead", {}, el("tr", {}, el("th", {}, "other reading"), el("th", {}, "category"))),
        el("tbody", {}, ...rows),
      ),
    );
  }
  card.append(robust);

  if (r.missing.length) {
    card.append(
      el(
        "div",
        { class: "missing", "data-testid": "missing" },
        el("p", {}, "Missing to decide:"),
        el("ul", {}, ...r.missing.map((m) => el("li", {}, el("code", {}, m)))),
      ),
    );
  }

  const lines = renderExplanation(r);
  const list = el("ol", { class: "explanation", "data-testid": "explanation" });
  for (const line of lines) {
    // Plausibility warnings are shown at their fields (showPlausibility), in words for the
    // person entering the values, not as a line with the input path here.
    if (line.startsWith("Warning: ")) continue;
    const depth = (/^ */.exec(line)?.[0].length ?? 0) / 2;
    const text = line.trim().replace(/^- /, "");
    // Top-level lines are the category headers, or remarks (assumptions, notes, robustness).
    const header = /^Category: |^\S+ \(.*\): (met|not met|unknown)\.$/.test(text);
    const cls = depth === 0 && !header ? "depth-0 meta" : `depth-${depth}`;
    list.append(el("li", { class: cls, "data-depth": String(depth) }, text));
  }
  card.append(el("h4", {}, "Why"), list, citationBlock(c));
  return card;
}

function render(form: HTMLFormElement): void {
  clearErrors(form);
  const input = readInput(form);
  byId("input-json").textContent = JSON.stringify(input, null, 2);
  const results = byId("results");
  for (const old of results.querySelectorAll(".result, .no-result")) old.remove();
  const empty = byId("results-empty");
  const chosen = selectedCriteria(form);
  if (chosen.length === 0) {
    empty.hidden = false;
    empty.textContent = "Pick at least one criteria object.";
    return;
  }
  const allow = byId<HTMLInputElement>("allow-substitution").checked;
  const cards: HTMLElement[] = [];
  for (const { criteria: c, interpretation } of chosen) {
    const r = safeClassifyResponse(c, input, {
      interpretation,
      ...(allow ? { allowProteinuriaSubstitution: true } : {}),
    });
    if (!r.success || localIssues.length > 0) {
      // The same schema validates for every criteria object: one report is enough.
      showErrors(form, [...localIssues, ...(r.success ? [] : r.error.issues)]);
      empty.hidden = true;
      results.append(
        el(
          "p",
          { class: "no-result", "data-testid": "no-result" },
          "No classification: the input is invalid (see the fields marked above).",
        ),
      );
      return;
    }
    cards.push(resultCard(c, r.data, interpretation));
  }
  showPlausibility(form, input);
  empty.hidden = true;
  results.append(...cards);
}

// ---------------------------------------------------------------------------------------
// Plausibility: a valid but implausible value is flagged at its field, with the unit under
// which the same number would be plausible (albumin 3.6 "g/L" is plausible as 3.6 g/dL).

const LAB_FIELDS = [
  "proteinuria",
  "serumCreatinine",
  "serumCreatinineUpperLimit",
  "serumAlbumin",
  "egfr",
] as const;

function showPlausibility(form: HTMLFormElement, input: Record<string, unknown>): void {
  for (const at of ["baseline", "current"] as const) {
    const labs = input[at] as
      | Record<string, { value: number; unit: string } | undefined>
      | undefined;
    for (const f of LAB_FIELDS) {
      const q = labs?.[f];
      const info = q ? lookupUnit(q.unit) : undefined;
      const range = info ? PLAUSIBLE_RANGES[info.kind] : undefined;
      if (!q || !info || !range) continue;
      const base = BASE_UNITS[info.kind];
      const inRange = (v: number) => v >= range[0] && v <= range[1];
      if (inRange(convert(q.value, q.unit, base))) continue;
      const likely = canonicalUnitsOfKind(info.kind).find(
        (u) => u !== q.unit && inRange(convert(q.value, u, base)),
      );
      const slot = form.querySelector<HTMLElement>(`[data-warning-for="${at}.${f}"]`);
      if (!slot) continue;
      const shown = (v: number) => String(Number(v.toPrecision(3)));
      slot.textContent =
        `Check: ${q.value} ${q.unit} is outside the plausible range ${range[0]}–${range[1]} ${base}` +
        (likely
          ? `; in ${likely} it would be ${shown(convert(q.value, likely, base))} ${base} — was the unit ${likely}?`
          : ".");
    }
  }
}

function main(): void {
  byId("library-version").textContent = `v${__LRC_VERSION__}`;
  buildPatient();
  buildLabs();
  buildCriteriaPicker();
  const form = byId<HTMLFormElement>("calculator");
  const decimal = byId<HTMLSelectElement>("decimal");
  for (const o of decimal.options) o.defaultSelected = o.value === localeDecimal();
  decimal.value = localeDecimal();
  const file = byId<HTMLInputElement>("criteria-file");
  file.addEventListener("change", () => {
    void loadCriteriaFile(file);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    render(form);
  });
  form.addEventListener("reset", () => {
    setTimeout(() => {
      clearErrors(form);
      for (const o of form.querySelectorAll<HTMLInputElement>(".unit-other")) o.hidden = true;
      for (const old of byId("results").querySelectorAll(".result, .no-result")) old.remove();
      const empty = byId("results-empty");
      empty.hidden = false;
      empty.textContent = "Enter values and press Classify.";
      byId("input-json").textContent = "{}";
    });
  });
  document.documentElement.dataset.ready = "true";
}

main();
