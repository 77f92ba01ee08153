// Chart sections and the metric search. Metrics named like `train.loss`, `train/acc` or `valid_f1` share a
// prefix: the part before the first '.', '/' or '_'. A prefix that at least two metrics share makes a section
// of its own; every other metric is charted in the "metrics" section, which comes first (unprefixed names
// are usually the run's headline metrics).

import { compareValues } from "./values.js";

/** The section of the metrics whose prefix no other metric shares. */
export const OTHER_SECTION = "metrics";

/**
 * A section of charts: its name and its metrics, in the order the data lists them.
 * @typedef {{ name: string, metrics: string[] }} ChartSection
 */

const SEPARATOR = /[./_]/;

/**
 * The part of a metric's name before its first '.', '/' or '_', or null when it has none or starts with one.
 * @param {string} metric
 */
export function metricPrefix(metric) {
  const at = metric.search(SEPARATOR);
  return at > 0 ? metric.slice(0, at) : null;
}

/**
 * The metrics by section: "metrics" first, then the shared prefixes by name.
 * @param {readonly string[]} metrics
 * @returns {ChartSection[]}
 */
export function chartSections(metrics) {
  /** @type {Map<string, string[]>} */
  const byPrefix = new Map();
  for (const metric of metrics) {
    const prefix = metricPrefix(metric);
    if (prefix === null) continue;
    const list = byPrefix.get(prefix);
    if (list) list.push(metric); else byPrefix.set(prefix, [metric]);
  }
  /** @type {Map<string, string[]>} */
  const sections = new Map([[OTHER_SECTION, []]]);
  for (const metric of metrics) {
    const prefix = metricPrefix(metric);
    const shared = prefix !== null && (byPrefix.get(prefix)?.length ?? 0) >= 2;
    const name = shared ? /** @type {string} */ (prefix) : OTHER_SECTION;
    const list = sections.get(name);
    if (list) list.push(metric); else sections.set(name, [metric]);
  }
  const named = Array.from(sections, ([name, list]) => ({ name, metrics: list })).filter(s => s.metrics.length);
  return named.sort((a, b) => (a.name === OTHER_SECTION ? -1 : b.name === OTHER_SECTION ? 1 : compareValues(a.name, b.name)));
}

/**
 * The metric search: a case-insensitive match anywhere in the name; blank matches every metric.
 * @param {string} query
 * @returns {(metric: string) => boolean}
 */
export function metricMatcher(query) {
  const needle = query.trim().toLowerCase();
  return needle ? metric => metric.toLowerCase().includes(needle) : () => true;
}
