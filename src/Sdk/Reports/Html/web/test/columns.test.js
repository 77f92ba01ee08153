import { test } from "node:test";
import assert from "node:assert/strict";
import { columnStats, distinctValues, groupDistinct, groupStats, runSorter, sortNodes, statsTitle, tableColumns } from "../src/data/columns.js";
import { memoByRun } from "../src/data/run-memo.js";
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

test("a numeric column reads each run once and keeps its number, null and a missing value apart", () => {
  let reads = 0;
  const counted = reportData({ runs: [rawRun({ config: { lr: 0.1 } }), rawRun({ config: { lr: null } }), rawRun({ config: {} })] }).runs;
  const col = tableColumns(counted).find(c => c.id === "config:lr");
  assert.ok(col);
  const first = counted.map(run => col.get(run));
  const again = counted.map(run => col.get(run));
  assert.deepEqual([first, again], [[0.1, null, undefined], [0.1, null, undefined]]);
  const memo = memoByRun(run => { reads++; return run.config.get("lr") === 0.1 ? 1 : null; });
  assert.deepEqual([memo(counted[2]), memo(counted[0]), memo(counted[2]), memo(counted[0])], [null, 1, null, 1]);
  assert.equal(reads, 2, "two runs read once each, though the memo grew between them");
});

test("a group's different values are counted as valueId tells them apart: 0.1 twice is one, 1 and \"1\" are two, equal arrays one", () => {
  const mixed = reportData({ runs: [
    rawRun({ config: { v: 0.1 } }), rawRun({ config: { v: 0.1 } }), rawRun({ config: { v: 1 } }), rawRun({ config: { v: "1" } }),
    rawRun({ config: { v: [1, 2] } }), rawRun({ config: { v: [1, 2] } }), rawRun({ config: { v: null } }), rawRun({ config: {} }),
  ] }).runs;
  const col = tableColumns(mixed).find(c => c.id === "config:v");
  assert.ok(col);
  assert.deepEqual(distinctValues(col, mixed), { count: 5, first: 0.1 }, "0.1, 1, \"1\", [1,2] and nothing (null or missing)");
  const [tree] = groupRuns(mixed, ["group"]);
  assert.equal(groupDistinct(tree, col), groupDistinct(tree, col), "computed once per group");
  assert.equal(groupStats(tree, col).n, 3, "the numbers 0.1, 0.1 and 1");
});
