#!/usr/bin/env bash
# Runs every sample end to end on a fresh clone (needs only the .NET SDK): packs Wandb.Sdk into
# artifacts/feed, builds and runs each sample against that package exactly as a user's project would,
# writes the grouped reports and prints the path of the HTML report as the last line.
#
#   bash build/run-samples.sh                      all samples
#   bash build/run-samples.sh CrossValidation      only the named samples (QuickStart CrossValidation
#                                                  TrainEvaluate Sweep ModelTests), then the report
#   WANDB_DIR=/tmp/runs bash build/run-samples.sh  another store (default: <repo>/wandb)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="0.1.0-local"
feed="$root/artifacts/feed"
samples="$root/samples"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Every sample writes to the same store; the default is the repository's wandb folder.
export WANDB_DIR="${WANDB_DIR:-$root/wandb}"
props=(-p:WandbSdkVersion="$version" -nologo -v:q -clp:NoSummary -tl:off)

step() { echo; echo "==> $*"; }
selected=("$@")
wanted() { [ ${#selected[@]} -eq 0 ] || [[ " ${selected[*]} " == *" $1 "* ]]; }

step "Packing Wandb.Sdk $version into $feed"
rm -f "$feed"/wandb.sdk.*.nupkg "$feed"/Wandb.Sdk.*.nupkg
dotnet pack "$root/src/Sdk/Wandb.Sdk.csproj" -c Release -o "$feed" -p:Version="$version" -nologo -v:q -clp:NoSummary
# The same version is repacked on every run: drop the copy NuGet cached last time, and the samples'
# restore results that point at it.
cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
rm -rf "$cache/wandb.sdk/$version"
find "$samples" -path '*/obj/project.assets.json' -delete 2>/dev/null || true

if wanted QuickStart; then
  step "QuickStart: three seeds of one experiment logged from code (dotnet run)"
  dotnet run --project "$samples/QuickStart" -c Release "${props[@]}"
fi

if wanted CrossValidation; then
  step "Sample 1, CrossValidation: 5 folds x 3 seeds, then a FastTree learning curve (dotnet build -t:CrossValidate;Train)"
  dotnet build "$samples/CrossValidation" -c Release -t:"CrossValidate;Train" "${props[@]}"
fi

if wanted TrainEvaluate; then
  step "Sample 2, TrainEvaluate: training and evaluation processes in one group (dotnet build -t:Train;Evaluate)"
  dotnet build "$samples/TrainEvaluate" -c Release -t:"Train;Evaluate" "${props[@]}"
fi

if wanted Sweep; then
  sweep_group="sweep-$(date +%Y%m%d-%H%M%S)"
  step "Sample 3, Sweep: the Train target with three learning rates, group $sweep_group"
  for rate in 0.02 0.1 0.4; do
    WANDB_RUN_GROUP="$sweep_group" dotnet build "$samples/Sweep" -c Release -t:Train -p:LearningRate="$rate" "${props[@]}"
  done
  step "Sweep report: runs of project 'sweep' grouped by LearningRate, compared on AreaUnderRocCurve"
  dotnet run --project "$samples/Report" -c Release "${props[@]}" -- \
    --project sweep --group-by LearningRate --metric AreaUnderRocCurve --higher-is-better AreaUnderRocCurve --out "$WANDB_DIR/report/sweep"
fi

if wanted ModelTests; then
  step "Sample 4, ModelTests: dotnet test --logger wandb"
  dotnet test "$samples/ModelTests" -c Release --logger wandb "${props[@]}"
fi

step "Writing the grouped reports of $WANDB_DIR"
output="$(dotnet run --project "$samples/Report" -c Release "${props[@]}")"
echo "$output"
report="$(tail -n 1 <<<"$output")"

echo
echo "Report: $report"
