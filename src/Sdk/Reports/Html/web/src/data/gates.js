// The quality gate's verdicts and trends as the page shows them (docs/quality-gate.md): which verdicts and trends
// belong to the runs in view, how a verdict is marked, and where a trend's points go. The numbers themselves come
// computed from the C# engine (QualityGate, GateTrend) in the page data, exactly as runs.json lists them.

/** @typedef {import("./report-data.js").GateRow} GateRow */
/** @typedef {import("./report-data.js").GateStats} GateStats */
/** @typedef {import("./report-data.js").TrendSeries} TrendSeries */
/** @typedef {import("./report-data.js").Run} Run */

/**
 * How a verdict is marked: as summary.md marks it (✅ passes, ⚠️ warnings, ❌ failures) and in words.
 * @typedef {{ icon: string, word: string, level: "pass" | "warn" | "fail" }} VerdictMark
 */

/** @type {ReadonlyMap<string, VerdictMark>} */
const MARKS = new Map([
  ["regressed", { icon: "❌", word: "regressed", level: "fail" }],
  ["below_min", { icon: "❌", word: "below Min", level: "fail" }],
  ["above_max", { icon: "❌", word: "above Max", level: "fail" }],
  ["no_baseline", { icon: "⚠️", word: "no baseline", level: "warn" }],
  ["insufficient_data", { icon: "⚠️", word: "insufficient data", level: "warn" }],
  ["improved", { icon: "✅", word: "improved", level: "pass" }],
  ["unchanged", { icon: "✅", word: "unchanged", level: "pass" }],
]);

/**
 * @param {string} verdict as runs.json spells it
 * @returns {VerdictMark}
 */
export function verdictMark(verdict) {
  return MARKS.get(verdict) ?? { icon: "⚠️", word: verdict, level: "warn" };
}

/**
 * The verdicts of the groups the runs in view belong to, in the order the gate decided them.
 * @param {readonly GateRow[]} gates
 * @param {readonly Run[]} runs
 */
export function gatesOf(gates, runs) {
  const keys = new Set(runs.map(r => r.project + "\n" + r.group));
  return gates.filter(g => keys.has(g.project + "\n" + g.group));
}

/**
 * The trends of the projects and job types of the runs in view.
 * @param {readonly TrendSeries[]} trends
 * @param {readonly Run[]} runs
 */
export function trendsOf(trends, runs) {
  const keys = new Set(runs.map(r => r.project + "\n" + r.job_type));
  return trends.filter(t => keys.has(t.project + "\n" + t.job_type));
}

/**
 * The baselines the verdicts were compared with, each once: "group <name>" or "file <path>".
 * @param {readonly GateRow[]} gates
 */
export function baselinesOf(gates) {
  /** @type {Map<string, { name: string, isFile: boolean }>} */
  const found = new Map();
  for (const g of gates) if (g.baseline !== null && !found.has(g.baseline)) found.set(g.baseline, { name: g.baseline, isFile: isBaselineFile(g.baseline) });
  return Array.from(found.values());
}

/**
 * A baseline setting ending in .json names a file (the C# BaselineFile.IsFilePath).
 * @param {string} baseline
 */
export function isBaselineFile(baseline) {
  return baseline.toLowerCase().endsWith(".json");
}

/**
 * Where a trend chart's marks go, in the chart's pixels: a slot per group (x), the mean and its 95% CI (y), and
 * the baseline's mean as a level line across the chart. The y range holds every mean, interval and the baseline.
 * @typedef {object} TrendLayout
 * @property {{ x: number, y: number, low: number | null, high: number | null }[]} points in the series' order
 * @property {number | null} baselineY
 * @property {number} min the value at the bottom of the plot
 * @property {number} max the value at the top
 */

/**
 * @param {TrendSeries} series
 * @param {{ left: number, top: number, width: number, height: number }} plot
 * @returns {TrendLayout}
 */
export function trendLayout(series, plot) {
  const baseline = trendBaselineMean(series);
  /** @type {number[]} */
  const values = [];
  for (const p of series.points) for (const v of [p.stats.mean, p.stats.ci95_low, p.stats.ci95_high]) if (typeof v === "number") values.push(v);
  if (baseline !== null) values.push(baseline);
  let min = Math.min(...values), max = Math.max(...values);
  // A flat trend (or one point) still gets a range to draw in.
  const pad = max > min ? (max - min) * 0.08 : Math.abs(max) * 0.01 || 1;
  min -= pad; max += pad;
  /** @param {number} v */
  const y = v => plot.top + ((max - v) / (max - min)) * plot.height;
  const slot = plot.width / Math.max(series.points.length, 1);
  return {
    points: series.points.map((p, i) => ({
      x: plot.left + (i + 0.5) * slot,
      y: y(/** @type {number} */ (p.stats.mean)),
      low: typeof p.stats.ci95_low === "number" ? y(p.stats.ci95_low) : null,
      high: typeof p.stats.ci95_high === "number" ? y(p.stats.ci95_high) : null,
    })),
    baselineY: baseline === null ? null : y(baseline),
    min, max,
  };
}

/**
 * The baseline's mean: the baseline file's (or group's) statistics the verdict used, else the baseline point's.
 * @param {TrendSeries} series
 * @returns {number | null}
 */
export function trendBaselineMean(series) {
  const stats = series.baseline_stats ?? series.points.find(p => p.is_baseline)?.stats ?? null;
  return stats !== null && typeof stats.mean === "number" ? stats.mean : null;
}
