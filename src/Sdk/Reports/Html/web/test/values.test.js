import { test } from "node:test";
import { readFileSync } from "node:fs";
import assert from "node:assert/strict";
import { compareValues, displayValue, formatDuration, formatNumber, formatShort, valueId } from "../src/data/values.js";
import { asNumber, curveValueAt } from "../src/data/report-data.js";
import { reportData, rawRun } from "./fixtures.js";

test("numbers are shown short: integers whole, four significant digits, exponents at the extremes", () => {
  assert.deepEqual([42, 0.123456, 1234.5678, 12345678.9, 0.0001, NaN, Infinity, -Infinity].map(formatNumber),
    ["42", "0.1235", "1235", "1.235e+7", "1.000e-4", "NaN", "∞", "-∞"]);
  assert.deepEqual([0.123456, 123456, null].map(formatShort), ["0.123", "1.23e+5", "–"]);
});

test("durations read as seconds, minutes or hours, as the console and summary.md write them", () => {
  // Unit tests last micro- to milliseconds: three significant digits in the unit that shows them, not "0.00 s".
  // The cases are shared with NumberTextTests, so the page and the Markdown summary never disagree.
  /** @type {{ cases: [number, string][] }} */
  const shared = JSON.parse(readFileSync(new URL("./durations.json", import.meta.url), "utf8"));
  assert.deepEqual(shared.cases.map(([seconds]) => formatDuration(seconds)), shared.cases.map(([, text]) => text));
  assert.equal(formatDuration(null), "");
});

test("values are identified by type and value, and missing values sort last", () => {
  assert.equal(valueId(0.1), valueId(0.10));
  assert.notEqual(valueId(1), valueId("1"));
  assert.equal(displayValue(null), "(none)");
  assert.equal(displayValue([1, "a"]), "[1,\"a\"]");
  assert.deepEqual(["b10", null, "b9", "a"].sort(compareValues), ["a", "b9", "b10", null]);
});

test("NaN and infinities arrive as the store's strings", () => {
  assert.deepEqual(["NaN", "Infinity", "-Infinity", 2, "2", null].map(asNumber), [NaN, Infinity, -Infinity, 2, null, null]);
});

test("a curve's value is looked up by the bucket that holds the step", () => {
  const data = reportData({ runs: [rawRun({})], curves: { m: { x0: 100, width: 50, count: 4, runs: [[0, 1, [7, 8]]] } } });
  const curve = data.curves.get("m");
  assert.deepEqual([100, 150, 199, 200, 250].map(x => curveValueAt(curve, 0, x)), [null, 7, 7, 8, null]);
  assert.equal(curveValueAt(curve, 1, 150), null, "a run without the curve");
});

test("user names are Map keys: __proto__ and constructor are config keys, summary metrics and curves", () => {
  const text = '{"__proto__": 1, "constructor": 2}';
  const data = reportData({ runs: [rawRun({ config: JSON.parse(text), summary: JSON.parse(text) })], curves: JSON.parse('{"__proto__": {"x0": 0, "width": 1, "count": 1, "runs": [[0, 0, [3]]]}}') });
  assert.deepEqual(Array.from(data.runs[0].config), [["__proto__", 1], ["constructor", 2]]);
  assert.deepEqual(Array.from(data.runs[0].summary.keys()), ["__proto__", "constructor"]);
  assert.deepEqual(Array.from(data.curves.keys()), ["__proto__"]);
  assert.equal(data.curves.get("toString"), undefined);
});
