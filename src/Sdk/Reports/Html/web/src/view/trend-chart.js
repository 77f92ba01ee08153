// One trend chart (docs/html-report.md): a metric of a job type over the project's recent groups, oldest first, each
// group's mean with its 95% CI as a whisker, the baseline's mean as a dashed level line and its group ringed, the
// gated group filled. A small SVG: a dozen marks need no chart library, and every mark carries its numbers as
// attributes (data-group, data-mean, ...) for tooltips, tests and screen readers.

import { el } from "./dom.js";
import { trendBaselineMean, trendLayout } from "../data/gates.js";
import { formatNumber, formatTime } from "../data/values.js";

/** @typedef {import("../data/report-data.js").TrendSeries} TrendSeries */
/** @typedef {import("../data/report-data.js").TrendPoint} TrendPoint */

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 560, HEIGHT = 210;
const PLOT = { left: 64, top: 14, width: WIDTH - 64 - 16, height: HEIGHT - 14 - 40 };

/**
 * An SVG element; attributes are set with setAttribute, text children as text nodes.
 * @param {string} tag
 * @param {{ [name: string]: string | number | null | undefined }} attrs
 * @param {(Element | string | null)[]} [children]
 */
function svg(tag, attrs, children = []) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== null && value !== undefined) node.setAttribute(name, String(value));
  for (const child of children) if (child !== null) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  return node;
}

/** @param {number} v */
const px = v => Math.round(v * 10) / 10;

/** @param {TrendSeries} series */
export function renderTrendChart(series) {
  const layout = trendLayout(series, PLOT);
  const right = PLOT.left + PLOT.width, bottom = PLOT.top + PLOT.height;
  const chart = svg("svg", { viewBox: "0 0 " + WIDTH + " " + HEIGHT, width: WIDTH, height: HEIGHT, role: "img", "aria-label": "Trend of " + series.metric + " (" + series.job_type + ")" });
  for (const v of [layout.max, (layout.min + layout.max) / 2, layout.min]) {
    const y = px(PLOT.top + ((layout.max - v) / (layout.max - layout.min)) * PLOT.height);
    chart.appendChild(svg("line", { class: "trend-grid", x1: PLOT.left, x2: right, y1: y, y2: y }));
    chart.appendChild(svg("text", { class: "trend-tick", x: PLOT.left - 6, y: y + 4, "text-anchor": "end" }, [formatNumber(v)]));
  }
  const baselineMean = trendBaselineMean(series);
  if (layout.baselineY !== null && baselineMean !== null) {
    const y = px(layout.baselineY);
    chart.appendChild(svg("line", { class: "trend-baseline", "data-mean": baselineMean, x1: PLOT.left, x2: right, y1: y, y2: y }));
    chart.appendChild(svg("text", { class: "trend-baseline-label", x: right, y: y - 4, "text-anchor": "end" },
      ["baseline " + (series.baseline_is_file ? "file " : "") + (series.baseline ?? "") + " " + formatNumber(baselineMean)]));
  }
  chart.appendChild(svg("polyline", { class: "trend-line", points: layout.points.map(p => px(p.x) + "," + px(p.y)).join(" ") }));
  series.points.forEach((point, i) => {
    const at = layout.points[i];
    const mark = svg("g", {
      class: "trend-point" + (point.is_baseline ? " is-baseline" : "") + (point.is_current ? " is-current" : ""),
      "data-group": point.group, "data-time": point.time, "data-n": point.stats.n, "data-mean": point.stats.mean,
      "data-ci-low": point.stats.ci95_low, "data-ci-high": point.stats.ci95_high,
      "data-baseline": point.is_baseline ? "true" : null, "data-current": point.is_current ? "true" : null,
    }, [svg("title", {}, [describe(point)])]);
    if (at.low !== null && at.high !== null) mark.appendChild(svg("line", { class: "trend-ci", x1: px(at.x), x2: px(at.x), y1: px(at.low), y2: px(at.high) }));
    mark.appendChild(svg("circle", { cx: px(at.x), cy: px(at.y), r: point.is_baseline ? 6 : 4 }));
    chart.appendChild(mark);
  });
  const first = series.points[0], last = series.points[series.points.length - 1];
  chart.appendChild(svg("text", { class: "trend-tick", x: PLOT.left, y: bottom + 16 }, [short(first.group)]));
  if (series.points.length > 1) chart.appendChild(svg("text", { class: "trend-tick", x: right, y: bottom + 16, "text-anchor": "end" }, [short(last.group)]));
  chart.appendChild(svg("text", { class: "trend-tick", x: PLOT.left + PLOT.width / 2, y: bottom + 32, "text-anchor": "middle" },
    [series.points.length + " groups, oldest first"]));
  return el("figure", { className: "trend", "data-testid": "trend-chart", "data-project": series.project, "data-metric": series.metric, "data-job-type": series.job_type }, [
    el("figcaption", null, [el("strong", null, series.metric), " · " + series.job_type + " · group means with 95% CI; ringed: the baseline, filled: this build"]),
    chart,
  ]);
}

/** @param {TrendPoint} point */
function describe(point) {
  const { n, mean, ci95_low: low, ci95_high: high } = point.stats;
  const ci = low !== null && high !== null ? ", 95% CI [" + formatNumber(low) + ", " + formatNumber(high) + "]" : "";
  const role = point.is_current ? " · this build" : point.is_baseline ? " · baseline" : "";
  return point.group + role + " · " + formatTime(Date.parse(point.time)) + " · mean " + (mean === null ? "–" : formatNumber(mean)) + " (n=" + n + ")" + ci;
}

/** @param {string} name */
function short(name) {
  return name.length > 28 ? name.slice(0, 27) + "…" : name;
}
