// Statistics the page needs when it regroups by a key the C# side did not precompute: the same definitions
// as the grouping engine (sample std with n-1, std err = std/sqrt(n), 95% CI from Student's t).
"use strict";

// Two-sided 95% quantiles of Student's t for df = 1..30; beyond that a Cornish-Fisher expansion.
const T975 = [12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139,
  2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963,
  2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272];

function tQuantile975(df) {
  if (df < 1) return NaN;
  if (df <= 30) return T975[Math.round(df) - 1];
  const z = 1.959963985, z3 = z * z * z, z5 = z3 * z * z;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df);
}

/** n, mean, min, max, std, stderr, ci95 bounds and (when asked) median of finite numbers. */
function describe(values, withMedian) {
  let n = 0, mean = 0, m2 = 0, min = Infinity, max = -Infinity;
  for (const v of values) {
    n++;
    const delta = v - mean;          // Welford: stable for large magnitudes and small spreads
    mean += delta / n;
    m2 += delta * (v - mean);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0) return { n: 0 };
  const std = n > 1 ? Math.sqrt(m2 / (n - 1)) : NaN;
  const stderr = n > 1 ? std / Math.sqrt(n) : NaN;
  const half = n > 1 ? tQuantile975(n - 1) * stderr : NaN;
  const result = { n, mean, min, max, std, stderr, ciLow: mean - half, ciHigh: mean + half };
  if (withMedian) result.median = median(values);
  return result;
}

function median(values) {
  const sorted = Array.from(values).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Debiased exponential moving average, as TensorBoard and W&B smooth curves: s_k = w*s_(k-1) + (1-w)*y_k,
 * divided by (1 - w^k) so the first points are not pulled towards zero. Gaps (null) are skipped and kept.
 */
function smoothEma(values, weight) {
  if (!(weight > 0)) return values;
  const out = new Array(values.length);
  let last = 0, count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || !isFinite(v)) { out[i] = null; continue; }
    count++;
    last = last * weight + (1 - weight) * v;
    out[i] = last / (1 - Math.pow(weight, count));
  }
  return out;
}
