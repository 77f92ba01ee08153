// The note of what the report's budget left out (docs/html-report.md, "Summarised groups"): how many runs and
// groups have no rows in the table and no curves, the settings that show them, and those groups' own counts and
// key metrics as the engine computed them from every run. Shown on the all-runs page, and on the page of a group
// whose runs were all left out.

import { clear, el } from "./dom.js";
import { groupHref } from "../page-state.js";
import { NONE_LABEL, formatNumber, formatTime, plural } from "../data/values.js";

/** @typedef {import("../data/report-data.js").ReportData} ReportData */
/** @typedef {import("../data/report-data.js").SummaryGroup} SummaryGroup */
/** @typedef {import("../page-state.js").Route} Route */

/** Rows drawn at once: the data holds up to 1,000 groups. */
const SHOWN_GROUPS = 100;

/**
 * @param {HTMLElement} area
 * @param {ReportData} data
 * @param {Route} route
 * @param {string} project "" for all
 */
export function renderOmittedNote(area, data, route, project) {
  clear(area);
  const omitted = data.omitted;
  const groupPage = route.page === "group";
  const name = groupPage ? route.name : null;
  const listedGroup = groupPage && data.runs.some(run => run.group === name);
  area.hidden = route.page === "run" || ((!omitted || listedGroup) && !data.curvesOmitted);
  if (area.hidden) return;
  if (data.curvesOmitted) area.appendChild(curvesNote(data.curvesOmitted));
  if (!omitted || listedGroup) return;
  let groups = project ? omitted.summaryOnly.filter(g => g.projects.includes(project)) : omitted.summaryOnly;
  if (groupPage) groups = groups.filter(g => g.group === name);
  const note = el("div", { className: "omitted-note", "data-testid": "omitted-note", role: "note" }, [
    el("strong", null, "Summarised only: "),
    groupPage
      ? "the runs of this group are counted in its aggregates below but have no rows and no curves in this report. "
      : plural(omitted.runs, "run") + " in " + plural(omitted.groups, "other group") + " are counted in their groups' aggregates below but have no rows in the table and no curves. ",
    "The report shows " + formatNumber(omitted.maxDetailRuns) + " runs in full at most: the build's or test run's own groups, the baseline group, then the most recent groups. ",
    omitted.how,
  ]);
  area.appendChild(note);
  if (groups.length) area.appendChild(groupTable(groups.slice(0, SHOWN_GROUPS), omitted.metrics));
  // The data lists the most recent summarised groups only; per project, only those listed are known.
  const more = groupPage ? 0 : (project ? groups.length : omitted.groups) - Math.min(groups.length, SHOWN_GROUPS);
  if (more > 0) area.appendChild(el("p", { className: "muted small" }, "…and " + plural(more, "more group") + "; runs.json and summary.md list every group's aggregates."));
}

/**
 * The runs listed without curves: each curve keeps a minimum of points, so a page of many runs with histories keeps
 * the curves of the build's own groups, the baseline and the most recent groups within its size budget.
 * @param {number} runs
 */
function curvesNote(runs) {
  return el("div", { className: "omitted-note", "data-testid": "curves-omitted-note", role: "note" }, [
    el("strong", null, "Curves left out: "),
    plural(runs, "run") + " in the table have no lines in the charts, to keep this page within its size budget " +
      "(curves go to the build's or test run's own groups, the baseline group, then the most recent groups). " +
      "A report of fewer runs charts them: name their group (dotnet wandb report --group NAME --out <folder>) or lower the budget of runs shown in full.",
  ]);
}

/**
 * @param {readonly SummaryGroup[]} groups
 * @param {readonly string[]} metrics
 */
function groupTable(groups, metrics) {
  const table = el("table", { className: "summary-table", "data-testid": "summary-only-groups" });
  table.appendChild(el("thead", null, el("tr", null, ["group", "runs", "states", "latest run", ...metrics.map(m => m + " mean ± std (n)")].map(h => el("th", { scope: "col" }, h)))));
  const body = el("tbody");
  for (const g of groups) {
    const states = Array.from(g.states).map(([state, n]) => n + " " + state).join(", ");
    body.appendChild(el("tr", { "data-group": g.group ?? "" }, [
      el("th", { scope: "row" }, el("a", { href: groupHref(g.group) }, g.group ?? NONE_LABEL)),
      el("td", { className: "num", "data-testid": "summary-only-runs" }, String(g.runs)),
      el("td", null, states),
      el("td", null, formatTime(g.latestMs)),
      ...metrics.map(m => el("td", { className: "num", "data-metric": m }, statText(g.stats.get(m)))),
    ]));
  }
  table.appendChild(body);
  return table;
}

/** @param {{ n: number, mean: number | null, std: number | null } | undefined} s */
function statText(s) {
  if (!s || s.mean === null) return "–";
  return s.n > 1 && s.std !== null ? formatNumber(s.mean) + " ± " + formatNumber(s.std) + " (" + s.n + ")" : formatNumber(s.mean);
}
