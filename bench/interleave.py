#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 Cuepoint contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Times commands truly interleaved, round by round, for ratios on a shared, noisy machine.

hyperfine runs all runs of one command before the next, so a burst of load from another job
lands on one side only (on our shared 2-vCPU VMs that moved a ratio from 0.48 to 1.22 between
two runs of the same binaries). Here every round runs each command once, in an order that
rotates from round to round, so slow drifts of the load hit every command alike. Per command
it reports wall time and CPU time (user + system of the process and its threads, from
wait4); per pair of commands, the ratio of the medians and the median of the per-round
ratios.

    interleave.py --runs N --warmup W --json OUT.json NAME=COMMAND NAME=COMMAND ...

COMMAND is split on whitespace (no shell); its output goes to /dev/null. The first command
is the subject, the last the reference: ratios are printed for every other command against
the last one. Exits non-zero if a command fails.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def run_once(argv):
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"interleave.py: {' '.join(argv)} exited with {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--json")
    parser.add_argument("commands", nargs="+", help="NAME=COMMAND")
    args = parser.parse_args()
    names, argvs = [], []
    for spec in args.commands:
        name, _, command = spec.partition("=")
        names.append(name)
        argvs.append(command.split())
    for _ in range(args.warmup):
        for argv in argvs:
            run_once(argv)
    wall = {n: [] for n in names}
    cpu = {n: [] for n in names}
    for r in range(args.runs):
        shift = r % len(names)
        order = list(range(len(names)))[shift:] + list(range(len(names)))[:shift]
        for i in order:
            w, c = run_once(argvs[i])
            wall[names[i]].append(w)
            cpu[names[i]].append(c)

    def ms(v):
        return f"{v * 1000:8.1f}"

    for n in names:
        print(f"  {n:10} median {ms(statistics.median(wall[n]))} ms  min {ms(min(wall[n]))}"
              f"  max {ms(max(wall[n]))}  cpu {ms(statistics.median(cpu[n]))} ms"
              f"  ({len(wall[n])} runs)")
    ref = names[-1]
    result = {"runs": args.runs, "commands": {}, "ratios": {}}
    for n, argv in zip(names, argvs):
        result["commands"][n] = {"command": " ".join(argv), "wall": wall[n], "cpu": cpu[n]}
    for n in names[:-1]:
        paired = statistics.median(a / b for a, b in zip(wall[n], wall[ref]))
        ratio = statistics.median(wall[n]) / statistics.median(wall[ref])
        cpu_ratio = statistics.median(cpu[n]) / statistics.median(cpu[ref])
        result["ratios"][f"{n}/{ref}"] = {"wall": ratio, "paired": paired, "cpu": cpu_ratio}
        print(f"  {n}/{ref}: ratio of medians {ratio:.2f}, median of paired ratios "
              f"{paired:.2f}, ratio of CPU medians {cpu_ratio:.2f}")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(result, out, indent=1)


if __name__ == "__main__":
    main()
