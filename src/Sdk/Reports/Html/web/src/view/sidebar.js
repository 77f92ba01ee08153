// The sidebar: a link to all runs and one per group, the most recently started first, with its start time,
// its run count and a mark when a run did not finish.

import { clear, el } from "./dom.js";
import { groupsByRecency } from "../data/grouping.js";
import { isProblem } from "../data/problems.js";
import { formatTime, plural } from "../data/values.js";
import { groupHref } from "../page-state.js";

/** @typedef {import("../data/report-data.js").Run} Run */

/**
 * @param {HTMLElement} sidebar
 * @param {readonly Run[]} runs the chosen project's runs
 * @param {{ name: string | null } | null} activeGroup the group of the page shown (a group's or a run's page)
 * @param {boolean} allRuns whether the page shown is all runs
 */
export function renderSidebar(sidebar, runs, activeGroup, allRuns) {
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
}
