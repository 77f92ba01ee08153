// The sidebar: a link to all runs and one per group, the most recently started first, with its start time,
// its run count and a mark when a run did not finish; then the groups the report's budget summarised (no run of
// theirs is in the data), so every group of the store is one click away, not only those shown in full.

import { clear, el } from "./dom.js";
import { groupsByRecency } from "../data/grouping.js";
import { isProblem } from "../data/problems.js";
import { NONE_LABEL, formatTime, plural } from "../data/values.js";
import { groupHref } from "../page-state.js";

/** @typedef {import("../data/report-data.js").Run} Run */
/** @typedef {import("../data/report-data.js").SummaryGroup} SummaryGroup */

/** Summarised groups listed at most: the data holds up to 1,000, the note's table and runs.json list them all. */
const SHOWN_SUMMARISED = 100;

/** States of runs that did not finish, as the engine names them. */
const PROBLEM_STATES = ["failed", "crashed", "killed"];

/**
 * @param {HTMLElement} sidebar
 * @param {readonly Run[]} runs the chosen project's runs
 * @param {{ name: string | null } | null} activeGroup the group of the page shown (a group's or a run's page)
 * @param {boolean} allRuns whether the page shown is all runs
 * @param {readonly SummaryGroup[]} summarised the chosen project's groups without runs in the data, the most recent first
 */
export function renderSidebar(sidebar, runs, activeGroup, allRuns, summarised = []) {
  clear(sidebar);
  sidebar.appendChild(el("a", { href: "#/", className: "nav-all" + (allRuns ? " active" : "") }, "All runs"));
  sidebar.appendChild(el("h2", { title: "Newest first" }, "Recent groups"));
  const list = el("ul", { "data-testid": "group-list", className: "group-list" });
  for (const node of groupsByRecency(runs)) {
    const name = node.value === null || node.value === undefined ? null : String(node.value);
    const failed = node.runs.filter(isProblem).length;
    const active = activeGroup !== null && activeGroup.name === name;
    // formatTime rather than toLocaleString: a locale formatter per group would cost the first render dearly.
    const started = formatTime(node.started);
    list.appendChild(el("li", null, el("a", { href: groupHref(name), className: active ? "active" : null, title: node.label + " · started " + started },
      [el("span", { className: "label" }, node.label), failed ? el("span", { className: "bad", title: plural(failed, "run") + " did not finish" }, "!") : null,
        el("span", { className: "count" }, String(node.runs.length)),
        el("time", { className: "started", datetime: new Date(node.started).toISOString() }, started)])));
  }
  sidebar.appendChild(list);
  if (summarised.length) renderSummarised(sidebar, summarised, activeGroup);
}

/**
 * @param {HTMLElement} sidebar
 * @param {readonly SummaryGroup[]} groups
 * @param {{ name: string | null } | null} activeGroup
 */
function renderSummarised(sidebar, groups, activeGroup) {
  sidebar.appendChild(el("h2", { title: "Counted in their aggregates only: the report's budget left their runs out" }, "Summarised groups"));
  const list = el("ul", { "data-testid": "summarised-group-list", className: "group-list summarised" });
  for (const g of groups.slice(0, SHOWN_SUMMARISED)) {
    const failed = PROBLEM_STATES.reduce((n, state) => n + (g.states.get(state) ?? 0), 0);
    const active = activeGroup !== null && activeGroup.name === g.group;
    const label = g.group ?? NONE_LABEL;
    const latest = formatTime(g.latestMs);
    list.appendChild(el("li", null, el("a", { href: groupHref(g.group), className: active ? "active" : null, title: label + " · latest run " + latest + " · summarised" },
      [el("span", { className: "label" }, label), failed ? el("span", { className: "bad", title: plural(failed, "run") + " did not finish" }, "!") : null,
        el("span", { className: "count" }, String(g.runs)),
        el("time", { className: "started", datetime: new Date(g.latestMs).toISOString() }, latest)])));
  }

  sidebar.appendChild(list);
  if (groups.length > SHOWN_SUMMARISED) sidebar.appendChild(el("p", { className: "muted small" }, "…and " + plural(groups.length - SHOWN_SUMMARISED, "more group")));
}
