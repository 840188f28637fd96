#!/usr/bin/env python3
"""Writes bench/run.sh's markdown report from its raw measurements (bench/results/raw/). Standard library only."""
import json
import os
import re
import statistics
import sys

RAW = sys.argv[1]

# The targets of the issue (render performance): ratios are stackgen / other tool, wall time, same run.
TARGET_HELM = 0.5
TARGET_KUSTOMIZE = 0.25
TARGET_10K_SECONDS = 0.5
TARGET_10K_MIB = 250
FLAT_TOLERANCE = 1.25  # per-object time at the largest N at most this times the per-object time at N=100


def read(path, default=""):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read().strip()
    except FileNotFoundError:
        return default


def numbers(path):
    return [float(x) for x in read(path).split()] if read(path) else []


def env():
    values = {}
    for line in read(os.path.join(RAW, "env.txt")).splitlines():
        key, _, value = line.partition("=")
        values[key] = value
    return values


def seconds(s):
    if s is None:
        return "–"
    return f"{s * 1000:.0f} ms" if s < 10 else f"{s:.1f} s"


def ms(s):
    return "–" if s is None else (f"{s:.0f}" if s >= 10 else f"{s:.1f}")


def mib(kib):
    return "–" if kib is None else f"{kib / 1024:.0f} MiB"


def median(values):
    return statistics.median(values) if values else None


def verdict(ok):
    return "✅ met" if ok else "❌ not met"


def comparison():
    rows = {}
    base = os.path.join(RAW, "compare")
    for key in sorted(os.listdir(base)) if os.path.isdir(base) else []:
        d = os.path.join(base, key)
        if not os.path.isdir(d):
            continue
        wall = numbers(os.path.join(d, "wall_s"))
        rss = numbers(os.path.join(d, "rss_kib"))
        cpu = numbers(os.path.join(d, "cpu_s"))
        hyperfine = None
        if read(os.path.join(d, "hyperfine.json")):
            try:
                with open(os.path.join(d, "hyperfine.json"), encoding="utf-8") as f:
                    hyperfine = json.load(f)["results"][0]["median"]
            except (ValueError, KeyError, IndexError):
                hyperfine = None
        exits = [int(x) for x in numbers(os.path.join(d, "exit"))]
        rows[key] = {
            "label": read(os.path.join(d, "label")),
            "command": read(os.path.join(d, "command")),
            "objects": read(os.path.join(d, "objects")),
            "failed": read(os.path.join(d, "status")) == "FAILED",
            "stderr": read(os.path.join(d, "stderr")),
            "runs": len(wall),
            "wall": median(wall),
            "min": min(wall) if wall else None,
            "max": max(wall) if wall else None,
            "rss": median(rss),
            "cpu": median(cpu),
            "hyperfine": hyperfine,
            "bad_exits": sum(1 for x in exits if x != 0),
        }
    return rows


PHASES = ["load_ms", "render_ms", "lint_ms", "emit_ms", "write_ms"]


def scale():
    rows = []
    base = os.path.join(RAW, "scale")
    for key in sorted(os.listdir(base)) if os.path.isdir(base) else []:
        d = os.path.join(base, key)
        wall = numbers(os.path.join(d, "run", "wall_s"))
        phases = {p: [] for p in PHASES + ["total_ms", "objects", "stacks"]}
        for line in read(os.path.join(d, "phases")).splitlines():
            fields = dict(f.split("=", 1) for f in line.split()[1:] if "=" in f)
            for p in phases:
                if p in fields:
                    phases[p].append(float(fields[p]))
        rows.append({
            "cpu": median(numbers(os.path.join(d, "run", "cpu_s"))),
            "n": int(read(os.path.join(d, "n"), "0")),
            "failed": read(os.path.join(d, "status")) == "FAILED",
            "error": read(os.path.join(d, "check.stderr")),
            "runs": len(wall),
            "wall": median(wall),
            "rss": median(numbers(os.path.join(d, "run", "rss_kib"))),
            "objects": int(median(phases["objects"])) if phases["objects"] else None,
            "phases": {p: median(v) for p, v in phases.items()},
        })
    return rows


def main():
    e = env()
    out = []
    w = out.append
    mode = e.get("mode", "?")
    w("# StackGen render benchmark: results")
    w("")
    w(f"{e.get('date', '')} · `bench/run.sh` · source: {e.get('source', '?')} · total {e.get('elapsed', '?')} s")
    w("")
    w(f"**stackgen measured as: {'Native AOT binary' if mode == 'aot' else 'JIT build (`dotnet stackgen.dll`)'}**"
      + ("" if mode == "aot" else f" (Native AOT: {e.get('aot', 'not tried')})"))
    w("")
    w("## Machine")
    w("")
    w("| | |")
    w("| --- | --- |")
    for key, name in [("cores", "cores (nproc)"), ("cpu", "CPU"), ("memory", "memory"), ("os", "OS"), ("dotnet", ".NET SDK"),
                      ("helm", "helm"), ("kubectl", "kubectl"), ("hyperfine", "hyperfine")]:
        w(f"| {name} | {e.get(key) or '–'} |")
    w("")
    if e.get("load_before"):
        w(f"Load average (1, 5, 15 min) when measuring started: {e.get('load_before')}; when it ended: {e.get('load_after', '?')}. "
          f"On this {e.get('cores', '?')}-core machine anything well above 1 means other work shared the CPUs and the numbers are noisier. "
          f"Measured processes ran at {e.get('priority', 'nice 0')}.")
        w("")

    rows = comparison()
    w("## Same work: stackgen, helm template, kubectl kustomize")
    w("")
    w(f"A new process every run (cold start, warm file cache), output to /dev/null. `bench/measure.py`: {e.get('warmup')} warm-up "
      f"rounds, then {e.get('runs')} rounds that run every command once each, in an order rotated from round to round; "
      "per run the wall time, the peak RSS and the CPU time (user + system) from wait4(2), as GNU time reports them. "
      "Medians over the rounds. "
      + (f"Cross-check: hyperfine's median of {e.get('hf_runs')} runs per command, one command after the other." if e.get("hyperfine") else ""))
    floor = read(os.path.join(RAW, "compare", "rss_floor_kib"))
    if floor:
        near = [r["label"] for r in rows.values() if r["rss"] is not None and r["rss"] <= int(floor) * 1.1]
        w(f"(Peak RSS cannot read below the harness's own {int(floor) / 1024:.0f} MiB, inherited at fork; "
          + (f"these values are at that floor, so read them as 'at most': {', '.join(near)}.)" if near else "every value below is well above it.)"))
    w("")
    w("| command | objects | wall (median) | min – max | CPU (median) | peak RSS | hyperfine |")
    w("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for key, r in rows.items():
        if r["failed"] or r["wall"] is None:
            w(f"| {r['label']} | {r['objects']} | failed: {r['stderr'][:120]} | | | | |")
        else:
            bad = f" ({r['bad_exits']} runs exited non-zero)" if r["bad_exits"] else ""
            w(f"| {r['label']} | {r['objects']} | **{seconds(r['wall'])}**{bad} | {seconds(r['min'])} – {seconds(r['max'])} | "
              f"{seconds(r['cpu'])} | {mib(r['rss'])} | {seconds(r['hyperfine'])} |")
    w("")
    w("Commands, from the repository root:")
    w("")
    w("```sh")
    for r in rows.values():
        w(r["command"])
    w("```")
    w("")

    def ratio(a, b):
        ra, rb = rows.get(a), rows.get(b)
        if not ra or not rb or ra["wall"] is None or rb["wall"] is None:
            return None
        return ra["wall"] / rb["wall"]

    def field_ratio(a, b, field):
        ra, rb = rows.get(a), rows.get(b)
        if not ra or not rb or ra.get(field) is None or rb.get(field) is None or not rb[field]:
            return None
        return ra[field] / rb[field]

    def mem_ratio(a, b):
        return field_ratio(a, b, "rss")

    helm = ratio("1-stackgen", "3-helm")
    kustomize = ratio("1-stackgen", "4-kustomize")
    fmt = lambda x: "–" if x is None else f"{x:.2f}×"
    w("| ratio (wall time, median) | stackgen / helm | stackgen / kustomize |")
    w("| --- | ---: | ---: |")
    w(f"| whole organisation (the issue's targets: ≤ {TARGET_HELM}× and ≤ {TARGET_KUSTOMIZE}×) | **{fmt(helm)}** | **{fmt(kustomize)}** |")
    w(f"| the same objects (rabbitmq + workers only) | {fmt(ratio('2-stackgen-same', '3-helm'))} | {fmt(ratio('2-stackgen-same', '4-kustomize'))} |")
    if "5-stackgen-jit" in rows:
        w(f"| whole organisation, JIT build (reference) | {fmt(ratio('5-stackgen-jit', '3-helm'))} | {fmt(ratio('5-stackgen-jit', '4-kustomize'))} |")
    w(f"| whole organisation, CPU time | {fmt(field_ratio('1-stackgen', '3-helm', 'cpu'))} | {fmt(field_ratio('1-stackgen', '4-kustomize', 'cpu'))} |")
    if e.get("hyperfine"):
        w(f"| whole organisation, hyperfine (sequential) | {fmt(field_ratio('1-stackgen', '3-helm', 'hyperfine'))} | {fmt(field_ratio('1-stackgen', '4-kustomize', 'hyperfine'))} |")
    w(f"| peak memory, whole organisation | {fmt(mem_ratio('1-stackgen', '3-helm'))} | {fmt(mem_ratio('1-stackgen', '4-kustomize'))} |")
    w("")

    srows = scale()
    w("## Scale: a synthetic organisation of N services")
    w("")
    w(f"`bench/SyntheticOrg`, {'Native AOT' if e.get('synthetic_mode') == 'aot' else 'JIT'} build"
      + ("" if e.get("synthetic_mode") == "aot" else f" (Native AOT: {e.get('synthetic_aot', 'not tried')})")
      + ": rabbitmq plus N generated services of 10 objects each (ServiceAccount, 2 ConfigMaps, 2 Services, Deployment, "
      "HPA, StatefulSet, 2 PDBs), production tier, through EnvironmentLoader → Renderer → Linter → YamlEmitter to a file, "
      "as `stackgen render` does. A new process every run (`bench/measure.py`), one warm-up run, then up to 10 runs "
      "(at least 3, fewer once 20 s are spent); medians. Phases: medians of the in-process Stopwatch timings.")
    w("")
    w("| N | objects | runs | wall (median) | CPU | peak RSS | per object | marginal per object | outside Main | load | render | lint | emit | write |")
    w("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    previous = None
    for r in srows:
        if r["failed"] or r["wall"] is None or not r["objects"]:
            w(f"| {r['n']} | | | failed: {r['error'][:150] or 'no data'} | | | | | | | | | | |")
            continue
        per = r["wall"] / r["objects"] * 1e6 if r["objects"] else None
        marginal = None
        if previous and r["objects"] and previous["objects"] and r["objects"] > previous["objects"]:
            marginal = (r["wall"] - previous["wall"]) / (r["objects"] - previous["objects"]) * 1e6
        p = r["phases"]
        w(f"| {r['n']} | {r['objects']} | {r['runs']} | **{seconds(r['wall'])}** | {seconds(r['cpu'])} | {mib(r['rss'])} | {per:.0f} µs | "
          f"{'–' if marginal is None else f'{marginal:.0f} µs'} | "
          f"{ms(r['wall'] * 1000 - p['total_ms']) if p.get('total_ms') is not None else '–'} | "
          + " | ".join(ms(p.get(k)) for k in PHASES) + " |")
        previous = r
    w("")
    w("Phases in ms. Per object = wall / objects; marginal = extra wall time per extra object since the previous N; "
      "outside Main = wall − the in-process total (runtime start-up, static initialisers before Main, exit).")
    w("")

    w("## Targets (issue: render performance)")
    w("")
    w("| target | measured | |")
    w("| --- | --- | --- |")
    if helm is not None:
        w(f"| whole organisation ≤ {TARGET_HELM} × helm template | {helm:.2f}× | {verdict(helm <= TARGET_HELM)} |")
    if kustomize is not None:
        w(f"| whole organisation ≤ {TARGET_KUSTOMIZE} × kubectl kustomize | {kustomize:.2f}× | {verdict(kustomize <= TARGET_KUSTOMIZE)} |")
    ok_rows = [r for r in srows if not r["failed"] and r["objects"] and r["wall"] is not None]
    big = max(ok_rows, key=lambda r: r["objects"]) if ok_rows else None
    if big and big["objects"] >= 9000:
        w(f"| 10,000 objects < {TARGET_10K_SECONDS} s wall | {seconds(big['wall'])} ({big['objects']} objects) | {verdict(big['wall'] < TARGET_10K_SECONDS)} |")
        w(f"| 10,000 objects < {TARGET_10K_MIB} MiB peak | {mib(big['rss'])} | {verdict(big['rss'] / 1024 < TARGET_10K_MIB)} |")
    hundred = next((r for r in ok_rows if r["n"] == 100), None)
    if big and hundred and big is not hundred:
        a = hundred["wall"] / hundred["objects"]
        b = big["wall"] / big["objects"]
        w(f"| time per object flat from N=100 to N={big['n']} (within {FLAT_TOLERANCE}×) | {a * 1e6:.0f} µs → {b * 1e6:.0f} µs ({b / a:.2f}×) | {verdict(b / a <= FLAT_TOLERANCE)} |")
    for line in read(os.path.join(RAW, "checks.tsv")).splitlines():
        name, status, detail = (line.split("\t") + ["", ""])[:3]
        if name.startswith("golden") or "dotnet run" in name:
            w(f"| {name} | {detail} | {'✅' if status == 'ok' else ('–' if status == 'n/a' else '❌')} |")
    w("")

    w("## Checks")
    w("")
    w("| check | | detail |")
    w("| --- | --- | --- |")
    for line in read(os.path.join(RAW, "checks.tsv")).splitlines():
        name, status, detail = (line.split("\t") + ["", ""])[:3]
        w(f"| {name} | {status} | {detail} |")
    w("")
    objects = read(os.path.join(RAW, "objects.txt"))
    if objects:
        w("`bench/compare-objects.sh` (objects of `--stack rabbitmq --stack workers`, the chart and the overlay):")
        w("")
        w("```text")
        w(re.sub(r"/\S*/results/raw/objects/", "", objects))
        w("```")
        w("")

    profile = read(os.path.join(RAW, "profile.txt"))
    if profile:
        w("## Where the time goes: `synthetic-org profile`, largest N")
        w("")
        w(f"The {'Native AOT' if e.get('synthetic_mode') == 'aot' else 'JIT'} synthetic-org, one process, three iterations of the whole pipeline; "
          "sub-phases of the first (cold) and the last (warm) iteration. Sub-phases overlap their totals (the lines marked \"all of it\").")
        w("")
        w("```text")
        w(profile)
        w("```")
        w("")

    w("## Builds")
    w("")
    for key in ["build_stackgen-jit", "build_stackgen-aot", "build_synthetic-jit", "build_synthetic-aot"]:
        if key in e:
            w(f"- {key[6:]}: {e[key]}{'' if e[key] == 'failed' else ' s'}")
    w(f"- Native AOT of stackgen: {e.get('aot', '–')}")
    w(f"- stackgen command measured: `{e.get('stackgen', '').replace(os.path.dirname(os.path.dirname(RAW)) + '/', 'bench/')}`")
    print("\n".join(out))


main()
