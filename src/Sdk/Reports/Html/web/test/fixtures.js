// Report data as the C# writer shapes it, small enough to reason about in a test.

import { parseReportData } from "../src/data/report-data.js";

/** @typedef {import("../src/data/report-data.js").RawRun} RawRun */
/** @typedef {import("../src/data/report-data.js").RawCurve} RawCurve */

/**
 * A run with the writer's fields; overrides replace them.
 * @param {Partial<RawRun>} overrides
 * @returns {RawRun}
 */
export function rawRun(overrides) {
  return {
    id: "r" + Math.random().toString(36).slice(2, 8), name: "run", project: "p", group: null, job_type: null,
    state: "finished", exit_code: 0, notes: null, created_at: "2026-01-01T00:00:00+00:00", duration: 1, tags: [],
    config: {}, summary: {}, error: null, system: 0, ...overrides,
  };
}

/**
 * Parses the data block the page would read.
 * @param {{ runs: RawRun[], curves?: { [metric: string]: RawCurve }, axes?: { runtime?: RawCurve, wall?: RawCurve }, timeOrigin?: number,
 *   lowerIsBetter?: string[], compareMetric?: string }} parts
 */
export function reportData(parts) {
  const curves = parts.curves ?? {};
  return parseReportData(JSON.stringify({
    schema: 1, generated_at: "2026-01-01T00:00:00+00:00", buckets: 1000, time_origin: parts.timeOrigin ?? 0,
    runs: parts.runs, systems: [{ host: "h", os: "Linux", dotnet: ".NET 10", pid: 1, git_commit: null, git_branch: null, git_dirty: null, ci_provider: null, ci_run_id: null }],
    metrics: Object.keys(curves).sort(), curves, axes: parts.axes ?? {},
    lower_is_better: parts.lowerIsBetter ?? [], logger_keys: ["duration", "error", "outcome"], compare_metric: parts.compareMetric ?? null,
  }));
}
