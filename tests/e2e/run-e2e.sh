#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Cuepoint contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one end-to-end test of tests/e2e in Debian's headless chromium through playwright-core.
#
#   run-e2e.sh SCRIPT.mjs WORK_DIR CUEPOINT_CLI
#   run-e2e.sh --install WORK_DIR        (only the npm step; scripts/test runs it before ctest)
#
# playwright-core is installed with `npm ci` from package-lock.json into WORK_DIR (in the build
# tree, with its npm cache there too), again only when the lock file changed. Exits 77 (CTest:
# skipped) only when there is no chromium or node on this machine; scripts/test and .ci/run
# install both.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
script=${1:?usage: run-e2e.sh SCRIPT.mjs WORK_DIR CUEPOINT_CLI}
work=${2:?}

install_modules() {
    mkdir -p "$work"
    if ! cmp -s "$here/package-lock.json" "$work/package-lock.json" \
        || [[ ! -f "$work/node_modules/playwright-core/package.json" ]]; then
        cp "$here/package.json" "$here/package-lock.json" "$work/"
        (cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --prefer-offline \
            --cache "$work/.npm-cache")
    fi
}

if [[ "$script" == --install ]]; then
    install_modules
    exit 0
fi
cli=${3:?}
chromium=${CUEPOINT_CHROMIUM:-/usr/bin/chromium}
if [[ ! -x "$chromium" ]]; then
    echo "SKIPPED: no chromium at $chromium (apt-get install chromium); the browser test cannot run."
    exit 77
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "SKIPPED: node and npm are needed for the browser test (apt-get install nodejs npm)."
    exit 77
fi
install_modules
export CUEPOINT_CLI="$cli" CUEPOINT_CHROMIUM="$chromium" CUEPOINT_E2E_MODULES="$work/node_modules"
exec node "$here/$script"
