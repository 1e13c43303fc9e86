#!/usr/bin/env bash
# Fault soak: SOAK_RUNS (default 50) consecutive syncs against the sandbox with ~12% of calls faulted
# (429, 500, 503, dropped connections, timeouts, writes whose answer is lost) and random Slack churn between runs.
# Prints the table; fails if any check fails (unsafe revocation, foreign grant touched, difference after SUCCESS).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
report="$(mktemp)"
status=0
SOAK_REPORT="$report" dotnet test tests/SlackOigSync.Tests --configuration Release \
  --filter "FullyQualifiedName~FaultSoakTests" >/dev/null 2>&1 || status=$?
cat "$report"
[ "$status" -eq 0 ] && echo "soak: all checks passed" || echo "soak: FAILED (run dotnet test --filter FaultSoakTests for details)"
rm -f "$report"
exit "$status"
