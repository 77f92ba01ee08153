// What each chart can be set to: the line's statistic, the band, the x axis, log scale and smoothing.

/** @typedef {"mean" | "median" | "min" | "max"} LineAggregate */
/** @typedef {"none" | "minmax" | "std" | "stderr" | "ci95"} Band */

/**
 * One chart's settings; kept per metric while the page is open, so a regroup keeps them.
 * @typedef {object} ChartSettings
 * @property {LineAggregate} line statistic across a group's runs, bucket by bucket
 * @property {Band} band shaded band around each group line
 * @property {string} x "step", "runtime", "wall" or "metric:<name>"
 * @property {boolean} log
 * @property {number} smooth debiased EMA weight, 0 = off
 * @property {Set<string>} hidden ids of the lines hidden through the legend
 */

/** @type {readonly [LineAggregate, string][]} */
export const LINE_AGGREGATES = [["mean", "mean"], ["median", "median"], ["min", "min"], ["max", "max"]];

/** @type {readonly [Band, string][]} */
export const BANDS = [["none", "none"], ["minmax", "min-max"], ["std", "std dev"], ["stderr", "std err"], ["ci95", "95% CI"]];

const METRIC_AXIS = "metric:";

/** @returns {ChartSettings} */
export function chartDefaults() {
  return { line: "mean", band: "std", x: "step", log: false, smooth: 0, hidden: new Set() };
}

/**
 * The x axes a chart offers: step, runtime, wall time, then the other metrics.
 * @param {readonly string[]} otherMetrics
 * @returns {[string, string][]}
 */
export function xAxisOptions(otherMetrics) {
  /** @type {[string, string][]} */
  const axes = [["step", "step"], ["runtime", "runtime (s)"], ["wall", "wall time"]];
  return axes.concat(otherMetrics.map(m => [METRIC_AXIS + m, m]));
}

/**
 * The metric an x axis plots against, or null for step, runtime and wall time.
 * @param {string} axis
 */
export function axisMetric(axis) {
  return axis.startsWith(METRIC_AXIS) ? axis.slice(METRIC_AXIS.length) : null;
}

/** @param {string} axis */
export function xLabel(axis) {
  if (axis === "step") return "step";
  if (axis === "runtime") return "runtime (s)";
  if (axis === "wall") return "wall time";
  return axisMetric(axis) ?? axis;
}
