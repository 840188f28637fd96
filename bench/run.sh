#!/usr/bin/env bash
# The render benchmark, one command: bench/run.sh   (see bench/README.md)
#
#  1. installs helm, kubectl (kustomize) and hyperfine           (bench/install-tools.sh)
#  2. publishes stackgen with Native AOT, and a JIT build beside it; the AOT binary is measured when it renders
#     byte-identically to `dotnet run`, otherwise the JIT build (`dotnet stackgen.dll`) is, and the report says why
#  3. checks: the measured binary against `dotnet run` and the golden files; the chart and the kustomize overlay
#     against stackgen (bench/compare-objects.sh)
#  4. measures in one run, cold processes, warm-up then median of several interleaved rounds (bench/measure.py): wall
#     time, peak RSS and CPU time of stackgen render, helm template and kubectl kustomize; ratios; hyperfine cross-check
#  5. the scale series: a synthetic organisation of N = 10, 100, 1000 services (about 10 objects each)
#  6. writes the markdown report to stdout and bench/results/latest.md, a copy in bench/results/history/ (raw data of
#     the last run in bench/results/raw/)
#
# options:
#   --source REV   benchmark the engine of a commit (git archive REV) instead of the working tree
#   --no-build     reuse the binaries of the previous run
#   --runs N       interleaved rounds of the comparison (default 15; warm-up 3)
#   --scale "N.."  synthetic sizes (default "10 100 1000")
#   --no-aot       skip the Native AOT publishes (JIT only; much faster to build)
set -euo pipefail
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
BENCH=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$BENCH")
TOOLS="$BENCH/.tools"
RESULTS="$BENCH/results"
RAW="$RESULTS/raw"
LOGS="$TOOLS/logs"

SOURCE=""
BUILD=1
AOT=1
RUNS=15
WARMUP=3
HF_RUNS=10
SCALE="10 100 1000"
while [ $# -gt 0 ]; do
  case "$1" in
    --source) SOURCE=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --no-aot) AOT=0; shift ;;
    --runs) RUNS=$2; shift 2 ;;
    --scale) SCALE=$2; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

started=$(date +%s)
log() { printf '[bench %3ss] %s\n' "$(( $(date +%s) - started ))" "$*" >&2; }
rm -rf "$RAW"
mkdir -p "$RAW/compare" "$RAW/scale" "$LOGS"
meta() { printf '%s=%s\n' "$1" "$2" >>"$RAW/env.txt"; }
check() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$RAW/checks.tsv"; }   # name, ok|FAIL|n/a, detail

# ---------------------------------------------------------------------------------------------------- 1. tools
log "installing tools"
"$BENCH/install-tools.sh" >"$RAW/tools.txt"
HELM="$REPO/.tools/bin/helm"        # tools/install-helm, called by install-tools.sh
KUBECTL="$REPO/.tools/bin/kubectl"
HYPERFINE=$(command -v hyperfine || true)

# ---------------------------------------------------------------------------------------------------- 2. build
if [ -n "$SOURCE" ]; then
  sha=$(git -C "$REPO" rev-parse --short=12 "$SOURCE^{commit}")
  SRC="$TOOLS/source/$sha"
  if [ ! -d "$SRC" ]; then
    mkdir -p "$SRC"
    git -C "$REPO" archive "$sha" | tar -x -C "$SRC"
  fi
  meta source "commit $sha ($SOURCE)"
else
  SRC="$REPO"
  dirty=$(git -C "$REPO" status --porcelain -- src stacks environments Directory.Build.props Directory.Packages.props | wc -l)
  meta source "working tree at $(git -C "$REPO" rev-parse --short=12 HEAD)$([ "$dirty" -gt 0 ] && echo " + $dirty uncommitted changes in src/, stacks/, environments/" || true)"
fi
ART="$TOOLS/artifacts/$(echo "$SRC" | cksum | cut -d' ' -f1)"

AOT_BIN="$TOOLS/stackgen"              # native
JIT_DIR="$TOOLS/stackgen-jit"          # framework-dependent: dotnet stackgen.dll
SYN_AOT="$TOOLS/synthetic-aot"
SYN_JIT="$TOOLS/synthetic-jit"
publish() { # publish NAME PROJECT OUTDIR [--aot] ARGS...: one isolated build (own artifacts path), log in .tools/logs
  local name=$1 project=$2 out=$3; shift 3
  local command=(dotnet publish "$project" -c Release -o "$out")
  # Native AOT the way CI publishes the shipped binary (linux-x64, the clang Debian has).
  if [ "${1:-}" = --aot ]; then shift; command=("$REPO/.ci/publish-aot" "$project" "$out"); fi
  local t0; t0=$(date +%s)
  rm -rf "$out"
  if "${command[@]}" --artifacts-path "$ART/$name" -nodeReuse:false "$@" >"$LOGS/$name.log" 2>&1; then
    echo "$(( $(date +%s) - t0 ))" >"$LOGS/$name.seconds"
  else
    echo "failed" >"$LOGS/$name.seconds"
  fi
}
if [ "$BUILD" = 1 ]; then
  log "building from $SRC: stackgen and synthetic-org, JIT$([ "$AOT" = 1 ] && echo " and Native AOT (takes a few minutes on 2 cores)")"
  pids=()
  publish stackgen-jit "$SRC/src/StackGen.Cli" "$JIT_DIR" -p:PublishAot=false & pids+=($!)
  publish synthetic-jit "$BENCH/SyntheticOrg" "$SYN_JIT" -p:PublishAot=false -p:StackGenRoot="$SRC/" & pids+=($!)
  # The reference for the byte check is `dotnet run` (the README's command); build it now, run it below.
  (cd "$SRC" && dotnet build src/StackGen.Cli --property:ArtifactsPath="$ART/dotnet-run" -nodeReuse:false >"$LOGS/dotnet-run.log" 2>&1 || true) & pids+=($!)
  if [ "$AOT" = 1 ]; then
    publish stackgen-aot "$SRC/src/StackGen.Cli" "$AOT_BIN" --aot & pids+=($!)
    publish synthetic-aot "$BENCH/SyntheticOrg" "$SYN_AOT" --aot -p:StackGenRoot="$SRC/" & pids+=($!)
  fi
  wait "${pids[@]}"
fi
for name in stackgen-jit stackgen-aot synthetic-jit synthetic-aot; do
  [ -f "$LOGS/$name.seconds" ] && meta "build_$name" "$(cat "$LOGS/$name.seconds")"
done
[ -f "$JIT_DIR/stackgen.dll" ] || { echo "run.sh: the JIT build of stackgen failed; see $LOGS/stackgen-jit.log:" >&2; grep -E 'error' "$LOGS/stackgen-jit.log" | sort -u | head -5 >&2; exit 1; }

# ---------------------------------------------------------------------------------------------------- 3. checks
OUT="$RAW/output"
mkdir -p "$OUT"
JIT=(dotnet "$JIT_DIR/stackgen.dll")
log "reference output: dotnet run --project src/StackGen.Cli -- render --env production"
if (cd "$SRC" && dotnet run --project src/StackGen.Cli --property:ArtifactsPath="$ART/dotnet-run" -- render --env production) >"$OUT/dotnet-run.yaml" 2>"$OUT/dotnet-run.stderr"; then
  # (dotnet run re-checks the build made above, which is up to date, then runs it)
  reference="$OUT/dotnet-run.yaml"
else
  reference=""
  check "dotnet run renders production" FAIL "dotnet run failed: $(grep -m1 -E 'error' "$OUT/dotnet-run.yaml" "$OUT/dotnet-run.stderr" | cut -c1-160)"
fi
same_as_reference() { # same_as_reference FILE LABEL
  if [ -z "$reference" ]; then check "$2 = dotnet run (bytes)" n/a "no dotnet run output"; return 1; fi
  if cmp -s "$1" "$reference"; then check "$2 = dotnet run (bytes)" ok "$(wc -c <"$1") bytes identical"; return 0; fi
  check "$2 = dotnet run (bytes)" FAIL "$(cmp "$1" "$reference" 2>&1 | head -1 | sed "s|$OUT/||g")"
  return 1
}
(cd "$SRC" && "${JIT[@]}" render --env production) >"$OUT/stackgen-jit.yaml" 2>"$OUT/stackgen-jit.stderr" || true
same_as_reference "$OUT/stackgen-jit.yaml" "JIT build (dotnet stackgen.dll)" || true

MODE=jit
STACKGEN=("${JIT[@]}")
if [ "$AOT" = 0 ]; then
  meta aot "not built (--no-aot)"
elif [ ! -x "$AOT_BIN/stackgen" ] || [ -f "$AOT_BIN/stackgen.dll" ]; then
  meta aot "publish failed: $(grep -m1 -E 'error' "$LOGS/stackgen-aot.log" | sed 's/^ *//' | cut -c1-200)"
  check "Native AOT publish" FAIL "see bench/.tools/logs/stackgen-aot.log"
else
  check "Native AOT publish" ok "$(du -h "$AOT_BIN/stackgen" | cut -f1) binary, $(grep -c 'warning IL' "$LOGS/stackgen-aot.log" || true) trim/AOT warnings"
  if (cd "$SRC" && "$AOT_BIN/stackgen" render --env production) >"$OUT/stackgen-aot.yaml" 2>"$OUT/stackgen-aot.stderr" \
     && same_as_reference "$OUT/stackgen-aot.yaml" "Native AOT binary"; then
    MODE=aot
    STACKGEN=("$AOT_BIN/stackgen")
    meta aot "ok"
  else
    reason=$(grep -m1 . "$OUT/stackgen-aot.stderr" | cut -c1-220 || true)
    meta aot "built, but does not render production identically to dotnet run${reason:+: $reason}"
    [ -s "$OUT/stackgen-aot.yaml" ] || check "Native AOT binary renders production" FAIL "${reason:-empty output}"
  fi
fi
meta mode "$MODE"
meta stackgen "${STACKGEN[*]}"
log "measuring stackgen as: ${STACKGEN[*]} ($MODE)"

# The same check CI makes of the AOT binary (.ci/check-goldens), here of the binary measured.
golden_status=ok
goldens=$(cd "$SRC" && "$REPO/.ci/check-goldens" "${STACKGEN[@]}") || golden_status=FAIL
golden_bad=$(echo "$goldens" | sed -n 's/^FAIL \([^:]*\):.*/\1/p' | tr '\n' ' ' | sed 's/ $//')
check "golden files = stackgen render --env ENV --stack STACK ($MODE)" "$golden_status" "$(echo "$goldens" | tail -1)${golden_bad:+; differ: $golden_bad}"

log "comparing the objects of stackgen, the Helm chart and the kustomize overlay"
if STACKGEN_SOURCE="$SRC" OUT="$RAW/objects" "$BENCH/compare-objects.sh" "${STACKGEN[@]}" >"$RAW/objects.txt" 2>&1; then
  check "same objects: stackgen = helm template = kubectl kustomize" ok "$(grep -c 'same Kind/namespace/name set: yes' "$RAW/objects.txt") of 2 match"
else
  check "same objects: stackgen = helm template = kubectl kustomize" FAIL "see bench/results/raw/objects.txt"
fi

# ---------------------------------------------------------------------------------------------------- 4. comparison
cd "$SRC"
meta load_before "$(cut -d' ' -f1-3 /proc/loadavg)"
# Measure at a higher priority than other work on the machine (builds, editors): this shell and its children only.
if [ "$(id -u)" = 0 ] && renice -n -10 -p $$ >/dev/null 2>&1; then meta priority "nice -10 (measurements only)"; else meta priority "nice 0"; fi
spec() { # spec OUT WARMUP RUNS MIN_RUNS BUDGET_S COMMANDS_FILE > spec.json (for measure.py)
  python3 -c 'import json, sys
out, warmup, runs, min_runs, budget, commands = sys.argv[1:7]
print(json.dumps({"out": out, "warmup": int(warmup), "runs": int(runs), "min_runs": int(min_runs), "budget_s": float(budget),
                  "commands": [json.loads(line) for line in open(commands) if line.strip()]}))' "$@"
}
add_command() { # add_command KEY LABEL OBJECTS COMMAND...: checked once, then measured by measure.py with the others
  local key=$1 label=$2 objects=$3; shift 3
  local dir="$RAW/compare/$key"
  mkdir -p "$dir"
  printf '%s\n' "$label" >"$dir/label"
  printf '%s\n' "$objects" >"$dir/objects"
  printf '%s\n' "$*" | sed "s|$TOOLS/|bench/.tools/|g; s|$BENCH/|bench/|g; s|$REPO/.tools/|.tools/|g" >"$dir/command"
  if ! "$@" >/dev/null 2>"$dir/stderr"; then
    echo "FAILED" >"$dir/status"
    return 0
  fi
  python3 -c 'import json, sys; print(json.dumps({"key": sys.argv[1], "argv": sys.argv[2:]}))' "$key" "$@" >>"$RAW/compare.commands"
}
count() { grep -c '^kind:' "$1" || true; }
whole=$(count "$OUT/stackgen-$MODE.yaml")
same=$(count "$RAW/objects/stackgen.yaml")
: >"$RAW/compare.commands"
add_command 1-stackgen "stackgen render --env production (whole organisation, $MODE)" "$whole" "${STACKGEN[@]}" render --env production
add_command 2-stackgen-same "stackgen render --env production --stack rabbitmq --stack workers ($MODE)" "$same" "${STACKGEN[@]}" render --env production --stack rabbitmq --stack workers
add_command 3-helm "helm template (bench/chart, production values)" "$(count "$RAW/objects/helm.yaml")" "$HELM" template shop "$BENCH/chart" -f "$BENCH/chart/values-production.yaml" --namespace shop
add_command 4-kustomize "kubectl kustomize (bench/kustomize/overlays/production)" "$(count "$RAW/objects/kustomize.yaml")" "$KUBECTL" kustomize "$BENCH/kustomize/overlays/production"
if [ "$MODE" = aot ]; then
  add_command 5-stackgen-jit "stackgen render --env production (whole organisation, JIT, for reference)" "$whole" "${JIT[@]}" render --env production
fi
log "measuring stackgen, helm and kustomize: $WARMUP warm-up rounds, $RUNS interleaved rounds"
spec "$RAW/compare" "$WARMUP" "$RUNS" "$RUNS" 0 "$RAW/compare.commands" >"$RAW/compare.json"
python3 "$BENCH/measure.py" "$RAW/compare.json"
if [ -n "$HYPERFINE" ]; then
  log "cross-check with hyperfine (one command after the other, $HF_RUNS runs each)"
  while read -r line; do
    key=$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["key"])' "$line")
    quoted=$(python3 -c 'import json, shlex, sys; print(shlex.join(json.loads(sys.argv[1])["argv"]))' "$line")
    "$HYPERFINE" -N --style none --warmup "$WARMUP" --runs "$HF_RUNS" --export-json "$RAW/compare/$key/hyperfine.json" "$quoted" >/dev/null 2>&1 || true
  done <"$RAW/compare.commands"
fi

# ---------------------------------------------------------------------------------------------------- 5. scale
SYN=(dotnet "$SYN_JIT/synthetic-org.dll")
meta synthetic_mode jit
if [ ! -f "$SYN_JIT/synthetic-org.dll" ]; then
  check "synthetic-org builds" FAIL "$(grep -m1 -E 'error' "$LOGS/synthetic-jit.log" | sed 's/^ *//' | cut -c1-200)"
  SCALE=""
elif [ "$AOT" = 1 ] && [ -x "$SYN_AOT/synthetic-org" ] && [ ! -f "$SYN_AOT/synthetic-org.dll" ]; then
  d="$TOOLS/synthetic/check"
  "${SYN[@]}" generate --stacks 10 --root "$d" 2>/dev/null
  "${SYN[@]}" render --stacks 10 --root "$d" --output "$d/jit.yaml" 2>/dev/null || true
  if "$SYN_AOT/synthetic-org" render --stacks 10 --root "$d" --output "$d/aot.yaml" 2>"$d/aot.stderr" && cmp -s "$d/aot.yaml" "$d/jit.yaml"; then
    SYN=("$SYN_AOT/synthetic-org")
    meta synthetic_mode aot
  else
    meta synthetic_aot "built, but does not render like the JIT build: $(grep -m1 . "$d/aot.stderr" | cut -c1-200 || true)"
  fi
elif [ "$AOT" = 0 ]; then
  meta synthetic_aot "not built (--no-aot)"
else
  meta synthetic_aot "publish failed: $(grep -m1 -E 'error' "$LOGS/synthetic-aot.log" | sed 's/^ *//' | cut -c1-200)"
fi
for n in $SCALE; do
  d="$TOOLS/synthetic/$n"
  k="$RAW/scale/$(printf '%05d' "$n")"
  mkdir -p "$k"
  echo "$n" >"$k/n"
  "${SYN[@]}" generate --stacks "$n" --root "$d" 2>/dev/null
  if ! "${SYN[@]}" render --stacks "$n" --root "$d" --output "$d/out.yaml" 2>"$k/check.stderr"; then
    echo "FAILED" >"$k/status"
    continue
  fi
  # Up to 10 runs after one warm-up, fewer (at least 3) once about 20 s are spent.
  log "scale: N=$n services"
  python3 -c 'import json, sys; print(json.dumps({"key": "run", "argv": sys.argv[2:], "stderr_dir": sys.argv[1]}))' \
    "$k/stderr" "${SYN[@]}" render --stacks "$n" --root "$d" --output "$d/out.yaml" >"$k/commands"
  spec "$k" 1 10 3 20 "$k/commands" >"$k/spec.json"
  python3 "$BENCH/measure.py" "$k/spec.json"
  cat "$k"/stderr/run-*.stderr | grep -h '^synthetic-org: iteration=' >"$k/phases" || true
done
largest=$(echo "$SCALE" | tr ' ' '\n' | sort -n | tail -1)
if [ -n "$largest" ]; then
  log "profile: N=$largest, sub-phases cold and warm"
  "${SYN[@]}" profile --stacks "$largest" --root "$TOOLS/synthetic/$largest" --iterations 3 >"$RAW/profile.txt" 2>&1 || true
fi
meta load_after "$(cut -d' ' -f1-3 /proc/loadavg)"
renice -n 0 -p $$ >/dev/null 2>&1 || true
cd "$REPO"

# ---------------------------------------------------------------------------------------------------- 6. report
meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
meta cores "$(nproc)"
meta memory "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
meta os "$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
meta dotnet "$(dotnet --version) (runtime $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }'))"
meta helm "$("$HELM" version --short 2>/dev/null)"
meta kubectl "$("$KUBECTL" version --client 2>/dev/null | tr '\n' ' ' | sed 's/ *$//')"
meta hyperfine "${HYPERFINE:+$("$HYPERFINE" --version)}"
meta runs "$RUNS"
meta warmup "$WARMUP"
meta hf_runs "$HF_RUNS"
meta elapsed "$(( $(date +%s) - started ))"
python3 "$BENCH/report.py" "$RAW" | tee "$RESULTS/latest.md"
mkdir -p "$RESULTS/history"
copy="$RESULTS/history/$(date -u '+%Y%m%d-%H%M')-$( [ -n "$SOURCE" ] && echo "$sha" || echo "worktree-$(git -C "$REPO" rev-parse --short=12 HEAD)").md"
cp "$RESULTS/latest.md" "$copy"
log "done in $(( $(date +%s) - started )) s; report in bench/results/latest.md (and ${copy#"$BENCH"/})"
