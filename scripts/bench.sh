#!/usr/bin/env bash
# Benchmark (not a test): API calls by endpoint against the minimum, wall time and the worker's peak memory for
# generated orgs of 100 / 1,000 / 10,000 / 50,000 role assignments, with 50 ms latency per call; then one org under
# tight rate budgets with pacing off and on. Arguments go to the first part, e.g. --sizes 100,1000 --latency 20.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/SlackOigSync.Bench --configuration Release -v quiet -nologo >/dev/null
bench=bench/SlackOigSync.Bench/bin/Release/net10.0/SlackOigSync.Bench.dll
dotnet "$bench" "$@"
echo
dotnet "$bench" --rate-limits
