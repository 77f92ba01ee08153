// The report's data: runs as written by HtmlReportWriter (see docs/html-report.md, "Data contract"), the keys
// the page can group by, grouping into nested groups, filtering and value formatting.
"use strict";

const NONE_LABEL = "(none)";

function loadData() {
  const node = document.getElementById("wandb-data");
  const data = JSON.parse(node.textContent);
  data.runs.forEach((run, i) => { run.index = i; });
  for (const curve of Object.values(data.curves).concat(Object.values(data.axes))) indexCurve(curve);
  return data;
}

/** Per run: the first bucket and the values from there, looked up by run index. */
function indexCurve(curve) {
  curve.byRun = new Map();
  for (const [run, first, values] of curve.runs) curve.byRun.set(run, { first, values });
}

/** The run's value of a curve in the bucket holding step x, or null. */
function curveValueAt(curve, runIndex, x) {
  const entry = curve && curve.byRun.get(runIndex);
  if (!entry) return null;
  const v = entry.values[Math.floor((x - curve.x0) / curve.width + 1e-9) - entry.first];
  return v === undefined ? null : v;
}

/** Numbers arrive as JSON numbers, NaN and infinities as the strings the store uses for them. */
function asNumber(v) {
  if (typeof v === "number") return v;
  if (v === "NaN") return NaN;
  if (v === "Infinity") return Infinity;
  if (v === "-Infinity") return -Infinity;
  return null;
}

function isFiniteNumber(v) {
  return typeof v === "number" && isFinite(v);
}

/** Every key the runs can be grouped by: run fields first, then each flattened config key. */
function groupKeys(runs) {
  const keys = [
    { id: "group", label: "group" },
    { id: "job_type", label: "job_type" },
    { id: "state", label: "state" },
    { id: "tags", label: "tags" },
  ];
  if (new Set(runs.map(r => r.project)).size > 1) keys.push({ id: "project", label: "project" });
  for (const k of configKeys(runs)) keys.push({ id: "config:" + k, label: "config." + k });
  return keys;
}

function configKeys(runs) {
  const keys = new Set();
  for (const r of runs) for (const k of Object.keys(r.config)) keys.add(k);
  return Array.from(keys).sort();
}

/** Summary metrics that hold a number in at least one run; W&B's own _-prefixed keys stay out of the table. */
function summaryKeys(runs) {
  const keys = new Set();
  for (const r of runs) {
    for (const k of Object.keys(r.summary)) {
      if (!k.startsWith("_") && asNumber(r.summary[k]) !== null) keys.add(k);
    }
  }
  return Array.from(keys).sort();
}

function keyValue(run, key) {
  switch (key) {
    case "group": return run.group;
    case "job_type": return run.job_type;
    case "state": return run.state;
    case "project": return run.project;
    case "tags": return run.tags.length ? run.tags.slice().sort().join(", ") : null;
    default: {
      const v = run.config[key.slice("config:".length)];
      return v === undefined ? null : v;
    }
  }
}

function keyLabel(key) {
  return key.startsWith("config:") ? "config." + key.slice(7) : key;
}

/** A stable identity for a value: 0.1 and 0.10 are one number after JSON.parse, so they share a group. */
function valueId(v) {
  return v === null || v === undefined ? "\u0000none" : typeof v + ":" + (typeof v === "object" ? JSON.stringify(v) : String(v));
}

function compareValues(a, b) {
  const an = a === null || a === undefined, bn = b === null || b === undefined;
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;   // missing values sort last
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(displayValue(a)), String(displayValue(b)));
}

// One collator for every comparison: String.localeCompare builds one per call, which dominated sorts.
const collator = new Intl.Collator(undefined, { numeric: true });

/**
 * Nests runs by keys in order. Each node: { id, key, value, label, runs, children }. Runs whose key is
 * missing form their own visible "(none)" group rather than vanishing.
 */
function groupRuns(runs, keys, parentId) {
  if (!keys.length) return [];
  const [key, ...rest] = keys;
  const byValue = new Map();
  for (const run of runs) {
    const value = keyValue(run, key);
    const id = valueId(value);
    let node = byValue.get(id);
    if (!node) {
      node = { id: (parentId ? parentId + "\u0001" : "") + key + "=" + id, key, value, label: displayValue(value), runs: [], children: [] };
      byValue.set(id, node);
    }
    node.runs.push(run);
  }
  const nodes = Array.from(byValue.values()).sort((a, b) => compareValues(a.value, b.value));
  for (const node of nodes) node.children = groupRuns(node.runs, rest, node.id);
  return nodes;
}

/** Leaf groups of a tree with their full path label ("a / b"), used as chart lines. */
function leafGroups(nodes, prefix) {
  const out = [];
  for (const node of nodes) {
    const label = prefix ? prefix + " / " + node.label : node.label;
    if (node.children.length) out.push(...leafGroups(node.children, label));
    else out.push({ id: node.id, label, runs: node.runs });
  }
  return out;
}

function displayValue(v) {
  if (v === null || v === undefined) return NONE_LABEL;
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "boolean" || typeof v === "string") return String(v);
  return JSON.stringify(v);
}

function formatNumber(v) {
  if (v === null || v === undefined) return "";
  if (typeof v !== "number") return String(v);
  if (isNaN(v)) return "NaN";
  if (!isFinite(v)) return v > 0 ? "∞" : "-∞";
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}

function formatDuration(seconds) {
  if (!isFiniteNumber(seconds)) return "";
  if (seconds < 60) return seconds.toFixed(seconds < 10 ? 2 : 1) + " s";
  const m = Math.floor(seconds / 60), s = Math.round(seconds % 60);
  if (m < 60) return m + "m " + s + "s";
  return Math.floor(m / 60) + "h " + (m % 60) + "m";
}

/** Case-insensitive text match over the fields a user would search by. */
function runMatches(run, needle) {
  if (!needle) return true;
  const hay = [run.name, run.id, run.group, run.job_type, run.state, run.notes, run.tags.join(" ")];
  for (const k of Object.keys(run.config)) hay.push(k + "=" + displayValue(run.config[k]));
  return hay.some(h => h && String(h).toLowerCase().includes(needle));
}
