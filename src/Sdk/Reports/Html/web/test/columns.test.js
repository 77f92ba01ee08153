import { test } from "node:test";
import assert from "node:assert/strict";
import { columnStats, runSorter, sortNodes, statsTitle, tableColumns } from "../src/data/columns.js";
import { groupRuns } from "../src/data/grouping.js";
import { formatNumber } from "../src/data/values.js";
import { rawRun, reportData } from "./fixtures.js";

const { runs } = reportData({
  runs: [
    rawRun({ name: "a", group: "g1", config: { lr: 0.1, opt: "adam" }, summary: { acc: 0.9 } }),
    rawRun({ name: "b", group: "g1", config: { lr: 0.2 }, summary: { acc: "NaN" } }),
    rawRun({ name: "c", group: "g2", config: { opt: "sgd" }, summary: { acc: 0.5 }, tags: ["t"] }),
  ],
});

test("columns are the run fields, tags when any run has one, config and numeric summary metrics", () => {
  const cols = tableColumns(runs);
  assert.deepEqual(cols.map(c => [c.id, c.section, c.numeric]), [
    ["name", "run", false], ["group", "run", false], ["job_type", "run", false], ["state", "run", false], ["duration", "run", true], ["tags", "run", false],
    ["config:lr", "config", true], ["config:opt", "config", false], ["summary:acc", "summary", true],
  ]);
  assert.equal(cols[6].get(runs[2]), undefined, "a missing config value is missing");
});

test("column statistics count non-finite values and never average them", () => {
  const acc = tableColumns(runs).find(c => c.id === "summary:acc");
  assert.ok(acc);
  const s = columnStats(acc, runs);
  assert.deepEqual([s.n, s.mean, s.median, s.other], [2, 0.7, 0.7, 1]);
  assert.match(statsTitle(s, formatNumber), /mean 0\.7\nmedian 0\.7\nmin 0\.5\nmax 0\.9\nstd 0\.2828\nn 2\n1 non-finite value\(s\) left out/);
  assert.equal(statsTitle(columnStats(acc, [runs[1]]), formatNumber), "1 non-finite value(s)");
});

test("runs sort by the chosen column then by name; missing values last, first when reversed", () => {
  const cols = tableColumns(runs);
  assert.deepEqual(runs.slice().sort(runSorter(cols, { col: "config:lr", dir: 1 })).map(r => r.name), ["a", "b", "c"]);
  assert.deepEqual(runs.slice().sort(runSorter(cols, { col: "config:lr", dir: -1 })).map(r => r.name), ["c", "b", "a"]);
  assert.deepEqual(runs.slice().sort(runSorter(cols, { col: "config:opt", dir: 1 })).map(r => r.name), ["a", "c", "b"]);
});

test("groups sort by the column's chosen statistic", () => {
  const cols = tableColumns(runs);
  const tree = groupRuns(runs, ["group"]);
  assert.deepEqual(sortNodes(tree, cols, { col: "summary:acc", dir: -1 }, new Map()).map(n => n.label), ["g1", "g2"]);
  assert.deepEqual(sortNodes(tree, cols, { col: "summary:acc", dir: 1 }, new Map([["summary:acc", "min"]])).map(n => n.label), ["g2", "g1"]);
  assert.deepEqual(sortNodes(tree, cols, { col: "name", dir: -1 }, new Map()).map(n => n.label), ["g2", "g1"]);
});
