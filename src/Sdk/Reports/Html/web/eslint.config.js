// Lint rules of the page script. Names are checked by TypeScript (npm run check), so no-undef is off.
import js from "@eslint/js";

// Markup from strings is how a user's run name would become a script: the page builds nodes only.
const noMarkupFromStrings = [
  { object: "document", property: "write", message: "Build nodes with el() instead." },
  { object: "document", property: "writeln", message: "Build nodes with el() instead." },
];
const noMarkupSyntax = [
  { selector: "MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", message: "Set text with textContent or el(); never parse markup." },
  { selector: "CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment|parseFromString)$/]", message: "Build nodes with el(); never parse markup." },
];
// A user may name a metric or config key "constructor" or "__proto__": looked up in a plain object, the
// name finds Object.prototype's property. Whatever users name is a Map key (see src/data/report-data.js).
const noUserKeysInObjects = [
  { selector: "MemberExpression[computed=true][object.property.name=/^(config|summary|curves|chartSettings|colAgg)$/]", message: "User-named keys live in Maps: use .get() and .set()." },
];

export default [
  { ignores: ["node_modules/**"] },
  js.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: "module" },
    rules: {
      "no-undef": "off",
      "eqeqeq": ["error", "always"],
      "no-var": "error",
      "prefer-const": "error",
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-restricted-properties": ["error", ...noMarkupFromStrings],
      "no-restricted-syntax": ["error", ...noMarkupSyntax, ...noUserKeysInObjects],
    },
  },
  {
    // The pure modules run in Node's tests as well as in the page: no DOM, no window.
    files: ["src/data/**/*.js"],
    rules: {
      "no-restricted-globals": ["error", "document", "window", "location", "navigator", "performance", "HTMLElement", "Node"],
    },
  },
];
