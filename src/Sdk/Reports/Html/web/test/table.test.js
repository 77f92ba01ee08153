import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultColumnIds, shownColumns, tableColumns } from "../src/data/columns.js";
import { configVariation } from "../src/data/config-variation.js";
import { groupRuns } from "../src/data/grouping.js";
import { csvField, tableCsv, tableRows } from "../src/data/table-rows.js";
import { initialState } from "../src/page-state.js";
import { applyViewQuery, splitHash, viewQuery } from "../src/view-url.js";
import { rawRun, reportData } from "./fixtures.js";

const data = reportData({
  runs: [
    rawRun({ id: "a", name: "a", group: "g1", config: { lr: 0.1, batch: 32 }, summary: { loss: 0.5, acc: 0.9, duration: 3 } }),
    rawRun({ id: "b", name: "b", group: "g1", config: { lr: 0.2, batch: 32 }, summary: { loss: 0.3, acc: 0.8, duration: 4 } }),
    rawRun({ id: "c", name: "c", group: "g2", config: { lr: 0.1, batch: 32 }, summary: { loss: 0.9, acc: "NaN" }, state: "failed" }),
  ],
  compareMetric: "loss",
});
const { runs } = data;
const cols = tableColumns(runs);

test("the default columns are the run fields, the config keys that vary and the key metrics, the compared one first", () => {
  const ids = defaultColumnIds(cols, runs, data);
  assert.ok(ids.has("config:lr"), "lr varies");
  assert.ok(!ids.has("config:batch"), "batch is 32 in every run");
  assert.deepEqual(Array.from(ids).filter(id => id.startsWith("summary:")), ["summary:loss", "summary:acc", "summary:duration"]);
  assert.deepEqual(shownColumns(cols, new Set(["summary:acc"])).map(c => c.id), ["name", "summary:acc"], "the name always, then the table's order");
});

test("rows come grouped in the sorted column's order, an open group's runs under it", () => {
  const tree = groupRuns(runs, ["group"]);
  const g1 = tree.find(n => n.label === "g1");
  assert.ok(g1);
  const view = { runs, tree, grouped: true, cols, sort: { col: "summary:loss", dir: -1 }, colAgg: new Map(), expanded: new Set([g1.id]) };
  const rows = tableRows(view);
  assert.deepEqual(rows.map(r => (r.kind === "group" ? "group " + r.node.label : "run " + r.run.name)), ["group g2", "group g1", "run a", "run b"],
    "groups by their mean loss, highest first, and so are g1's runs");
  const flat = tableRows({ ...view, grouped: false, sort: { col: "summary:loss", dir: 1 } });
  assert.deepEqual(flat.map(r => (r.kind === "run" ? r.run.name : "")), ["b", "a", "c"]);
});

test("the CSV holds the rows as shown, group rows with the statistic their cells show", () => {
  const tree = groupRuns(runs, ["group"]);
  const colAgg = new Map([["summary:loss", /** @type {const} */ ("max")]]);
  const g1 = tree.find(n => n.label === "g1");
  assert.ok(g1);
  const shown = shownColumns(cols, new Set(["state", "config:lr", "config:batch", "summary:loss"]));
  const rows = tableRows({ runs, tree, grouped: true, cols, sort: { col: "", dir: 1 }, colAgg, expanded: new Set([g1.id]) });
  const csv = tableCsv(rows, shown, true, colAgg);
  assert.equal(csv, [
    "row,id,Name,state,batch (mean),lr (mean),loss (max)",
    "group,,g1,2 finished,32,0.15000000000000002,0.5",
    "run,a,a,finished,32,0.1,0.5",
    "run,b,b,finished,32,0.2,0.3",
    "group,,g2,1 failed,32,0.1,0.9",
    "",
  ].join("\r\n"));
});

test("a CSV field quotes commas, quotes and line breaks, and defuses formulas but not numbers", () => {
  assert.deepEqual([csvField("a,b"), csvField("say \"hi\""), csvField("x\ny"), csvField("=1+2"), csvField("-Infinity"), csvField("@x"), csvField(-2.5), csvField(null), csvField([1, 2])],
    ["\"a,b\"", "\"say \"\"hi\"\"\"", "\"x\ny\"", "'=1+2", "-Infinity", "'@x", "-2.5", "", "\"[1,2]\""]);
});

test("a group's config: the keys whose value differs, with counts, and the constant ones", () => {
  const v = configVariation(runs);
  assert.deepEqual(v.varying, [{ key: "lr", values: [{ value: 0.1, count: 2 }, { value: 0.2, count: 1 }] }]);
  assert.deepEqual(v.constant, [{ key: "batch", value: 32 }]);
  const partial = configVariation(reportData({ runs: [rawRun({ config: { x: 1 } }), rawRun({ config: {} })] }).runs);
  assert.deepEqual(partial.varying.map(k => k.key), ["x"], "a key only some runs have varies");
});

test("the view goes into the URL and back, only what differs from the defaults", () => {
  const defaults = initialState(data);
  assert.equal(viewQuery(initialState(data), defaults), "", "an untouched page keeps plain links");
  const state = initialState(data);
  state.keys = ["group", "config:lr"];
  state.filter = "adam & co";
  state.sort = { col: "summary:loss", dir: -1 };
  state.columns = new Set(["config:lr", "summary:loss"]);
  state.colAgg.set("summary:loss", "median");
  state.compareMetric = "acc";
  state.chartSettings.set("loss", { line: "max", band: "minmax", x: "runtime", log: true, smooth: 0.6, hidden: new Set() });
  state.chartSettings.set("a|b=c%", { line: "median", band: "std", x: "metric:x|y", log: false, smooth: 0, hidden: new Set() });
  const query = viewQuery(state, defaults);
  const back = initialState(data);
  applyViewQuery(back, defaults, query);
  assert.deepEqual([back.keys, back.filter, back.sort, Array.from(back.columns ?? []), Array.from(back.colAgg), back.compareMetric, back.grouped],
    [state.keys, state.filter, state.sort, Array.from(state.columns), Array.from(state.colAgg), "acc", true]);
  assert.deepEqual(back.chartSettings.get("loss"), state.chartSettings.get("loss"));
  assert.deepEqual(back.chartSettings.get("a|b=c%"), state.chartSettings.get("a|b=c%"), "separators in a metric's name are text");
  applyViewQuery(back, defaults, "");
  assert.deepEqual([back.keys, back.filter, back.columns, back.chartSettings.size], [["group"], "", null, 0], "no view is the defaults");
  assert.deepEqual(splitHash("#/group/a%3Fb?by=state"), { route: "#/group/a%3Fb", query: "by=state" });
});
