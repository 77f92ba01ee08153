import { test } from "node:test";
import assert from "node:assert/strict";
import { comparableMetrics, compareGroups, preferredMetric, welch } from "../src/data/comparison.js";
import { groupRuns } from "../src/data/grouping.js";
import { rawRun, reportData } from "./fixtures.js";

test("Welch's test gives the published check vector's t, df and p", () => {
  const a = [5.1, 4.9, 6.2, 5.5, 5.8, 6.0, 4.7, 5.3], b = [6.1, 5.9, 7.0, 6.5, 6.8, 7.2, 5.7, 6.3, 6.6];
  const w = welch(a, b);
  assert.ok(Math.abs(w.t - -4.0312035) < 1e-6, String(w.t));
  assert.ok(Math.abs(w.df - 14.49669) < 1e-5, String(w.df));
  assert.ok(Math.abs(w.p - 0.0011594) < 1e-7, String(w.p));
  assert.ok(w.ciLow < w.difference && w.difference < w.ciHigh && w.ciHigh < 0);
});

test("samples of values around 1e-100 or 1e100 are tested as the same samples of ordinary values", () => {
  const a = [1, 2, 3.5], b = [4, 5, 6, 7.25];
  const ordinary = welch(a, b);
  for (const scale of [1e-100, 1e-150, 1e100, 1e150]) {
    const scaled = welch(a.map((v) => v * scale), b.map((v) => v * scale));
    assert.ok(Math.abs(scaled.df - ordinary.df) <= 1e-9 * ordinary.df, `df at ${scale}: ${scaled.df}`);
    assert.ok(Math.abs(scaled.p - ordinary.p) <= 1e-9 * ordinary.p, `p at ${scale}: ${scaled.p}`);
  }
});

test("a sample of one value, or two samples without spread, have no test", () => {
  assert.ok(Number.isNaN(welch([1], [2, 3]).p));
  assert.ok(Number.isNaN(welch([1, 1], [2, 2]).p));
  assert.equal(welch([1, 1], [2, 2]).difference, -1);
});

const data = reportData({
  runs: [
    rawRun({ group: "b1", config: { trainer: "sdca" }, summary: { r2: 0.70, duration: 3 } }),
    rawRun({ group: "b1", config: { trainer: "sdca" }, summary: { r2: 0.72, duration: 4 } }),
    rawRun({ group: "b1", config: { trainer: "sdca" }, summary: { r2: 0.71, duration: 5 } }),
    rawRun({ group: "b1", config: { trainer: "fasttree" }, summary: { r2: 0.90, duration: 9 } }),
    rawRun({ group: "b1", config: { trainer: "fasttree" }, summary: { r2: 0.91, duration: 8 } }),
    rawRun({ group: "b1", config: { trainer: "fasttree" }, summary: { r2: 0.93, duration: 7 } }),
    rawRun({ group: "b2", config: { trainer: "sdca" }, summary: { r2: 0.50, duration: 1, outcome: "passed" } }),
    rawRun({ group: "b2", config: { trainer: "fasttree" }, summary: { r2: 0.60 } }),
  ],
  lowerIsBetter: ["duration"],
});

test("the best group by mean is the baseline and every other group is tested against it, over the runs given", () => {
  const b1 = data.runs.filter(r => r.group === "b1");
  const c = compareGroups(groupRuns(b1, ["config:trainer"]), "r2", false);
  assert.equal(c?.baseline.node.label, "fasttree");
  assert.deepEqual(c?.rows.map(r => [r.node.label, r.n]), [["sdca", 3]], "n counts this group's runs only");
  assert.ok((c?.rows[0].test?.difference ?? 0) < 0);
  const lower = compareGroups(groupRuns(b1, ["config:trainer"]), "duration", true);
  assert.equal(lower?.baseline.node.label, "sdca", "lower is better for a duration");
});

test("fewer than two groups with a value make no comparison", () => {
  assert.equal(compareGroups(groupRuns(data.runs.slice(0, 3), ["config:trainer"]), "r2", false), null);
});

test("a metric is offered when some group's test against the best is defined", () => {
  const nodes = groupRuns(data.runs, ["group"]);
  assert.deepEqual(comparableMetrics(nodes, ["duration", "r2", "missing"], data.lowerIsBetter), ["r2"],
    "the best group by duration (b2) has one value: nothing to test against it");
  assert.deepEqual(comparableMetrics(groupRuns(data.runs.slice(6), ["config:trainer"]), ["r2"], data.lowerIsBetter), [], "one run per group: no test");
});

test("the preferred metric is the runs' own before the test logger's duration, unless the report names one", () => {
  assert.equal(preferredMetric(data.runs, ["duration", "r2"], data), "r2");
  const named = reportData({ runs: [rawRun({ summary: { r2: 1, duration: 2 } })], compareMetric: "duration" });
  assert.equal(preferredMetric(named.runs, ["duration", "r2"], named), "duration");
  const busy = reportData({ runs: [rawRun({ summary: { a: 1, b: 2 } }), rawRun({ summary: { b: 3 } })] });
  assert.equal(preferredMetric(busy.runs, ["a", "b"], busy), "b", "the metric most runs have");
});

test("the quality gate's baseline group is the baseline when it is among the groups, else the best group", () => {
  const nodes = groupRuns(data.runs, ["group"]);
  const gated = compareGroups(nodes, "r2", false, "b2");
  assert.equal(gated?.baseline.node.label, "b2");
  assert.equal(gated?.given, true);
  assert.deepEqual(gated?.rows.map(r => r.node.label), ["b1"]);
  assert.ok((gated?.rows[0].test?.difference ?? 0) > 0, "b1 against b2: b1's mean is higher");
  const absent = compareGroups(nodes, "r2", false, "not-in-view");
  assert.equal(absent?.baseline.node.label, "b1", "a baseline outside the view leaves the best group");
  assert.equal(absent?.given, false);
  const byTrainer = compareGroups(groupRuns(data.runs, ["config:trainer"]), "r2", false, "sdca");
  assert.equal(byTrainer?.given, false, "only groups by `group` name the gate's baseline");
});
