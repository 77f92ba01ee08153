// From the engine's bucketed curves to a chart's lines: each run's points against the chosen x axis, one
// shared x grid per chart, each run aligned on it, and per slot across a group's runs the line statistic
// and the band's edges. Runs arrive bucketed by the C# side (last value per bucket); nothing here draws.

import { curveValueAt } from "./report-data.js";
import { axisMetric } from "./chart-settings.js";
import { describe } from "./statistics.js";

/** @typedef {import("./report-data.js").Run} Run */
/** @typedef {import("./report-data.js").ReportData} ReportData */
/** @typedef {import("./statistics.js").Stats} Stats */
/** @typedef {import("./chart-settings.js").ChartSettings} ChartSettings */
/** @typedef {import("./chart-settings.js").LineAggregate} LineAggregate */
/** @typedef {import("./chart-settings.js").Band} Band */

/** @typedef {{ xs: number[], ys: number[] }} Points */

/**
 * A chart's x grid: size slots evenly spaced from min to max.
 * @typedef {{ min: number, max: number, size: number, xs: number[] }} Grid
 */

/**
 * Per slot: the line, the band's edges, how many runs had a value, and their mean, std, min and max (what the
 * legend and the tooltip show whatever the line and band are); null (NaN for std below two runs) where none had.
 * @typedef {object} Aggregate
 * @property {(number | null)[]} line
 * @property {(number | null)[]} lo
 * @property {(number | null)[]} hi
 * @property {number[]} n
 * @property {SlotStats} stats
 */

/** @typedef {{ mean: (number | null)[], std: (number | null)[], min: (number | null)[], max: (number | null)[] }} SlotStats */

/** At most this many slots on a grid that is not the engine's step grid. */
export const MAX_GRID = 400;

/**
 * Finite (x, y) pairs of one run for one metric against the chosen x axis. Curves come bucketed on the step
 * axis; runtime, wall time and other metrics are read from the same run's curve at the same step.
 * @param {Run} run
 * @param {string} metric
 * @param {string} axis
 * @param {ReportData} data
 * @returns {Points}
 */
export function runPoints(run, metric, axis, data) {
  const curve = data.curves.get(metric);
  const entry = curve && curve.byRun.get(run.index);
  /** @type {Points} */
  const points = { xs: [], ys: [] };
  if (!curve || !entry) return points;
  const against = axisMetric(axis);
  const xCurve = axis === "runtime" ? data.runtime : axis === "wall" ? data.wall : against !== null ? data.curves.get(against) : null;
  const shift = axis === "wall" ? data.timeOrigin : 0;
  for (let k = 0; k < entry.values.length; k++) {
    const y = entry.values[k];
    if (y === null) continue;
    const step = curve.x0 + (entry.first + k) * curve.width;
    const x = axis === "step" ? step : curveValueAt(xCurve, run.index, step);
    if (x !== null && isFinite(x)) { points.xs.push(x + shift); points.ys.push(y); }
  }
  return points;
}

/**
 * A shared x grid for the chart: as many slots as the densest run has points (at most MAX_GRID), evenly
 * spaced over the x range, so runs logged at the same steps land on the same slots. On the step axis
 * (stepWidth > 0) the runs already share the engine's grid: its buckets are kept one to one.
 * @param {readonly Points[]} pointSets
 * @param {number} stepWidth
 * @returns {Grid | null}
 */
export function chartGrid(pointSets, stepWidth) {
  let min = Infinity, max = -Infinity, most = 1;
  for (const p of pointSets) {
    for (const x of p.xs) { if (x < min) min = x; if (x > max) max = x; }
    if (p.xs.length > most) most = p.xs.length;
  }
  if (min === Infinity) return null;
  const size = max === min ? 1 : stepWidth ? Math.round((max - min) / stepWidth) + 1 : Math.max(2, Math.min(most, MAX_GRID));
  const xs = new Array(size);
  for (let j = 0; j < size; j++) xs[j] = size === 1 ? min : min + (j * (max - min)) / (size - 1);
  return { min, max, size, xs };
}

/**
 * One run's points on the grid: the last value per slot, NaN where it logged nothing, never extrapolated.
 * @param {Points} points
 * @param {Grid} grid
 */
export function alignRun(points, grid) {
  const out = new Float64Array(grid.size).fill(NaN);
  const span = grid.max - grid.min;
  for (let i = 0; i < points.xs.length; i++) {
    const j = span > 0 ? Math.round(((points.xs[i] - grid.min) / span) * (grid.size - 1)) : 0;
    out[j] = points.ys[i];
  }
  return out;
}

/**
 * Per slot across a group's aligned runs: the line statistic, band edges, n, mean, std, min and max.
 * @param {readonly Float64Array[]} aligned
 * @param {number} size
 * @param {LineAggregate} line
 * @param {Band} band
 * @returns {Aggregate}
 */
export function aggregateSeries(aligned, size, line, band) {
  /** @type {SlotStats} */
  const stats = { mean: new Array(size), std: new Array(size), min: new Array(size), max: new Array(size) };
  /** @type {Aggregate} */
  const result = { line: new Array(size), lo: new Array(size), hi: new Array(size), n: new Array(size), stats };
  /** @type {number[]} */
  const values = [];
  for (let j = 0; j < size; j++) {
    values.length = 0;
    for (const a of aligned) if (!isNaN(a[j])) values.push(a[j]);
    const s = describe(values, line === "median");
    result.n[j] = s.n;
    if (!s.n) { result.line[j] = result.lo[j] = result.hi[j] = stats.mean[j] = stats.std[j] = stats.min[j] = stats.max[j] = null; continue; }
    result.line[j] = s[line];
    stats.mean[j] = s.mean; stats.std[j] = s.std; stats.min[j] = s.min; stats.max[j] = s.max;
    const [lo, hi] = bandEdges(s, band);
    result.lo[j] = lo; result.hi[j] = hi;
  }
  return result;
}

/**
 * The band around the mean; a single value has no spread, so its band is the mean itself.
 * @param {Stats} s
 * @param {Band} band
 * @returns {[number | null, number | null]}
 */
export function bandEdges(s, band) {
  const center = s.mean;
  switch (band) {
    case "minmax": return [s.min, s.max];
    case "std": return s.n > 1 ? [center - s.std, center + s.std] : [center, center];
    case "stderr": return s.n > 1 ? [center - s.stderr, center + s.stderr] : [center, center];
    case "ci95": return s.n > 1 ? [s.ciLow, s.ciHigh] : [center, center];
    default: return [null, null];
  }
}

/**
 * Debiased exponential moving average, as TensorBoard and W&B smooth curves: s_k = w*s_(k-1) + (1-w)*y_k,
 * divided by (1 - w^k) so the first points are not pulled towards zero. Gaps (null) are skipped and kept.
 * @param {(number | null)[]} values
 * @param {number} weight
 * @returns {(number | null)[]}
 */
export function smoothEma(values, weight) {
  if (!(weight > 0)) return values;
  const out = new Array(values.length);
  let last = 0, count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || !isFinite(v)) { out[i] = null; continue; }
    count++;
    last = last * weight + (1 - weight) * v;
    out[i] = last / (1 - Math.pow(weight, count));
  }
  return out;
}

/**
 * A line as drawn: smoothed when asked, and without the values a log scale has no place for (v <= 0).
 * @param {(number | null)[]} values
 * @param {Pick<ChartSettings, "smooth" | "log">} settings
 * @returns {(number | null)[]}
 */
export function displayedValues(values, settings) {
  let out = settings.smooth > 0 ? smoothEma(values, settings.smooth) : values;
  if (settings.log) out = out.map(v => (v !== null && v > 0 ? v : null));
  return out;
}
