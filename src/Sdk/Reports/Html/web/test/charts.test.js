import { test } from "node:test";
import assert from "node:assert/strict";
import { chartDefaults } from "../src/data/chart-settings.js";
import { chartCsv, plotColumns } from "../src/data/chart-csv.js";
import { chartSplits, styledSources } from "../src/data/chart-lines.js";
import { safeFileName, toCsv } from "../src/data/csv.js";
import { exceptKey, groupRuns, keyLabel, leafGroups } from "../src/data/grouping.js";
import { chartSections, metricMatcher, metricPrefix } from "../src/data/sections.js";
import { SeriesCache, buildSeries, valuesAt } from "../src/data/series.js";
import { rawRun, reportData } from "./fixtures.js";

test("a metric's prefix is the part before its first '.', '/' or '_'", () => {
  assert.equal(metricPrefix("train.loss"), "train");
  assert.equal(metricPrefix("train/acc"), "train");
  assert.equal(metricPrefix("valid_f1"), "valid");
  assert.equal(metricPrefix("loss"), null);
  assert.equal(metricPrefix("_hidden"), null, "a name starting with a separator has no prefix");
});

test("sections: a prefix shared by two metrics is a section, lone prefixes and plain names go to 'metrics' first", () => {
  const sections = chartSections(["valid_f1", "train.loss", "loss", "train/acc", "valid_loss", "lr_schedule", "accuracy"]);
  assert.deepEqual(sections, [
    { name: "metrics", metrics: ["loss", "lr_schedule", "accuracy"] },
    { name: "train", metrics: ["train.loss", "train/acc"] },
    { name: "valid", metrics: ["valid_f1", "valid_loss"] },
  ]);
  assert.deepEqual(chartSections([]), [], "no metrics, no section");
});

test("sections keep names that are Object.prototype's own as plain data", () => {
  const sections = chartSections(["constructor.a", "constructor.b", "__proto__", "toString"]);
  assert.deepEqual(sections.map(s => [s.name, s.metrics]), [["metrics", ["__proto__", "toString"]], ["constructor", ["constructor.a", "constructor.b"]]]);
});

test("the metric search matches anywhere in the name, case-insensitively; blank matches all", () => {
  const metrics = ["train.loss", "valid_LOSS", "accuracy"];
  assert.deepEqual(metrics.filter(metricMatcher(" loss ")), ["train.loss", "valid_LOSS"]);
  assert.deepEqual(metrics.filter(metricMatcher("")), metrics);
});

test("CSV fields are quoted when needed, formulas are neutralised, lines end in CRLF", () => {
  assert.equal(toCsv([["step", "a,b", "say \"hi\""], [1, null, NaN], ["=1+1", "-x", 2.5]]),
    "step,\"a,b\",\"say \"\"hi\"\"\"\r\n1,,\r\n'=1+1,'-x,2.5\r\n");
  assert.equal(safeFileName("../etc/passwd", "csv"), "etc_passwd.csv");
  assert.equal(safeFileName("train/loss <x>", "png"), "train_loss_x_.png");
  assert.equal(safeFileName("///", "csv"), "chart.csv");
});

const data = reportData({
  runs: [
    rawRun({ name: "a1", group: "a", config: { opt: "adam", seed: 1, lr: 0.1 } }),
    rawRun({ name: "a2", group: "a", config: { opt: "sgd", seed: 2, lr: 0.1 } }),
    rawRun({ name: "b1", group: "b", config: { opt: "adam", seed: 1, lr: 0.2 } }),
    rawRun({ name: "b2", group: "b", config: { opt: "adam", seed: 2, lr: 0.2 } }),
  ],
  curves: { loss: { x0: 0, width: 1, count: 3, runs: [[0, 0, [1, 2, 3]], [1, 0, [3, 4, 5]], [2, 0, [10, 10, 10]], [3, 1, [20, 30]]] } },
});
const leaves = leafGroups(groupRuns(data.runs, ["group"]), "");

test("stroke by a second key splits each group by its values: same colour, a dash per value", () => {
  const sources = styledSources(true, leaves, data.runs, "config:opt");
  assert.deepEqual(sources.map(s => [s.label, s.color, s.dash, s.runs.map(r => r.name)]), [
    ["a / adam", 0, 0, ["a1"]],
    ["a / sgd", 0, 1, ["a2"]],
    ["b", 1, 0, ["b1", "b2"]],
  ]);
  assert.deepEqual(styledSources(true, leaves, data.runs, "").map(s => [s.label, s.color, s.dash]), [["a", 0, 0], ["b", 1, 0]]);
});

test("chart by a third key gives one chart per value, each with the lines of that value's runs", () => {
  const splits = chartSplits(styledSources(true, leaves, data.runs, ""), data.runs, "config:seed");
  assert.deepEqual(splits.map(s => [s.label, s.value, s.sources.map(src => [src.label, src.color, src.runs.map(r => r.name)])]), [
    ["config.seed = 1", "1", [["a", 0, ["a1"]], ["b", 1, ["b1"]]]],
    ["config.seed = 2", "2", [["a", 0, ["a2"]], ["b", 1, ["b2"]]]],
  ]);
  assert.deepEqual(chartSplits([], data.runs, "").map(s => s.label), [null], "no chart-by key: one chart");
});

test("grouping by everything except a config key groups by the other config keys that vary", () => {
  const groups = groupRuns(data.runs, [exceptKey("seed")]);
  assert.equal(keyLabel(exceptKey("seed")), "everything except config.seed");
  assert.deepEqual(groups.map(g => [g.label, g.runs.map(r => r.name)]), [
    ["lr=0.1, opt=adam", ["a1"]],
    ["lr=0.1, opt=sgd", ["a2"]],
    ["lr=0.2, opt=adam", ["b1", "b2"]],
  ]);
});

test("the legend's figures at a slot are mean ± std, min, max and n of the runs there; off the chart, the last point", () => {
  const built = buildSeries("loss", leaves, { grouped: true, withRuns: false, settings: chartDefaults() }, data, new SeriesCache());
  const b = built?.series.find(s => s.label === "b");
  assert.ok(b);
  assert.deepEqual(valuesAt(b, 1), { index: 1, mean: 15, std: Math.sqrt(50), min: 10, max: 20, n: 2 });
  assert.deepEqual(valuesAt(b, null), { index: 2, mean: 20, std: Math.sqrt(200), min: 10, max: 30, n: 2 });
});

test("the chart's CSV holds x, each line as drawn with its band edges and n, and the faint runs when shown", () => {
  const settings = { ...chartDefaults(), band: /** @type {const} */ ("minmax") };
  const built = buildSeries("loss", leaves, { grouped: true, withRuns: true, settings }, data, new SeriesCache());
  assert.ok(built);
  const csv = chartCsv("step", built.grid.xs, plotColumns(built.series, { grouped: true, withBand: true, settings }));
  assert.equal(csv, [
    "step,a / a1,a / a2,b / b1,b / b2,a mean,a min-max high,a min-max low,a n,b mean,b min-max high,b min-max low,b n",
    "0,1,3,10,,2,3,1,2,10,10,10,1",
    "1,2,4,10,20,3,4,2,2,15,20,10,2",
    "2,3,5,10,30,4,5,3,2,20,30,10,2",
    "",
  ].join("\r\n"));
});

test("the CSV of a smoothed median chart says so and holds the smoothed values the chart draws", () => {
  const settings = { ...chartDefaults(), line: /** @type {const} */ ("median"), band: /** @type {const} */ ("none"), smooth: 0.5 };
  const built = buildSeries("loss", leaves.slice(0, 1), { grouped: true, withRuns: false, settings }, data, new SeriesCache());
  assert.ok(built);
  const rows = chartCsv("step", built.grid.xs, plotColumns(built.series, { grouped: true, withBand: false, settings })).trim().split("\r\n");
  assert.equal(rows[0], "step,\"a median, smoothed 0.50\",a n");
  // The debiased EMA, weight 0.5, of the group's medians 2, 3, 4.
  const medians = [2, 3, 4];
  let ema = 0;
  const expected = medians.map((v, i) => { ema = 0.5 * ema + 0.5 * v; return ema / (1 - Math.pow(0.5, i + 1)); });
  assert.deepEqual(rows.slice(1).map(r => Number(r.split(",")[1])), expected);
});
