// A run's number in a column, read from its config or summary map once and then kept by run index. At
// 100,000 runs sorting, regrouping and group statistics read the same columns again and again; a map look-up
// and a conversion per read was most of their time.

/** @typedef {import("./report-data.js").Run} Run */

/** Slots of a memo's arrays: unknown yet, a number, null, undefined (a config key the run does not have). */
const UNKNOWN = 0, NUMBER = 1, NULL = 2, MISSING = 3;

/**
 * Wraps a reader of numbers (null or undefined where a run has none) in one that reads each run once. The memo
 * grows to the largest run index asked for.
 * @template {number | null | undefined} T
 * @param {(run: Run) => T} read
 * @returns {(run: Run) => T}
 */
export function memoByRun(read) {
  let values = new Float64Array(0);
  let known = new Uint8Array(0);
  return run => {
    const i = run.index;
    if (i >= known.length) {
      const size = Math.max(i + 1, known.length * 2);
      const grownValues = new Float64Array(size), grownKnown = new Uint8Array(size);
      grownValues.set(values);
      grownKnown.set(known);
      values = grownValues;
      known = grownKnown;
    } else if (known[i] !== UNKNOWN) {
      return /** @type {T} */ (known[i] === NUMBER ? values[i] : known[i] === NULL ? null : undefined);
    }
    const v = read(run);
    if (typeof v === "number") values[i] = v;
    known[i] = typeof v === "number" ? NUMBER : v === null ? NULL : MISSING;
    return v;
  };
}
