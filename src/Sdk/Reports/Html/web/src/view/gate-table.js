// The quality gate on the page (docs/quality-gate.md): what the group was compared with, one row per rule and job
// type with its verdict, both means with n and 95% CI, the difference with its 95% CI, p and the tolerance, then the
// trend of each gated metric. On a group page it follows the group's cards; on the page of all runs it is part of the
// comparison panel. Every name reaches the DOM as text (dom.js).

import { el } from "./dom.js";
import { renderTrendChart } from "./trend-chart.js";
import { baselinesOf, isBaselineFile, verdictMark } from "../data/gates.js";
import { formatNumber } from "../data/values.js";

/** @typedef {import("../data/report-data.js").GateRow} GateRow */
/** @typedef {import("../data/report-data.js").GateStats} GateStats */
/** @typedef {import("../data/report-data.js").TrendSeries} TrendSeries */

/**
 * The gate's verdicts and trends, or null when there is neither.
 * @param {readonly GateRow[]} gates
 * @param {readonly TrendSeries[]} trends
 */
export function renderGateSection(gates, trends) {
  if (!gates.length && !trends.length) return null;
  const section = el("section", { className: "gate", "aria-label": "Quality gate" });
  if (gates.length) {
    const failed = gates.filter(g => verdictMark(g.verdict).level === "fail").length;
    section.appendChild(el("h2", null, failed ? "❌ Quality gate: " + failed + " of " + gates.length + " failed" : "Quality gate: " + gates.length + " passed"));
    section.appendChild(baselineLine(gates));
    section.appendChild(el("div", { className: "gate-scroll" }, gateTable(gates)));
  } else {
    section.appendChild(el("h2", null, "Trend"));
  }
  if (trends.length) section.appendChild(el("div", { className: "trends" }, trends.map(renderTrendChart)));
  return section;
}

/** @param {readonly GateRow[]} gates */
function baselineLine(gates) {
  const baselines = baselinesOf(gates);
  if (!baselines.length) return el("p", { className: "muted small", "data-testid": "gate-baseline" }, "No baseline: the verdicts could not compare the groups with anything.");
  /** @type {(string | HTMLElement)[]} */
  const parts = ["Compared with the baseline "];
  baselines.forEach((b, i) => {
    if (i) parts.push(", ");
    parts.push(b.isFile ? "file " : "group ");
    parts.push(el("strong", { "data-baseline": b.name }, b.name));
  });
  parts.push(". Difference = group − baseline with its 95% CI, p two-sided from Welch's t-test on the runs' final values.");
  return el("p", { className: "muted small", "data-testid": "gate-baseline" }, parts);
}

const HEADINGS = ["verdict", "metric", "job type", "group", "mean (n) [95% CI]", "baseline mean (n) [95% CI]", "difference [95% CI]", "p", "tolerance", "baseline"];

/** @param {readonly GateRow[]} gates */
function gateTable(gates) {
  const body = el("tbody");
  for (const g of gates) {
    const mark = verdictMark(g.verdict);
    const baseline = g.baseline_stats;
    body.appendChild(el("tr", {
      className: "gate-" + mark.level, "data-verdict": g.verdict, "data-project": g.project, "data-metric": g.metric, "data-job-type": g.job_type, "data-group": g.group,
      "data-n": g.current.n, "data-mean": g.current.mean, "data-baseline-n": baseline?.n, "data-baseline-mean": baseline?.mean,
      "data-difference": g.difference, "data-difference-low": g.difference_ci95_low, "data-difference-high": g.difference_ci95_high,
      "data-p": g.p, "data-tolerance": g.tolerance, "data-baseline": g.baseline,
    }, [
      el("td", { "data-col": "verdict" }, [el("span", { className: "verdict-icon", "aria-hidden": "true" }, mark.icon), " ", mark.word,
        g.note === null ? null : el("div", { className: "note" }, g.note)]),
      el("td", { "data-col": "metric" }, g.metric),
      el("td", { "data-col": "job_type" }, g.job_type),
      el("td", { "data-col": "group" }, g.group),
      el("td", { className: "num", "data-col": "current" }, side(g.current)),
      el("td", { className: "num", "data-col": "baseline_stats" }, baseline === null ? "–" : side(baseline)),
      el("td", { className: "num", "data-col": "difference" }, [signed(g.difference), interval(g.difference_ci95_low, g.difference_ci95_high)]),
      el("td", { className: "num", "data-col": "p" }, g.p === null ? "–" : g.p < 0.001 ? "<0.001" : g.p.toFixed(3)),
      el("td", { className: "num", "data-col": "tolerance" }, g.tolerance === null ? "–" : formatNumber(g.tolerance)),
      el("td", { "data-col": "baseline" }, g.baseline === null ? "none" : (isBaselineFile(g.baseline) ? "file " : "group ") + g.baseline),
    ]));
  }
  return el("table", { className: "gate-table", "data-testid": "gate-table" }, [
    el("thead", null, el("tr", null, HEADINGS.map(h => el("th", { scope: "col" }, h)))),
    body,
  ]);
}

/** @param {GateStats} stats */
function side(stats) {
  return [(stats.mean === null ? "–" : formatNumber(stats.mean)) + " (" + stats.n + ")", interval(stats.ci95_low, stats.ci95_high)];
}

/** @param {number | null} low @param {number | null} high */
function interval(low, high) {
  return low === null || high === null ? null : el("div", { className: "ci" }, "[" + formatNumber(low) + ", " + formatNumber(high) + "]");
}

/** @param {number | null} v */
function signed(v) {
  return v === null ? "–" : (v > 0 ? "+" : "") + formatNumber(v);
}
