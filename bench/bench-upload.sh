#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Cuepoint contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Upload throughput and memory of TikTokClient (bench_upload) against `curl -T` sending the
# same chunks, with the same headers, to the same sandbox in the same run (alternating, after
# one warm-up of each). Target (issue "TikTok client"): ours >= 0.9x curl's throughput, and the
# uploading process's peak memory < 100 MB for a 1 GB file.
#
#   bench/bench-upload.sh BUILD_DIR [RUNS] [SIZE_BYTES]
#
# BUILD_DIR must have cuepoint-sandbox and bench_upload built
# (cmake --build BUILD --target cuepoint-sandbox bench_upload). Needs curl, jq, python3 and
# GNU time. Prints a Markdown table (min/median/max per client, ratio of medians).
set -euo pipefail
build=${1:?usage: bench-upload.sh BUILD_DIR [RUNS] [SIZE_BYTES]}
runs=${2:-5}
size=${3:-1073741824}
sandbox=$build/src/sandbox/cuepoint-sandbox
bench=$build/bench/bench_upload
work=$(mktemp -d)
pid=
cleanup() {
    [[ -n $pid ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

head -c "$size" /dev/urandom > "$work/video.mp4"
expected=$(sha256sum "$work/video.mp4" | cut -d' ' -f1)
read -r chunk count < <("$bench" --print-plan --file "$work/video.mp4")
# curl sends each chunk from its own file (cut once, outside the timing).
for ((i = 0; i < count; i++)); do
    offset=$((i * chunk))
    len=$chunk
    ((i == count - 1)) && len=$((size - offset))
    dd if="$work/video.mp4" of="$work/chunk.$i" iflag=skip_bytes,count_bytes skip="$offset" \
        count="$len" bs=4M status=none
done

mkdir -p "$work/state"
"$sandbox" --port 0 --state-dir "$work/state" > "$work/sandbox.log" 2>&1 &
pid=$!
for _ in $(seq 100); do [[ -s $work/state/port ]] && break; sleep 0.05; done
base=http://127.0.0.1:$(cat "$work/state/port")

admin() {
    local body=${2:-'{}'}
    curl -sf -X POST "$base/_sandbox/$1" -H 'Content-Type: application/json' -d "$body"
}
fresh_token() {
    # A new sandbox day for every run: rate windows, caps and old uploads are forgotten.
    admin reset > /dev/null
    admin tokens '{"creator":"sandbox_creator","scope":"user.info.basic,video.publish,video.upload"}' \
        | jq -r .access_token
}
check_upload() {
    local got
    got=$(curl -sf "$base/_sandbox/summary" | jq -r '.publishes[-1].sha256')
    [[ $got == "$expected" ]] || { echo "upload by $1 has the wrong bytes ($got)" >&2; exit 1; }
}

run_ours() {
    local token
    token=$(fresh_token)
    /usr/bin/time -f '%M' -o "$work/time.txt" \
        "$bench" --api-base "$base" --token "$token" --file "$work/video.mp4" ${BENCH_UPLOAD_ARGS:-} \
        > "$work/ours.json"
    check_upload bench_upload
    echo "$(jq -r .upload_s "$work/ours.json") $(cat "$work/time.txt")"
}

run_curl() {
    local token url target args=() start end
    token=$(fresh_token)
    url=$(curl -sf -X POST "$base/v2/post/publish/video/init/" \
        -H "Authorization: Bearer $token" -H 'Content-Type: application/json; charset=UTF-8' \
        -d "{\"post_info\":{\"privacy_level\":\"SELF_ONLY\",\"brand_content_toggle\":false},
             \"source_info\":{\"source\":\"FILE_UPLOAD\",\"video_size\":$size,
             \"chunk_size\":$chunk,\"total_chunk_count\":$count}}" | jq -r .data.upload_url)
    # -T appends the file name to a URL whose path ends in '/', so the exact request target
    # (path and query of upload_url) is given explicitly.
    target=/${url#http://*/}
    for ((i = 0; i < count; i++)); do
        local offset=$((i * chunk)) len=$chunk
        ((i == count - 1)) && len=$((size - offset))
        ((i > 0)) && args+=(--next)
        args+=(-s -o /dev/null -T "$work/chunk.$i" -H 'Content-Type: video/mp4' -H 'Expect:'
            -H "Content-Range: bytes $offset-$((offset + len - 1))/$size"
            --request-target "$target" "$url")
    done
    start=$(date +%s.%N)
    /usr/bin/time -f '%M' -o "$work/time.txt" curl "${args[@]}"
    end=$(date +%s.%N)
    check_upload curl
    echo "$(echo "$end - $start" | bc -l) $(cat "$work/time.txt")"
}

run_ours > /dev/null # warm-ups: page cache, sandbox threads
run_curl > /dev/null
: > "$work/results.txt"
for ((r = 0; r < runs; r++)); do
    echo "ours $(run_ours)" >> "$work/results.txt"
    echo "curl $(run_curl)" >> "$work/results.txt"
done

python3 - "$work/results.txt" "$size" "$chunk" "$count" "$runs" <<'PY'
import statistics, sys
path, size, chunk, count, runs = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
rows = {"ours": [], "curl": []}
for line in open(path):
    who, seconds, rss = line.split()
    rows[who].append((float(seconds), int(rss)))
def mbps(s): return size / 1e6 / s
print(f"File: {size:,} bytes in {count} chunks of {int(chunk):,} bytes; {runs} runs each, "
      "alternating, after one warm-up each.\n")
print("| client | throughput min | median | max (MB/s) | peak RSS max (MB) |")
print("|---|---|---|---|---|")
med = {}
for who, label in (("ours", "TikTokClient (bench_upload)"), ("curl", "curl -T (same chunks)")):
    t = sorted(mbps(s) for s, _ in rows[who])
    med[who] = statistics.median(t)
    rss = max(r for _, r in rows[who]) / 1024
    print(f"| {label} | {t[0]:.0f} | {med[who]:.0f} | {t[-1]:.0f} | {rss:.1f} |")
ratio = med["ours"] / med["curl"]
rss_ours = max(r for _, r in rows["ours"]) / 1024
print(f"\nRatio of median throughputs ours/curl = {ratio:.2f} (target >= 0.90): "
      f"{'PASS' if ratio >= 0.9 else 'FAIL'}")
print(f"Peak RSS of the uploading process = {rss_ours:.1f} MB (target < 100 MB): "
      f"{'PASS' if rss_ours < 100 else 'FAIL'}")
PY
