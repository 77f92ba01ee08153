import { test } from "node:test";
import assert from "node:assert/strict";
import { describe, median } from "../src/data/statistics.js";
import { critical95, studentTCdf, studentTQuantile } from "../src/data/student-t.js";

/**
 * @param {number} actual
 * @param {number} expected
 * @param {number} tolerance
 * @param {string} [what]
 */
function near(actual, expected, tolerance, what) {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what ?? ""} ${actual} is not within ${tolerance} of ${expected}`);
}

test("describe gives the sample statistics of a small vector", () => {
  const s = describe([2, 4, 4, 4, 5, 5, 7, 9], true);
  assert.equal(s.n, 8);
  assert.equal(s.mean, 5);
  assert.equal(s.median, 4.5);
  assert.equal(s.min, 2);
  assert.equal(s.max, 9);
  near(s.std, Math.sqrt(32 / 7), 1e-15, "std");
  near(s.stderr, Math.sqrt(32 / 7) / Math.sqrt(8), 1e-15, "stderr");
  near(s.ciHigh - s.mean, 2.3646243 * s.stderr, 1e-6, "ci half width, t(0.975, 7)");
  assert.equal(s.mean - s.ciLow, s.ciHigh - s.mean);
});

test("one value has a mean but no spread, and no values have nothing", () => {
  const one = describe([3.5], true);
  assert.deepEqual([one.n, one.mean, one.median, one.min, one.max], [1, 3.5, 3.5, 3.5, 3.5]);
  assert.ok([one.std, one.stderr, one.ciLow, one.ciHigh].every(Number.isNaN));
  const none = describe([], true);
  assert.equal(none.n, 0);
  assert.ok(Number.isNaN(none.mean));
});

test("the median is left out unless asked for", () => {
  assert.ok(Number.isNaN(describe([1, 2, 3], false).median));
  assert.equal(describe([3, 1, 2], true).median, 2);
});

test("a constant vector has zero spread and a zero-width interval", () => {
  const s = describe([0.1, 0.1, 0.1, 0.1], true);
  assert.equal(s.std, 0);
  assert.equal(s.ciLow, s.mean);
  assert.equal(s.ciHigh, s.mean);
});

test("large magnitudes with a small spread keep their spread", () => {
  const s = describe([1e12 + 1, 1e12 + 2, 1e12 + 3], true);
  assert.equal(s.mean, 1e12 + 2);
  assert.equal(s.std, 1);
});

test("values near the largest and smallest doubles neither overflow nor underflow", () => {
  const huge = describe([1e308, 1.2e308, 1.4e308], true);
  near(huge.mean / 1e308, 1.2, 1e-15, "mean");
  near(huge.std / 1e308, 0.2, 1e-15, "std");
  assert.equal(huge.median, 1.2e308);
  near(median([1.6e308, 1.7e308]) / 1e308, 1.65, 1e-15, "median of two values whose sum overflows");
  const tiny = describe([1e-300, 2e-300, 3e-300], false);
  near(tiny.std / 1e-300, 1, 1e-15, "std");
});

test("the 95% critical values match the published t table", () => {
  const table = [[1, 12.7062047], [2, 4.3026527], [3, 3.1824463], [5, 2.5705818], [10, 2.2281389], [30, 2.0422725], [100, 1.9839715], [1e7, 1.9599642]];
  for (const [df, t] of table) near(critical95(df), t, 1e-6, "df " + df);
});

test("quantiles invert the cdf, and one degree of freedom is the Cauchy distribution", () => {
  for (const t of [-3, -0.5, 0, 0.7, 2, 40]) near(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-12, "t " + t);
  near(studentTQuantile(0.9, 4), 1.5332063, 1e-6);
  near(studentTQuantile(0.25, 1), -1, 1e-9);
  assert.equal(studentTQuantile(0.5, 3), 0);
});

test("the median is the sorted array's middle (or the midpoint of its two middles), whatever the order and ties", () => {
  let seed = 7;
  const random = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
  for (const length of [1, 2, 3, 4, 5, 10, 11, 100, 101, 1000]) {
    for (const ties of [false, true]) {
      const values = Array.from({ length }, () => (ties ? Math.floor(random() * 4) : random() * 200 - 100));
      const sorted = values.slice().sort((a, b) => a - b);
      const mid = length >> 1;
      const expected = length % 2 ? sorted[mid] : sorted[mid - 1] === sorted[mid] ? sorted[mid] : sorted[mid - 1] / 2 + sorted[mid] / 2;
      assert.equal(median(values), expected, length + " values" + (ties ? " with ties" : ""));
    }
  }
  const input = [3, 1, 2];
  median(input);
  assert.deepEqual(input, [3, 1, 2], "the values given are left as they were");
});
