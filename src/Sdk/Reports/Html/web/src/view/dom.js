// DOM helpers. Every user string reaches the page through a text node or an attribute value set with
// setAttribute, never through innerHTML: run names, groups, config keys and values are data, not markup.

/** @typedef {string | number | boolean | null | undefined | ((event: Event) => void)} AttributeValue */
/** @typedef {string | number | Node | null | undefined | false} Child */

/**
 * Creates an element; attrs are set with setAttribute (or as listeners for on*, or className), children
 * appended as text or nodes.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {{ [name: string]: AttributeValue } | null} [attrs]
 * @param {Child | Child[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs, children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const name of Object.keys(attrs)) {
      const value = attrs[name];
      if (value === undefined || value === null || value === false) continue;
      if (typeof value === "function") {
        if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      } else if (name === "className") {
        node.className = String(value);
      } else {
        node.setAttribute(name, value === true ? "" : String(value));
      }
    }
  }
  append(node, children);
  return node;
}

/**
 * @template {Node} N
 * @param {N} node
 * @param {Child | Child[]} [children]
 * @returns {N}
 */
export function append(node, children) {
  if (children === undefined || children === null) return node;
  for (const child of Array.isArray(children) ? children : [children]) {
    if (child === undefined || child === null || child === false) continue;
    node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
  return node;
}

/**
 * Removes every child at once: one change to lay out, where removing them one by one made one each.
 * @template {Element} N
 * @param {N} node
 * @returns {N}
 */
export function clear(node) {
  node.replaceChildren();
  return node;
}

/**
 * A labelled drop-down; onChange gets the chosen option's value.
 * @template {string} V
 * @param {string} testid
 * @param {readonly (readonly [V, string])[]} options value and label
 * @param {V | null} current
 * @param {(value: V) => void} onChange
 * @param {string} title
 */
export function select(testid, options, current, onChange, title) {
  const s = el("select", { "data-testid": testid, title, "aria-label": title });
  for (const [value, label] of options) {
    const o = el("option", { value }, label);
    if (value === current) o.selected = true;
    s.appendChild(o);
  }
  s.addEventListener("change", () => onChange(/** @type {V} */ (s.value)));
  return s;
}
