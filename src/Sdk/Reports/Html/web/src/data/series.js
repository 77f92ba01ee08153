// The lines of one metric's chart: per group (or per run when ungrouped) the aligned, aggregated values on
// the chart's x grid, with the group's own runs as faint lines when the reader shows runs.

import { alignRun, aggregateSeries, chartGrid, runPoints } from "./curves.js";
import { compareValues } from "./values.js";

/** @typedef {import("./report-data.js").Run} Run */
/** @typedef {import("./report-data.js").ReportData} ReportData */
/** @typedef {import("./grouping.js").LineSource} LineSource */
/** @typedef {import("./curves.js").SlotStats} SlotStats */
/** @typedef {import("./chart-settings.js").ChartSettings} ChartSettings */
/** @typedef {import("./curves.js").Points} Points */
/** @typedef {import("./curves.js").Grid} Grid */

/**
 * @typedef {object} Series
 * @property {string} id the source's id, the key the legend hides it by
 * @property {string} label
 * @property {number} order its colour: the source's colour, else its position among the chart's sources
 * @property {number} dash its stroke style: the source's dash, else 0 (solid)
 * @property {(number | null)[]} line
 * @property {(number | null)[] | null} lo null when ungrouped
 * @property {(number | null)[] | null} hi
 * @property {number[] | null} n runs with a value per slot; null when ungrouped
 * @property {SlotStats | null} stats mean, std, min and max per slot; null when ungrouped
 * @property {number} runs the runs that contribute to the line: those with a point against the x axis
 * @property {Ghost[]} ghosts the group's runs, drawn faintly behind its line
 */

/**
 * One of a group's runs, as drawn behind the group's line.
 * @typedef {{ name: string, values: (number | null)[] }} Ghost
 */

/**
 * A line's values at one slot of the grid, as the legend and the tooltip show them.
 * @typedef {{ index: number, mean: number | null, std: number | null, min: number | null, max: number | null, n: number }} SlotValues
 */

/**
 * A run's points and their alignment on a grid depend only on the metric, the x axis and the grid, never
 * on the grouping: cached, a regroup only re-aggregates.
 */
export class SeriesCache {
  constructor() {
    /** @type {Map<string, Map<number, Points>>} */
    this.pointsByMetricAxis = new Map();
    /** @type {Map<Points, Map<string, Float64Array>>} */
    this.alignedByPoints = new Map();
  }

  /**
   * @param {Run} run
   * @param {string} metric
   * @param {string} axis
   * @param {ReportData} data
   */
  points(run, metric, axis, data) {
    const key = metric + "\u0000" + axis;
    let perRun = this.pointsByMetricAxis.get(key);
    if (!perRun) { perRun = new Map(); this.pointsByMetricAxis.set(key, perRun); }
    let points = perRun.get(run.index);
    if (!points) { points = runPoints(run, metric, axis, data); perRun.set(run.index, points); }
    return points;
  }

  /**
   * @param {Points} points
   * @param {Grid} grid
   */
  aligned(points, grid) {
    const key = grid.min + ":" + grid.max + ":" + grid.size;
    let perGrid = this.alignedByPoints.get(points);
    if (!perGrid) { perGrid = new Map(); this.alignedByPoints.set(points, perGrid); }
    let aligned = perGrid.get(key);
    if (!aligned) {
      if (perGrid.size > 4) perGrid.clear();   // grids change with filters; keep memory bounded
      aligned = alignRun(points, grid);
      perGrid.set(key, aligned);
    }
    return aligned;
  }
}

/**
 * What a chart draws lines for: the leaf groups when grouped, else every run by name.
 * @param {boolean} grouped
 * @param {readonly LineSource[]} leaves
 * @param {readonly Run[]} runs
 * @returns {LineSource[]}
 */
export function lineSources(grouped, leaves, runs) {
  if (grouped) return leaves.slice();
  return runs.slice().sort((a, b) => compareValues(a.name, b.name)).map(r => ({ id: "run:" + r.id, label: r.name, runs: [r] }));
}

/**
 * Lines to draw for one metric, or null when no run has a point against the chosen x axis.
 * @param {string} metric
 * @param {readonly LineSource[]} sources
 * @param {{ grouped: boolean, withRuns: boolean, settings: ChartSettings }} how withRuns: add each group's runs
 * @param {ReportData} data
 * @param {SeriesCache} cache
 * @returns {{ grid: Grid, series: Series[] } | null}
 */
export function buildSeries(metric, sources, how, data, cache) {
  const { grouped, withRuns, settings } = how;
  const curve = data.curves.get(metric);
  if (!curve) return null;
  // Only the runs that logged the metric can have points. At 100,000 runs most logged none (test results), and
  // one look-up in the curve skips them before their points are asked for.
  const drawnPerSource = sources.map(src => {
    /** @type {{ run: Run, points: Points }[]} */
    const drawn = [];
    for (const run of src.runs) {
      if (!curve.byRun.has(run.index)) continue;
      const points = cache.points(run, metric, settings.x, data);
      if (points.xs.length) drawn.push({ run, points });
    }
    return drawn;
  });
  const grid = chartGrid(drawnPerSource.flatMap(drawn => drawn.map(d => d.points)), settings.x === "step" ? curve.width : 0);
  if (!grid) return null;
  /** @type {Series[]} */
  const series = [];
  sources.forEach((src, position) => {
    const drawn = drawnPerSource[position];
    if (!drawn.length) return;
    const aligned = drawn.map(d => cache.aligned(d.points, grid));
    const agg = grouped ? aggregateSeries(aligned, grid.size, settings.line, settings.band)
      : { line: withGaps(aligned[0]), lo: null, hi: null, n: null, stats: null };
    const ghosts = grouped && withRuns ? aligned.map((a, i) => ({ name: drawn[i].run.name, values: withGaps(a) })) : [];
    series.push({ id: src.id, label: src.label, order: src.color ?? position, dash: src.dash ?? 0, ...agg, runs: aligned.length, ghosts });
  });
  return { grid, series };
}

/**
 * A line's values at a slot, or, without one (the cursor is off the chart), at the last slot the line has a
 * value: the final figures, which for runs ending together are the groups' summary statistics.
 * @param {Series} s
 * @param {number | null} slot
 * @returns {SlotValues | null}
 */
export function valuesAt(s, slot) {
  let index = slot ?? s.line.length - 1;
  if (slot === null) while (index >= 0 && s.line[index] === null) index--;
  if (index < 0 || index >= s.line.length) return null;
  if (!s.stats || !s.n) {
    const v = s.line[index];
    return v === null ? null : { index, mean: v, std: null, min: v, max: v, n: 1 };
  }
  if (!s.n[index]) return null;
  return { index, mean: s.stats.mean[index], std: s.stats.std[index], min: s.stats.min[index], max: s.stats.max[index], n: s.n[index] };
}

/** @param {Float64Array} aligned */
function withGaps(aligned) {
  return Array.from(aligned, v => (isNaN(v) ? null : v));
}
