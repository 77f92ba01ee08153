// DOM helpers. Every user string reaches the page through textContent or an attribute value set with
// setAttribute, never through innerHTML: run names, groups, config keys and values are data, not markup.
"use strict";

/** Creates an element; attrs are set with setAttribute (or as listeners for on*), children appended as text or nodes. */
function el(tag, attrs, children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const name of Object.keys(attrs)) {
      const value = attrs[name];
      if (value === undefined || value === null || value === false) continue;
      if (name.startsWith("on") && typeof value === "function") {
        node.addEventListener(name.slice(2), value);
      } else if (name === "className") {
        node.className = value;
      } else {
        node.setAttribute(name, value === true ? "" : String(value));
      }
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  if (children === undefined || children === null) return node;
  if (!Array.isArray(children)) children = [children];
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
  return node;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

function option(value, label, selected) {
  const o = el("option", { value: value }, label);
  if (selected) o.selected = true;
  return o;
}

function select(testid, options, current, onChange, title) {
  const s = el("select", { "data-testid": testid, title: title, "aria-label": title });
  for (const [value, label] of options) s.appendChild(option(value, label, value === current));
  s.addEventListener("change", () => onChange(s.value));
  return s;
}
