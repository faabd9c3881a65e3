#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Cuepoint contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Importing a folder of 200 videos into the media library (`cuepoint-cli library import DIR`,
# a fresh profile each run: hashing, probing, validity, the database rows, and the covers
# unless --no-covers) against what a user's script would do to learn the same: one
# `ffprobe -v error -show_format -show_streams FILE` per file, one after the other, and the
# parallel `xargs -P2` variant. Target (issue "Composer (6/7)"): import >= 4x faster than
# ffprobe per file.
#
#   bench/bench-import.sh CUEPOINT_CLI CACHE_DIR [RUNS]
#
# The 200 videos are made once in CACHE_DIR/import-corpus: 8 real 1080x1920 H.264 clips of
# 2 to 5 s at a low bit rate, each remuxed 25 times with a different title (so every file has
# its own content and none is a duplicate). Needs ffmpeg, ffprobe, hyperfine and python3.
set -euo pipefail
cli=$(realpath "${1:?usage: bench-import.sh CUEPOINT_CLI CACHE_DIR [RUNS]}")
cache=${2:?usage: bench-import.sh CUEPOINT_CLI CACHE_DIR [RUNS]}
runs=${3:-7}
corpus="$cache/import-corpus"
ff="ffmpeg -nostdin -hide_banner -loglevel error -y"
if [[ $(ls "$corpus"/*.mp4 2>/dev/null | wc -l) -ne 200 ]]; then
    rm -rf "$corpus" && mkdir -p "$corpus/seeds"
    for i in 0 1 2 3 4 5 6 7; do
        d=$((2 + i % 4))
        $ff -f lavfi -i "testsrc2=s=1080x1920:r=30:d=$d" -f lavfi -i "sine=f=$((300 + 40 * i)):r=48000:d=$d" \
            -c:v libx264 -preset ultrafast -b:v 600k -g 60 -pix_fmt yuv420p -c:a aac -b:a 64k \
            -movflags +faststart "$corpus/seeds/seed$i.mp4"
    done
    for n in $(seq -w 0 199); do
        seed=$((10#$n % 8))
        $ff -i "$corpus/seeds/seed$seed.mp4" -c copy -map 0 -metadata title="clip $n" \
            -movflags +faststart "$corpus/clip$n.mp4"
    done
fi
echo "corpus: $(ls "$corpus"/*.mp4 | wc -l) files, $(du -sh --exclude=seeds "$corpus" | cut -f1)"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
results="$cache/import-results"
mkdir -p "$results"
hyperfine -N --warmup 1 --runs "$runs" --style none --export-json "$results/import.json" \
    --prepare "rm -rf $profile/p" \
    -n "cuepoint import (probe only)" "$cli --profile $profile/p library import --no-covers $corpus" \
    --prepare "rm -rf $profile/p" \
    -n "cuepoint import (probe + covers)" "$cli --profile $profile/p library import $corpus" \
    > /dev/null
hyperfine --warmup 1 --runs "$runs" --style none --export-json "$results/ffprobe.json" \
    -n "ffprobe per file" \
    "for f in $corpus/*.mp4; do ffprobe -v error -show_format -show_streams \$f > /dev/null; done" \
    -n "ffprobe per file, xargs -P2" \
    "ls $corpus/*.mp4 | xargs -P2 -n1 ffprobe -v error -show_format -show_streams > /dev/null" \
    > /dev/null
python3 - "$results/import.json" "$results/ffprobe.json" <<'PY'
import json, sys
rows = {}
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        rows[r["command"]] = r
def s(v): return f"{v:6.3f}"
for name, r in rows.items():
    print(f"{name:32} median {s(r['median'])} s  min {s(r['min'])}  max {s(r['max'])}"
          f"  ({len(r['times'])} runs)")
base = rows["ffprobe per file"]["median"]
for name in ("cuepoint import (probe only)", "cuepoint import (probe + covers)"):
    ratio = base / rows[name]["median"]
    print(f"{name}: {ratio:.1f}x faster than ffprobe per file (target >= 4x): "
          f"{'PASS' if ratio >= 4 else 'FAIL'}; "
          f"{rows['ffprobe per file, xargs -P2']['median'] / rows[name]['median']:.1f}x vs xargs -P2")
PY
