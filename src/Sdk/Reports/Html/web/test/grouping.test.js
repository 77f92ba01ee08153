import { test } from "node:test";
import assert from "node:assert/strict";
import { configKeys, groupKeys, groupRuns, keyValue, leafGroups, runMatches, summaryKeys } from "../src/data/grouping.js";
import { rawRun, reportData } from "./fixtures.js";

const { runs } = reportData({
  runs: [
    rawRun({ name: "a", group: "g1", job_type: "train", config: { lr: 0.1, "opt.name": "adam" }, summary: { loss: 0.5, _runtime: 3, note: "x" } }),
    rawRun({ name: "b", group: "g1", job_type: "eval", config: { lr: 0.10 }, summary: { loss: "NaN" } }),
    rawRun({ name: "c", group: "g2", job_type: "train", config: { lr: 0.05 }, tags: ["z", "a"] }),
    rawRun({ name: "d", group: null, job_type: "train", config: {} }),
  ],
});

test("runs nest by keys in order, values sorted, runs without the key in a visible (none) group", () => {
  const tree = groupRuns(runs, ["group", "job_type"]);
  assert.deepEqual(tree.map(n => [n.label, n.runs.length]), [["g1", 2], ["g2", 1], ["(none)", 1]]);
  assert.deepEqual(tree[0].children.map(n => n.label), ["eval", "train"]);
  assert.deepEqual(leafGroups(tree, "").map(l => l.label), ["g1 / eval", "g1 / train", "g2 / train", "(none) / train"]);
  assert.equal(new Set(leafGroups(tree, "").map(l => l.id)).size, 4, "leaf ids are unique");
});

test("numbers group by value, so 0.1 and 0.10 are one group", () => {
  assert.deepEqual(groupRuns(runs, ["config:lr"]).map(n => [n.label, n.runs.length]), [["0.05", 1], ["0.1", 2], ["(none)", 1]]);
});

test("tags group as their sorted list", () => {
  assert.equal(keyValue(runs[2], "tags"), "a, z");
  assert.equal(keyValue(runs[0], "tags"), null);
});

test("the keys offered are the run fields, then every flattened config key", () => {
  assert.deepEqual(groupKeys(runs).map(k => k.id), ["group", "job_type", "state", "tags", "config:lr", "config:opt.name"]);
  assert.deepEqual(configKeys(runs), ["lr", "opt.name"]);
  assert.ok(groupKeys([...runs, { ...runs[0], project: "other" }]).some(k => k.id === "project"), "project once runs come from two");
});

test("summary metrics are those with a number in some run, without the SDK's own _ keys", () => {
  assert.deepEqual(summaryKeys(runs), ["loss"]);
});

test("the filter matches name, group, job type, tags and config key=value, ignoring case", () => {
  assert.deepEqual(runs.filter(r => runMatches(r, "adam")).map(r => r.name), ["a"]);
  assert.deepEqual(runs.filter(r => runMatches(r, "opt.name=adam")).map(r => r.name), ["a"]);
  assert.deepEqual(runs.filter(r => runMatches(r, "eval")).map(r => r.name), ["b"]);
  assert.equal(runs.filter(r => runMatches(r, "")).length, 4);
});

test("names of Object.prototype's properties are config keys like any other", () => {
  const names = Object.getOwnPropertyNames(Object.prototype);
  const config = Object.fromEntries(names.map(n => [n, "v-" + n]));
  // JSON.parse makes "__proto__" an own key, as the page's data block does.
  const data = reportData({ runs: [rawRun({ name: "x", config: JSON.parse(JSON.stringify(config)) }), rawRun({ name: "y", summary: { constructor: 1 } })] });
  assert.deepEqual(configKeys(data.runs), names.slice().sort());
  for (const name of names) {
    assert.equal(keyValue(data.runs[0], "config:" + name), "v-" + name, name);
    assert.equal(keyValue(data.runs[1], "config:" + name), null, name + " is missing from y");
    assert.deepEqual(groupRuns(data.runs, ["config:" + name]).map(n => n.label), ["v-" + name, "(none)"]);
  }
  assert.deepEqual(summaryKeys(data.runs), ["constructor"]);
});
