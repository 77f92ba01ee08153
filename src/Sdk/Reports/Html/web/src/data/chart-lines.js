// How a chart's lines look and which chart draws them, as Aim groups them: the colour by the group-by keys,
// the stroke style (dash pattern) by a second key, and one chart per value of a third key. A line is then a
// group of the group-by keys split by the stroke key; its colour stays its group's, in every chart.

import { groupRuns, keyLabel, keyValue } from "./grouping.js";
import { lineSources } from "./series.js";
import { compareValues, valueId } from "./values.js";

/** @typedef {import("./report-data.js").Run} Run */
/** @typedef {import("./grouping.js").LineSource} LineSource */

/**
 * One chart of a metric: all its lines, or (with a chart-by key) the lines of the runs with one value of it;
 * label says which ("config.optimizer = adam"), value is the value alone; both null for all the lines.
 * @typedef {{ id: string, label: string | null, value: string | null, sources: LineSource[] }} ChartSplit
 */

/**
 * The lines of every chart: one per leaf group (or run when ungrouped), split by the stroke-by key, with a
 * colour per group and a dash per value of the stroke-by key, in the key's value order.
 * @param {boolean} grouped
 * @param {readonly LineSource[]} leaves
 * @param {readonly Run[]} runs
 * @param {string} strokeBy a group key id, or "" for solid lines
 * @returns {LineSource[]}
 */
export function styledSources(grouped, leaves, runs, strokeBy) {
  const colored = lineSources(grouped, leaves, runs).map((src, color) => ({ ...src, color, dash: 0 }));
  if (!strokeBy) return colored;
  const dashOf = valueOrder(runs, strokeBy);
  return colored.flatMap(src => {
    const parts = groupRuns(src.runs, [strokeBy], src.id);
    // A group that already shares one value of the key (grouped by it too, or a single run) keeps its label.
    if (parts.length === 1) return [{ ...src, dash: dashOf.get(valueId(parts[0].value)) ?? 0 }];
    return parts.map(part => ({ id: part.id, label: src.label + " / " + part.label, runs: part.runs, color: src.color, dash: dashOf.get(valueId(part.value)) ?? 0 }));
  });
}

/**
 * The charts of a metric: one with every line, or one per value of the chart-by key (in value order), each
 * with the lines of that value's runs; a line with no run there is left out of that chart.
 * @param {readonly LineSource[]} sources
 * @param {readonly Run[]} runs
 * @param {string} chartBy a group key id, or "" for one chart
 * @returns {ChartSplit[]}
 */
export function chartSplits(sources, runs, chartBy) {
  if (!chartBy) return [{ id: "", label: null, value: null, sources: sources.slice() }];
  return groupRuns(runs, [chartBy]).map(node => {
    const inChart = new Set(node.runs);
    const own = sources.map(src => ({ ...src, runs: src.runs.filter(run => inChart.has(run)) })).filter(src => src.runs.length);
    return { id: node.id, label: keyLabel(chartBy) + " = " + node.label, value: node.label, sources: own };
  });
}

/**
 * Each value of a key among the runs, by its identity, numbered in value order.
 * @param {readonly Run[]} runs
 * @param {string} key
 * @returns {Map<string, number>}
 */
function valueOrder(runs, key) {
  /** @type {Map<string, import("./report-data.js").JsonValue>} */
  const values = new Map();
  for (const run of runs) {
    const value = keyValue(run, key);
    values.set(valueId(value), value);
  }
  const ordered = Array.from(values).sort((a, b) => compareValues(a[1], b[1]));
  return new Map(ordered.map(([id], i) => [id, i]));
}
