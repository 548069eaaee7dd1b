// The table of laboratory unit spellings (lupus-renal-criteria/io readLabUnit): each rule with the
// spellings it is for, and the spellings it must not map (another quantity, or ambiguous).
import { describe, expect, it } from "vitest";
import { labUnitNote, readLabUnit } from "../../src/units/lab-units.js";
import { lookupUnit } from "../../src/units/units.js";

describe("UCUM: the litre is L or l", () => {
  it("accepts mg/dl, umol/l, g/l, g/dl, ml/min/1.73m2 as the units they are", () => {
    expect(lookupUnit("mg/dl")?.canonical).toBe("mg/dL");
    expect(lookupUnit("umol/l")?.canonical).toBe("umol/L");
    expect(lookupUnit("µmol/l")?.canonical).toBe("umol/L");
    expect(lookupUnit("g/l")?.canonical).toBe("g/L");
    expect(lookupUnit("g/dl")?.canonical).toBe("g/dL");
    expect(lookupUnit("ml/min/1.73m2")?.canonical).toBe("mL/min/1.73m2");
    // Prefixes stay case-sensitive: M is mega.
    expect(lookupUnit("MG/DL")).toBeUndefined();
  });
});

describe("readLabUnit", () => {
  const cases: [string, string, string[]][] = [
    ["g/24 hr", "g/24h", ["'hr' read as 'h'"]],
    ["mg/24hrs", "mg/24h", ["'hr' read as 'h'"]],
    ["g/24 hours", "g/24h", ["'hr' read as 'h'"]],
    ["g/24 h", "g/24h", ["blanks removed"]],
    [" g/24h", "g/24h", ["blanks removed"]],
    ["mcmol/L", "umol/L", ["'micro' read as 'u'"]],
    ["micromol/l", "umol/L", ["'micro' read as 'u'"]],
    ["mg/g creat", "mg/g", ["creatinine annotation read as UCUM's {creat}"]],
    ["mg/mmol Cr", "mg/mmol", ["creatinine annotation read as UCUM's {creat}"]],
    ["g/g creatinine", "g/g", ["creatinine annotation read as UCUM's {creat}"]],
    ["mL/min/1.73m^2", "mL/min/1.73m2", ["'m^2' read as 'm2'"]],
    ["mL/min/1,73 m²", "mL/min/1.73m2", ["'m^2' read as 'm2'", "'1,73' read as '1.73'"]],
    ["mL/min per 1.73 m2", "mL/min/1.73m2", ["'per 1.73 m2' read as '/1.73m2'"]],
    ["cells/hpf", "/hpf", ["cells per high-power field read as '/hpf'"]],
    ["RBC/HPF", "/hpf", ["cells per high-power field read as '/hpf'"]],
    ["MG/DL", "mg/dL", ["UCUM's case-insensitive form"]],
    ["UMOL/L", "umol/L", ["UCUM's case-insensitive form"]],
    ["G/24H", "g/24h", ["UCUM's case-insensitive form"]],
    ["MG/MMOL", "mg/mmol", ["UCUM's case-insensitive form"]],
  ];
  for (const [spelling, unit, rules] of cases) {
    it(`'${spelling}' → '${unit}'`, () => {
      expect(readLabUnit(spelling)).toEqual({ unit, rules });
    });
  }

  it("maps nothing that is not one of the library's units, and leaves accepted spellings alone", () => {
    for (const s of ["mmol/L", "mg/L", "MG/L", "g", "%%", "", "mg/dL/", "umol", "mg/24", "hpf2"]) {
      expect(readLabUnit(s), s).toBeUndefined();
    }
    expect(readLabUnit("mg/dL")).toBeUndefined();
    expect(readLabUnit("g/24h")).toBeUndefined();
  });

  it("says what it did", () => {
    const lab = readLabUnit("g/24 hr");
    if (!lab) throw new Error("expected a reading");
    expect(labUnitNote("g/24 hr", lab)).toBe("unit 'g/24 hr' read as 'g/24h' ('hr' read as 'h')");
  });
});
