#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Cuepoint contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Step 1 of the composer on a 10-minute 1080x1920 H.264 video (GOP 2 s), one process per run
# with a cold thumbnail cache (targets: verdict shown < 100 ms, first thumbnail painted
# < 300 ms, keyframe under the handle < 30 ms; exact frame at rest measured), side by side
# with `ffprobe` on the same file and `ffmpeg -ss T -i FILE -frames:v 1` for one frame.
#
#   bench/bench-composer.sh BUILD_DIR [RUNS] [CORPUS_DIR]
#
# BUILD_DIR must have bench_composer built (Release: cmake --build BUILD --target
# bench_composer). The video is made once into CORPUS_DIR (default BUILD_DIR/bench-corpus):
# a 10 s testsrc2 clip (libx264 veryfast, keyint 60) looped with stream copy to 599.85 s.
# Needs ffmpeg, hyperfine and python3. Runs on the offscreen platform.
set -euo pipefail
build=${1:?usage: bench-composer.sh BUILD_DIR [RUNS] [CORPUS_DIR]}
runs=${2:-7}
corpus=${3:-$build/bench-corpus}
bench=$build/bench/bench_composer
mkdir -p "$corpus"
video=$corpus/composer_1080x1920_600s_gop2s.mp4
ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }
if [[ ! -f $video ]]; then
    ff -f lavfi -i testsrc2=s=1080x1920:r=30:d=10 -f lavfi -i sine=f=440:r=48000:d=10 \
        -c:v libx264 -preset veryfast -crf 23 -g 60 -keyint_min 60 -sc_threshold 0 \
        -pix_fmt yuv420p -c:a aac -b:a 128k -shortest "$corpus/composer_seed_10s.mp4"
    ff -stream_loop 59 -i "$corpus/composer_seed_10s.mp4" -t 599.85 -c copy -movflags +faststart \
        "$video"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "video: $video ($(stat -c %s "$video") bytes)"
for i in $(seq 1 "$runs"); do
    QT_QPA_PLATFORM=offscreen "$bench" run "$video" "$work/cache" 2>/dev/null | tee -a "$work/runs.txt"
done
for i in $(seq 1 "$runs"); do
    QT_QPA_PLATFORM=offscreen "$bench" check "$video" 2>/dev/null | cut -d' ' -f1 >>"$work/check.txt"
done
paste -d' ' "$work/runs.txt" "$work/check.txt" >"$work/all.txt"
python3 - "$work/all.txt" <<'PY'
import statistics, sys
rows = [dict(kv.split("=") for kv in line.split()) for line in open(sys.argv[1]) if "=" in line]
print(f"{'metric':28} {'median':>8} {'min':>8} {'max':>8}  (ms, {len(rows)} runs)")
for key in rows[0]:
    v = [float(r[key]) for r in rows]
    print(f"{key:28} {statistics.median(v):8.1f} {min(v):8.1f} {max(v):8.1f}")
PY
# Peers: the ffprobe process on the same file; ffmpeg's exact frame (input seeking) at the
# same three places, scaled like the preview (540x960).
hyperfine -N --warmup 2 --runs "$runs" --style basic --export-json "$work/peers.json" \
    "ffprobe -v error -show_streams -show_format $video" \
    "ffmpeg -nostdin -v error -ss 300.200 -i $video -frames:v 1 -s 540x960 -y $work/a.png" \
    "ffmpeg -nostdin -v error -ss 301.167 -i $video -frames:v 1 -s 540x960 -y $work/b.png" \
    "ffmpeg -nostdin -v error -ss 302.127 -i $video -frames:v 1 -s 540x960 -y $work/c.png" \
    >/dev/null
python3 - "$work/peers.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    t = [x * 1000 for x in r["times"]]
    print(f"{r['median'] * 1000:8.1f} median {min(t):8.1f} min {max(t):8.1f} max  {r['command'][:90]}")
PY
