#!/usr/bin/env bash
# The one-command demo: the real sync against the bundled sandbox, four times (writes data/demo.db).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run --project src/SlackOigSync.Demo --configuration Release -- "$@"
