#!/bin/sh
# SPDX-FileCopyrightText: 2026 Cuepoint contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# `cpack -G DEB` builds a Debian package whose control fields are complete (Depends from
# dpkg-shlibdeps plus Qt's plugins, Maintainer, Section, Description) and whose files are the
# installed ones under /usr. Exits 77 (skipped) without dpkg-deb or dpkg-shlibdeps.
set -eu
build="$1"
for tool in dpkg-deb dpkg-shlibdeps cpack; do
    command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool is not installed"; exit 77; }
done
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# gzip: the fastest compression cpack offers; the test is about the contents.
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$out" -D CPACK_DEBIAN_COMPRESSION_TYPE=gzip \
    >"$out/cpack.log" 2>&1 || { cat "$out/cpack.log"; exit 1; }
deb=$(find "$out" -maxdepth 1 -name 'cuepoint_*.deb' | head -n 1)
[ -n "$deb" ] || { echo "no .deb was built"; cat "$out/cpack.log"; exit 1; }
echo "built $(basename "$deb")"

field() { dpkg-deb --field "$deb" "$1"; }
fail=0
check_field() {
    value=$(field "$1")
    if [ -z "$value" ]; then
        echo "empty control field: $1"
        fail=1
    else
        echo "$1: $value" | head -n 1
    fi
}
for name in Package Version Architecture Maintainer Section Priority Depends Description Homepage; do
    check_field "$name"
done
[ "$fail" = 0 ] || exit 1
[ "$(field Package)" = cuepoint ] || { echo "Package is not cuepoint"; exit 1; }
field Maintainer | grep -q '<.*@.*>' || { echo "Maintainer needs a name and an address"; exit 1; }
depends=$(field Depends)
for dep in libqt6widgets6 libqt6sql6 libqt6sql6-sqlite libqt6svg6 libcurl4 libavformat59 libqt6keychain1; do
    echo "$depends" | grep -q "$dep" || { echo "Depends lacks $dep: $depends"; exit 1; }
done
# A one-line synopsis, then a longer description.
[ "$(field Description | wc -l)" -ge 2 ] || { echo "the Description has no long part"; exit 1; }

files=$(dpkg-deb --contents "$deb" | awk '{print $NF}')
for path in ./usr/bin/cuepoint ./usr/bin/cuepoint-cli ./usr/bin/cuepoint-sandbox \
    ./usr/share/applications/io.cuepoint.Cuepoint.desktop \
    ./usr/share/icons/hicolor/scalable/apps/io.cuepoint.Cuepoint.svg \
    ./usr/share/metainfo/io.cuepoint.Cuepoint.metainfo.xml \
    ./usr/lib/systemd/user/cuepoint-publisher.service \
    ./usr/share/doc/cuepoint/TIKTOK-SETUP.md; do
    echo "$files" | grep -qx "$path" || { echo "not in the package: $path"; exit 1; }
done
if echo "$files" | grep -q '^\./usr/local/'; then
    echo "the package installs into /usr/local"; exit 1
fi
dpkg-deb --fsys-tarfile "$deb" | tar -xOf - ./usr/lib/systemd/user/cuepoint-publisher.service \
    | grep -qx "ExecStart=/usr/bin/cuepoint-cli run" || { echo "the unit in the package does not run /usr/bin/cuepoint-cli"; exit 1; }
echo "package OK"
