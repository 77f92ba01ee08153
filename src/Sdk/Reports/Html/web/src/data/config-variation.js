// Which config keys vary inside a set of runs (a group) and which hold one value throughout.

import { configKeys } from "./grouping.js";
import { compareValues, valueId } from "./values.js";

/** @typedef {import("./report-data.js").Run} Run */
/** @typedef {import("./report-data.js").JsonValue} JsonValue */

/**
 * @typedef {object} ConfigVariation
 * @property {{ key: string, values: { value: JsonValue, count: number }[] }[]} varying each key's values, most runs first
 * @property {{ key: string, value: JsonValue }[]} constant
 */

/**
 * A run without a key counts as its own value (none): a key only some runs have varies.
 * @param {readonly Run[]} runs
 * @returns {ConfigVariation}
 */
export function configVariation(runs) {
  /** @type {ConfigVariation} */
  const out = { varying: [], constant: [] };
  for (const key of configKeys(runs)) {
    /** @type {Map<string, { value: JsonValue, count: number }>} */
    const values = new Map();
    for (const run of runs) {
      const value = run.config.get(key) ?? null;
      const id = valueId(value);
      const seen = values.get(id);
      if (seen) seen.count++; else values.set(id, { value, count: 1 });
    }
    if (values.size === 1) out.constant.push({ key, value: values.values().next().value?.value ?? null });
    else out.varying.push({ key, values: Array.from(values.values()).sort((a, b) => b.count - a.count || compareValues(a.value, b.value)) });
  }
  return out;
}
