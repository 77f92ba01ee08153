// What each chart can be set to: the line's statistic, the band, the x axis, log scale, smoothing and the
// lines hidden through its legend. Settings are kept per metric, and only once a reader changes
// them: a page of 10,000 metrics holds no settings until one chart is set differently.

/** @typedef {"mean" | "median" | "min" | "max"} LineAggregate */
/** @typedef {"none" | "minmax" | "std" | "stderr" | "ci95"} Band */

/**
 * One chart's settings; kept per metric while the page is open, so a regroup keeps them (and every chart of
 * the metric, one per value of the chart-by key, shares them).
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
 * A metric's settings: the reader's, else the defaults.
 * @param {ReadonlyMap<string, ChartSettings>} settings per metric
 * @param {string} metric
 * @returns {ChartSettings}
 */
export function settingsOf(settings, metric) {
  return settings.get(metric) ?? chartDefaults();
}

/**
 * Keeps a change of a metric's settings; a new object, so a view drawn from the old one can tell.
 * @param {Map<string, ChartSettings>} settings per metric
 * @param {string} metric
 * @param {Partial<ChartSettings>} change
 */
export function changeSettings(settings, metric, change) {
  settings.set(metric, { ...settingsOf(settings, metric), ...change });
}

/**
 * The settings with a line hidden, or shown again.
 * @param {ChartSettings} settings
 * @param {string} id
 * @returns {Partial<ChartSettings>}
 */
export function toggleHidden(settings, id) {
  const hidden = new Set(settings.hidden);
  if (!hidden.delete(id)) hidden.add(id);
  return { hidden };
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
