// A chart's legend: per line its sample, label and the runs that contribute to it (click to hide or show the
// line), and its figures at the cursor's x, or at its last point when the cursor is elsewhere: mean ± std,
// min-max and n, the runs with a value there. The figures are also attributes (data-mean, data-std, data-min,
// data-max, data-n, data-x) in full precision, for whoever checks them.

import { el } from "./dom.js";
import { dashFor, lineSample } from "./palette.js";
import { valuesAt } from "../data/series.js";
import { formatNumber } from "../data/values.js";

/** @typedef {import("../data/series.js").Series} Series */
/** @typedef {import("../data/series.js").SlotValues} SlotValues */

/** The legend lists this many lines at most. */
export const MAX_LEGEND = 40;

/**
 * Fills the legend; returns what moves its figures to a slot of the grid (null: each line's last point).
 * @param {HTMLElement} legend
 * @param {readonly Series[]} series every line of the chart, hidden ones too
 * @param {ReadonlySet<string>} hidden ids of the hidden lines
 * @param {{ grouped: boolean, xs: readonly number[], xText: (x: number) => string, toggle: (id: string) => void }} how
 * @returns {(slot: number | null) => void}
 */
export function renderLegend(legend, series, hidden, how) {
  const rows = series.slice(0, MAX_LEGEND).map(s => {
    const off = hidden.has(s.id);
    const stats = el("span", { className: "legend-stats" });
    const row = el("div", { className: "legend-row" + (off ? " off" : ""), "data-series": s.id, "data-dash": dashFor(s.dash).join(",") }, [
      el("button", { type: "button", className: "legend-item" + (off ? " off" : ""), "aria-pressed": off ? "false" : "true",
        title: (off ? "Show " : "Hide ") + s.label, onclick: () => how.toggle(s.id) },
      [lineSample(s.order, s.dash), s.label, how.grouped ? el("span", { className: "n", title: "runs with a value of this metric against this x axis" }, " n=" + s.runs) : null]),
      stats,
    ]);
    legend.appendChild(row);
    return { s, row, stats, off };
  });
  if (series.length > MAX_LEGEND) legend.appendChild(el("span", { className: "more" }, "+" + (series.length - MAX_LEGEND) + " more"));
  const update = (/** @type {number | null} */ slot) => {
    for (const { s, row, stats, off } of rows) {
      const v = off ? null : valuesAt(s, slot);
      stats.textContent = v ? figures(v, how.grouped) : "";
      stats.title = v ? "at " + how.xText(how.xs[v.index]) + (how.grouped ? ": mean ± std, min–max, runs with a value" : "") : "";
      setFigures(row, v, how.xs);
    }
  };
  update(null);
  return update;
}

/**
 * "mean ± std · min–max · n=3" for a group's line ("–" for the std of a single run), the value for a run's.
 * @param {SlotValues} v
 * @param {boolean} grouped
 * @param {boolean} [withN]
 */
export function figures(v, grouped, withN = true) {
  if (v.mean === null) return "";
  if (!grouped) return formatNumber(v.mean);
  const std = v.std === null || isNaN(v.std) ? "–" : formatNumber(v.std);
  const range = v.min === null || v.max === null ? "" : " · " + formatNumber(v.min) + "–" + formatNumber(v.max);
  return formatNumber(v.mean) + " ± " + std + range + (withN ? " · n=" + v.n : "");
}

/**
 * @param {HTMLElement} row
 * @param {SlotValues | null} v
 * @param {readonly number[]} xs
 */
function setFigures(row, v, xs) {
  /** @type {[string, number | null | undefined][]} */
  const pairs = [["x", v ? xs[v.index] : null], ["mean", v?.mean], ["std", v?.std], ["min", v?.min], ["max", v?.max], ["n", v?.n]];
  for (const [name, value] of pairs) {
    if (value === null || value === undefined || isNaN(value)) row.removeAttribute("data-" + name);
    else row.setAttribute("data-" + name, String(value));
  }
}
