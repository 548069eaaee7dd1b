import { describe, expect, it } from "vitest";
import { kaplanMeier } from "../../src/analysis/survival.js";

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
