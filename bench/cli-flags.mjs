// The generated visit CSV of the CLI benches (bench:cli, bench:cli-summary) and the flags that map
// it: id, day, sex, baseline and current 24-h protein and creatinine, current albumin; zhang2023.
import { writeFileSync } from "node:fs";
import { rng } from "./rng.mjs";

export const FLAGS = [
  "--id-column",
  "id",
  "--day-column",
  "day",
  "--sex-column",
  "sex",
  "--baseline-proteinuria",
  "up0:g/24h",
  "--baseline-creatinine",
  "scr0:umol/L",
  "--proteinuria",
  "up:g/24h",
  "--creatinine",
  "scr:umol/L",
  "--albumin",
  "alb:g/L",
  "--criteria",
  "zhang2023",
  "--quiet",
];

/** Write `patients` × 8 visits (days 30 … 731) to `path`; returns the number of rows. */
export function writeVisitCsv(path, patients, seed = 11) {
  const rand = rng(seed);
  const pick = (a, b, step) => (Math.round((a + rand() * (b - a)) / step) * step).toFixed(2);
  const lines = ["id,day,sex,up0,scr0,up,scr,alb"];
  for (let k = 0; k < patients; k++) {
    const sex = rand() < 0.8 ? "F" : "M";
    const up0 = pick(1, 10, 0.01);
    const scr0 = pick(35, 160, 1);
    for (const day of [30, 91, 120, 183, 270, 365, 540, 731]) {
      lines.push(
        `p${k},${day},${sex},${up0},${scr0},${pick(0, 6, 0.01)},${pick(35, 180, 1)},${pick(20, 45, 0.1)}`,
      );
    }
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
  return lines.length - 1;
}
