import { test } from "node:test";
import assert from "node:assert/strict";
import { isProblem, oneLine, problemRuns } from "../src/data/problems.js";
import { groupsByRecency } from "../src/data/grouping.js";
import { metricsOf } from "../src/data/report-data.js";
import { formatTime } from "../src/data/values.js";
import { rawRun, reportData } from "./fixtures.js";

const { runs } = reportData({
  runs: [
    rawRun({ id: "old", state: "failed", created_at: "2026-01-01T10:00:00+00:00", group: "g1", error: "boom" }),
    rawRun({ id: "ok", state: "finished", created_at: "2026-01-02T10:00:00+00:00", group: "g2" }),
    rawRun({ id: "new", state: "crashed", created_at: "2026-01-03T10:00:00.1234567+00:00", group: "g2" }),
    rawRun({ id: "gone", state: "killed", created_at: "2026-01-02T12:00:00+00:00", group: null }),
  ],
});

test("failed, crashed and killed runs did not finish, the newest listed first", () => {
  assert.deepEqual(runs.map(isProblem), [true, false, true, true]);
  assert.deepEqual(problemRuns(runs).map(r => r.id), ["new", "gone", "old"]);
  assert.equal(runs[0].error, "boom");
});

test("a message is put on one line and cut with a mark", () => {
  assert.deepEqual(oneLine("Expected 1\n   at X()\t\u001b[0m", 100), { text: "Expected 1 at X() [0m", cut: false });
  assert.deepEqual(oneLine("abcdef", 3), { text: "abc…", cut: true });
});

test("groups are listed by when they started, the newest first", () => {
  const groups = groupsByRecency(runs);
  assert.deepEqual(groups.map(g => [g.label, g.started]), [
    ["g2", Date.parse("2026-01-02T10:00:00+00:00")], ["(none)", Date.parse("2026-01-02T12:00:00+00:00")], ["g1", Date.parse("2026-01-01T10:00:00+00:00")],
  ].sort((a, b) => Number(b[1]) - Number(a[1])));
});

test("a start time reads as local date and minutes", () => {
  const ms = new Date(2026, 10, 29, 7, 5, 59).getTime();
  assert.equal(formatTime(ms), "2026-11-29 07:05");
});

test("a page charts only the metrics its runs logged", () => {
  const data = reportData({
    runs: [rawRun({ project: "a" }), rawRun({ project: "b" })],
    curves: { rmse: { x0: 0, width: 1, count: 1, runs: [[0, 0, [1]]] }, f1: { x0: 0, width: 1, count: 1, runs: [[1, 0, [1]]] } },
  });
  assert.deepEqual(metricsOf(data, data.runs), ["f1", "rmse"]);
  assert.deepEqual(metricsOf(data, data.runs.filter(r => r.project === "b")), ["f1"]);
});
