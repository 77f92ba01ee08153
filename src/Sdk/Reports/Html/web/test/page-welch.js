// Prints the page's Welch test of each pair of samples in a JSON file ({ "pairs": [[a, b], ...] }) as JSON,
// for the MSTest test that compares them with the C# engine's (ComparisonParityTests). Non-finite results
// are printed as the strings "NaN", "Infinity" and "-Infinity", which JSON has no numbers for.

import { readFileSync } from "node:fs";
import { welch } from "../src/data/comparison.js";
import { asNumber } from "../src/data/report-data.js";

/** @param {number} v */
const json = v => (isFinite(v) ? v : String(v));

/**
 * The finite values, as the page takes the runs' final values (NaN and infinities arrive as strings).
 * @param {unknown[]} values
 */
const finite = values => values.map(asNumber).filter(v => v !== null && isFinite(v)).map(Number);

/** @type {{ pairs: [unknown[], unknown[]][] }} */
const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
const results = input.pairs.map(([a, b]) => {
  const w = welch(finite(a), finite(b));
  return { difference: json(w.difference), t: json(w.t), df: json(w.df), p: json(w.p), ci_low: json(w.ciLow), ci_high: json(w.ciHigh) };
});
process.stdout.write(JSON.stringify(results));
