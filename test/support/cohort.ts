// The small hand-checked cohort shared by the cohort tests (first in test/api/timeline.test.ts).
// Under Kang 2020 at week 24: CR (0.2 g/day, normal sediment, day 168), PR (4 → 0.8 g/day, day
// 170), NR (4 → 3.5 g/day, day 160), indeterminate (albumin and creatinine missing, day 168),
// and a patient withdrawn on day 28 (no visit).
import type { PatientRecord } from "../../src/model/record.js";

/** Current labs: 24-h protein `up` g/day, creatinine 60 µmol/L (unchanged), albumin 38 g/L. */
export const labs = (up: number, scr = 60, alb = 38) => ({
  proteinuria: { value: up, unit: "g/24h" },
  serumCreatinine: { value: scr, unit: "umol/L" },
  serumAlbumin: { value: alb, unit: "g/L" },
});

/** A woman with 4 g/day and 60 µmol/L at baseline. */
export const base = {
  patient: { sex: "F" as const },
  baseline: {
    proteinuria: { value: 4, unit: "g/24h" },
    serumCreatinine: { value: 60, unit: "umol/L" },
  },
};

/** Kang 2020's week 24 (±28 days). */
export const W24 = { label: "week 24", day: 168, windowDays: 28 };

/** The five patients: cr, pr, nr, ind, lost. */
export const cohort: PatientRecord[] = [
  {
    id: "cr",
    ...base,
    visits: [{ day: 168, labs: { ...labs(0.2), urineSediment: { normal: true } } }],
  },
  { id: "pr", ...base, visits: [{ day: 170, labs: labs(0.8) }] },
  { id: "nr", ...base, visits: [{ day: 160, labs: labs(3.5) }] },
  {
    id: "ind",
    ...base,
    visits: [{ day: 168, labs: { proteinuria: { value: 0.8, unit: "g/24h" } } }],
  },
  { id: "lost", ...base, events: [{ type: "withdrawal", day: 28, reason: "lost-to-follow-up" }] },
];
