/**
 * Choosing criteria objects, readings and time points from command-line strings,
 * and the `list` command's rows.
 *
 * @module
 */
import { criteria, eligibility, flares } from "../criteria/index.js";
import { fullInterpretation, withOptions } from "../ir/readings.js";
import type {
  EligibilityCriteria,
  FlareCriteria,
  ResponseCriteria,
  Timepoint,
} from "../ir/types.js";
import { UsageError } from "./io.js";

const RESPONSE: Readonly<Record<string, ResponseCriteria>> = criteria;
const responseIds = () => Object.keys(RESPONSE).join(", ");

function otherRule(id: string): string | undefined {
  for (const [key, c] of Object.entries(eligibility as Record<string, EligibilityCriteria>)) {
    if (key === id || c.id === id) return `'${id}' is an eligibility rule (refractory LN)`;
  }
  for (const [key, c] of Object.entries(flares as Record<string, FlareCriteria>)) {
    if (key === id || c.id === id) return `'${id}' is a flare definition`;
  }
  return undefined;
}

/**
 * Parse `--criteria`: comma-separated ids of response criteria, each optionally
 * with fixed readings (`zhang2023+crProteinuriaCutoff=0.7`, as `withOptions` names
 * its variants). Default: every shipped response criteria object.
 *
 * @throws {@link UsageError} naming the valid ids.
 */
export function selectCriteria(spec: string | undefined): ResponseCriteria[] {
  if (spec === undefined) return Object.values(RESPONSE);
  const parts = spec
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (parts.length === 0) throw new UsageError(`--criteria is empty; valid ids: ${responseIds()}`);
  const seen = new Set<string>();
  return parts.map((part) => {
    if (seen.has(part)) throw new UsageError(`--criteria lists '${part}' twice`);
    seen.add(part);
    const [base = "", ...readings] = part.split("+");
    const c = Object.hasOwn(RESPONSE, base) ? RESPONSE[base] : undefined;
    if (!c) {
      const other = otherRule(base);
      throw new UsageError(
        other
          ? `${other}; classify takes response criteria: ${responseIds()}`
          : `unknown criteria '${base}'; valid ids: ${responseIds()} (see 'lupus-renal-criteria list')`,
      );
    }
    if (readings.length === 0) return c;
    const interpretation: Record<string, string> = {};
    for (const r of readings) {
      const eq = r.indexOf("=");
      if (eq <= 0)
        throw new UsageError(`--criteria '${part}': expected '${base}+parameter=reading'`);
      interpretation[r.slice(0, eq)] = r.slice(eq + 1);
    }
    try {
      return withOptions(c, { interpretation });
    } catch (e) {
      throw new UsageError(`--criteria '${part}': ${(e as Error).message}`);
    }
  });
}

function describeParameters(list: readonly ResponseCriteria[]): string {
  return list
    .map(
      (c) =>
        `${c.id}: ${
          Object.entries(c.parameters)
            .map(([name, p]) => `${name} (${Object.keys(p.readings).join("|")})`)
            .join(", ") || "none"
        }`,
    )
    .join("; ");
}

/**
 * Parse `--interpretation param=reading,…` (or `id.param=reading`) into one
 * choice per criteria object. An unqualified parameter applies to every selected
 * object that has it.
 *
 * @throws {@link UsageError} for an unknown parameter or reading.
 */
export function parseInterpretation(
  spec: string | undefined,
  selected: readonly ResponseCriteria[],
): Map<ResponseCriteria, Record<string, string>> {
  const out = new Map<ResponseCriteria, Record<string, string>>(selected.map((c) => [c, {}]));
  if (spec === undefined) return out;
  for (const item of spec
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new UsageError(`--interpretation '${item}': expected parameter=reading`);
    const key = item.slice(0, eq).trim();
    const reading = item.slice(eq + 1).trim();
    const dot = key.indexOf(".");
    const qualifier = dot > 0 ? key.slice(0, dot) : undefined;
    const param = dot > 0 ? key.slice(dot + 1) : key;
    const targets = selected.filter(
      (c) =>
        (qualifier === undefined || c.id === qualifier || c.id.split("+")[0] === qualifier) &&
        Object.hasOwn(c.parameters, param),
    );
    if (targets.length === 0) {
      throw new UsageError(
        `--interpretation '${item}': no selected criteria has the parameter '${param}'${qualifier ? ` (qualified by '${qualifier}')` : ""}; parameters: ${describeParameters(selected)}`,
      );
    }
    for (const c of targets) {
      const choice = out.get(c) ?? {};
      choice[param] = reading;
      try {
        fullInterpretation(c, choice);
      } catch (e) {
        throw new UsageError(`--interpretation '${item}': ${(e as Error).message}`);
      }
      out.set(c, choice);
    }
  }
  return out;
}

/** The window used when `--timepoints` gives none. */
export const DEFAULT_WINDOW_DAYS = 28;

/**
 * Parse `--timepoints`: comma-separated `[label=]day[:window]`, e.g.
 * `week 24=168:28,month 12=365:45` or `91,183`.
 *
 * @throws {@link UsageError} for a malformed item.
 */
export function parseTimepoints(spec: string | undefined): Timepoint[] | undefined {
  if (spec === undefined) return undefined;
  const items = spec
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (items.length === 0) throw new UsageError("--timepoints is empty");
  return items.map((item) => {
    const bad = () =>
      new UsageError(
        `--timepoints '${item.length > 80 ? `${item.slice(0, 80)}…` : item}': expected [label=]day[:window], e.g. 'week 24=168:28'`,
      );
    // Split by hand (the label is everything before the last '='): linear in the item's length.
    const eq = item.lastIndexOf("=");
    const label = eq < 0 ? undefined : item.slice(0, eq).trimEnd();
    if (label === "" || (label !== undefined && /[\n\r\u2028\u2029]/.test(label))) throw bad();
    const rest = (eq < 0 ? item : item.slice(eq + 1)).trim();
    const colon = rest.indexOf(":");
    const dayText = (colon < 0 ? rest : rest.slice(0, colon)).trimEnd();
    const windowText = colon < 0 ? undefined : rest.slice(colon + 1).trimStart();
    const digits = /^\d+$/;
    if (!digits.test(dayText) || (windowText !== undefined && !digits.test(windowText))) {
      throw bad();
    }
    const day = Number(dayText);
    const windowDays = windowText === undefined ? DEFAULT_WINDOW_DAYS : Number(windowText);
    if (!Number.isSafeInteger(day) || !Number.isSafeInteger(windowDays)) {
      throw new UsageError(`--timepoints '${item.slice(0, 80)}': the day and window are too large`);
    }
    return { label: label ?? `day ${day}`, day, windowDays };
  });
}

/** One row of `list`. */
export interface RegistryRow {
  readonly kind: "response" | "eligibility" | "flare";
  /** The name in the library's registry object (`criteria.kang2020`, `eligibility.kang2020Refractory`). */
  readonly key: string;
  readonly id: string;
  readonly version: string;
  readonly evidence: string;
  readonly citation: string;
  readonly doi: string;
  readonly title: string;
  /** Interpretation parameters: `name=default|other…`. */
  readonly parameters: string;
}

/** Every shipped definition, response criteria first, in registry order. */
export function registryRows(): RegistryRow[] {
  const row = (
    kind: RegistryRow["kind"],
    key: string,
    c: ResponseCriteria | EligibilityCriteria | FlareCriteria,
  ): RegistryRow => ({
    kind,
    key,
    id: c.id,
    version: c.version,
    evidence: c.evidence,
    citation: `${c.citation.short}, ${c.citation.journal}`,
    doi: c.citation.doi ?? c.citation.url ?? "",
    title: c.title,
    parameters: Object.entries(c.parameters)
      .map(([name, p]) => {
        const others = Object.keys(p.readings).filter((r) => r !== p.default);
        return `${name}=${[p.default, ...others].join("|")}`;
      })
      .join(" "),
  });
  return [
    ...Object.entries(RESPONSE).map(([k, c]) => row("response", k, c)),
    ...Object.entries(eligibility as Record<string, EligibilityCriteria>).map(([k, c]) =>
      row("eligibility", k, c),
    ),
    ...Object.entries(flares as Record<string, FlareCriteria>).map(([k, c]) => row("flare", k, c)),
  ];
}
