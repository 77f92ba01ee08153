// The report's data as HtmlReportWriter writes it (docs/html-report.md, "Data contract"), turned once at
// load into the page's model. Everything a user names (config keys, summary metrics, curves) is kept in a
// Map: a name such as "constructor" or "__proto__" is then a key like any other, never a property that
// every plain object inherits.

/** @typedef {string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }} JsonValue */

/**
 * One per-run field, by column (docs/html-report.md, "Data contract"): the runs that have a value (every run
 * in order, or `rows`: the first run's index, then each next run's distance from the previous), and their
 * values as they are, or as distinct values with an index per run or per stretch of runs in a row.
 * @typedef {object} RawColumn
 * @property {number[]} [rows] delta-coded run indices; absent: every run, in order
 * @property {JsonValue[]} [values] one value per row; or
 * @property {JsonValue[]} [distinct] the distinct values, and
 * @property {number[]} [index] per row an index into them, or
 * @property {number[]} [repeat] per stretch of rows in a row: index, number of rows, index, number of rows
 */

/**
 * The runs, one column per field and per config and summary key. A run without a value of a field has null.
 * @typedef {object} RawRuns
 * @property {number} count
 * @property {RawColumn} id
 * @property {RawColumn} name
 * @property {RawColumn} project
 * @property {RawColumn} group
 * @property {RawColumn} job_type
 * @property {RawColumn} state
 * @property {RawColumn} exit_code
 * @property {RawColumn} notes
 * @property {RawColumn} duration
 * @property {RawColumn} tags
 * @property {RawColumn} error the failure message
 * @property {RawColumn} system where the run was recorded, as run.json holds it
 * @property {number[]} created milliseconds: the first run's after time_origin, then each run's after the previous run's
 * @property {{ [key: string]: RawColumn }} config flattened a.b keys
 * @property {{ [key: string]: RawColumn }} summary NaN and infinities as strings
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
 * @property {RawRuns} runs
 * @property {string[]} metrics
 * @property {{ [metric: string]: RawCurve }} curves
 * @property {{ runtime?: RawCurve, wall?: RawCurve }} axes
 * @property {string[]} lower_is_better
 * @property {string[]} logger_keys
 * @property {string | null} compare_metric
 * @property {RawOmitted} [omitted] only when the report's budget left runs out
 * @property {{ runs: number, point_budget: number }} [curves_omitted] only when the page's size budget left runs' curves out
 * @property {string | null} [baseline_group] the group the comparison compares with; absent in older data
 * @property {GateRow[]} [gates] the quality gate's verdicts, as runs.json lists them
 * @property {TrendSeries[]} [trends] recent group means per gated metric and job type
 */

/**
 * One side of a verdict (runs.json's gates): null where a statistic is undefined.
 * @typedef {object} GateStats
 * @property {number} n
 * @property {number | null} mean
 * @property {number | null} std
 * @property {number | null} ci95_low
 * @property {number | null} ci95_high
 */

/**
 * A verdict of the quality gate, one per rule and job type: an entry of runs.json's gates (docs/quality-gate.md).
 * @typedef {object} GateRow
 * @property {string} project
 * @property {string} metric
 * @property {string} job_type
 * @property {string} group
 * @property {string | null} baseline the baseline group's name or the baseline file's path
 * @property {string} verdict
 * @property {GateStats} current
 * @property {GateStats | null} baseline_stats
 * @property {number | null} difference
 * @property {number | null} difference_ci95_low
 * @property {number | null} difference_ci95_high
 * @property {number | null} p
 * @property {number | null} tolerance
 * @property {string | null} note
 */

/**
 * One group of a trend: when its last run started, its statistics, and whether it is the baseline or the gated group.
 * @typedef {object} TrendPoint
 * @property {string} group
 * @property {string} time ISO 8601
 * @property {GateStats} stats
 * @property {boolean} is_baseline
 * @property {boolean} is_current
 */

/**
 * A metric of a job type of a project over its recent groups, oldest first (the C# GateTrend).
 * @typedef {object} TrendSeries
 * @property {string} project
 * @property {string} metric
 * @property {string} job_type
 * @property {string | null} baseline
 * @property {boolean} baseline_is_file
 * @property {GateStats | null} baseline_stats
 * @property {TrendPoint[]} points
 */

/**
 * A group none of whose runs is in the data (the budget left them out), by its aggregates.
 * @typedef {object} RawSummaryGroup
 * @property {string | null} group
 * @property {string[]} projects
 * @property {number} runs
 * @property {{ [state: string]: number }} states
 * @property {string} latest ISO 8601: its newest run's creation
 * @property {{ [metric: string]: [n: number, mean: number | null, std: number | null, min: number | null, max: number | null] }} stats
 */

/**
 * What the report's budget (ReportOptions.MaxDetailRuns) left out of the runs.
 * @typedef {object} RawOmitted
 * @property {number} runs
 * @property {number} groups groups without any run in the data
 * @property {number} max_detail_runs
 * @property {string} how the settings that show them
 * @property {string[]} metrics the key metrics of the groups' stats
 * @property {RawSummaryGroup[]} summary_only the most recent of those groups (at most 1,000)
 */

/**
 * @typedef {object} SummaryGroup
 * @property {string | null} group
 * @property {string[]} projects
 * @property {number} runs
 * @property {Map<string, number>} states
 * @property {number} latestMs
 * @property {Map<string, { n: number, mean: number | null, std: number | null, min: number | null, max: number | null }>} stats per key metric
 */

/**
 * @typedef {object} Omitted
 * @property {number} runs
 * @property {number} groups
 * @property {number} maxDetailRuns
 * @property {string} how
 * @property {string[]} metrics
 * @property {SummaryGroup[]} summaryOnly
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
 * @property {Omitted | null} omitted what the report's budget left out of the runs, or null when nothing was
 * @property {number} curvesOmitted runs listed without curves (the page's size budget); 0 when every run has its curves
 * @property {string | null} baselineGroup the group the comparison compares with (the quality gate's baseline); null: the best group
 * @property {GateRow[]} gates
 * @property {TrendSeries[]} trends
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
    runs: toRuns(raw.runs, raw.time_origin),
    metrics: raw.metrics,
    curves,
    runtime: raw.axes.runtime ? indexCurve(raw.axes.runtime) : null,
    wall: raw.axes.wall ? indexCurve(raw.axes.wall) : null,
    lowerIsBetter: new Set(raw.lower_is_better),
    loggerKeys: new Set(raw.logger_keys),
    compareMetric: raw.compare_metric ?? null,
    baselineGroup: raw.baseline_group ?? null,
    gates: raw.gates ?? [],
    trends: raw.trends ?? [],
    omitted: raw.omitted ? toOmitted(raw.omitted) : null,
    curvesOmitted: raw.curves_omitted ? raw.curves_omitted.runs : 0,
  };
}

/**
 * @param {RawOmitted} raw
 * @returns {Omitted}
 */
function toOmitted(raw) {
  return {
    runs: raw.runs, groups: raw.groups, maxDetailRuns: raw.max_detail_runs, how: raw.how, metrics: raw.metrics,
    summaryOnly: raw.summary_only.map(g => ({
      group: g.group, projects: g.projects, runs: g.runs, states: new Map(Object.entries(g.states)), latestMs: Date.parse(g.latest),
      stats: new Map(Object.entries(g.stats).map(([metric, [n, mean, std, min, max]]) => [metric, { n, mean, std, min, max }])),
    })),
  };
}

/**
 * Calls visit with each row that has a value and its value, in row order.
 * @param {RawColumn} column
 * @param {number} count the number of runs
 * @param {(row: number, value: JsonValue) => void} visit
 */
export function eachValue(column, count, visit) {
  const { rows, values, distinct, index, repeat } = column;
  const length = rows ? rows.length : count;
  let row = rows ? 0 : -1;
  let k = 0;
  /** @param {JsonValue} value */
  const next = value => {
    row = rows ? row + rows[k] : row + 1;
    k++;
    visit(row, value);
  };
  if (values) {
    for (let i = 0; i < length; i++) next(values[i]);
  } else if (distinct && index) {
    for (let i = 0; i < length; i++) next(distinct[index[i]]);
  } else if (distinct && repeat) {
    for (let i = 0; i + 1 < repeat.length; i += 2) {
      for (let n = 0; n < repeat[i + 1]; n++) next(distinct[repeat[i]]);
    }
  }
}

/**
 * A column's values, one per run, null where a run has none.
 * @param {RawColumn} column
 * @param {number} count
 * @returns {JsonValue[]}
 */
function columnValues(column, count) {
  /** @type {JsonValue[]} */
  const out = new Array(count).fill(null);
  eachValue(column, count, (row, value) => { out[row] = value; });
  return out;
}

/**
 * @param {RawRuns} raw
 * @param {number} timeOrigin Unix seconds
 * @returns {Run[]}
 */
function toRuns(raw, timeOrigin) {
  const count = raw.count;
  /** @param {RawColumn} column */
  const col = column => columnValues(column, count);
  const [ids, names, projects, groups, jobTypes, states, exitCodes, notes, durations, tags, errors, systems] =
    [raw.id, raw.name, raw.project, raw.group, raw.job_type, raw.state, raw.exit_code, raw.notes, raw.duration, raw.tags, raw.error, raw.system].map(col);
  /** @type {Run[]} */
  const runs = [];
  let createdMs = Math.round(timeOrigin * 1000);
  for (let i = 0; i < count; i++) {
    createdMs += raw.created[i];
    runs.push({
      index: i, id: String(ids[i]), name: String(names[i] ?? ""), project: String(projects[i] ?? ""), group: /** @type {string | null} */ (groups[i]),
      job_type: /** @type {string | null} */ (jobTypes[i]), state: String(states[i]), exitCode: /** @type {number | null} */ (exitCodes[i]),
      notes: /** @type {string | null} */ (notes[i]), createdAt: new Date(createdMs).toISOString(), createdMs,
      duration: /** @type {number | null} */ (durations[i]), tags: /** @type {string[]} */ (tags[i] ?? []), config: new Map(), summary: new Map(),
      error: /** @type {string | null} */ (errors[i]), system: /** @type {SystemInfo | null} */ (/** @type {unknown} */ (systems[i])),
    });
  }
  // Own keys only: JSON.parse makes even "__proto__" one.
  for (const [key, column] of Object.entries(raw.config)) eachValue(column, count, (row, value) => { runs[row].config.set(key, value); });
  for (const [key, column] of Object.entries(raw.summary)) eachValue(column, count, (row, value) => { runs[row].summary.set(key, value); });
  return runs;
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

/** @type {WeakMap<ReportData, Uint8Array>} */
const loggedByData = new WeakMap();

/**
 * Whether each run (by index) logged any metric: only those can draw a line. Test results log none, and at
 * 100,000 runs the charts would otherwise look for 99,000 runs' points in every curve.
 * @param {ReportData} data
 * @returns {Uint8Array}
 */
export function runsWithCurves(data) {
  let logged = loggedByData.get(data);
  if (!logged) {
    logged = new Uint8Array(data.runs.length);
    for (const curve of data.curves.values()) for (const index of curve.byRun.keys()) logged[index] = 1;
    loggedByData.set(data, logged);
  }
  return logged;
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
