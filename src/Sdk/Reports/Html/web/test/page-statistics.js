// Prints the page's statistics of each vector in a JSON file ({ "vectors": [[...], ...] }) as JSON, for the
// MSTest test that compares them with the C# engine's (StatisticsParityTests). Non-finite results are
// printed as the strings "NaN", "Infinity" and "-Infinity", which JSON has no numbers for.

import { readFileSync } from "node:fs";
import { describe } from "../src/data/statistics.js";

/** @param {number} v */
const json = v => (isFinite(v) ? v : String(v));

/** @type {{ vectors: number[][] }} */
const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
const results = input.vectors.map(values => {
  const s = describe(values, true);
  return {
    n: s.n, mean: json(s.mean), median: json(s.median), min: json(s.min), max: json(s.max),
    std: json(s.std), stderr: json(s.stderr), ci_low: json(s.ciLow), ci_high: json(s.ciHigh),
  };
});
process.stdout.write(JSON.stringify(results));
