// The comparison of groups beside the grouped table: each group's runs against the best group's on one
// metric, with Welch's t-test on the runs' final (summary) values. The arithmetic and the rules are the C#
// engine's (Wandb.Grouping: GroupComparison, WelchComparison, KeyMetricChooser), computed here over the
// runs the page shows, so a group page, a project or a filter compares exactly the runs in the table.

import { asNumber } from "./report-data.js";
import { describe, moments } from "./statistics.js";
import { critical95, regularizedIncompleteBeta, studentTQuantile } from "./student-t.js";

/** @typedef {import("./report-data.js").Run} Run */
/** @typedef {import("./report-data.js").ReportData} ReportData */
/** @typedef {import("./grouping.js").GroupNode} GroupNode */

/**
 * Welch's t-test of sample a against sample b. Everything but the difference is NaN when a sample has fewer
 * than two values or neither varies.
 * @typedef {object} Welch
 * @property {number} countA
 * @property {number} countB
 * @property {number} meanA
 * @property {number} meanB
 * @property {number} difference meanA - meanB
 * @property {number} t
 * @property {number} df Welch-Satterthwaite degrees of freedom
 * @property {number} p two-sided
 * @property {number} ciLow 95% confidence interval of the difference
 * @property {number} ciHigh
 */

/**
 * One group of a comparison: its runs' statistics, and the test against the baseline (null for the baseline).
 * @typedef {object} ComparedGroup
 * @property {GroupNode} node
 * @property {number} n finite values
 * @property {number} mean
 * @property {number} std sample standard deviation; NaN below two values
 * @property {Welch | null} test
 */

/**
 * @typedef {object} GroupComparison
 * @property {string} metric
 * @property {boolean} higherIsBetter
 * @property {ComparedGroup} baseline the given baseline group when it has a value, else the group with the best mean
 * @property {boolean} given whether the baseline is the given group (the quality gate's), not the best
 * @property {ComparedGroup[]} rows the other groups, in table order
 */

/**
 * @param {readonly number[]} a
 * @param {readonly number[]} b
 * @returns {Welch}
 */
export function welch(a, b) {
  const ma = moments(a, 1), mb = moments(b, 1);
  const difference = a.length && b.length ? ma.mean - mb.mean : NaN;
  const undefinedTest = { countA: a.length, countB: b.length, meanA: a.length ? ma.mean : NaN, meanB: b.length ? mb.mean : NaN, difference, t: NaN, df: NaN, p: NaN, ciLow: NaN, ciHigh: NaN };
  const se2 = welchSpread(a, b, ma, mb);
  if (Number.isNaN(se2)) return undefinedTest;
  const va = ma.m2 / (a.length - 1) / a.length, vb = mb.m2 / (b.length - 1) / b.length;
  const se = Math.sqrt(se2);
  const t = difference / se;
  let df = (se2 * se2) / ((va * va) / (a.length - 1) + (vb * vb) / (b.length - 1));
  if (!Number.isFinite(df)) {
    // The squares left the range of a double (values around 1e-100 or 1e100): the same df from each sample's share of
    // the variance, as the engine computes it (WelchComparison.Compare), only then, so both agree to the bit.
    const shareA = va / se2, shareB = vb / se2;
    df = 1 / ((shareA * shareA) / (a.length - 1) + (shareB * shareB) / (b.length - 1));
  }
  const p = isFinite(t) ? regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5) : 0;
  const half = (Number.isInteger(df) ? critical95(df) : studentTQuantile(0.975, df)) * se;
  return { ...undefinedTest, t, df, p, ciLow: difference - half, ciHigh: difference + half };
}

/**
 * The squared standard error of the difference of means, s²a/na + s²b/nb; NaN when the test is undefined
 * (a sample with fewer than two values, or neither varies).
 * @param {readonly number[]} a
 * @param {readonly number[]} b
 * @param {{ m2: number }} [ma] a's moments when known
 * @param {{ m2: number }} [mb]
 */
function welchSpread(a, b, ma = moments(a, 1), mb = moments(b, 1)) {
  if (a.length < 2 || b.length < 2) return NaN;
  const se2 = ma.m2 / (a.length - 1) / a.length + mb.m2 / (b.length - 1) / b.length;
  return se2 > 0 ? se2 : NaN;
}

/**
 * How a comparison reads a group's finite final values of a metric: the page passes the figures its table
 * keeps per group (columns.js), so the table and the comparison read each run once.
 * @typedef {(node: GroupNode, metric: string) => readonly number[]} FinalValueReader
 */

/**
 * The group's runs' finite summary values of a metric.
 * @type {FinalValueReader}
 */
export function finalValues(node, metric) {
  /** @type {number[]} */
  const values = [];
  for (const run of node.runs) {
    const v = asNumber(run.summary.get(metric));
    if (v !== null && isFinite(v)) values.push(v);
  }
  return values;
}

/**
 * The groups with a finite value of the metric, each with its values and moments, and the baseline: the group
 * named baselineGroup when the groups are by `group` and it has a value (the quality gate's baseline, as the
 * engine's GroupComparison takes ReportOptions' baseline), else the best by mean (the first in table order on a
 * tie, as the engine picks it).
 * @param {readonly GroupNode[]} groups
 * @param {string} metric
 * @param {boolean} lowerIsBetter
 * @param {string | null} baselineGroup
 * @param {FinalValueReader} reader
 */
function candidates(groups, metric, lowerIsBetter, baselineGroup, reader) {
  const found = [];
  for (const node of groups) {
    const values = reader(node, metric);
    if (values.length) found.push({ node, values, moments: moments(values, 1) });
  }
  const given = baselineGroup === null ? undefined : found.find(c => c.node.key === "group" && c.node.value === baselineGroup);
  let best = found[0];
  for (const c of found) {
    if (lowerIsBetter ? c.moments.mean < best.moments.mean : c.moments.mean > best.moments.mean) best = c;
  }
  return { found, best: given ?? best, given: given !== undefined };
}

/**
 * Every group against the baseline on the metric, or null when fewer than two groups have a value of it.
 * @param {readonly GroupNode[]} groups in table order
 * @param {string} metric
 * @param {boolean} lowerIsBetter
 * @param {string | null} [baselineGroup] the group to compare with when present (the quality gate's baseline); else the best
 * @param {FinalValueReader} [reader] the runs' summaries when not given
 * @returns {GroupComparison | null}
 */
export function compareGroups(groups, metric, lowerIsBetter, baselineGroup = null, reader = finalValues) {
  const { found, best, given } = candidates(groups, metric, lowerIsBetter, baselineGroup, reader);
  if (found.length < 2) return null;
  /** @param {(typeof found)[number]} c @param {Welch | null} test */
  const row = (c, test) => {
    const stats = describe(c.values, false);
    return { node: c.node, n: stats.n, mean: stats.mean, std: stats.std, test };
  };
  return {
    metric, higherIsBetter: !lowerIsBetter, baseline: row(best, null), given,
    rows: found.filter(c => c !== best).map(c => row(c, welch(c.values, best.values))),
  };
}

/**
 * The metrics worth comparing the groups on: those where at least one group's test against the baseline
 * is defined (both have two values and some spread). Cheap: no p-value is computed.
 * @param {readonly GroupNode[]} groups
 * @param {readonly string[]} metrics
 * @param {ReadonlySet<string>} lowerIsBetter
 * @param {string | null} [baselineGroup] as for compareGroups
 * @param {FinalValueReader} [reader] the runs' summaries when not given
 */
export function comparableMetrics(groups, metrics, lowerIsBetter, baselineGroup = null, reader = finalValues) {
  return metrics.filter(metric => {
    const { found, best } = candidates(groups, metric, lowerIsBetter.has(metric), baselineGroup, reader);
    return found.length > 1 && found.some(c => c !== best && !Number.isNaN(welchSpread(c.values, best.values, c.moments, best.moments)));
  });
}

/**
 * The metric a comparison shows first, by the rule that picks the reports' key metrics: the one named in the
 * report options, else the one most runs have, the test logger's bookkeeping (a test's duration) only after
 * every metric the runs logged themselves, then by name.
 * @param {readonly Run[]} runs
 * @param {readonly string[]} metrics the metrics that can be compared
 * @param {ReportData} data
 */
export function preferredMetric(runs, metrics, data) {
  if (data.compareMetric !== null && metrics.includes(data.compareMetric)) return data.compareMetric;
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const run of runs) {
    for (const [k, v] of run.summary) if (asNumber(v) !== null) counts.set(k, (counts.get(k) || 0) + 1);
  }
  /** @param {string} m */
  const rank = m => (data.loggerKeys.has(m) ? 1 : 0);
  return metrics.slice().sort((a, b) => rank(a) - rank(b) || (counts.get(b) || 0) - (counts.get(a) || 0) || (a < b ? -1 : a > b ? 1 : 0))[0];
}
