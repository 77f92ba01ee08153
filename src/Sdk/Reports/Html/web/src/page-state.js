// What the reader has chosen (grouping, filter, sort, open groups, chart settings) and where they are
// (#/, #/group/<name> or #/run/<id>), and the context every view renders from.

/** @typedef {import("./data/report-data.js").ReportData} ReportData */
/** @typedef {import("./data/report-data.js").Run} Run */
/** @typedef {import("./data/grouping.js").GroupNode} GroupNode */
/** @typedef {import("./data/grouping.js").LineSource} LineSource */
/** @typedef {import("./data/columns.js").Column} Column */
/** @typedef {import("./data/columns.js").ColumnAggregate} ColumnAggregate */
/** @typedef {import("./data/columns.js").SortOrder} SortOrder */
/** @typedef {import("./data/chart-settings.js").ChartSettings} ChartSettings */

/** Rows the table builds at first, and adds per click on its "show more" button. */
export const ROW_PAGE = 200;

/**
 * @typedef {object} PageState
 * @property {string} project "" for all projects
 * @property {boolean} grouped
 * @property {string[]} keys group-by keys, outermost first
 * @property {string} filter
 * @property {SortOrder} sort col "" is the default order: runs that did not finish first, then by name
 * @property {Set<string> | null} columns the column ids the reader picked; null: the defaults (columns.js)
 * @property {Map<string, ColumnAggregate>} colAgg the statistic a group row shows, per column id
 * @property {Set<string>} expanded ids of the open group rows
 * @property {string | null} compareMetric
 * @property {number} rowLimit
 * @property {Map<string, ChartSettings>} chartSettings per metric, only those a reader changed
 * @property {string} metricSearch the charts' metric search ("" shows every metric)
 * @property {string[]} collapsedSections names of the chart sections the reader closed
 * @property {boolean | null} showRuns each run drawn faintly behind its group's line; null: the page's default (on for a group page)
 * @property {string} strokeBy group key whose values pick the lines' dash patterns; "" for solid lines
 * @property {string} chartBy group key with one chart per value; "" for one chart per metric
 */

/** @typedef {{ page: "all" } | { page: "group", name: string | null } | { page: "run", id: string }} Route */

/**
 * Everything a view renders from, computed once per render.
 * @typedef {object} ViewContext
 * @property {ReportData} data
 * @property {PageState} state
 * @property {Route} route
 * @property {Run[]} runs the runs of the project, route and filter
 * @property {string[]} metrics the metrics those runs logged: one chart each
 * @property {GroupNode[]} tree
 * @property {boolean} grouped
 * @property {LineSource[]} leaves
 * @property {Column[]} cols every column the runs have: rows sort by any of them
 * @property {Column[]} shown the columns the table shows
 * @property {() => void} redrawTable redraws the table and the comparison after a change of theirs
 */

/**
 * @param {ReportData} data
 * @returns {PageState}
 */
export function initialState(data) {
  return {
    project: "",
    grouped: hasGroups(data),   // W&B groups by `group` by default whenever runs have one
    keys: ["group"],
    filter: "",
    sort: { col: "", dir: 1 },
    columns: null,
    colAgg: new Map(),
    expanded: new Set(),
    compareMetric: null,
    rowLimit: ROW_PAGE,
    chartSettings: new Map(),
    metricSearch: "",
    collapsedSections: [],
    showRuns: null,
    strokeBy: "",
    chartBy: "",
  };
}

/** @param {ReportData} data */
export function hasGroups(data) {
  return data.runs.some(r => r.group !== null && r.group !== undefined);
}

/**
 * @param {string} hash location.hash; a view query after "?" is not the route's (view-url.js)
 * @returns {Route}
 */
export function parseRoute(hash) {
  const m = /^#\/(group|run)\/([^?]*)/.exec(hash);
  if (!m) return { page: "all" };
  let name;
  try { name = decodeURIComponent(m[2]); } catch { name = m[2]; }
  if (m[1] === "run") return { page: "run", id: name };
  return { page: "group", name: name === "" ? null : name };
}

/**
 * The link to a group's page; the runs without a group have theirs at #/group/.
 * @param {string | null} name
 */
export function groupHref(name) {
  return "#/group/" + (name === null ? "" : encodeURIComponent(name));
}

/** @param {string} id */
export function runHref(id) {
  return "#/run/" + encodeURIComponent(id);
}
