#!/usr/bin/env bash
# Runs every test and ends with the plain line "N passed, N failed, N skipped".
# Exits non-zero if any test fails or the run breaks. Needs ./setup.sh first.
set -uo pipefail
cd "$(dirname "$0")"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test Sweeps.sln -c Release -nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary line per test assembly: "Passed!  - Failed: 0, Passed: 83, Skipped: 4, Total: 87, ..."
read -r passed failed skipped < <(
  grep -E '^(Passed|Failed)!' "$log" | awk -F'[:,]' '
    { failed += $2; passed += $4; skipped += $6 }
    END { print passed + 0, failed + 0, skipped + 0 }')
echo
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status before reporting a failure (see above)." >&2
fi
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
