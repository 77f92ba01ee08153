#!/usr/bin/env bash
# Runs the samples end to end on a fresh clone: packs Wandb.Sdk into artifacts/feed, then builds and runs
# each sample against that package exactly as a user's project would, and prints where the report is.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="0.1.0-local"
feed="$root/artifacts/feed"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

echo "==> Packing Wandb.Sdk $version into $feed"
dotnet pack "$root/src/Sdk/Wandb.Sdk.csproj" -c Release -o "$feed" -p:Version="$version" -nologo -v:q

# The same version is repacked on every run: drop the copy NuGet cached last time.
cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
rm -rf "$cache/wandb.sdk/$version"

echo "==> QuickStart: three seeds logged as runs of one group"
dotnet run --project "$root/samples/QuickStart" -c Release -p:WandbSdkVersion="$version"
