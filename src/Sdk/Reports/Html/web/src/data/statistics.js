// Statistics the page computes when it regroups by a key or aggregates chart buckets: the definitions and
// the arithmetic of the C# grouping engine (Wandb.Grouping.Statistics.MetricStatistics), so both give the
// same figures: Welford's mean and sample std (n - 1) over the values in ascending order, std err = std / sqrt(n),
// the 95% CI from Student's t.

import { critical95 } from "./student-t.js";

/**
 * @typedef {object} Stats
 * @property {number} n finite values described
 * @property {number} mean
 * @property {number} median NaN unless asked for
 * @property {number} min
 * @property {number} max
 * @property {number} std sample standard deviation; NaN below two values
 * @property {number} stderr std / sqrt(n); NaN below two values
 * @property {number} ciLow mean - t(0.975, n - 1) * stderr; NaN below two values
 * @property {number} ciHigh mean + t(0.975, n - 1) * stderr; NaN below two values
 */

/**
 * Statistics of finite numbers (the caller leaves out NaN and infinities).
 * @param {readonly number[]} values
 * @param {boolean} withMedian
 * @returns {Stats}
 */
export function describe(values, withMedian) {
  const n = values.length;
  if (n === 0) return { n: 0, mean: NaN, median: NaN, min: NaN, max: NaN, std: NaN, stderr: NaN, ciLow: NaN, ciHigh: NaN };
  // Summed in ascending order, as the engine does: the figures depend only on the values, not on the order of the
  // runs (regrouped on the page, listed by the engine, read from a store's aggregates).
  const sorted = Float64Array.from(values).sort();
  const unscaled = moments(sorted, 1);
  const { min, max } = unscaled;
  let { mean, m2 } = unscaled;
  // Squared deviations of values near 1e-300 underflow to 0 and those near 1e308 overflow; scaling by a
  // power of two (exact) so the largest magnitude is about 1 keeps every digit at both ends.
  const scale = scaleFor(Math.max(-min, max));
  if (scale !== 1) ({ mean, m2 } = moments(sorted, scale));
  const std = n > 1 ? Math.sqrt(m2 / (n - 1)) / scale : NaN;
  const stderr = n > 1 ? std / Math.sqrt(n) : NaN;
  const half = n > 1 ? critical95(n - 1) * stderr : NaN;
  mean /= scale;
  return { n, mean, median: withMedian ? sortedMedian(sorted) : NaN, min, max, std, stderr, ciLow: mean - half, ciHigh: mean + half };
}

/**
 * Mean and sum of squared deviations of scale * value, one value at a time (Welford: stable for large
 * magnitudes and small spreads, 1e12 plus noise), and the values' min and max. With scale 1 this is the
 * engine's RunningMoments, which its Welch comparison uses.
 * @param {Iterable<number>} values
 * @param {number} scale
 */
export function moments(values, scale) {
  let count = 0, mean = 0, m2 = 0, min = Infinity, max = -Infinity;
  for (const value of values) {
    const v = value * scale;
    count++;
    const delta = v - mean;
    mean += delta / count;
    m2 += delta * (v - mean);
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { mean, m2, min, max };
}

/** @param {number} largest the largest magnitude */
function scaleFor(largest) {
  if (largest === 0 || (largest > 1e-100 && largest < 1e100)) return 1;
  return Math.pow(2, -Math.floor(Math.log(largest) / Math.log(2)));
}

/**
 * The middle value of values sorted ascending, or the midpoint of the two middle values.
 * @param {Float64Array} sorted
 */
function sortedMedian(sorted) {
  const mid = sorted.length >> 1;
  const b = sorted[mid];
  if (sorted.length % 2) return b;
  const a = sorted[mid - 1];
  // a/2 + b/2 rather than (a + b)/2: two values near the largest double would overflow their sum.
  return a === b ? a : a / 2 + b / 2;
}

/**
 * The middle value, or the midpoint of the two middle values; the values given are left as they were.
 * @param {readonly number[]} values
 */
export function median(values) {
  return sortedMedian(Float64Array.from(values).sort());
}
