// ESLint results as MSBuild's canonical error format, `file(line,col): error rule: message`, so a lint
// error in the Wandb.Sdk build shows as a build error at its place, like TypeScript's.

/** @param {import("eslint").ESLint.LintResult[]} results */
export default function format(results) {
  const lines = [];
  for (const result of results) {
    for (const m of result.messages) {
      const level = m.severity === 2 ? "error" : "warning";
      lines.push(`${result.filePath}(${m.line ?? 0},${m.column ?? 0}): ${level} ${m.ruleId ?? "eslint"}: ${m.message}`);
    }
  }
  return lines.length ? lines.join("\n") + "\n" : "";
}
