import { test } from "node:test";
import assert from "node:assert/strict";
import { baselinesOf, gatesOf, trendBaselineMean, trendLayout, trendsOf, verdictMark } from "../src/data/gates.js";
import { rawRun, reportData } from "./fixtures.js";

/** @typedef {import("../src/data/report-data.js").GateRow} GateRow */
/** @typedef {import("../src/data/report-data.js").TrendSeries} TrendSeries */

/**
 * @param {Partial<GateRow>} overrides
 * @returns {GateRow}
 */
function gate(overrides) {
  return {
    project: "churn", metric: "acc", job_type: "fold", group: "g2", baseline: "g1", verdict: "unchanged",
    current: { n: 3, mean: 0.8, std: 0.01, ci95_low: 0.77, ci95_high: 0.83 }, baseline_stats: { n: 3, mean: 0.81, std: 0.01, ci95_low: 0.78, ci95_high: 0.84 },
    difference: -0.01, difference_ci95_low: -0.03, difference_ci95_high: 0.01, p: 0.3, tolerance: 0, note: null, ...overrides,
  };
}

/**
 * @param {number[]} means
 * @param {number} baselineAt
 * @returns {TrendSeries}
 */
function series(means, baselineAt) {
  return {
    project: "churn", metric: "acc", job_type: "fold", baseline: "g" + baselineAt, baseline_is_file: false, baseline_stats: null,
    points: means.map((mean, i) => ({
      group: "g" + i, time: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
      stats: { n: 3, mean, std: 0.01, ci95_low: mean - 0.02, ci95_high: mean + 0.02 }, is_baseline: i === baselineAt, is_current: i === means.length - 1,
    })),
  };
}

test("verdicts are marked as summary.md marks them, with the word", () => {
  assert.deepEqual(["regressed", "below_min", "above_max", "no_baseline", "insufficient_data", "improved", "unchanged"].map(v => verdictMark(v).icon),
    ["❌", "❌", "❌", "⚠️", "⚠️", "✅", "✅"]);
  assert.equal(verdictMark("below_min").word, "below Min");
  assert.equal(verdictMark("something_new").level, "warn", "a verdict this page does not know is not a pass");
});

test("the verdicts and trends shown are those of the runs' groups, projects and job types", () => {
  const data = reportData({ runs: [rawRun({ project: "churn", group: "g2", job_type: "fold" }), rawRun({ project: "other", group: "g9", job_type: "eval" })] });
  const gates = [gate({}), gate({ group: "g3" }), gate({ project: "other", group: "g2" })];
  assert.deepEqual(gatesOf(gates, data.runs.slice(0, 1)).map(g => [g.project, g.group]), [["churn", "g2"]]);
  const trends = [series([1, 2], 0), { ...series([1, 2], 0), job_type: "train" }];
  assert.deepEqual(trendsOf(trends, data.runs).map(t => t.job_type), ["fold"]);
});

test("each baseline is named once, a .json one as a file", () => {
  assert.deepEqual(baselinesOf([gate({}), gate({ metric: "loss" }), gate({ baseline: "base/wandb-baseline.JSON" }), gate({ baseline: null })]),
    [{ name: "g1", isFile: false }, { name: "base/wandb-baseline.JSON", isFile: true }]);
});

test("a trend's points go left to right in time order, higher means higher up, the baseline level through its point", () => {
  const s = series([0.80, 0.84, 0.82, 0.78], 1);
  const layout = trendLayout(s, { left: 10, top: 5, width: 400, height: 100 });
  const xs = layout.points.map(p => p.x);
  assert.deepEqual(xs, [60, 160, 260, 360]);
  const ys = layout.points.map(p => p.y);
  assert.ok(ys[1] < ys[2] && ys[2] < ys[0] && ys[0] < ys[3], ys.join(", "));
  assert.equal(layout.baselineY, ys[1], "the baseline's level is its group's mean");
  for (const p of layout.points) assert.ok(p.high !== null && p.low !== null && p.high < p.y && p.y < p.low, "the CI whisker spans the mean");
  assert.ok(layout.min < 0.76 && layout.max > 0.86, "the range holds every interval");
  assert.ok(Math.min(...layout.points.map(p => /** @type {number} */ (p.high))) >= 5 && Math.max(...layout.points.map(p => /** @type {number} */ (p.low))) <= 105);
});

test("a baseline file's mean is the level line even when no point is the baseline", () => {
  const s = { ...series([0.8, 0.9], -1), baseline: "wandb-baseline.json", baseline_is_file: true, baseline_stats: { n: 5, mean: 0.95, std: 0.01, ci95_low: null, ci95_high: null } };
  assert.equal(trendBaselineMean(s), 0.95);
  const layout = trendLayout(s, { left: 0, top: 0, width: 100, height: 100 });
  assert.ok(layout.baselineY !== null && layout.baselineY < Math.min(...layout.points.map(p => /** @type {number} */ (p.high))), "above every point");
  assert.equal(trendBaselineMean(series([1, 2], -1)), null);
});
