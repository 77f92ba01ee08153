// The group comparison next to the grouped table: Welch's t-test of each group against the baseline (the
// best group by the chosen metric), computed by the C# grouping engine for every single-key grouping.
"use strict";

function renderComparison(ctx) {
  const panel = el("aside", { className: "compare", "data-testid": "group-comparison" });
  panel.appendChild(el("h2", null, "Compare groups"));
  const key = ctx.grouped && ctx.state.keys.length === 1 ? ctx.state.keys[0] : null;
  const project = ctx.state.project || null;
  const available = key === null ? [] : ctx.data.comparisons.filter(c => c.key === key && (c.project || null) === project);
  if (!available.length) {
    panel.appendChild(el("p", { className: "muted" }, key === null
      ? "Group by a single key to compare its groups (Welch's t-test on the runs' final values)."
      : "Needs at least two groups with two runs each that report a numeric metric."));
    return panel;
  }
  const metrics = available.map(c => c.metric);
  let metric = ctx.state.compareMetric;
  if (!metrics.includes(metric)) metric = metrics[0];
  panel.appendChild(el("label", { className: "compare-pick" }, ["metric ",
    select("compare-metric", metrics.map(m => [m, m]), metric, v => { ctx.state.compareMetric = v; ctx.updateTable(); }, "Metric to compare")]));
  const c = available.find(x => x.metric === metric);
  panel.appendChild(el("p", { className: "muted small" }, [
    "Baseline ", el("strong", null, displayValue(c.baseline)), " (best by ", c.higher_is_better ? "highest" : "lowest", " mean). ",
    "Δ = group − baseline, 95% CI and two-sided p from Welch's t-test.",
  ]));
  const table = el("table", { className: "compare-table" }, el("thead", null, el("tr", null,
    ["group", "n", "mean ± std", "Δ [95% CI]", "p"].map(h => el("th", null, h)))));
  const body = el("tbody");
  for (const row of c.rows) {
    const isBaseline = valueId(row.group) === valueId(c.baseline);
    const significant = isFiniteNumber(row.p) && row.p < 0.05;
    body.appendChild(el("tr", { className: (isBaseline ? "baseline" : "") + (significant ? " significant" : "") }, [
      el("td", { title: displayValue(row.group) }, [isBaseline ? "★ " : "", displayValue(row.group)]),
      el("td", { className: "num" }, String(row.n)),
      el("td", { className: "num" }, formatNumber(row.mean) + (isFiniteNumber(row.std) ? " ± " + formatNumber(row.std) : "")),
      el("td", { className: "num" }, isBaseline ? "baseline" : isFiniteNumber(row.diff)
        ? (row.diff > 0 ? "+" : "") + formatNumber(row.diff) + (isFiniteNumber(row.ci_low) ? " [" + formatNumber(row.ci_low) + ", " + formatNumber(row.ci_high) + "]" : "") : "–"),
      el("td", { className: "num", title: isFiniteNumber(row.t) ? "t = " + formatNumber(row.t) + ", df = " + formatNumber(row.df) : "" },
        isBaseline || !isFiniteNumber(row.p) ? "" : row.p < 0.001 ? "<0.001" : row.p.toFixed(3)),
    ]));
  }
  table.appendChild(body);
  panel.appendChild(el("div", { className: "compare-scroll" }, table));
  if (ctx.state.filter) panel.appendChild(el("p", { className: "muted small" }, "Computed over all runs; the filter does not apply here."));
  return panel;
}
