// The runs that did not finish (failed, crashed, killed) and their messages, which the page shows first:
// a list above the table, a column and a tooltip in it, and each run's own page.

/** @typedef {import("./report-data.js").Run} Run */

const PROBLEM_STATES = new Set(["failed", "crashed", "killed"]);

/** @param {Run} run */
export function isProblem(run) {
  return PROBLEM_STATES.has(run.state);
}

/**
 * The runs that did not finish, the newest first: the failure a reader came for is at the top.
 * @param {readonly Run[]} runs
 */
export function problemRuns(runs) {
  return runs.filter(isProblem).sort((a, b) => b.createdMs - a.createdMs || (a.id < b.id ? -1 : 1));
}

/**
 * A message on one line (line breaks and other control characters become spaces), cut at max characters;
 * cut says whether anything was left out.
 * @param {string} message
 * @param {number} max
 */
export function oneLine(message, max) {
  // eslint-disable-next-line no-control-regex
  const line = message.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/g, " ").trim();
  return line.length > max ? { text: line.slice(0, max) + "…", cut: true } : { text: line, cut: false };
}
