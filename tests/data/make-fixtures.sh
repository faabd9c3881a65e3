#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Cuepoint contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Generates the video fixtures of docs/media.md §5.3 (plus one fixture on each side of every
# rule of product.md §6) into the folder given as $1, with MANIFEST.tsv describing them.
#
#   make-fixtures.sh OUT_DIR [--force]
#
# Idempotent: OUT_DIR/.stamp holds a hash of this script; when it matches and every file of
# the manifest exists, the script exits at once. Needs ffmpeg (Debian 12: libx264, libx265,
# libvpx, libsvtav1 or libaom, libopus), truncate, dd, stat, cp, sha256sum.
#
# MANIFEST.tsv columns: file, exit code `cuepoint-cli validate` must return (0 valid,
# 1 violations, 2 not readable as a video), expected rule ids / reason, note.
set -euo pipefail

out=${1:?usage: make-fixtures.sh OUT_DIR [--force]}
force=${2:-}
script_hash=$(sha256sum "${BASH_SOURCE[0]}" | cut -d' ' -f1)
mkdir -p "$out"
cd "$out"

if [[ "$force" != --force && -f .stamp && "$(cat .stamp)" == "$script_hash" && -f MANIFEST.tsv ]]; then
    missing=0
    while IFS=$'\t' read -r file _; do
        [[ "$file" == file || -e "$file" ]] || missing=1
    done < MANIFEST.tsv
    if [[ $missing == 0 ]]; then
        echo "fixtures up to date in $out"
        exit 0
    fi
fi
rm -f .stamp

ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }
X264=(-c:v libx264 -preset veryfast -g 60 -pix_fmt yuv420p)
SRC=(-f lavfi -i testsrc2=s=360x640:r=30:d=5)
SINE=(-f lavfi -i sine=f=440:r=48000:d=5)
start=$SECONDS

manifest=()
add() { manifest+=("$1"$'\t'"$2"$'\t'"$3"$'\t'"$4"); }

# --- valid files (exit 0), some with warnings -----------------------------------------------
ff "${SRC[@]}" "${SINE[@]}" "${X264[@]}" -c:a aac -shortest -movflags +faststart ok_h264_aac_faststart.mp4
add ok_h264_aac_faststart.mp4 0 - "360x640 30 fps 5 s H.264 High + AAC, moov first"
ff "${SRC[@]}" "${SINE[@]}" "${X264[@]}" -c:a aac -shortest ok_moov_at_end.mp4
add ok_moov_at_end.mp4 0 - "moov after mdat"
ff "${SRC[@]}" "${SINE[@]}" "${X264[@]}" -c:a aac -shortest \
    -movflags frag_keyframe+empty_moov+default_base_moof ok_fragmented.mp4
add ok_fragmented.mp4 0 - "fragmented MP4, nb_frames 0, video start 0.067"
ff "${SRC[@]}" "${SINE[@]}" "${X264[@]}" -c:a aac -shortest -f mov ok_h264.mov
add ok_h264.mov 0 - "QuickTime container"
ff "${SRC[@]}" "${X264[@]}" -an ok_no_audio.mp4
add ok_no_audio.mp4 0 warn:no_audio "no audio stream"
ff "${SRC[@]}" "${SINE[@]}" -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 1M \
    -c:a libopus -shortest ok_vp9_opus.webm
add ok_vp9_opus.webm 0 - "WebM VP9 + Opus"
ff "${SRC[@]}" -c:v libvpx -deadline realtime -cpu-used 8 -b:v 1M ok_vp8.webm
add ok_vp8.webm 0 warn:no_audio "WebM VP8"
ff "${SRC[@]}" -c:v libx265 -preset ultrafast -x265-params log-level=error -pix_fmt yuv420p10le \
    -tag:v hvc1 -color_primaries bt2020 -color_trc arib-std-b67 -colorspace bt2020nc ok_hevc_10bit_hlg.mov
add ok_hevc_10bit_hlg.mov 0 warn:no_audio,high_bit_depth,hdr "HEVC Main 10 HLG in MOV"
ff -f lavfi -i testsrc2=s=640x360:r=30:d=5 "${X264[@]}" -f matroska - \
    | ff -i - -c copy -metadata:s:v:0 rotate=270 ok_rotation_minus90.mp4
add ok_rotation_minus90.mp4 0 warn:no_audio "coded 640x360, display matrix -90 -> 360x640"
ff -f lavfi -i testsrc2=s=640x360:r=30:d=5 "${X264[@]}" -f matroska - \
    | ff -i - -c copy -metadata:s:v:0 rotate=90 ok_rotation_plus90.mp4
add ok_rotation_plus90.mp4 0 warn:no_audio "coded 640x360, display matrix +90 -> 360x640"
ff "${SRC[@]}" "${X264[@]}" -f matroska - \
    | ff -i - -c copy -metadata:s:v:0 rotate=180 ok_rotation_180.mp4
add ok_rotation_180.mp4 0 warn:no_audio "display matrix 180, size unchanged"
ff -f lavfi -i testsrc2=s=640x360:r=30:d=5 "${X264[@]}" landscape_640x360.mp4
add landscape_640x360.mp4 0 warn:no_audio,aspect_ratio "landscape"
ff -f lavfi -i testsrc2=s=180x640:r=30:d=5 -vf setsar=2/1 "${X264[@]}" ok_sar_2_1.mp4
add ok_sar_2_1.mp4 0 warn:no_audio "coded 180x640, SAR 2:1 -> 360x640"
ff -f lavfi -i testsrc2=s=360x640:r=60:d=6 -vf "select='lt(t,3)+not(mod(n,3))'" \
    -fps_mode passthrough "${X264[@]}" ok_vfr.mp4
add ok_vfr.mp4 0 warn:no_audio,variable_frame_rate "60 fps for 3 s, then 20 fps"

# --- frame rate: 23-60 fps with a tolerance --------------------------------------------------
ff -f lavfi -i testsrc2=s=360x640:r=24000/1001:d=4 "${X264[@]}" ok_fps23_976.mp4
add ok_fps23_976.mp4 0 warn:no_audio "23.976 fps passes"
ff -f lavfi -i testsrc2=s=360x640:r=60000/1001:d=3.5 "${X264[@]}" ok_fps59_94.mp4
add ok_fps59_94.mp4 0 warn:no_audio "59.94 fps passes"
ff -f lavfi -i testsrc2=s=360x640:r=60:d=3.5 "${X264[@]}" ok_fps60.mp4
add ok_fps60.mp4 0 warn:no_audio "60 fps, the upper limit"
ff -f lavfi -i testsrc2=s=360x640:r=22:d=4 "${X264[@]}" fps22.mp4
add fps22.mp4 1 frame_rate "22 fps, just under"
ff -f lavfi -i testsrc2=s=360x640:r=20:d=5 "${X264[@]}" fps20.mp4
add fps20.mp4 1 frame_rate "20 fps"
ff -f lavfi -i testsrc2=s=360x640:r=61:d=3.5 "${X264[@]}" fps61.mp4
add fps61.mp4 1 frame_rate "61 fps, just over"
ff -f lavfi -i testsrc2=s=360x640:r=120:d=3.5 "${X264[@]}" fps120.mp4
add fps120.mp4 1 frame_rate "120 fps"

# --- duration: 3 s to 10 min ----------------------------------------------------------------
ff -f lavfi -i testsrc2=s=360x640:r=30:d=3 "${X264[@]}" ok_3s.mp4
add ok_3s.mp4 0 warn:no_audio "3 s, the lower limit"
ff -f lavfi -i testsrc2=s=360x640:r=30:d=2.5 "${X264[@]}" short_2_5s.mp4
add short_2_5s.mp4 1 duration "2.5 s"
# Long clips: encode 1 s, then loop it with stream copy (0.2 s instead of 14 s).
ff -f lavfi -i color=c=blue:s=360x640:r=30:d=1 "${X264[@]}" long_1s_seed.tmp.mp4
ff -stream_loop 599 -i long_1s_seed.tmp.mp4 -c copy ok_10min.mp4
add ok_10min.mp4 0 warn:no_audio "600 s, the upper limit"
ff -stream_loop 659 -i long_1s_seed.tmp.mp4 -c copy long_11min.mp4
add long_11min.mp4 1 duration "660 s"
rm -f long_1s_seed.tmp.mp4

# --- displayed size: 360-4096 px each way ---------------------------------------------------
ff -f lavfi -i testsrc2=s=320x640:r=30:d=5 "${X264[@]}" narrow_320x640.mp4
add narrow_320x640.mp4 1 dimensions "width 320"
ff -f lavfi -i testsrc2=s=300x300:r=30:d=5 "${X264[@]}" small_300x300.mp4
add small_300x300.mp4 1 dimensions "300x300"
ff -f lavfi -i color=c=gray:s=4096x480:r=30:d=3 -c:v libx264 -preset ultrafast -pix_fmt yuv420p ok_wide_4096.mp4
add ok_wide_4096.mp4 0 warn:no_audio,aspect_ratio "4096x480, the upper limit"
ff -f lavfi -i color=c=gray:s=4160x480:r=30:d=3 -c:v libx264 -preset ultrafast -pix_fmt yuv420p wide_4160.mp4
add wide_4160.mp4 1 dimensions "4160x480"

# --- file size: at most 1 GiB (sparse files: trailing zeros after the last box) -------------
cp ok_h264_aac_faststart.mp4 ok_size_1gib.mp4 && truncate -s 1073741824 ok_size_1gib.mp4
add ok_size_1gib.mp4 0 - "exactly 1 GiB (sparse)"
cp ok_h264_aac_faststart.mp4 big_over_1gib.mp4 && truncate -s 1073741825 big_over_1gib.mp4
add big_over_1gib.mp4 1 file_size "1 GiB + 1 byte (sparse)"

# --- container, codec and stream count ------------------------------------------------------
ff "${SRC[@]}" "${X264[@]}" -f matroska ok_h264.mkv
add ok_h264.mkv 1 container "H.264 in Matroska (same demuxer as WebM)"
ff "${SRC[@]}" -c:v mpeg4 -q:v 5 -f avi ok_mpeg4.avi
add ok_mpeg4.avi 1 container,video_codec "AVI, MPEG-4 Part 2"
ff "${SRC[@]}" -c:v libsvtav1 -preset 12 av1.mp4 2>/dev/null \
    || ff "${SRC[@]}" -c:v libaom-av1 -cpu-used 8 -row-mt 1 av1.mp4
add av1.mp4 1 video_codec "AV1"
ff "${SRC[@]}" -map 0:v -map 0:v "${X264[@]}" two_video_streams.mp4
add two_video_streams.mp4 1 video_streams "2 video streams"

# --- not readable as a video (exit 2) -------------------------------------------------------
ff "${SINE[@]}" -c:a aac audio_only.m4a
add audio_only.m4a 2 no_video "1 AAC stream"
ff "${SINE[@]}" -f lavfi -i testsrc2=s=360x360:d=0.04 -map 0:a -map 1:v -c:a aac -c:v mjpeg \
    -frames:v 1 -disposition:v:0 attached_pic audio_with_cover.m4a
add audio_with_cover.m4a 2 no_video "AAC + mjpeg cover art (attached_pic)"
ff -f lavfi -i testsrc2=s=640x640 -frames:v 1 -c:v mjpeg -f mjpeg jpeg_named.mp4
add jpeg_named.mp4 2 not_video "a JPEG image named .mp4"
ff -f lavfi -i testsrc2=s=360x640:r=10:d=2 -f gif animated.gif
add animated.gif 2 not_video "an animated GIF"
printf 'hello, this is not a video\n' > text_named.mp4
add text_named.mp4 2 not_video "a text file named .mp4"
: > empty.mp4
add empty.mp4 2 empty "0 bytes"
ff -f lavfi -i anoisesrc=d=1:r=32000:seed=42 -f s16le random_bytes.mp4
add random_bytes.mp4 2 not_video "64000 bytes of seeded noise"
cp ok_h264_aac_faststart.mp4 truncated_faststart.mp4
truncate -s $(( $(stat -c %s ok_h264_aac_faststart.mp4) / 2 )) truncated_faststart.mp4
add truncated_faststart.mp4 2 truncated "moov first, cut at 50 %"
cp ok_moov_at_end.mp4 truncated_moov_at_end.mp4
truncate -s $(( $(stat -c %s ok_moov_at_end.mp4) / 2 )) truncated_moov_at_end.mp4
add truncated_moov_at_end.mp4 2 damaged "moov at the end, cut at 50 %: no moov"
cp ok_vp9_opus.webm truncated_vp9.webm
truncate -s $(( $(stat -c %s ok_vp9_opus.webm) / 2 )) truncated_vp9.webm
add truncated_vp9.webm 2 truncated "WebM cut at 50 %"
cp ok_h264_aac_faststart.mp4 corrupt_header.mp4
printf '\xff%.0s' $(seq 16) | dd of=corrupt_header.mp4 bs=1 seek=40 conv=notrunc status=none
add corrupt_header.mp4 2 damaged "16 x 0xff over the mvhd box header: opens with 0 streams"

{
    printf 'file\texit\texpect\tnote\n'
    printf '%s\n' "${manifest[@]}"
} > MANIFEST.tsv
echo "$script_hash" > .stamp
echo "generated ${#manifest[@]} fixtures in $out in $(( SECONDS - start )) s"
