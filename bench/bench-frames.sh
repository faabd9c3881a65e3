#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Cuepoint contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Exact frames and keyframe strips, side by side with the ffmpeg CLI in the same run (same
# page-cache state; exact frames interleaved round by round). Targets (issue "Media"):
#   - `cuepoint-cli frame FILE --at-ms T --out o.png` <= 0.75x `ffmpeg -ss T -i FILE
#     -frames:v 1 o.png`, near a keyframe and at the end of a GOP (the same frame: T is the
#     frame's video_cover_timestamp_ms, which ffmpeg's "first frame at or after T" and our
#     "frame on screen at T" both resolve to that frame, media.md §3.9);
#   - 20-thumbnail keyframe strip of the 10-minute clip <= 0.35x the best ffmpeg one-liner
#     (`-discard nokey -skip_frame nokey` + fps filter, media.md §4.5), cache off;
#   - in-process keyframe image for a scrub position < 30 ms (bench_scrub).
#
#   [REFERENCE_CLI=OLD/cuepoint-cli] bench/bench-frames.sh CUEPOINT_CLI BENCH_SCRUB CORPUS_DIR [RUNS]
#
# CORPUS_DIR comes from bench/make-corpus.sh (bench_1080x1920_60s.mp4, _600s.mp4: 1080x1920
# 30 fps H.264, x264 keyint 250). Needs hyperfine and python3. The exact-frame cases run
# through bench/interleave.py (each round runs every command once, in rotating order, so load
# from other jobs hits both tools alike; hyperfine runs one command's runs in a block); with
# REFERENCE_CLI set, an older build runs in the same rounds as "before". Prints min/median/max
# wall time and the median CPU time per command, the ratio of medians, the median of the
# per-round ratios and the ratio of CPU medians; JSON exports stay in CORPUS_DIR/results/.
set -euo pipefail
cli=${1:?usage: bench-frames.sh CUEPOINT_CLI BENCH_SCRUB CORPUS_DIR [RUNS]}
scrub=${2:?usage: bench-frames.sh CUEPOINT_CLI BENCH_SCRUB CORPUS_DIR [RUNS]}
corpus=${3:?usage: bench-frames.sh CUEPOINT_CLI BENCH_SCRUB CORPUS_DIR [RUNS]}
runs=${4:-10}
mkdir -p "$corpus/results"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CUEPOINT_PROFILE="$work/profile"

summary() { # JSON NAME A B TARGET
    python3 - "$@" <<'PY'
import json, sys
path, name, a, b, target = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5])
rows = {r["command"]: r for r in json.load(open(path))["results"]}
def ms(v): return f"{v * 1000:8.1f}"
print(name)
for cmd in (a, b):
    r = rows[cmd]
    print(f"  {cmd:10} median {ms(r['median'])} ms  min {ms(r['min'])}  max {ms(r['max'])}"
          f"  ({len(r['times'])} runs)")
ratio = rows[a]["median"] / rows[b]["median"]
print(f"  ratio of medians {a}/{b} = {ratio:.2f} (target <= {target:.2f}): "
      f"{'PASS' if ratio <= target else 'FAIL'}")
PY
}

# Prints "PTS DEN": the first keyframe at or after SECONDS (time base 1/DEN), from packet flags.
keyframe_after() { # FILE SECONDS
    local den
    den=$(ffprobe -v error -select_streams v:0 -show_entries stream=time_base -of csv=p=0 "$1" |
        cut -d/ -f2)
    ffprobe -v error -select_streams v:0 -read_intervals "$2%+20" \
        -show_entries packet=pts,flags -of csv=p=0 "$1" |
        awk -F, -v t="$2" -v den="$den" '$2 ~ /K/ && !found && $1 / den >= t { print $1, den; found = 1 }'
}

# For the frame N frames (30 fps) after the keyframe KEY_PTS (time base 1/DEN):
#   cover: its video_cover_timestamp_ms (start rounded up, media.md §3.9), for cuepoint-cli;
#   ss:    its start rounded down to a microsecond, for ffmpeg -ss, which takes the first
#          frame starting at or after T (a cover value above the start would give the next
#          frame, see bench/results/media-frames.md).
frame_times() { # KEY_PTS DEN N -> "cover ss"
    python3 -c "import sys; p, d, n = map(int, sys.argv[1:]); pts = p + n * d // 30
print(-(-pts * 1000 // d), f'{pts * 1000000 // d / 1e6:.6f}')" "$@"
}

# ffmpeg's own decode of the frame at -ss T with the colour matrix we use for untagged HD
# (BT.709), as raw RGB, to check that both tools produced the very same frame.
ffmpeg_rgb() { # FILE SS
    ffmpeg -nostdin -v error -ss "$2" -i "$1" -frames:v 1 -vf scale=in_color_matrix=bt709 \
        -f rawvideo -pix_fmt rgb24 -
}

for spec in "bench_1080x1920_60s.mp4 20" "bench_1080x1920_600s.mp4 300"; do
    set -- $spec
    file="$corpus/$1"
    name=$(basename "$1" .mp4)
    read -r keypts den < <(keyframe_after "$file" "$2")
    for case in "near_keyframe 3" "end_of_gop 249"; do
        set -- $case
        read -r at ss < <(frame_times "$keypts" "$den" "$2")
        "$cli" frame "$file" --at-ms "$at" --out "$work/ours.png" > "$work/ours.txt"
        if cmp -s <(ffmpeg -v error -i "$work/ours.png" -f rawvideo -pix_fmt rgb24 -) \
            <(ffmpeg_rgb "$file" "$ss"); then
            same="same frame, bit-identical RGB"
        else
            same="WARNING: the two tools gave different pictures"
        fi
        json="$corpus/results/frame_${name}_$1.json"
        before=()
        if [[ -n ${REFERENCE_CLI:-} ]]; then
            before=("before=$REFERENCE_CLI frame $file --at-ms $at --out $work/before.png")
        fi
        echo "frame $name $1 (keyframe + $2 frames; --at-ms $at / -ss $ss; $same; target <= 0.75)"
        python3 "$(dirname "$0")/interleave.py" --runs "$runs" --warmup 2 --json "$json" \
            "cuepoint=$cli frame $file --at-ms $at --out $work/ours.png" "${before[@]}" \
            "ffmpeg=ffmpeg -nostdin -v error -y -ss $ss -i $file -frames:v 1 $work/theirs.png"
    done
done

file="$corpus/bench_1080x1920_600s.mp4"
mkdir -p "$work/ours" "$work/theirs"
json="$corpus/results/strip_bench_1080x1920_600s.json"
hyperfine -N --warmup 2 --runs "$runs" --style none --export-json "$json" \
    -n cuepoint "$cli thumbnails $file --count 20 --out $work/ours --width 180 --no-cache" \
    -n ffmpeg "ffmpeg -nostdin -v error -y -discard nokey -skip_frame nokey -i $file -vf fps=1/30,scale=180:320 -frames:v 20 $work/theirs/t_%02d.png" \
    > /dev/null
summary "$json" "20-thumbnail keyframe strip, bench_1080x1920_600s (180x320 PNGs, cache off)" \
    cuepoint ffmpeg 0.35
ls "$work/ours"/*.png | wc -l | xargs printf '  cuepoint wrote %s PNGs, '
ls "$work/theirs"/*.png | wc -l | xargs printf 'ffmpeg wrote %s PNGs\n'

# Warm cache, for information: the second run of the same strip.
"$cli" thumbnails "$file" --count 20 --out "$work/ours" --width 180 > /dev/null
json="$corpus/results/strip_cached_bench_1080x1920_600s.json"
hyperfine -N --warmup 1 --runs "$runs" --style none --export-json "$json" \
    -n cached "$cli thumbnails $file --count 20 --out $work/ours --width 180" \
    -n ffmpeg "ffmpeg -nostdin -v error -y -discard nokey -skip_frame nokey -i $file -vf fps=1/30,scale=180:320 -frames:v 20 $work/theirs/t_%02d.png" \
    > /dev/null
summary "$json" "the same strip from the profile's cache (information only)" cached ffmpeg 0.35

read -r keypts den < <(keyframe_after "$file" 300)
read -r near _ < <(frame_times "$keypts" "$den" 3)
read -r far _ < <(frame_times "$keypts" "$den" 249)
echo "in-process (bench_scrub; exact frames 3 and 249 frames after the keyframe past 300 s):"
"$scrub" "$file" "$near" "$far" | sed 's/^/  /'
