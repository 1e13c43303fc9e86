# Multi-stage build of the worker. Not built on the development machines (no Docker engine there): reviewed by hand.
# The worker does not reference the sandbox (an ASP.NET Core emulator used by the tests and the demo), so the image
# is the plain .NET runtime: no web server, no emulator, no sandbox tokens.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/SlackOigSync/ src/SlackOigSync/
RUN dotnet publish src/SlackOigSync/SlackOigSync.csproj --configuration Release --output /app

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS runtime
# tzdata: the daemon resolves IANA time zones (Schedule:TimeZone).
RUN apt-get update && apt-get install -y --no-install-recommends tzdata && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 sync && useradd --system --uid 10001 --gid sync --home /app sync \
    && mkdir -p /data && chown sync:sync /data
WORKDIR /app
COPY --from=build /app ./
COPY config/appsettings.json config/slack-roles.json ./config/
ENV SLACK_OIG_SYNC_Sync__DatabasePath=/data/slack-oig-sync.db \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
VOLUME ["/data"]
USER 10001:10001
# Secrets come from mounted files (Slack:TokenFile, Okta:ApiTokenFile, Okta:PrivateKeyPath; see deploy/) or the
# environment, never from the image.
ENTRYPOINT ["dotnet", "SlackOigSync.dll"]
CMD ["run"]
