#!/usr/bin/env bash
# Runs every test of the repository: unit tests, end-to-end tests (the packed package under real
# `dotnet build` / `dotnet test`), browser tests of the HTML report in headless Chromium, and the
# PostgreSQL store against a real server on 127.0.0.1. First checks the code style (.editorconfig) with
# `dotnet format --verify-no-changes`; a style failure counts as one failure. Installs Chromium and
# PostgreSQL with apt when missing (as root), prints "N passed, N failed" over all test projects and
# exits non-zero on failure.
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

# Whitespace, code style and analyzer findings at warning level or above (the rules .editorconfig marks
# `warning`), checked without changing a file. `dotnet format Integration.sln` fixes what it reports.
echo "Checking the code style: dotnet format --verify-no-changes"
format_started=$SECONDS
dotnet format "$root/Integration.sln" --verify-no-changes --severity warn
format_status=$?
format_seconds=$((SECONDS - format_started))

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
if [ "$format_status" -eq 0 ]; then
  echo "Code style: dotnet format found nothing to change (${format_seconds} s)"
else
  echo "Code style: FAILED, dotnet format --verify-no-changes exited with ${format_status} (${format_seconds} s); the files and rules are listed above the tests. Run 'dotnet format Integration.sln' to fix them."
  failed=$(( ${failed:-0} + 1 ))
fi
echo "Test projects reported: ${projects} of ${expected}"
echo "${passed:-0} passed, ${failed:-0} failed"

if [ "$status" -ne 0 ] || [ "$format_status" -ne 0 ] || [ "${failed:-0}" -ne 0 ] || [ "${projects:-0}" -lt "$expected" ]; then
  [ "${projects:-0}" -lt "$expected" ] && echo "test.sh: only ${projects} of ${expected} test projects reported results." >&2
  exit 1
fi
