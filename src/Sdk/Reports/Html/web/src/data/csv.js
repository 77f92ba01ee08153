// CSV as RFC 4180 writes it (fields quoted when they hold a comma, quote or line break; lines end in CRLF),
// with text that a spreadsheet would run as a formula (=, +, -, @ first) prefixed by an apostrophe: a run or
// group name is data, never a formula. Numbers are written in full, as JavaScript prints them.

/** @typedef {string | number | null} CsvCell */

/**
 * @param {readonly (readonly CsvCell[])[]} rows
 * @returns {string}
 */
export function toCsv(rows) {
  return rows.map(row => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** @param {CsvCell} cell */
function csvField(cell) {
  if (cell === null) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  const text = /^[=+\-@\t\r]/.test(cell) ? "'" + cell : cell;
  return /[",\r\n]/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
}

/**
 * A file name from a user's name: letters, digits, '.', '-' and '_' kept, every other run of characters one
 * '_', no leading dot, at most 120 characters.
 * @param {string} name
 * @param {string} extension without the dot
 */
export function safeFileName(name, extension) {
  const base = name.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+/, "").slice(0, 120);
  return (base || "chart") + "." + extension;
}
