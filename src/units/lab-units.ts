/**
 * Common laboratory spellings of the accepted units. Laboratory systems and EDC
 * exports write units that UCUM does not (`g/24 hr`, `mg/g creat`,
 * `mL/min/1.73m^2`, `cells/hpf`) or write UCUM's case-insensitive form
 * (`MG/DL`). {@link readLabUnit} maps such a spelling to the accepted unit it
 * means, and says which rules it applied, so that every reader can report the
 * mapping (the CLI puts it in each row's notes). It never guesses between units:
 * a spelling that could mean two different units is not mapped.
 *
 * The table of rules is documented in docs/guides/cli.md ("Unit spellings").
 *
 * @module
 */
import { BASE_UNITS, lookupUnit, type MeasureKind, unitsOfKind } from "./units.js";

/** A laboratory spelling read as an accepted unit. */
export interface LabUnit {
  /** The accepted unit (its canonical spelling), e.g. `'g/24h'`. */
  readonly unit: string;
  /** The rules applied, in order, e.g. `['blanks removed', "'hr' read as 'h'"]`. */
  readonly rules: readonly string[];
}

/** One rewriting rule: a pattern, its replacement, and the name reported in notes. */
interface Rule {
  readonly name: string;
  readonly pattern: RegExp;
  readonly replace: string;
}

/**
 * The rules, applied in this order to the whole spelling. Each is a plain
 * rewriting of notation (never a change of quantity): hours spelt out, the
 * micro prefix spelt out, a creatinine annotation after a ratio, the square of
 * the body-surface area written with a caret or a superscript, a decimal comma
 * in 1,73, cells per high-power field, blanks.
 */
const RULES: readonly Rule[] = [
  { name: "'hr' read as 'h'", pattern: /(\d)\s*(?:hrs?|hours?)\b/gi, replace: "$1h" },
  { name: "'micro' read as 'u'", pattern: /\b(?:mcmol|micromol|mumol)\b/gi, replace: "umol" },
  {
    name: "creatinine annotation read as UCUM's {creat}",
    pattern: /^(m?g\/(?:m?g|mmol))\s*(?:of\s+)?(?:creat(?:inine)?|cr|crea)\.?$/i,
    replace: "$1",
  },
  { name: "'m^2' read as 'm2'", pattern: /m(?:\^2|²)/g, replace: "m2" },
  { name: "'1,73' read as '1.73'", pattern: /1,73/g, replace: "1.73" },
  {
    name: "'per 1.73 m2' read as '/1.73m2'",
    pattern: /\s*per\s*1\.73/gi,
    replace: "/1.73",
  },
  {
    name: "cells per high-power field read as '/hpf'",
    pattern: /^(?:cells?|rbcs?|wbcs?|per|#)?\s*\/?\s*hpf$/i,
    replace: "/hpf",
  },
  { name: "blanks removed", pattern: /\s+/g, replace: "" },
];

/** Every accepted spelling by its lower-cased form, when all its matches mean one unit. */
const CASE_INSENSITIVE: ReadonlyMap<string, string> = (() => {
  const byLower = new Map<string, Set<string>>();
  for (const kind of Object.keys(BASE_UNITS) as MeasureKind[]) {
    for (const s of unitsOfKind(kind)) {
      const canonical = lookupUnit(s)?.canonical;
      if (canonical === undefined) continue;
      const key = s.toLowerCase();
      const set = byLower.get(key) ?? new Set<string>();
      set.add(canonical);
      byLower.set(key, set);
    }
  }
  const out = new Map<string, string>();
  for (const [key, set] of byLower) {
    if (set.size === 1) out.set(key, [...set][0] as string);
  }
  return out;
})();

/**
 * Read a laboratory spelling of a unit as the accepted unit it means.
 *
 * @param spelling - the unit as the file writes it, e.g. `'g/24 hr'` or `'MG/DL'`.
 * @returns the accepted unit (canonical spelling) and the rules applied, or
 *   `undefined` when the spelling is already accepted as it is (see
 *   {@link lookupUnit}) or no rule makes it an accepted unit.
 * @example
 * ```ts
 * import { readLabUnit } from 'lupus-renal-criteria/io';
 * readLabUnit('g/24 hr');     // { unit: 'g/24h', rules: ["'hr' read as 'h'"] }
 * readLabUnit('MG/DL');       // { unit: 'mg/dL', rules: ["UCUM's case-insensitive form"] }
 * readLabUnit('mg/g creat');  // { unit: 'mg/g', rules: ["creatinine annotation read as UCUM's {creat}"] }
 * readLabUnit('mmol/L');      // undefined: not a unit of any field
 * ```
 * @category Data in and out
 */
export function readLabUnit(spelling: string): LabUnit | undefined {
  if (lookupUnit(spelling)) return undefined;
  const rules: string[] = [];
  let s = spelling.trim();
  if (s !== spelling) rules.push("blanks removed");
  for (const r of RULES) {
    const next = s.replace(r.pattern, r.replace);
    if (next !== s) {
      if (!rules.includes(r.name)) rules.push(r.name);
      s = next;
    }
    const hit = lookupUnit(s);
    if (hit) return { unit: hit.canonical, rules };
  }
  const ci = CASE_INSENSITIVE.get(s.toLowerCase());
  if (ci !== undefined) return { unit: ci, rules: [...rules, "UCUM's case-insensitive form"] };
  return undefined;
}

/**
 * The note a reader reports when it read a laboratory spelling.
 *
 * @param spelling - the unit as written.
 * @param lab - what {@link readLabUnit} made of it.
 * @returns e.g. `unit 'g/24 hr' read as 'g/24h' ('hr' read as 'h')`.
 * @example
 * ```ts
 * import { labUnitNote, readLabUnit } from 'lupus-renal-criteria/io';
 * labUnitNote('g/24 hr', readLabUnit('g/24 hr')!); // "unit 'g/24 hr' read as 'g/24h' ('hr' read as 'h')"
 * ```
 * @category Data in and out
 */
export function labUnitNote(spelling: string, lab: LabUnit): string {
  return `unit '${spelling}' read as '${lab.unit}' (${lab.rules.join(", ")})`;
}
