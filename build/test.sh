#!/usr/bin/env bash
# Runs every test of the repository: unit tests, end-to-end tests (the packed package under real
# `dotnet build` / `dotnet test`), browser tests of the HTML report in headless Chromium, and the
# PostgreSQL store against a real server on 127.0.0.1. Installs Chromium and PostgreSQL with apt when
# missing (as root), prints "N passed, N failed" over all test projects and exits non-zero on failure.
#
#   bash build/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Grouping]
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=build/services.sh
source "$root/build/services.sh"

ensure_chromium || exit 1
ensure_postgres || exit 1

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

dotnet test "$root/Integration.sln" --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Each test project prints "Passed!  - Failed: 0, Passed: 12, Skipped: 0, ..." (or "Failed!  - ...").
passed=$(grep -oE '(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+' "$log" | awk -F'Passed: *' '{ s += $2 } END { print s + 0 }')
failed=$(grep -oE '(Passed|Failed)! +- Failed: +[0-9]+' "$log" | awk -F'Failed: *' '{ s += $2 } END { print s + 0 }')
projects=$(grep -cE '(Passed|Failed)! +- Failed:' "$log" || true)

# Every test project (tests/*Tests) must report: one that crashed or never ran prints no summary line.
# With extra arguments (a --filter) a project may rightly run nothing, so then one report is enough.
expected=1
if [ "$#" -eq 0 ]; then
  expected=$(find "$root/tests" -mindepth 2 -maxdepth 2 -name '*Tests.csproj' | wc -l)
fi

echo
echo "Test projects reported: ${projects} of ${expected}"
echo "${passed:-0} passed, ${failed:-0} failed"

if [ "$status" -ne 0 ] || [ "${failed:-0}" -ne 0 ] || [ "${projects:-0}" -lt "$expected" ]; then
  [ "${projects:-0}" -lt "$expected" ] && echo "test.sh: only ${projects} of ${expected} test projects reported results." >&2
  exit 1
fi
