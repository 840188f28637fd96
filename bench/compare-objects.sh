#!/usr/bin/env bash
# Checks that the three renders of the rabbitmq and workers stacks in production hold the same objects:
#   stackgen render --env production --stack rabbitmq --stack workers
#   helm template shop bench/chart -f bench/chart/values-production.yaml --namespace shop
#   kubectl kustomize bench/kustomize/overlays/production
# Same Kind/namespace/name set is required (exit 1 otherwise); field differences are reported after normalising
# key order, quoting, the chart's helm.sh/chart label and the values of managed-by and checksum/config.
#
# usage: bench/compare-objects.sh [STACKGEN COMMAND...]
#   default command: dotnet run --project src/StackGen.Cli --   (run.sh passes the binary it measures)
# env:   HELM, KUBECTL (default: .tools/bin/{helm,kubectl}, installed by tools/install-helm --kubectl), OUT (default: bench/results/objects)
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
REPO=${STACKGEN_SOURCE:-$(dirname "$BENCH")}
TOOLS="$BENCH/.tools"
HELM=${HELM:-$(dirname "$BENCH")/.tools/bin/helm}
KUBECTL=${KUBECTL:-$(dirname "$BENCH")/.tools/bin/kubectl}
OUT=${OUT:-$BENCH/results/objects}
mkdir -p "$OUT"
[ -x "$HELM" ] && [ -x "$KUBECTL" ] || { echo "compare-objects: run tools/install-helm --kubectl first (no $HELM or $KUBECTL)" >&2; exit 2; }
if [ $# -eq 0 ]; then
  set -- dotnet run --project "$REPO/src/StackGen.Cli" --property:ArtifactsPath="$TOOLS/artifacts/dotnet-run" --
fi

compare_dll="$TOOLS/artifacts/compare/bin/Compare/release/compare-objects.dll"
if ! dotnet build "$BENCH/Compare" -c Release --artifacts-path "$TOOLS/artifacts/compare" -nodeReuse:false -v q >"$OUT/compare-build.log" 2>&1; then
  echo "compare-objects: building bench/Compare failed, see $OUT/compare-build.log" >&2
  exit 2
fi

(cd "$REPO" && "$@" render --env production --stack rabbitmq --stack workers) >"$OUT/stackgen.yaml" 2>"$OUT/stackgen.stderr"
"$HELM" template shop "$BENCH/chart" -f "$BENCH/chart/values-production.yaml" --namespace shop >"$OUT/helm.yaml"
"$KUBECTL" kustomize "$BENCH/kustomize/overlays/production" >"$OUT/kustomize.yaml"
dotnet "$compare_dll" "$OUT/stackgen.yaml" "$OUT/helm.yaml" "$OUT/kustomize.yaml"
