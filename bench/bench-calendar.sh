#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Cuepoint contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The calendar with 10,000 posts (issue "Window 5/7"): the window's start to the first painted
# month (< 1 s), month switches with query, model and paint (< 50 ms), peak memory (< 200 MB).
#
#   bench/bench-calendar.sh BUILD_DIR [RUNS] [POSTS]
#
# BUILD_DIR must have bench_calendar built (cmake --build BUILD --target bench_calendar). The
# profile is seeded once (POSTS posts over 12 months from this month, 3 accounts) and copied for
# each run, so every run starts from the same file. Runs on the offscreen platform, and again
# under Xvfb when xvfb-run is installed. Prints one line per run.
set -euo pipefail
build=${1:?usage: bench-calendar.sh BUILD_DIR [RUNS] [POSTS]}
runs=${2:-5}
posts=${3:-10000}
bench=$build/bench/bench_calendar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
QT_QPA_PLATFORM=offscreen "$bench" seed "$work/seed" "$posts" 2>/dev/null | grep seeded
for platform in offscreen xvfb; do
    if [[ $platform == xvfb ]] && ! command -v xvfb-run >/dev/null; then
        continue
    fi
    for i in $(seq 1 "$runs"); do
        rm -rf "$work/run"
        cp -r "$work/seed" "$work/run"
        if [[ $platform == offscreen ]]; then
            line=$(QT_QPA_PLATFORM=offscreen "$bench" run "$work/run" 20 2>/dev/null | grep first_paint)
        else
            line=$(env -u QT_QPA_PLATFORM xvfb-run -a -s "-screen 0 1200x760x24" \
                "$bench" run "$work/run" 20 2>/dev/null | grep first_paint)
        fi
        echo "$platform run $i: $line"
    done
done
