#!/bin/sh
# SPDX-FileCopyrightText: 2026 Cuepoint contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# `cmake --install` (staged in a DESTDIR, prefix /usr as a distribution packages it) puts every
# file where Linux desktops look for it, and the desktop entry and the AppStream metainfo are
# valid. Exits 77 (skipped) when a validator is missing.
set -eu
build="$1"
for tool in desktop-file-validate appstreamcli; do
    command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool is not installed"; exit 77; }
done
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
DESTDIR="$stage" cmake --install "$build" --prefix /usr >/dev/null
root="$stage/usr"
fail=0
expect() {
    if [ -f "$root/$1" ]; then
        echo "installed: /usr/$1"
    else
        echo "MISSING: /usr/$1"
        fail=1
    fi
}
expect bin/cuepoint
expect bin/cuepoint-cli
expect bin/cuepoint-sandbox
expect share/applications/io.cuepoint.Cuepoint.desktop
expect share/icons/hicolor/scalable/apps/io.cuepoint.Cuepoint.svg
expect share/metainfo/io.cuepoint.Cuepoint.metainfo.xml
expect lib/systemd/user/cuepoint-publisher.service
expect share/doc/cuepoint/TIKTOK-SETUP.md
expect share/doc/cuepoint/SANDBOX.md
[ "$fail" = 0 ] || exit 1
for program in cuepoint cuepoint-cli cuepoint-sandbox; do
    [ -x "$root/bin/$program" ] || { echo "not executable: /usr/bin/$program"; exit 1; }
done

desktop="$root/share/applications/io.cuepoint.Cuepoint.desktop"
desktop-file-validate "$desktop"
grep -qx "Exec=cuepoint %F" "$desktop" || { echo "Exec must start the installed cuepoint"; exit 1; }
grep -qx "Icon=io.cuepoint.Cuepoint" "$desktop" || { echo "Icon must name the installed icon"; exit 1; }

metainfo="$root/share/metainfo/io.cuepoint.Cuepoint.metainfo.xml"
appstreamcli validate --no-net "$metainfo"
grep -q '<launchable type="desktop-id">io.cuepoint.Cuepoint.desktop</launchable>' "$metainfo" \
    || { echo "the metainfo must launch the installed desktop file"; exit 1; }
for shot in month week accounts; do
    grep -q "docs/screenshots/$shot.png</image>" "$metainfo" || { echo "no screenshot $shot.png"; exit 1; }
done

icon="$root/share/icons/hicolor/scalable/apps/io.cuepoint.Cuepoint.svg"
grep -q '<svg' "$icon" || { echo "the icon is not an SVG"; exit 1; }
if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout "$icon"
fi

unit="$root/lib/systemd/user/cuepoint-publisher.service"
grep -qx "ExecStart=/usr/bin/cuepoint-cli run" "$unit" \
    || { echo "the unit must run the installed cuepoint-cli:"; grep ExecStart "$unit"; exit 1; }
echo "install OK"
