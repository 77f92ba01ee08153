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
 * @property {number | null} exit_code
 * @property {string | null} notes
 * @property {string} created_at ISO 8601
 * @property {number | null} duration
 * @property {string[]} tags
 * @property {{ [key: string]: JsonValue }} config flattened a.b keys
 * @property {{ [key: string]: JsonValue }} summary NaN and infinities as strings
 * @property {string | null} error the failure message
 * @property {number} system index into the data's systems
 */

/**
 * Where a run was recorded, as run.json holds it.
 * @typedef {object} SystemInfo
 * @property {string | null} host
 * @property {string | null} os
 * @property {string | null} dotnet
 * @property {number} pid
 * @property {string | null} git_commit
 * @property {string | null} git_branch
 * @property {boolean | null} git_dirty
 * @property {string | null} ci_provider
 * @property {string | null} ci_run_id
 */

/** @typedef {[runIndex: number, firstBucket: number, values: (number | null)[]]} RawCurveRun */
/** @typedef {{ x0: number, width: number, count: number, runs: RawCurveRun[] }} RawCurve */

/**
 * @typedef {object} RawReportData
 * @property {string} generated_at
 * @property {number} time_origin
 * @property {RawRun[]} runs
 * @property {SystemInfo[]} systems
 * @property {string[]} metrics
 * @property {{ [metric: string]: RawCurve }} curves
 * @property {{ runtime?: RawCurve, wall?: RawCurve }} axes
 * @property {string[]} lower_is_better
 * @property {string[]} logger_keys
 * @property {string | null} compare_metric
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
 * @property {number | null} exitCode
 * @property {string | null} notes
 * @property {string} createdAt ISO 8601
 * @property {number} createdMs createdAt in milliseconds since the epoch
 * @property {number | null} duration
 * @property {string[]} tags
 * @property {Map<string, JsonValue>} config
 * @property {Map<string, JsonValue>} summary
 * @property {string | null} error the failure message
 * @property {SystemInfo | null} system
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
 * @property {Set<string>} lowerIsBetter metrics the engine's goal rules call lower-is-better
 * @property {Set<string>} loggerKeys the test logger's own summary values, never preferred for comparing groups
 * @property {string | null} compareMetric the metric the comparison shows first when the runs have it
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
    runs: raw.runs.map((run, index) => toRun(run, index, raw.systems)),
    metrics: raw.metrics,
    curves,
    runtime: raw.axes.runtime ? indexCurve(raw.axes.runtime) : null,
    wall: raw.axes.wall ? indexCurve(raw.axes.wall) : null,
    lowerIsBetter: new Set(raw.lower_is_better),
    loggerKeys: new Set(raw.logger_keys),
    compareMetric: raw.compare_metric ?? null,
  };
}

/**
 * @param {RawRun} run
 * @param {number} index
 * @param {readonly SystemInfo[]} systems
 * @returns {Run}
 */
function toRun(run, index, systems) {
  return {
    index, id: run.id, name: run.name, project: run.project, group: run.group ?? null, job_type: run.job_type ?? null,
    state: run.state, exitCode: run.exit_code ?? null, notes: run.notes ?? null, createdAt: run.created_at, createdMs: Date.parse(run.created_at),
    duration: run.duration ?? null, tags: run.tags, config: toMap(run.config), summary: toMap(run.summary),
    error: run.error ?? null, system: systems[run.system] ?? null,
  };
}

/**
 * The metrics at least one of the runs logged: the charts a page of these runs draws.
 * @param {ReportData} data
 * @param {readonly Run[]} runs
 */
export function metricsOf(data, runs) {
  return data.metrics.filter(metric => {
    const curve = data.curves.get(metric);
    return curve !== undefined && runs.some(run => curve.byRun.has(run.index));
  });
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
