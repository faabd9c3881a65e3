#!/bin/sh
# SPDX-FileCopyrightText: 2026 Cuepoint contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# `cmake --install` puts the publisher's systemd user unit where systemd looks for it, and the
# unit runs the installed cuepoint-cli: the one of the prefix installed to (the unit is
# configured at install time).
set -eu
build="$1"
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
expected_cli="$prefix/bin/cuepoint-cli"
cmake --install "$build" --prefix "$prefix" >/dev/null
unit="$prefix/lib/systemd/user/cuepoint-publisher.service"
[ -f "$unit" ] || { echo "not installed: $unit"; exit 1; }
grep -qx "ExecStart=$expected_cli run" "$unit" || { echo "ExecStart is not '$expected_cli run':"; grep ExecStart "$unit"; exit 1; }
grep -qx "WantedBy=default.target" "$unit" || { echo "no [Install] WantedBy=default.target"; exit 1; }
grep -qx "KillSignal=SIGTERM" "$unit" || { echo "the publisher must be stopped with SIGTERM"; exit 1; }
if command -v systemd-analyze >/dev/null 2>&1; then
    # Verify the syntax (ExecStart points at the binary that was just installed).
    cp "$unit" "$prefix/cuepoint-publisher.service"
    out=$(systemd-analyze verify "$prefix/cuepoint-publisher.service" 2>&1 || true)
    if echo "$out" | grep -qi "cuepoint-publisher.service.*\(unknown\|invalid\|failed to parse\)"; then
        echo "$out"; exit 1
    fi
fi
echo "systemd user unit OK: $unit"
