// Report data as the C# writer shapes it, small enough to reason about in a test: runs are written row by
// row here and encoded by column the way the writer does (docs/html-report.md, "Data contract").

import { parseReportData } from "../src/data/report-data.js";

/** @typedef {import("../src/data/report-data.js").JsonValue} JsonValue */
/** @typedef {import("../src/data/report-data.js").RawColumn} RawColumn */
/** @typedef {import("../src/data/report-data.js").RawRuns} RawRuns */
/** @typedef {import("../src/data/report-data.js").RawCurve} RawCurve */
/** @typedef {import("../src/data/report-data.js").SystemInfo} SystemInfo */

/**
 * One run's fields, as a test writes them.
 * @typedef {object} RunFields
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
 * @property {{ [key: string]: JsonValue }} summary
 * @property {string | null} error
 */

/** @type {SystemInfo} */
const SYSTEM = { host: "h", os: "Linux", dotnet: ".NET 10", pid: 1, git_commit: null, git_branch: null, git_dirty: null, ci_provider: null, ci_run_id: null };

/**
 * A run with the writer's fields; overrides replace them.
 * @param {Partial<RunFields>} overrides
 * @returns {RunFields}
 */
export function rawRun(overrides) {
  return {
    id: "r" + Math.random().toString(36).slice(2, 8), name: "run", project: "p", group: null, job_type: null,
    state: "finished", exit_code: 0, notes: null, created_at: "2026-01-01T00:00:00+00:00", duration: 1, tags: [],
    config: {}, summary: {}, error: null, ...overrides,
  };
}

/**
 * A column of one value per run (undefined: no value), in the encoding asked for.
 * @param {(JsonValue | undefined)[]} perRun
 * @param {"values" | "index" | "repeat"} encoding
 * @returns {RawColumn}
 */
export function encodeColumn(perRun, encoding) {
  /** @type {number[]} */
  const rows = [];
  /** @type {JsonValue[]} */
  const values = [];
  let previous = 0;
  perRun.forEach((v, row) => {
    if (v === undefined) return;
    rows.push(row - previous);
    previous = row;
    values.push(v);
  });
  /** @type {RawColumn} */
  const column = rows.length === perRun.length ? {} : { rows };
  if (encoding === "values") return { ...column, values };
  /** @type {string[]} */
  const keys = [];
  const index = values.map(v => { const k = JSON.stringify(v); if (!keys.includes(k)) keys.push(k); return keys.indexOf(k); });
  const distinct = keys.map(k => JSON.parse(k));
  if (encoding === "index") return { ...column, distinct, index };
  /** @type {number[]} */
  const repeat = [];
  for (const i of index) {
    if (repeat.length && repeat[repeat.length - 2] === i) repeat[repeat.length - 1]++;
    else repeat.push(i, 1);
  }
  return { ...column, distinct, repeat };
}

/**
 * The runs by column, the fields in a mix of the writer's encodings.
 * @param {RunFields[]} runs
 * @param {number} originMs
 * @returns {RawRuns}
 */
function encodeRuns(runs, originMs) {
  /**
   * @param {(run: RunFields) => JsonValue | undefined} get
   * @param {"values" | "index" | "repeat"} encoding
   */
  const field = (get, encoding) => encodeColumn(runs.map(r => { const v = get(r); return v === null ? undefined : v; }), encoding);
  /** @param {(run: RunFields) => { [key: string]: JsonValue }} part */
  const keyed = part => {
    /** @type {{ [key: string]: RawColumn }} */
    const out = {};
    const keys = Array.from(new Set(runs.flatMap(r => Object.keys(part(r))))).sort();
    keys.forEach((key, i) => {
      // As JSON.parse makes it: an own property even when the key is "__proto__".
      Object.defineProperty(out, key, { enumerable: true, writable: true, configurable: true,
        value: encodeColumn(runs.map(r => (Object.prototype.hasOwnProperty.call(part(r), key) ? part(r)[key] : undefined)), i % 2 ? "index" : "values") });
    });
    return out;
  };
  const created = runs.map(r => Date.parse(r.created_at));
  return {
    count: runs.length,
    id: field(r => r.id, "values"), name: field(r => r.name, "index"), project: field(r => r.project, "repeat"),
    group: field(r => r.group, "repeat"), job_type: field(r => r.job_type, "index"), state: field(r => r.state, "index"),
    exit_code: field(r => r.exit_code, "values"), notes: field(r => r.notes, "values"), duration: field(r => r.duration, "values"),
    tags: field(r => r.tags, "repeat"), error: field(r => r.error, "values"), system: field(() => /** @type {JsonValue} */ (/** @type {unknown} */ (SYSTEM)), "repeat"),
    created: created.map((ms, i) => ms - (i === 0 ? originMs : created[i - 1])),
    config: keyed(r => r.config), summary: keyed(r => r.summary),
  };
}

/**
 * Parses the data block the page would read.
 * @param {{ runs: RunFields[], curves?: { [metric: string]: RawCurve }, axes?: { runtime?: RawCurve, wall?: RawCurve }, timeOrigin?: number,
 *   lowerIsBetter?: string[], compareMetric?: string, omitted?: import("../src/data/report-data.js").RawOmitted }} parts
 */
export function reportData(parts) {
  const curves = parts.curves ?? {};
  const origin = parts.timeOrigin ?? Math.min(...parts.runs.map(r => Date.parse(r.created_at))) / 1000;
  return parseReportData(JSON.stringify({
    schema: 2, generated_at: "2026-01-01T00:00:00+00:00", buckets: 1000, time_origin: origin,
    runs: encodeRuns(parts.runs, Math.round(origin * 1000)),
    metrics: Object.keys(curves).sort(), curves, axes: parts.axes ?? {},
    lower_is_better: parts.lowerIsBetter ?? [], logger_keys: ["duration", "error", "outcome"], compare_metric: parts.compareMetric ?? null,
    ...(parts.omitted ? { omitted: parts.omitted } : {}),
  }));
}
