import { test } from "node:test";
import assert from "node:assert/strict";
import { chartDefaults } from "../src/data/chart-settings.js";
import { groupRuns, leafGroups } from "../src/data/grouping.js";
import { SeriesCache, buildSeries, lineSources } from "../src/data/series.js";
import { rawRun, reportData } from "./fixtures.js";

const data = reportData({
  runs: [rawRun({ name: "b1", group: "b" }), rawRun({ name: "a1", group: "a" }), rawRun({ name: "a2", group: "a" })],
  curves: { loss: { x0: 0, width: 1, count: 3, runs: [[0, 0, [5, 5, 5]], [1, 0, [1, 2, 3]], [2, 1, [4, 5]]] } },
});
const leaves = leafGroups(groupRuns(data.runs, ["group"]), "");

test("grouped, a chart has one line per group: the statistic across its runs on the shared step grid", () => {
  const built = buildSeries("loss", lineSources(true, leaves, data.runs), { grouped: true, withRuns: false, settings: chartDefaults() }, data, new SeriesCache());
  assert.deepEqual(built?.grid.xs, [0, 1, 2]);
  assert.deepEqual(built?.series.map(s => [s.label, s.order, s.runs, s.line, s.n]), [
    ["a", 0, 2, [1, 3, 4], [1, 2, 2]],
    ["b", 1, 1, [5, 5, 5], [1, 1, 1]],
  ]);
  assert.deepEqual(built?.series[0].ghosts, [], "runs are drawn behind their group only when shown");
});

test("showing runs, each group also carries its runs' own lines with their names", () => {
  const built = buildSeries("loss", leaves, { grouped: true, withRuns: true, settings: chartDefaults() }, data, new SeriesCache());
  assert.deepEqual(built?.series[0].ghosts, [{ name: "a1", values: [1, 2, 3] }, { name: "a2", values: [null, 4, 5] }]);
});

test("ungrouped, a chart has one line per run, ordered by name, with no band", () => {
  const built = buildSeries("loss", lineSources(false, [], data.runs), { grouped: false, withRuns: false, settings: chartDefaults() }, data, new SeriesCache());
  assert.deepEqual(built?.series.map(s => [s.label, s.line, s.lo]), [["a1", [1, 2, 3], null], ["a2", [null, 4, 5], null], ["b1", [5, 5, 5], null]]);
});

test("a run's alignment is computed once per grid and reused by every grouping", () => {
  const cache = new SeriesCache();
  const points = cache.points(data.runs[0], "loss", "step", data);
  assert.equal(cache.points(data.runs[0], "loss", "step", data), points);
  const grid = { min: 0, max: 2, size: 3, xs: [0, 1, 2] };
  assert.equal(cache.aligned(points, grid), cache.aligned(points, { ...grid }));
});

test("a metric with no point against the chosen axis has no chart", () => {
  const settings = { ...chartDefaults(), x: "runtime" };
  assert.equal(buildSeries("loss", leaves, { grouped: true, withRuns: false, settings }, data, new SeriesCache()), null);
});

test("a group's n counts the runs that contribute to its line, not every run of the group", () => {
  const half = reportData({
    runs: [rawRun({ group: "g" }), rawRun({ group: "g" }), rawRun({ group: "g" }), rawRun({ group: "g" })],
    curves: { f1: { x0: 0, width: 1, count: 2, runs: [[0, 0, [0.5, 0.6]], [2, 0, [0.7, 0.8]]] } },
  });
  const groups = leafGroups(groupRuns(half.runs, ["group"]), "");
  const built = buildSeries("f1", groups, { grouped: true, withRuns: false, settings: chartDefaults() }, half, new SeriesCache());
  assert.deepEqual(built?.series.map(s => [s.runs, s.n]), [[2, [2, 2]]], "two of the group's four runs logged f1");
});
