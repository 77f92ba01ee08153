import { test } from "node:test";
import assert from "node:assert/strict";
import { MAX_GRID, aggregateSeries, alignRun, bandEdges, chartGrid, displayedValues, runPoints, smoothEma } from "../src/data/curves.js";
import { describe } from "../src/data/statistics.js";
import { rawRun, reportData } from "./fixtures.js";

// Two runs on a step grid of width 10 from step 0: run 0 has buckets 0-3 with a gap, run 1 buckets 2-4.
const data = reportData({
  runs: [rawRun({ name: "a" }), rawRun({ name: "b" })],
  curves: {
    loss: { x0: 0, width: 10, count: 5, runs: [[0, 0, [0.9, 0.7, null, 0.5]], [1, 2, [0.8, 0.6, 0.4]]] },
    epoch: { x0: 0, width: 10, count: 5, runs: [[0, 0, [0, 0, 1, 1]]] },
  },
  axes: { runtime: { x0: 0, width: 10, count: 5, runs: [[0, 0, [1.5, 3, 4.5, 6]], [1, 0, [2, 4, 6, 8, 10]]] }, wall: { x0: 0, width: 10, count: 5, runs: [[0, 0, [0, 1, 2, 3]]] } },
  timeOrigin: 1000,
});

test("a run's points on the step axis are its buckets' starts, gaps left out", () => {
  assert.deepEqual(runPoints(data.runs[0], "loss", "step", data), { xs: [0, 10, 30], ys: [0.9, 0.7, 0.5] });
  assert.deepEqual(runPoints(data.runs[1], "loss", "step", data), { xs: [20, 30, 40], ys: [0.8, 0.6, 0.4] });
});

test("against runtime, wall time or another metric, x is read from the same run's curve at the same step", () => {
  assert.deepEqual(runPoints(data.runs[0], "loss", "runtime", data).xs, [1.5, 3, 6]);
  assert.deepEqual(runPoints(data.runs[0], "loss", "wall", data).xs, [1000, 1001, 1003], "offsets from the time origin");
  assert.deepEqual(runPoints(data.runs[0], "loss", "metric:epoch", data), { xs: [0, 0, 1], ys: [0.9, 0.7, 0.5] });
  assert.deepEqual(runPoints(data.runs[1], "loss", "metric:epoch", data), { xs: [], ys: [] }, "run b never logged epoch");
  assert.deepEqual(runPoints(data.runs[1], "nothing", "step", data), { xs: [], ys: [] });
});

test("on the step axis the grid keeps the engine's buckets one to one", () => {
  const grid = chartGrid([runPoints(data.runs[0], "loss", "step", data), runPoints(data.runs[1], "loss", "step", data)], 10);
  assert.deepEqual(grid, { min: 0, max: 40, size: 5, xs: [0, 10, 20, 30, 40] });
});

test("on other axes the grid has as many even slots as the densest run has points, at most MAX_GRID", () => {
  assert.deepEqual(chartGrid([{ xs: [0, 1, 5], ys: [1, 2, 3] }, { xs: [2], ys: [1] }], 0)?.xs, [0, 2.5, 5]);
  const dense = { xs: Array.from({ length: 1000 }, (_, i) => i), ys: Array.from({ length: 1000 }, () => 1) };
  assert.equal(chartGrid([dense], 0)?.size, MAX_GRID);
  assert.deepEqual(chartGrid([{ xs: [7], ys: [1] }], 0), { min: 7, max: 7, size: 1, xs: [7] });
  assert.equal(chartGrid([{ xs: [], ys: [] }], 10), null, "no point, no chart");
});

test("aligning keeps the last value per slot and leaves slots without a value empty", () => {
  const grid = { min: 0, max: 4, size: 3, xs: [0, 2, 4] };
  const aligned = alignRun({ xs: [0, 0.4, 3.9], ys: [1, 2, 3] }, grid);
  assert.deepEqual(Array.from(aligned), [2, NaN, 3]);
});

test("a group's line, band and n are computed slot by slot over the runs that have a value there", () => {
  const runs = [Float64Array.from([1, 2, NaN]), Float64Array.from([3, 4, NaN]), Float64Array.from([5, NaN, NaN])];
  const mean = aggregateSeries(runs, 3, "mean", "minmax");
  assert.deepEqual(mean.line, [3, 3, null]);
  assert.deepEqual(mean.lo, [1, 2, null]);
  assert.deepEqual(mean.hi, [5, 4, null]);
  assert.deepEqual(mean.n, [3, 2, 0]);
  assert.deepEqual(aggregateSeries(runs, 3, "median", "none").line, [3, 3, null]);
  assert.deepEqual(aggregateSeries(runs, 3, "max", "none").lo, [null, null, null]);
  const std = aggregateSeries(runs, 3, "mean", "std");
  assert.deepEqual([std.lo[0], std.hi[0]], [1, 5], "mean 3, std 2");
});

test("every band is centred on the mean, and one value's band is the value itself", () => {
  const s = describe([1, 3], false);
  assert.deepEqual(bandEdges(s, "std"), [2 - Math.SQRT2, 2 + Math.SQRT2]);
  assert.deepEqual(bandEdges(s, "stderr"), [1, 3]);
  assert.deepEqual(bandEdges(s, "ci95"), [s.ciLow, s.ciHigh]);
  assert.deepEqual(bandEdges(describe([4], false), "ci95"), [4, 4]);
  assert.deepEqual(bandEdges(s, "none"), [null, null]);
});

test("smoothing is a debiased moving average: the first point stays, gaps stay gaps", () => {
  const smoothed = smoothEma([2, null, 4, 4], 0.5);
  assert.equal(smoothed[0], 2);
  assert.equal(smoothed[1], null);
  assert.equal(smoothed[2], (0.5 * 0.5 * 2 + 0.5 * 4) / (1 - 0.25));
  const flat = [1, 2, 3];
  assert.equal(smoothEma(flat, 0), flat, "weight 0 is off");
});

test("a log scale leaves out values that are not positive", () => {
  assert.deepEqual(displayedValues([1, 0, -2, null, 3], { smooth: 0, log: true }), [1, null, null, null, 3]);
});
