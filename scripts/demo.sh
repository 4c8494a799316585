#!/usr/bin/env bash
# Quick start: install what is missing, build (release), analyse the demo bundle on the terminal,
# and open it in the workbench window when there is a display (a desktop session or Xvfb).
# `scripts/demo.sh --no-gui` stops after the terminal report.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target gateway-doctor
demo=resources/demo/demo-bundle.tar.gz
./build/release/app/gateway-doctor analyze "$demo"
if [ "${1:-}" != "--no-gui" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
    echo "Opening the workbench window..." >&2
    exec ./build/release/app/gateway-doctor "$demo"
fi
