// The chart's tooltip: x, then per visible line its value, band edges and n, highest value first.

import { clear, el } from "./dom.js";
import { colorFor } from "./palette.js";
import { xLabel } from "../data/chart-settings.js";
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
 * @param {string} axis the chart's x axis
 */
export function showTooltip(u, tooltip, shown, withBand, axis) {
  const idx = u.cursor.idx;
  const left = u.cursor.left ?? -1, top = u.cursor.top ?? 0;
  if (idx === null || idx === undefined || left < 0) { tooltip.hidden = true; return; }
  const rows = [];
  for (const { s, lineIdx } of shown) {
    const v = u.data[lineIdx][idx];
    if (v === null || v === undefined || !u.series[lineIdx].show) continue;
    rows.push({ s, v, lo: withBand ? u.data[lineIdx + 2][idx] ?? null : null, hi: withBand ? u.data[lineIdx + 1][idx] ?? null : null, n: s.n ? s.n[idx] : null });
  }
  if (!rows.length) { tooltip.hidden = true; return; }
  rows.sort((a, b) => b.v - a.v);
  clear(tooltip);
  const x = u.data[0][idx];
  tooltip.appendChild(el("div", { className: "tt-x" }, xLabel(axis) + " " + (axis === "wall" ? new Date(x * 1000).toLocaleString() : formatNumber(x))));
  for (const r of rows.slice(0, MAX_TOOLTIP)) {
    const swatch = el("span", { className: "swatch" });
    swatch.style.background = colorFor(r.s.order);
    tooltip.appendChild(el("div", { className: "tt-row" }, [swatch, el("span", { className: "tt-label" }, r.s.label),
      el("span", { className: "tt-value" }, formatNumber(r.v)),
      r.lo !== null && r.hi !== null ? el("span", { className: "tt-band" }, "[" + formatNumber(r.lo) + ", " + formatNumber(r.hi) + "]") : null,
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
