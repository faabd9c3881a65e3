#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Cuepoint contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Benchmark corpus for bench-validate.sh: 1080x1920 30 fps H.264 + AAC, 60 s and 600 s,
# moov first (what phones' editors and TikTok's own exports produce), plus the 600 s clip
# with the moov at the end.
#
#   bench/make-corpus.sh OUT_DIR
#
# A 10 s testsrc2 clip is encoded once (libx264 veryfast, GOP 250) and then looped with
# stream copy (-stream_loop, cut with -t 599.85 so the AAC priming of each loop does not push the
# 600 s clip over TikTok's limit), so the long clips take seconds, not minutes, to make. The
# probe's cost is set by the container's tables (one stts/stsz/stco entry per sample: 18,000
# video samples and ~28,000 audio samples for 600 s), which looping reproduces exactly;
# pixel content does not matter because neither tool decodes the whole file.
set -euo pipefail
out=${1:?usage: make-corpus.sh OUT_DIR}
mkdir -p "$out"
cd "$out"
ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }
if [[ ! -f seed_10s.mp4 ]]; then
    ff -f lavfi -i testsrc2=s=1080x1920:r=30:d=10 -f lavfi -i sine=f=440:r=48000:d=10 \
        -c:v libx264 -preset veryfast -crf 23 -g 250 -pix_fmt yuv420p -c:a aac -b:a 128k \
        -shortest seed_10s.mp4
fi
[[ -f bench_1080x1920_60s.mp4 ]] \
    || ff -stream_loop 5 -i seed_10s.mp4 -t 60 -c copy -movflags +faststart bench_1080x1920_60s.mp4
[[ -f bench_1080x1920_600s.mp4 ]] \
    || ff -stream_loop 59 -i seed_10s.mp4 -t 599.85 -c copy -movflags +faststart bench_1080x1920_600s.mp4
[[ -f bench_1080x1920_600s_moov_at_end.mp4 ]] \
    || ff -stream_loop 59 -i seed_10s.mp4 -t 599.85 -c copy bench_1080x1920_600s_moov_at_end.mp4
for f in bench_*.mp4; do
    printf '%-40s %12s bytes  %s s\n' "$f" "$(stat -c %s "$f")" \
        "$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$f")"
done
