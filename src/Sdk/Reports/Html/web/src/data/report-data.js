// The report's data as HtmlReportWriter writes it (docs/html-report.md, "Data contract"), turned once at
// load into the page's model. Everything a user names (config keys, summary metrics, curves) is kept in a
// Map: a name such as "constructor" or "__proto__" is then a key like any other, never a property that
// every plain object inherits.

/** @typedef {string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }} JsonValue */

/**
 * @typedef {object} RawRun
 * @property {string} id
 * @property {string} name
 * @property {string} project
 * @property {string | null} group
 * @property {string | null} job_type
 * @property {string} state
 * @property {string | null} notes
 * @property {number | null} duration
 * @property {string[]} tags
 * @property {{ [key: string]: JsonValue }} config flattened a.b keys
 * @property {{ [key: string]: JsonValue }} summary NaN and infinities as strings
 */

/** @typedef {[runIndex: number, firstBucket: number, values: (number | null)[]]} RawCurveRun */
/** @typedef {{ x0: number, width: number, count: number, runs: RawCurveRun[] }} RawCurve */

/**
 * @typedef {object} ComparisonRow
 * @property {JsonValue} group
 * @property {number} n
 * @property {number | null} mean
 * @property {number | null} [std]
 * @property {number | null} [diff]
 * @property {number | null} [ci_low]
 * @property {number | null} [ci_high]
 * @property {number | null} [t]
 * @property {number | null} [df]
 * @property {number | null} [p]
 */

/**
 * Welch's t-test of each group against the best one, precomputed by the C# engine per single-key grouping.
 * @typedef {object} Comparison
 * @property {string | null} project null: all runs
 * @property {string} key
 * @property {string} metric
 * @property {boolean} higher_is_better
 * @property {JsonValue} baseline
 * @property {ComparisonRow[]} rows
 */

/**
 * @typedef {object} RawReportData
 * @property {string} generated_at
 * @property {number} time_origin
 * @property {RawRun[]} runs
 * @property {string[]} metrics
 * @property {{ [metric: string]: RawCurve }} curves
 * @property {{ runtime?: RawCurve, wall?: RawCurve }} axes
 * @property {Comparison[]} comparisons
 */

/**
 * @typedef {object} Run
 * @property {number} index position in the data, the key of its curves
 * @property {string} id
 * @property {string} name
 * @property {string} project
 * @property {string | null} group
 * @property {string | null} job_type
 * @property {string} state
 * @property {string | null} notes
 * @property {number | null} duration
 * @property {string[]} tags
 * @property {Map<string, JsonValue>} config
 * @property {Map<string, JsonValue>} summary
 */

/** @typedef {{ first: number, values: (number | null)[] }} CurveEntry */

/**
 * One metric on the engine's step grid: bucket i starts at step x0 + i * width.
 * @typedef {{ x0: number, width: number, byRun: Map<number, CurveEntry> }} Curve
 */

/**
 * @typedef {object} ReportData
 * @property {string} generatedAt
 * @property {number} timeOrigin Unix seconds; wall-time curves are offsets from it
 * @property {Run[]} runs
 * @property {string[]} metrics one chart each
 * @property {Map<string, Curve>} curves per metric
 * @property {Curve | null} runtime
 * @property {Curve | null} wall
 * @property {Comparison[]} comparisons
 */

/**
 * @param {string} text the JSON of the page's data block
 * @returns {ReportData}
 */
export function parseReportData(text) {
  /** @type {RawReportData} */
  const raw = JSON.parse(text);
  const curves = new Map();
  for (const [metric, curve] of Object.entries(raw.curves)) curves.set(metric, indexCurve(curve));
  return {
    generatedAt: raw.generated_at,
    timeOrigin: raw.time_origin,
    runs: raw.runs.map(toRun),
    metrics: raw.metrics,
    curves,
    runtime: raw.axes.runtime ? indexCurve(raw.axes.runtime) : null,
    wall: raw.axes.wall ? indexCurve(raw.axes.wall) : null,
    comparisons: raw.comparisons,
  };
}

/**
 * @param {RawRun} run
 * @param {number} index
 * @returns {Run}
 */
function toRun(run, index) {
  return {
    index, id: run.id, name: run.name, project: run.project, group: run.group ?? null, job_type: run.job_type ?? null,
    state: run.state, notes: run.notes ?? null, duration: run.duration ?? null, tags: run.tags,
    config: toMap(run.config), summary: toMap(run.summary),
  };
}

/**
 * The object's own keys and values; JSON.parse makes even "__proto__" an own key.
 * @param {{ [key: string]: JsonValue }} values
 * @returns {Map<string, JsonValue>}
 */
function toMap(values) {
  const map = new Map();
  for (const key of Object.keys(values)) map.set(key, values[key]);
  return map;
}

/**
 * Per run: the first bucket and the values from there, looked up by run index.
 * @param {RawCurve} curve
 * @returns {Curve}
 */
function indexCurve(curve) {
  const byRun = new Map();
  for (const [run, first, values] of curve.runs) byRun.set(run, { first, values });
  return { x0: curve.x0, width: curve.width, byRun };
}

/**
 * The run's value of a curve in the bucket holding step x, or null.
 * @param {Curve | null | undefined} curve
 * @param {number} runIndex
 * @param {number} x
 * @returns {number | null}
 */
export function curveValueAt(curve, runIndex, x) {
  const entry = curve && curve.byRun.get(runIndex);
  if (!curve || !entry) return null;
  const v = entry.values[Math.floor((x - curve.x0) / curve.width + 1e-9) - entry.first];
  return v === undefined ? null : v;
}

/**
 * Numbers arrive as JSON numbers, NaN and infinities as the strings the store uses for them.
 * @param {unknown} v
 * @returns {number | null}
 */
export function asNumber(v) {
  if (typeof v === "number") return v;
  if (v === "NaN") return NaN;
  if (v === "Infinity") return Infinity;
  if (v === "-Infinity") return -Infinity;
  return null;
}

/**
 * @param {unknown} v
 * @returns {v is number}
 */
export function isFiniteNumber(v) {
  return typeof v === "number" && isFinite(v);
}
