// The group comparison next to the grouped table: Welch's t-test of each group against the baseline (the
// quality gate's baseline group when it is among them, else the best group by the chosen metric), over exactly the
// runs the table shows (see ../data/comparison.js); on the page of all runs, then the quality gate's verdicts and
// trends of those runs (a group page shows them under its cards).

import { el, select } from "./dom.js";
import { renderGateSection } from "./gate-table.js";
import { gatesOf, trendsOf } from "../data/gates.js";
import { groupNumbers } from "../data/columns.js";
import { comparableMetrics, compareGroups, preferredMetric } from "../data/comparison.js";
import { isFiniteNumber } from "../data/report-data.js";
import { formatShort, plural } from "../data/values.js";

/** @typedef {import("../page-state.js").ViewContext} ViewContext */
/** @typedef {import("../data/report-data.js").Run} Run */
/** @typedef {import("../data/report-data.js").ReportData} ReportData */

/** @param {ViewContext} ctx */
export function renderComparison(ctx) {
  const panel = el("aside", { className: "compare", "data-testid": "group-comparison" });
  renderWelch(ctx, panel);
  if (ctx.route.page === "all") {
    const gate = renderGateSection(gatesOf(ctx.data.gates, ctx.runs), trendsOf(ctx.data.trends, ctx.runs));
    if (gate) panel.appendChild(gate);
  }
  return panel;
}

/**
 * @param {ViewContext} ctx
 * @param {HTMLElement} panel
 */
function renderWelch(ctx, panel) {
  const { state, data } = ctx;
  panel.appendChild(el("h2", null, "Compare groups"));
  const key = ctx.grouped && state.keys.length === 1 ? state.keys[0] : null;
  // The summary columns of the table are the runs' numeric summary metrics; the table keeps their values per group.
  const summaryColumns = new Map(ctx.cols.filter(c => c.section === "summary").map(c => [c.label, c]));
  /** @type {import("../data/comparison.js").FinalValueReader} */
  const reader = (node, metric) => {
    const col = summaryColumns.get(metric);
    return col ? groupNumbers(node, col).values : [];
  };
  const metrics = key === null ? [] : comparableMetrics(ctx.tree, Array.from(summaryColumns.keys()), data.lowerIsBetter, data.baselineGroup, reader);
  if (!metrics.length) {
    panel.appendChild(el("p", { className: "muted" }, key === null
      ? "Group by a single key to compare its groups (Welch's t-test on the runs' final values)."
      : "Needs at least two groups with two runs each that report a numeric metric."));
    return;
  }
  const metric = state.compareMetric !== null && metrics.includes(state.compareMetric) ? state.compareMetric : preferredOf(ctx.runs, metrics, data);
  panel.appendChild(el("label", { className: "compare-pick" }, ["metric ",
    select("compare-metric", metrics.map(m => [m, m]), metric, v => { state.compareMetric = v; ctx.redrawTable(); }, "Metric to compare")]));
  const c = compareGroups(ctx.tree, metric, data.lowerIsBetter.has(metric), data.baselineGroup, reader);
  if (!c) return;
  panel.appendChild(el("p", { className: "muted small" }, [
    "Baseline ", el("strong", { "data-testid": "compare-baseline" }, c.baseline.node.label),
    c.given ? " (the quality gate's baseline). " : [" (best by ", c.higherIsBetter ? "highest" : "lowest", " mean). "].join(""),
    "Δ = group − baseline with its 95% CI, p two-sided, from Welch's t-test on the final values of the ",
    plural(ctx.runs.length, "run"), " in the table; n counts those with a value.",
  ]));
  const table = el("table", { className: "compare-table" }, [
    el("colgroup", null, ["group", "n", "mean", "delta", "p"].map(name => el("col", { className: "col-" + name }))),
    el("thead", null, el("tr", null, ["group", "n", "mean", "Δ", "p"].map(h => el("th", { className: h === "group" ? null : "num" }, h)))),
  ]);
  const body = el("tbody");
  for (const row of [c.baseline, ...c.rows]) {
    const test = row.test;
    const significant = test !== null && isFiniteNumber(test.p) && test.p < 0.05;
    const delta = test === null ? [el("span", { className: "muted" }, "baseline")] : isFiniteNumber(test.difference)
      ? [(test.difference > 0 ? "+" : "") + formatShort(test.difference), isFiniteNumber(test.ciLow)
        ? el("div", { className: "ci" }, ["[" + formatShort(test.ciLow) + ",", " " + formatShort(test.ciHigh) + "]"]) : null]
      : ["–"];
    body.appendChild(el("tr", { className: (test === null ? "baseline" : "") + (significant ? " significant" : "") }, [
      el("td", { title: row.node.label }, [test === null ? "★ " : "", row.node.label]),
      el("td", { className: "num" }, String(row.n)),
      el("td", { className: "num" }, [formatShort(row.mean), isFiniteNumber(row.std) ? el("div", { className: "ci" }, "± " + formatShort(row.std)) : null]),
      el("td", { className: "num", title: "95% CI of the difference in brackets" }, delta),
      el("td", { className: "num", "data-col": "p", title: test !== null && isFiniteNumber(test.t) ? "t = " + formatShort(test.t) + ", df = " + formatShort(test.df) : "" },
        test === null || !isFiniteNumber(test.p) ? "" : test.p < 0.001 ? "<0.001" : test.p.toFixed(3)),
    ]));
  }
  table.appendChild(body);
  panel.appendChild(el("div", { className: "compare-scroll" }, table));
}

/**
 * The preferred metric counts every run's summary values: once per set of runs (a regroup keeps the set) and
 * metrics to choose from.
 * @type {WeakMap<readonly Run[], Map<string, string>>}
 */
const preferred = new WeakMap();

/**
 * @param {readonly Run[]} runs
 * @param {string[]} metrics
 * @param {ReportData} data
 */
function preferredOf(runs, metrics, data) {
  let byMetrics = preferred.get(runs);
  if (!byMetrics) { byMetrics = new Map(); preferred.set(runs, byMetrics); }
  const key = metrics.join("\u0000");
  let metric = byMetrics.get(key);
  if (metric === undefined) { metric = preferredMetric(runs, metrics, data); byMetrics.set(key, metric); }
  return metric;
}
