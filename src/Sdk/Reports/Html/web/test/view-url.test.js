import { test } from "node:test";
import assert from "node:assert/strict";
import { groupKeys } from "../src/data/grouping.js";
import { initialState } from "../src/page-state.js";
import { applyViewQuery, dropUnknownChartKeys, viewQuery } from "../src/view-url.js";
import { rawRun, reportData } from "./fixtures.js";

const data = reportData({
  runs: [
    rawRun({ id: "a", name: "a", group: "g1", config: { lr: 0.1 }, summary: { loss: 0.5 } }),
    rawRun({ id: "b", name: "b", group: "g2", config: { lr: 0.2 }, summary: { loss: 0.3 } }),
  ],
});
const defaults = initialState(data);

/** @param {string} query */
function read(query) {
  const state = initialState(data);
  applyViewQuery(state, defaults, query);
  return state;
}

test("the charts' bar and keys go into the URL and back: metric search, closed sections, show runs, stroke-by, chart-by", () => {
  const state = initialState(data);
  state.metricSearch = "loss & acc|x=1%";
  state.collapsedSections = ["train", "valid & test"];
  state.showRuns = false;
  state.strokeBy = "config:lr";
  state.chartBy = "job_type";
  const query = viewQuery(state, defaults);
  const params = new URLSearchParams(query);
  assert.deepEqual([params.get("metrics"), params.getAll("closed"), params.get("runs"), params.get("stroke"), params.get("charts")],
    ["loss & acc|x=1%", ["train", "valid & test"], "0", "config:lr", "job_type"]);
  const back = read(query);
  assert.deepEqual([back.metricSearch, back.collapsedSections, back.showRuns, back.strokeBy, back.chartBy],
    [state.metricSearch, state.collapsedSections, false, "config:lr", "job_type"]);
  state.showRuns = true;
  assert.equal(read(viewQuery(state, defaults)).showRuns, true, "shown on a page that would not show them");
});

test("the charts' defaults write nothing: show runs left to the page's default stays out of the URL", () => {
  assert.equal(viewQuery(initialState(data), defaults), "");
  const back = read("");
  assert.deepEqual([back.metricSearch, back.collapsedSections, back.showRuns, back.strokeBy, back.chartBy], ["", [], null, "", ""]);
});

test("lines hidden through a chart's legend go into the URL and back, commas and separators in their ids as text", () => {
  const state = initialState(data);
  const hidden = new Set(["group=string:g1", "a,b|c=d%"]);
  state.chartSettings.set("loss", { line: "mean", band: "std", x: "step", log: false, smooth: 0, hidden });
  state.chartSettings.set("acc", { line: "max", band: "std", x: "step", log: false, smooth: 0, hidden: new Set() });
  const query = viewQuery(state, defaults);
  assert.ok(!new URLSearchParams(query).getAll("chart").some(c => c.startsWith("acc") && c.includes("hidden")), "no hidden line writes no list: " + query);
  const back = read(query);
  assert.deepEqual(back.chartSettings.get("loss")?.hidden, hidden);
  assert.deepEqual(back.chartSettings.get("acc"), state.chartSettings.get("acc"));
});

test("garbage in a hand-edited link is ignored: the defaults stand where a value makes no sense", () => {
  const back = read("runs=maybe&closed=&closed=train&closed=train&chart=loss|smooth=abc|log=1|line=median|nonsense=3|hidden=%ZZ,,x&metrics=&stroke=&by=");
  assert.equal(back.showRuns, null, "runs=maybe is neither shown nor hidden");
  assert.deepEqual(back.collapsedSections, ["train"], "empty and repeated section names once");
  const loss = back.chartSettings.get("loss");
  assert.ok(loss);
  assert.deepEqual([loss.smooth, loss.log, loss.line, "nonsense" in loss, Array.from(loss.hidden)], [0, false, "median", false, ["%ZZ", "x"]],
    "a smoothing that is no number keeps the default, a setting charts do not have is left out, a stray % stays text");
  assert.deepEqual([back.metricSearch, back.strokeBy], ["", ""]);
});

test("a stroke-by or chart-by key the runs do not have is dropped, one they have is kept", () => {
  const keys = new Set(groupKeys(data.runs).map(k => k.id));
  const state = read("stroke=config:nope&charts=config:lr");
  dropUnknownChartKeys(state, keys);
  assert.deepEqual([state.strokeBy, state.chartBy], ["", "config:lr"]);
});

test("the URL's earlier keys keep their meaning next to the new ones", () => {
  const back = read("by=config%3Alr&by=job_type&q=adam&sort=-summary%3Aloss&grouped=1&stroke=job_type&runs=1");
  assert.deepEqual([back.keys, back.filter, back.sort, back.grouped, back.strokeBy, back.showRuns],
    [["config:lr", "job_type"], "adam", { col: "summary:loss", dir: -1 }, true, "job_type", true]);
});
