import { describe, expect, it } from "vitest";
import { kaplanMeier, survivalSummary } from "../../src/analysis/survival.js";

describe("kaplanMeier", () => {
  // R survival package, data `aml`, group "Maintained": 9,13,13+,18,23,28+,31,34,45+,48,161+.
  // Expected survival = products by hand (10/11, 9/10, 7/8, 6/7, 4/5, 3/4, 1/2); std.err is
  // Greenwood's S(t)·sqrt(Σ d/(n(n−d))), worked by hand outside this code (0.9091·sqrt(1/110) =
  // 0.0867, …), and agrees with the std.err column summary(survfit(Surv(time, status) ~ 1)) prints
  // for this group as recalled (0.0867 0.1163 0.1397 0.1526 0.1642 0.1627 0.1535); the R printout
  // itself was not re-read this session.
  const aml = [9, 13, -13, 18, 23, -28, 31, 34, -45, 48, -161].map((t) => ({
    time: Math.abs(t),
    event: t > 0,
  }));
  it("matches the aml Maintained survfit values", () => {
    const events = kaplanMeier(aml).filter((r) => r.nEvent > 0);
    expect(events.map((r) => r.time)).toEqual([9, 13, 18, 23, 31, 34, 48]);
    expect(events.map((r) => r.nRisk)).toEqual([11, 10, 8, 7, 5, 4, 2]);
    const surv = [0.909, 0.818, 0.716, 0.614, 0.491, 0.368, 0.184];
    const se = [0.0867, 0.1163, 0.1397, 0.1526, 0.1642, 0.1627, 0.1535];
    events.forEach((r, i) => {
      expect(r.survival).toBeCloseTo(surv[i] ?? Number.NaN, 3);
      expect(r.stdErr).toBeCloseTo(se[i] ?? Number.NaN, 3);
    });
  });
  it("counts an event before a censoring at the same time", () => {
    // times 2, 2+, 3: at t=2 three at risk, one event -> 2/3; at t=3 one at risk, event -> 0.
    const rows = kaplanMeier([
      { time: 2, event: true },
      { time: 2, event: false },
      { time: 3, event: true },
    ]);
    expect(rows[0]).toMatchObject({ time: 2, nRisk: 3, nEvent: 1, nCensor: 1 });
    expect(rows[0]?.survival).toBeCloseTo(2 / 3, 12);
    expect(rows[1]).toMatchObject({ time: 3, nRisk: 1, nEvent: 1, survival: 0 });
  });
});

describe("survivalSummary: the median and its interval (Brookmeyer–Crowley, as R's survfit)", () => {
  const data = (xs: number[]) => xs.map((t) => ({ time: Math.abs(t), event: t > 0 }));
  // R's `aml` data (survival package documentation); negative = censored.
  const maintained = data([9, 13, -13, 18, 23, -28, 31, 34, -45, 48, -161]);
  const nonmaintained = data([5, 5, 8, 8, 12, -16, 23, 27, 30, 33, 43, 45]);
  it("aml: R's printout of survfit(Surv(time, status) ~ x, data = aml) with the default log band", () => {
    // n events median 0.95LCL 0.95UCL: Maintained 11 7 31 18 NA; Nonmaintained 12 11 23 8 NA.
    // Worked by hand: Maintained S(18) = 0.7159, Greenwood Σ d/(n(n−d)) = 0.03806, lower band
    // 0.7159·exp(−1.96·√0.03806) = 0.488 ≤ 0.5 (first), S(31) = 0.491 ≤ 0.5; the upper band
    // never falls to 0.5 (0.946 at day 31, 0.944 at day 48). Nonmaintained: S(8) = 0.667, lower
    // band 0.447 at day 8; S(23) = 0.486; the curve reaches 0 at day 45, where the band is NA.
    expect(survivalSummary(maintained)).toEqual({
      n: 11,
      events: 7,
      median: 31,
      lower: 18,
      upper: null,
      level: 0.95,
      confType: "log",
    });
    expect(survivalSummary(nonmaintained)).toMatchObject({
      n: 12,
      events: 11,
      median: 23,
      lower: 8,
      upper: null,
    });
  });
  it("the log-log band (worked by hand): Maintained 31 (13, NA)", () => {
    // At day 13: S = 0.8182, se(log S) = 0.1421, log(−log S) = −1.606, ± 1.96·0.1421/0.2007 =
    // ±1.388: lower limit exp(−exp(−0.218)) = 0.447 ≤ 0.5 (day 9: 0.508). The upper limit stays
    // above 0.5 (0.525 at day 48).
    expect(survivalSummary(maintained, { confType: "log-log" })).toMatchObject({
      median: 31,
      lower: 13,
      upper: null,
    });
  });
  it("a curve exactly 0.5 until the next event: the midpoint; never at 0.5: null", () => {
    // 1, 2, 3, 4 all events: S = 0.75, 0.5, 0.25, 0 — 0.5 from day 2 to day 3, so 2.5.
    expect(survivalSummary(data([1, 2, 3, 4])).median).toBe(2.5);
    // One event of four, the rest censored: S = 0.75 and stays there, so no median; its lower
    // band 0.75·exp(−1.96·√(1/12)) = 0.426 is below 0.5 from day 1, so the interval starts there.
    expect(survivalSummary(data([1, -2, -3, -4]))).toMatchObject({
      median: null,
      lower: 1,
      upper: null,
    });
    expect(() => survivalSummary(maintained, { level: 1 })).toThrow(RangeError);
  });
  it("kaplanMeier in one pass gives the same table for shuffled input", () => {
    const rows = kaplanMeier([...maintained].reverse());
    expect(rows.map((r) => [r.time, r.nRisk, r.nEvent, r.nCensor])).toEqual([
      [9, 11, 1, 0],
      [13, 10, 1, 1],
      [18, 8, 1, 0],
      [23, 7, 1, 0],
      [28, 6, 0, 1],
      [31, 5, 1, 0],
      [34, 4, 1, 0],
      [45, 3, 0, 1],
      [48, 2, 1, 0],
      [161, 1, 0, 1],
    ]);
  });
});
