// The chart's tooltip: x, then per visible line its value as drawn, band edges, mean ± std, min-max and n,
// highest value first.

import { clear, el } from "./dom.js";
import { figures } from "./chart-legend.js";
import { lineSample } from "./palette.js";
import { xLabel } from "../data/chart-settings.js";
import { valuesAt } from "../data/series.js";
import { formatNumber } from "../data/values.js";

/** @typedef {import("uplot")} uPlot */
/** @typedef {import("../data/series.js").Series} Series */

/** The tooltip lists this many lines at most. */
const MAX_TOOLTIP = 10;

/**
 * A drawn line: its series and the index of its values in the chart's data (band edges follow it).
 * @typedef {{ s: Series, lineIdx: number }} ShownLine
 */

/**
 * @param {uPlot} u
 * @param {HTMLElement} tooltip
 * @param {readonly ShownLine[]} shown
 * @param {boolean} withBand
 * @param {boolean} grouped
 * @param {string} axis the chart's x axis
 */
export function showTooltip(u, tooltip, shown, withBand, grouped, axis) {
  const idx = u.cursor.idx;
  const left = u.cursor.left ?? -1, top = u.cursor.top ?? 0;
  if (idx === null || idx === undefined || left < 0) { tooltip.hidden = true; return; }
  const rows = [];
  for (const { s, lineIdx } of shown) {
    const v = u.data[lineIdx][idx];
    if (v === null || v === undefined || !u.series[lineIdx].show) continue;
    rows.push({ s, v, lo: withBand ? u.data[lineIdx + 2][idx] ?? null : null, hi: withBand ? u.data[lineIdx + 1][idx] ?? null : null, n: s.n ? s.n[idx] : null,
      at: grouped ? valuesAt(s, idx) : null });
  }
  if (!rows.length) { tooltip.hidden = true; return; }
  rows.sort((a, b) => b.v - a.v);
  clear(tooltip);
  const x = u.data[0][idx];
  tooltip.appendChild(el("div", { className: "tt-x" }, xText(axis, x)));
  for (const r of rows.slice(0, MAX_TOOLTIP)) {
    tooltip.appendChild(el("div", { className: "tt-row" }, [lineSample(r.s.order, r.s.dash), el("span", { className: "tt-label" }, r.s.label),
      el("span", { className: "tt-value" }, formatNumber(r.v)),
      r.lo !== null && r.hi !== null ? el("span", { className: "tt-band" }, "[" + formatNumber(r.lo) + ", " + formatNumber(r.hi) + "]") : null,
      r.at ? el("span", { className: "tt-stats", title: "mean ± std · min–max" }, figures(r.at, true, false)) : null,
      r.n !== null ? el("span", { className: "tt-n" }, "n=" + r.n) : null]));
  }
  if (rows.length > MAX_TOOLTIP) tooltip.appendChild(el("div", { className: "tt-more" }, "+" + (rows.length - MAX_TOOLTIP) + " more"));
  tooltip.hidden = false;
  const parent = /** @type {HTMLElement} */ (tooltip.parentNode);
  const over = u.over.getBoundingClientRect(), box = parent.getBoundingClientRect();
  const x0 = left + over.left - box.left, y0 = top + over.top - box.top;
  const flip = x0 + tooltip.offsetWidth + 16 > box.width;
  tooltip.style.left = (flip ? x0 - tooltip.offsetWidth - 12 : x0 + 12) + "px";
  tooltip.style.top = Math.max(0, y0 - 10) + "px";
}

/**
 * An x value with its axis' name: "step 120", "runtime (s) 3.5", a local date and time for wall time.
 * @param {string} axis
 * @param {number} x
 */
export function xText(axis, x) {
  return xLabel(axis) + " " + (axis === "wall" ? new Date(x * 1000).toLocaleString() : formatNumber(x));
}
