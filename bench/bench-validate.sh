#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Cuepoint contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Whole-process time of `cuepoint-cli validate FILE` against
# `ffprobe -v error -show_format -show_streams FILE` on the same file, in the same hyperfine
# run (interleaved warm-ups, same cache state). Target (issue "Media"): validate <= 0.6x ffprobe.
#
#   bench/bench-validate.sh CUEPOINT_CLI CORPUS_DIR [RUNS]
#
# Needs hyperfine (Debian 12: apt-get install hyperfine) and python3. Prints min/median/max
# per command and the ratio of medians; the JSON exports stay in CORPUS_DIR/results/.
set -euo pipefail
cli=${1:?usage: bench-validate.sh CUEPOINT_CLI CORPUS_DIR [RUNS]}
corpus=${2:?usage: bench-validate.sh CUEPOINT_CLI CORPUS_DIR [RUNS]}
runs=${3:-30}
mkdir -p "$corpus/results"
export CUEPOINT_PROFILE=${CUEPOINT_PROFILE:-$(mktemp -d)}
for f in "$corpus"/bench_*.mp4; do
    name=$(basename "$f" .mp4)
    # Both must read the file, or the comparison means nothing. validate may find violations
    # (exit 1: the 600 s clip is 600.3 s long once the AAC priming is counted); exit 2 means
    # it could not read the file.
    rc=0
    "$cli" validate "$f" > /dev/null || rc=$?
    if [[ $rc -ge 2 ]]; then
        echo "cuepoint-cli validate cannot read $f (exit $rc)" >&2
        exit 1
    fi
    ffprobe -v error -show_format -show_streams "$f" > /dev/null
    hyperfine -N -i --warmup 5 --runs "$runs" --style none \
        --export-json "$corpus/results/$name.json" \
        -n validate "$cli validate $f" \
        -n ffprobe "ffprobe -v error -show_format -show_streams $f" > /dev/null
    python3 - "$corpus/results/$name.json" "$name" <<'PY'
import json, statistics, sys
data = json.load(open(sys.argv[1]))
rows = {r["command"]: r for r in data["results"]}
def ms(v): return f"{v * 1000:7.1f}"
print(f"{sys.argv[2]}")
for name in ("validate", "ffprobe"):
    r = rows[name]
    print(f"  {name:9} median {ms(r['median'])} ms  min {ms(r['min'])}  max {ms(r['max'])}"
          f"  mean {ms(r['mean'])} ± {ms(r['stddev'])}  ({len(r['times'])} runs)")
ratio = rows["validate"]["median"] / rows["ffprobe"]["median"]
print(f"  ratio of medians validate/ffprobe = {ratio:.2f} (target <= 0.60): "
      f"{'PASS' if ratio <= 0.6 else 'FAIL'}")
PY
done
