#!/usr/bin/env python3
"""
Side-by-side start-up comparison of a few commands, e.g. two stackgen binaries and helm (bench/README.md, "By commit"):

    bench/compare-commands.py ROUNDS 'NAME::COMMAND ARGS' ...

Runs from the repository root, each command as a fresh process with output to /dev/null: 3 warm-up rounds, then ROUNDS
rounds that run every command once, in an order rotated from round to round (as measure.py does, so all of them see
the same background load). Prints per command the medians of wall time, CPU time (user + system), peak RSS and minor
page faults, all from wait4(2). Page faults and CPU time are the steadier figures on a busy machine. Standard library
only.
"""
import os
import shlex
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_once(argv):
    with open(os.devnull, "wb") as null:
        start = time.perf_counter_ns()
        child = subprocess.Popen(argv, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=null, stderr=null)
        _, status, usage = os.wait4(child.pid, 0)
        wall_ms = (time.perf_counter_ns() - start) / 1e6
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"compare-commands: {' '.join(argv)} failed (exit {os.waitstatus_to_exitcode(status)})")
    return wall_ms, (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_maxrss / 1024, usage.ru_minflt


def main():
    if len(sys.argv) < 3 or not sys.argv[1].isdigit():
        sys.exit(__doc__.strip().splitlines()[2].strip())
    rounds = int(sys.argv[1])
    commands = [(spec.split("::", 1)[0], shlex.split(spec.split("::", 1)[1])) for spec in sys.argv[2:]]
    results = {name: [] for name, _ in commands}
    for _ in range(3):
        for _, argv in commands:
            run_once(argv)
    load_before = open("/proc/loadavg", encoding="ascii").read().split()[0]
    for index in range(rounds):
        for name, argv in commands[index % len(commands):] + commands[:index % len(commands)]:
            results[name].append(run_once(argv))
    load_after = open("/proc/loadavg", encoding="ascii").read().split()[0]
    print(f"{rounds} interleaved rounds, medians; load average {load_before} -> {load_after}")
    for name, _ in commands:
        runs = results[name]

        def median(field, runs=runs):
            return statistics.median(run[field] for run in runs)

        print(f"{name:>12}: wall {median(0):7.1f} ms  CPU {median(1):6.1f} ms  peak RSS {median(2):5.1f} MiB  minor faults {median(3):6.0f}")


if __name__ == "__main__":
    main()
