#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Cuepoint contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by scripts/run and scripts/test: the Debian 12 packages Cuepoint builds and runs on,
# installed only when missing, as root or through sudo.

# Build, test and run dependencies (Debian 12 "bookworm" package names).
CUEPOINT_PACKAGES=(
    build-essential cmake ninja-build pkg-config git
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-qpa-plugins libgl-dev
    qt6-multimedia-dev qt6-svg-dev libqt6svg6 qt6-tools-dev qt6-l10n-tools qt6-wayland
    qtkeychain-qt6-dev
    libavformat-dev libavcodec-dev libavutil-dev libswscale-dev ffmpeg
    libcurl4-openssl-dev libssl-dev zlib1g-dev ca-certificates nlohmann-json3-dev libcpp-httplib-dev
    libgtest-dev libgmock-dev
    clang-format-14
    desktop-file-utils appstream dpkg-dev
)

cuepoint_root() {
    cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd
}

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        echo "error: '$*' needs root; run as root or install sudo" >&2
        return 1
    fi
}

# Installs the packages of CUEPOINT_PACKAGES (plus any given) that are not installed yet.
install_dependencies() {
    local wanted=("${CUEPOINT_PACKAGES[@]}" "$@") missing=() pkg
    for pkg in "${wanted[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$pkg")
        fi
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        log "All ${#wanted[@]} Debian packages are installed"
        return 0
    fi
    if ! command -v apt-get >/dev/null; then
        echo "error: apt-get not found; this script installs Debian 12 packages. Missing: ${missing[*]}" >&2
        return 1
    fi
    log "Installing ${#missing[@]} Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -qq
    as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Configures (once) and builds a CMake tree. $1 = build dir, rest = cache options.
configure_and_build() {
    local dir=$1
    shift
    if [[ ! -f "$dir/build.ninja" ]]; then
        cmake -S "$(cuepoint_root)" -B "$dir" -G Ninja "$@"
    else
        cmake -S "$(cuepoint_root)" -B "$dir" "$@" >/dev/null
    fi
    cmake --build "$dir" -j "$(nproc)"
}
