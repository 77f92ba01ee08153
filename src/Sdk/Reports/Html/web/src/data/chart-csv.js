// What a chart plots, column by column, and the chart's CSV: the x grid, then per line its values as drawn
// (the chosen statistic across the group's runs, smoothed when the chart is), the band's edges, the runs per
// slot, and the runs drawn faintly behind it when the reader shows runs. The chart draws these same columns.

import { BANDS, LINE_AGGREGATES, xLabel } from "./chart-settings.js";
import { displayedValues } from "./curves.js";
import { toCsv } from "./csv.js";

/** @typedef {import("./series.js").Series} Series */
/** @typedef {import("./chart-settings.js").ChartSettings} ChartSettings */

/**
 * A column of the chart: a run drawn faintly, a line, a band edge (drawn), or the runs per slot (CSV only).
 * @typedef {object} PlotColumn
 * @property {"run" | "line" | "high" | "low" | "n"} role
 * @property {Series} series the line it belongs to
 * @property {string} header
 * @property {(number | null)[]} values one per slot of the grid
 */

/**
 * The columns of a chart's visible lines: first every faint run (drawn underneath), then per line its
 * values, band edges (high, then low) and n.
 * @param {readonly Series[]} visible
 * @param {{ grouped: boolean, withBand: boolean, settings: ChartSettings }} how
 * @returns {PlotColumn[]}
 */
export function plotColumns(visible, how) {
  const { grouped, withBand, settings } = how;
  const smoothed = settings.smooth > 0 ? ", smoothed " + settings.smooth.toFixed(2) : "";
  const line = labelOf(LINE_AGGREGATES, settings.line), band = labelOf(BANDS, settings.band);
  /** @type {PlotColumn[]} */
  const columns = [];
  for (const s of visible) {
    for (const ghost of s.ghosts) columns.push({ role: "run", series: s, header: s.label + " / " + ghost.name + smoothed, values: displayedValues(ghost.values, settings) });
  }
  for (const s of visible) {
    columns.push({ role: "line", series: s, header: (grouped ? s.label + " " + line : s.label) + smoothed, values: displayedValues(s.line, settings) });
    if (withBand && s.lo && s.hi) {
      columns.push({ role: "high", series: s, header: s.label + " " + band + " high" + smoothed, values: displayedValues(s.hi, settings) },
        { role: "low", series: s, header: s.label + " " + band + " low" + smoothed, values: displayedValues(s.lo, settings) });
    }
    if (grouped && s.n) columns.push({ role: "n", series: s, header: s.label + " n", values: s.n });
  }
  return columns;
}

/**
 * The chart's CSV: x, then every column; one row per slot where a line or run has a value. Wall time is
 * written as an ISO 8601 instant, every other x as the number plotted.
 * @param {string} axis the chart's x axis
 * @param {readonly number[]} xs the grid
 * @param {readonly PlotColumn[]} columns
 */
export function chartCsv(axis, xs, columns) {
  /** @type {(string | number | null)[][]} */
  const rows = [[xLabel(axis), ...columns.map(c => c.header)]];
  const drawn = columns.filter(c => c.role !== "n");
  for (let j = 0; j < xs.length; j++) {
    if (drawn.every(c => c.values[j] === null || c.values[j] === undefined)) continue;
    rows.push([axis === "wall" ? new Date(xs[j] * 1000).toISOString() : xs[j], ...columns.map(c => c.values[j] ?? null)]);
  }
  return toCsv(rows);
}

/**
 * @template {string} V
 * @param {readonly (readonly [V, string])[]} options
 * @param {V} value
 */
function labelOf(options, value) {
  return options.find(([v]) => v === value)?.[1] ?? value;
}
