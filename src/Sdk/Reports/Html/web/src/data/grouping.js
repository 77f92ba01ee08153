// The keys the runs can be grouped by, nesting runs into groups by several keys, and the filter box's match.
// Besides one key, runs can be grouped by "everything except <config key>" (W&B users ask for it to group
// the seeds or folds of one configuration together): by the values of all their other config keys that vary.

import { asNumber } from "./report-data.js";
import { compareValues, displayValue, valueId } from "./values.js";

/** @typedef {import("./report-data.js").Run} Run */
/** @typedef {import("./report-data.js").JsonValue} JsonValue */

/**
 * A group of runs sharing one value of a key, with its subgroups by the next keys.
 * @typedef {object} GroupNode
 * @property {string} id unique across the tree: the path of key=value pairs
 * @property {string} key
 * @property {JsonValue} value
 * @property {string} label
 * @property {Run[]} runs
 * @property {GroupNode[]} children
 */

/**
 * What a chart draws one line for: a leaf group, or a single run; color and dash pick its colour and stroke
 * style when they differ from its position among the chart's lines (see chart-lines.js).
 * @typedef {{ id: string, label: string, runs: Run[], color?: number, dash?: number }} LineSource
 */

const CONFIG_PREFIX = "config:";
const EXCEPT_PREFIX = "except:";

/**
 * Every key the runs can be grouped by: run fields first, then each flattened config key.
 * @param {readonly Run[]} runs
 * @returns {{ id: string, label: string }[]}
 */
export function groupKeys(runs) {
  const keys = [
    { id: "group", label: "group" },
    { id: "job_type", label: "job_type" },
    { id: "state", label: "state" },
    { id: "tags", label: "tags" },
  ];
  if (new Set(runs.map(r => r.project)).size > 1) keys.push({ id: "project", label: "project" });
  for (const k of configKeys(runs)) keys.push({ id: CONFIG_PREFIX + k, label: "config." + k });
  return keys;
}

/** @param {readonly Run[]} runs */
export function configKeys(runs) {
  /** @type {Set<string>} */
  const keys = new Set();
  for (const r of runs) for (const k of r.config.keys()) keys.add(k);
  return Array.from(keys).sort();
}

/**
 * Summary metrics that hold a number in at least one run; W&B's own _-prefixed keys stay out of the table.
 * @param {readonly Run[]} runs
 */
export function summaryKeys(runs) {
  /** @type {Set<string>} */
  const keys = new Set();
  for (const r of runs) {
    for (const [k, v] of r.summary) {
      if (!k.startsWith("_") && asNumber(v) !== null) keys.add(k);
    }
  }
  return Array.from(keys).sort();
}

/**
 * The key that groups runs by all their config keys but one.
 * @param {string} configKey a flattened config key
 */
export function exceptKey(configKey) {
  return EXCEPT_PREFIX + CONFIG_PREFIX + configKey;
}

/**
 * The config key an "everything except" key leaves out, or null for any other key.
 * @param {string} key a group key id
 */
export function exceptedKey(key) {
  return key.startsWith(EXCEPT_PREFIX + CONFIG_PREFIX) ? key.slice(EXCEPT_PREFIX.length + CONFIG_PREFIX.length) : null;
}

/**
 * A run's value of a group key. For "everything except k" it is the run's other config values as
 * [key, value] pairs; grouping narrows them to the keys that vary among the runs grouped.
 * @param {Run} run
 * @param {string} key a group key id
 * @returns {JsonValue}
 */
export function keyValue(run, key) {
  const excepted = exceptedKey(key);
  if (excepted !== null) return configPairs(run, Array.from(run.config.keys()).filter(k => k !== excepted).sort());
  switch (key) {
    case "group": return run.group;
    case "job_type": return run.job_type;
    case "state": return run.state;
    case "project": return run.project;
    case "tags": return run.tags.length ? run.tags.slice().sort().join(", ") : null;
    default: {
      const v = run.config.get(key.slice(CONFIG_PREFIX.length));
      return v === undefined ? null : v;
    }
  }
}

/** @param {string} key a group key id */
export function keyLabel(key) {
  const excepted = exceptedKey(key);
  if (excepted !== null) return "everything except config." + excepted;
  return key.startsWith(CONFIG_PREFIX) ? "config." + key.slice(CONFIG_PREFIX.length) : key;
}

/**
 * The run's values of the given config keys, as [key, value] pairs (null where it has none).
 * @param {Run} run
 * @param {readonly string[]} keys
 * @returns {JsonValue}
 */
function configPairs(run, keys) {
  return keys.map(k => [k, run.config.get(k) ?? null]);
}

/**
 * How groupRuns reads a key from each of these runs. "Everything except k" reads only the config keys whose
 * values differ among the runs: keys every run shares would split nothing and only lengthen the labels.
 * @param {string} key
 * @param {readonly Run[]} runs
 * @returns {(run: Run) => JsonValue}
 */
function keyReader(key, runs) {
  const excepted = exceptedKey(key);
  if (key.startsWith(CONFIG_PREFIX)) {
    // The config key taken out of the id once, not per run: 100,000 runs are grouped at each regroup.
    const configKey = key.slice(CONFIG_PREFIX.length);
    return run => run.config.get(configKey) ?? null;
  }
  if (excepted === null) return run => keyValue(run, key);
  const varying = configKeys(runs).filter(k => k !== excepted && new Set(runs.map(r => valueId(r.config.get(k)))).size > 1);
  return run => configPairs(run, varying);
}

/**
 * A group's label: its value, or for "everything except" its pairs as `key=value` (or a note that the runs'
 * other config keys are all equal).
 * @param {string} key
 * @param {JsonValue} value
 */
function groupLabel(key, value) {
  if (exceptedKey(key) === null || !Array.isArray(value)) return displayValue(value);
  if (!value.length) return "(same config)";
  return value.map(pair => (Array.isArray(pair) ? pair[0] + "=" + displayValue(pair[1]) : displayValue(pair))).join(", ");
}

/**
 * Group order: by value; "everything except" pairs compare value by value, so lr=0.05 comes before lr=0.1.
 * @param {JsonValue} a
 * @param {JsonValue} b
 */
function compareGroupValues(a, b) {
  if (!Array.isArray(a) || !Array.isArray(b)) return compareValues(a, b);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i], y = b[i];
    const order = Array.isArray(x) && Array.isArray(y) ? compareValues(x[1], y[1]) : compareValues(x, y);
    if (order) return order;
  }
  return a.length - b.length;
}

/**
 * Nests runs by keys in order. Runs whose key is missing form their own visible "(none)" group rather
 * than vanishing.
 * @param {readonly Run[]} runs
 * @param {readonly string[]} keys
 * @param {string} [parentId]
 * @returns {GroupNode[]}
 */
export function groupRuns(runs, keys, parentId) {
  if (!keys.length) return [];
  const [key, ...rest] = keys;
  const read = keyReader(key, runs);
  // Text, numbers and booleans find their group by themselves (as valueId tells them apart); only arrays and
  // objects by their valueId, so no string is built per run.
  /** @type {Map<JsonValue, GroupNode>} */
  const byPlain = new Map();
  /** @type {Map<string, GroupNode>} */
  const byStructured = new Map();
  for (const run of runs) {
    const value = read(run);
    const structured = value !== null && typeof value === "object";
    const slot = structured ? valueId(value) : value;
    let node = structured ? byStructured.get(/** @type {string} */ (slot)) : byPlain.get(slot);
    if (!node) {
      node = { id: (parentId ? parentId + "\u0001" : "") + key + "=" + valueId(value), key, value, label: groupLabel(key, value), runs: [], children: [] };
      if (structured) byStructured.set(/** @type {string} */ (slot), node); else byPlain.set(slot, node);
    }
    node.runs.push(run);
  }
  const nodes = [...byPlain.values(), ...byStructured.values()].sort((a, b) => compareGroupValues(a.value, b.value));
  for (const node of nodes) node.children = groupRuns(node.runs, rest, node.id);
  return nodes;
}

/**
 * The groups of the sidebar: runs by `group`, the most recently started first (a group starts with its
 * first run), so the build or test run that just ended is at the top.
 * @param {readonly Run[]} runs
 * @returns {(GroupNode & { started: number })[]}
 */
export function groupsByRecency(runs) {
  return groupRuns(runs, ["group"])
    .map(node => ({ ...node, started: node.runs.reduce((first, r) => Math.min(first, r.createdMs), Infinity) }))
    .sort((a, b) => b.started - a.started || compareValues(a.value, b.value));
}

/**
 * Leaf groups of a tree with their full path label ("a / b"): a grouped chart's lines.
 * @param {readonly GroupNode[]} nodes
 * @param {string} prefix
 * @returns {LineSource[]}
 */
export function leafGroups(nodes, prefix) {
  /** @type {LineSource[]} */
  const out = [];
  for (const node of nodes) {
    const label = prefix ? prefix + " / " + node.label : node.label;
    if (node.children.length) out.push(...leafGroups(node.children, label));
    else out.push({ id: node.id, label, runs: node.runs });
  }
  return out;
}

/**
 * Case-insensitive text match over the fields a user would search by.
 * @param {Run} run
 * @param {string} needle lower case
 */
export function runMatches(run, needle) {
  if (!needle) return true;
  const hay = [run.name, run.id, run.group, run.job_type, run.state, run.notes, run.tags.join(" ")];
  for (const [k, v] of run.config) hay.push(k + "=" + displayValue(v));
  return hay.some(h => h && String(h).toLowerCase().includes(needle));
}

/**
 * @template T, K
 * @param {readonly T[]} items
 * @param {(item: T) => K} keyOf
 * @returns {Map<K, number>}
 */
export function countBy(items, keyOf) {
  const counts = new Map();
  for (const item of items) {
    const k = keyOf(item);
    counts.set(k, (counts.get(k) || 0) + 1);
  }
  return counts;
}
