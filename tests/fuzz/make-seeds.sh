#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Cuepoint contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes a small seed corpus for cuepoint_fuzz_media into $1: one tiny file (a few KB) per
# container/codec layout the probe and the frame grabber handle, so mutations start from
# valid structure. Needs ffmpeg.
set -euo pipefail
out=${1:?usage: make-seeds.sh OUT_DIR}
mkdir -p "$out"
cd "$out"
ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }
SRC=(-f lavfi -i testsrc2=s=64x96:r=10:d=0.5)
X264=(-c:v libx264 -preset ultrafast -g 3 -pix_fmt yuv420p)
AUD=(-f lavfi -i sine=f=440:r=8000:d=0.5)
ff "${SRC[@]}" "${AUD[@]}" "${X264[@]}" -c:a aac -b:a 8k -shortest -movflags +faststart h264_aac_faststart.mp4
ff "${SRC[@]}" "${X264[@]}" moov_at_end.mp4
ff "${SRC[@]}" "${X264[@]}" -movflags frag_keyframe+empty_moov+default_base_moof fragmented.mp4
ff "${SRC[@]}" "${X264[@]}" -f mov h264.mov
ff "${SRC[@]}" -c:v libx265 -preset ultrafast -x265-params log-level=error -pix_fmt yuv420p10le \
    -tag:v hvc1 -color_trc arib-std-b67 hevc10.mov
ff "${SRC[@]}" -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 50k vp9.webm
ff "${SRC[@]}" -c:v libvpx -deadline realtime -cpu-used 8 -b:v 50k vp8.webm
ff "${SRC[@]}" "${X264[@]}" -f matroska h264.mkv
ff "${SRC[@]}" -c:v mpeg4 -q:v 10 -f avi mpeg4.avi
ff "${SRC[@]}" "${X264[@]}" -f matroska - | ff -i - -c copy -metadata:s:v:0 rotate=270 rotated.mp4
ff "${SRC[@]}" -vf setsar=2/1 "${X264[@]}" sar.mp4
ff "${AUD[@]}" -f lavfi -i testsrc2=s=32x32:d=0.1 -map 0:a -map 1:v -c:a aac -b:a 8k -c:v mjpeg \
    -frames:v 1 -disposition:v:0 attached_pic cover.m4a
ls -l "$out" | awk '{ s += $5 } END { print NR - 1 " seeds, " s " bytes" }'
