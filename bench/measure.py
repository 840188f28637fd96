#!/usr/bin/env python3
"""
Runs commands as fresh processes and records, per run, wall time, peak RSS and CPU time (user + system) from the
same run: the child is waited for with wait4(2), whose rusage is what GNU time reports, without time's own process.

    measure.py SPEC.json

SPEC: {"warmup": 3, "runs": 15, "min_runs": 3, "budget_s": 0,
       "commands": [{"key": "helm", "argv": [...], "cwd": "...", "stdout": "/dev/null", "stderr_dir": null}], "out": DIR}

Commands are interleaved: each round runs every command once, in an order rotated from round to round, so all of
them see the same background load (on a shared machine, measuring one tool after the other lets a build that starts
halfway through slow one tool down and not the other). With budget_s > 0 the rounds stop once that many seconds
have been spent and at least min_runs rounds are done. Writes OUT/KEY/{wall_s,rss_kib,cpu_s,exit}, one line per run,
and with stderr_dir each run's stderr to STDERR_DIR/run-N.stderr. Peak RSS has a floor, this script's own (about
14 MiB, written to OUT/rss_floor_kib): a child's ru_maxrss starts from its parent's high-water mark at fork. Standard
library only.
"""
import json
import os
import subprocess
import sys
import time


def run_once(command, stderr_path):
    stdout_path = command.get("stdout") or os.devnull
    with open(stdout_path, "wb") as out, open(stderr_path or os.devnull, "wb") as err:
        start = time.perf_counter_ns()
        child = subprocess.Popen(command["argv"], cwd=command.get("cwd"), stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = (time.perf_counter_ns() - start) / 1e9
        child.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime, child.returncode


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    commands = spec["commands"]
    out = spec["out"]
    for command in commands:
        os.makedirs(os.path.join(out, command["key"]), exist_ok=True)

    # A child's ru_maxrss starts at this process's high-water mark (inherited at fork, kept through exec): peaks at or
    # below this floor mean "at most this much", higher peaks are exact.
    floor = run_once({"argv": ["true"]}, None)[1]
    with open(os.path.join(out, "rss_floor_kib"), "w", encoding="utf-8") as f:
        f.write(f"{floor}\n")

    for _ in range(spec.get("warmup", 0)):
        for command in commands:
            run_once(command, None)

    spent = 0.0
    runs = spec.get("runs", 10)
    min_runs = spec.get("min_runs", runs)
    budget = spec.get("budget_s", 0)
    for round_index in range(runs):
        if budget and round_index >= min_runs and spent >= budget:
            break
        shift = round_index % len(commands)
        for command in commands[shift:] + commands[:shift]:
            directory = os.path.join(out, command["key"])
            stderr_dir = command.get("stderr_dir")
            stderr_path = os.path.join(stderr_dir, f"run-{round_index + 1}.stderr") if stderr_dir else None
            if stderr_dir:
                os.makedirs(stderr_dir, exist_ok=True)
            wall, rss, cpu, code = run_once(command, stderr_path)
            spent += wall
            for name, value in (("wall_s", f"{wall:.6f}"), ("rss_kib", str(rss)), ("cpu_s", f"{cpu:.6f}"), ("exit", str(code))):
                with open(os.path.join(directory, name), "a", encoding="utf-8") as f:
                    f.write(value + "\n")


main()
