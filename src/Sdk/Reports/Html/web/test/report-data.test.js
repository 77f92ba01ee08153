import { test } from "node:test";
import assert from "node:assert/strict";
import { eachValue } from "../src/data/report-data.js";
import { encodeColumn, rawRun, reportData } from "./fixtures.js";

/** @param {import("../src/data/report-data.js").RawColumn} column @param {number} count */
function decode(column, count) {
  /** @type {[number, unknown][]} */
  const out = [];
  eachValue(column, count, (row, value) => out.push([row, value]));
  return out;
}

test("a column gives each run's value in every encoding, with or without the rows that have one", () => {
  const perRun = ["a", undefined, "b", "b", undefined, undefined, "a", null];
  const expected = [[0, "a"], [2, "b"], [3, "b"], [6, "a"], [7, null]];
  for (const encoding of /** @type {const} */ (["values", "index", "repeat"])) {
    assert.deepEqual(decode(encodeColumn(perRun, encoding), perRun.length), expected, encoding);
  }
  assert.deepEqual(decode({ values: [1, 2, 3] }, 3), [[0, 1], [1, 2], [2, 3]], "no rows: every run in order");
  assert.deepEqual(decode({ rows: [4], distinct: [[1, 2]], repeat: [0, 1] }, 9), [[4, [1, 2]]], "the first row is an index, the rest are steps");
  assert.deepEqual(decode({ distinct: ["x", "y"], repeat: [1, 3, 0, 2] }, 5), [[0, "y"], [1, "y"], [2, "y"], [3, "x"], [4, "x"]]);
});

test("runs read back with their fields, creation times in milliseconds, and no value as null", () => {
  const { runs } = reportData({
    runs: [
      rawRun({ id: "a", name: "first", group: "g", created_at: "2026-01-01T10:00:00.123+00:00", config: { lr: 0.1, none: null }, summary: { acc: 0.5 } }),
      rawRun({ id: "b", name: "second", group: null, job_type: "eval", created_at: "2026-01-01T09:59:59+00:00", notes: "n", tags: ["x"], error: "boom", exit_code: null }),
    ],
  });
  assert.deepEqual(runs.map(r => [r.index, r.id, r.name, r.group, r.job_type, r.notes, r.error, r.exitCode, r.tags]),
    [[0, "a", "first", "g", null, null, null, 0, []], [1, "b", "second", null, "eval", "n", "boom", null, ["x"]]]);
  assert.deepEqual(runs.map(r => r.createdAt), ["2026-01-01T10:00:00.123Z", "2026-01-01T09:59:59.000Z"], "a run may be older than the one before it");
  assert.equal(runs[0].createdMs, Date.parse("2026-01-01T10:00:00.123Z"));
  assert.deepEqual(Array.from(runs[0].config), [["lr", 0.1], ["none", null]], "a null config value is a value");
  assert.equal(runs[1].config.has("lr"), false, "a key the run lacks is no value");
  assert.equal(runs[0].system?.host, "h");
});

test("the groups a budget left out read back with their counts, states and stats by metric, whatever the metric is named", () => {
  const run = rawRun({ id: "a", name: "first", group: "new", created_at: "2026-01-01T10:00:00+00:00" });
  assert.equal(reportData({ runs: [run] }).omitted, null, "under the budget there is no note");
  const { omitted } = reportData({
    runs: [run],
    omitted: {
      runs: 5, groups: 1, max_detail_runs: 1, how: "raise it", metrics: ["acc", "__proto__"],
      summary_only: [{ group: "old", projects: ["p"], runs: 5, states: { failed: 1, finished: 4 }, latest: "2026-01-01T09:00:00+00:00",
        stats: JSON.parse('{"acc":[5,0.5,0.1,0.4,0.6],"__proto__":[1,2,null,2,2]}') }],
    },
  });
  assert.ok(omitted);
  assert.deepEqual([omitted.runs, omitted.groups, omitted.maxDetailRuns, omitted.how], [5, 1, 1, "raise it"]);
  const [old] = omitted.summaryOnly;
  assert.deepEqual([old.group, old.runs, Array.from(old.states), old.latestMs], ["old", 5, [["failed", 1], ["finished", 4]], Date.parse("2026-01-01T09:00:00Z")]);
  assert.deepEqual(old.stats.get("acc"), { n: 5, mean: 0.5, std: 0.1, min: 0.4, max: 0.6 });
  assert.deepEqual(old.stats.get("__proto__"), { n: 1, mean: 2, std: null, min: 2, max: 2 }, "a metric named __proto__ is a key like any other");
});
