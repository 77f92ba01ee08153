// The top bar: what the report holds, when it was written, and the project picker when runs come from several.

import { clear, el, select } from "./dom.js";
import { metricsOf } from "../data/report-data.js";
import { plural, valueId } from "../data/values.js";

/** @typedef {import("../data/report-data.js").ReportData} ReportData */
/** @typedef {import("../data/report-data.js").Run} Run */

/**
 * @param {HTMLElement} header
 * @param {ReportData} data
 * @param {readonly Run[]} runs the chosen project's runs
 * @param {boolean} hasGroups
 * @param {string} project "" for all
 * @param {(project: string) => void} onProject
 */
export function renderHeader(header, data, runs, hasGroups, project, onProject) {
  clear(header);
  const projects = Array.from(new Set(data.runs.map(r => r.project))).sort();
  header.appendChild(el("div", { className: "brand" }, [el("span", { className: "logo" }, "W"), el("span", null, "Runs report")]));
  const groups = new Set(runs.map(r => valueId(r.group)));
  header.appendChild(el("div", { className: "meta" }, [
    plural(runs.length, "run") + " · " + (hasGroups ? plural(groups.size, "group") + " · " : "") + plural(metricsOf(data, runs).length, "metric") + " · generated ",
    el("time", { datetime: data.generatedAt }, new Date(data.generatedAt).toLocaleString()),
  ]));
  if (projects.length > 1) {
    header.appendChild(el("label", { className: "project-pick" }, ["project ",
      select("project", [["", "all projects"], ...projects.map(p => /** @type {[string, string]} */ ([p, p]))], project, onProject, "Project")]));
  }
}
