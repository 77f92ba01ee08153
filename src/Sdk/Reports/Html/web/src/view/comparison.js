// The group comparison next to the grouped table: Welch's t-test of each group against the baseline (the
// best group by the chosen metric), computed by the C# grouping engine for every single-key grouping.

import { el, select } from "./dom.js";
import { isFiniteNumber } from "../data/report-data.js";
import { displayValue, formatShort, valueId } from "../data/values.js";

/** @typedef {import("../page-state.js").ViewContext} ViewContext */

/** @param {ViewContext} ctx */
export function renderComparison(ctx) {
  const { state, route } = ctx;
  const panel = el("aside", { className: "compare", "data-testid": "group-comparison" });
  panel.appendChild(el("h2", null, "Compare groups"));
  const key = ctx.grouped && state.keys.length === 1 ? state.keys[0] : null;
  const project = state.project || null;
  const available = key === null ? [] : ctx.data.comparisons.filter(c => c.key === key && (c.project || null) === project);
  if (!available.length) {
    panel.appendChild(el("p", { className: "muted" }, key === null
      ? "Group by a single key to compare its groups (Welch's t-test on the runs' final values)."
      : "Needs at least two groups with two runs each that report a numeric metric."));
    return panel;
  }
  const metrics = available.map(c => c.metric);
  const metric = state.compareMetric !== null && metrics.includes(state.compareMetric) ? state.compareMetric : metrics[0];
  panel.appendChild(el("label", { className: "compare-pick" }, ["metric ",
    select("compare-metric", metrics.map(m => [m, m]), metric, v => { state.compareMetric = v; ctx.redrawTable(); }, "Metric to compare")]));
  const c = available[metrics.indexOf(metric)];
  panel.appendChild(el("p", { className: "muted small" }, [
    "Baseline ", el("strong", null, displayValue(c.baseline)), " (best by ", c.higher_is_better ? "highest" : "lowest", " mean). ",
    "Δ = group − baseline with its 95% CI, p two-sided, from Welch's t-test on the runs' final values.",
  ]));
  const table = el("table", { className: "compare-table" }, el("thead", null, el("tr", null,
    ["group", "n", "mean", "Δ", "p"].map(h => el("th", null, h)))));
  const body = el("tbody");
  for (const row of c.rows) {
    const isBaseline = valueId(row.group) === valueId(c.baseline);
    const significant = isFiniteNumber(row.p) && row.p < 0.05;
    const delta = isBaseline ? [el("span", { className: "muted" }, "baseline")] : isFiniteNumber(row.diff)
      ? [(row.diff > 0 ? "+" : "") + formatShort(row.diff), isFiniteNumber(row.ci_low) ? el("div", { className: "ci" }, "[" + formatShort(row.ci_low) + ", " + formatShort(row.ci_high) + "]") : null]
      : ["–"];
    const current = route.page === "group" && key === "group" && valueId(row.group) === valueId(route.name);
    body.appendChild(el("tr", { className: (isBaseline ? "baseline" : "") + (significant ? " significant" : "") + (current ? " current" : "") }, [
      el("td", { title: displayValue(row.group) }, [isBaseline ? "★ " : "", displayValue(row.group)]),
      el("td", { className: "num" }, String(row.n)),
      el("td", { className: "num" }, [formatShort(row.mean), isFiniteNumber(row.std) ? el("div", { className: "ci" }, "± " + formatShort(row.std)) : null]),
      el("td", { className: "num", title: "95% CI of the difference in brackets" }, delta),
      el("td", { className: "num", title: isFiniteNumber(row.t) ? "t = " + formatShort(row.t) + ", df = " + formatShort(row.df) : "" },
        isBaseline || !isFiniteNumber(row.p) ? "" : row.p < 0.001 ? "<0.001" : row.p.toFixed(3)),
    ]));
  }
  table.appendChild(body);
  panel.appendChild(el("div", { className: "compare-scroll" }, table));
  if (state.filter || route.page === "group") {
    panel.appendChild(el("p", { className: "muted small" }, "Computed over all runs" + (project ? " of the project" : "") + "; the filter and the group page do not narrow it."));
  }
  return panel;
}
