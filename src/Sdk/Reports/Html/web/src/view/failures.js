// The runs of a page that did not finish, newest first, each with its message and a link to its page: put
// above everything else, because a failure is what a reader looks for first.

import { el } from "./dom.js";
import { oneLine, problemRuns } from "../data/problems.js";
import { displayValue, plural } from "../data/values.js";
import { runHref } from "../page-state.js";

/** @typedef {import("../data/report-data.js").Run} Run */

/** Runs listed; the table (sorted as it is at first) shows the rest at its top. */
const MAX_LISTED = 10;
/** Characters of a message on its line; the run's page shows it all. */
const MAX_MESSAGE = 200;

/**
 * @param {readonly Run[]} runs the page's runs
 * @returns {HTMLElement | null} null when every run finished
 */
export function renderFailures(runs) {
  const problems = problemRuns(runs);
  if (!problems.length) return null;
  const box = el("section", { className: "failures", "data-testid": "failures" });
  box.appendChild(el("h2", null, plural(problems.length, "run") + " did not finish"));
  const list = el("ul");
  for (const run of problems.slice(0, MAX_LISTED)) {
    const message = run.error === null ? null : oneLine(run.error, MAX_MESSAGE);
    list.appendChild(el("li", { "data-run": run.id }, [
      el("span", { className: "pill state-" + run.state }, run.state),
      el("a", { href: runHref(run.id) }, run.name),
      el("span", { className: "muted" }, displayValue(run.group) + (run.job_type === null ? "" : " / " + run.job_type)),
      message === null
        ? el("span", { className: "failure-message muted" }, "no message recorded" + (run.exitCode === null ? "" : " (exit code " + run.exitCode + ")"))
        : el("span", { className: "failure-message" }, message.cut ? [message.text, el("span", { className: "muted" }, " (truncated: the run's page shows the whole message)")] : message.text),
    ]));
  }
  if (problems.length > MAX_LISTED) {
    list.appendChild(el("li", { className: "muted" }, "…and " + (problems.length - MAX_LISTED) + " more, at the top of the table"));
  }
  box.appendChild(list);
  return box;
}
