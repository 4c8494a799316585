#!/usr/bin/env bash
# Quick start: install what is missing, build (release) and run the main job on the demo bundle.
# `scripts/demo.sh --gui` opens the demo bundle in the workbench window instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
demo=resources/demo/demo-bundle.tar.gz
if [ "${1:-}" = "--gui" ]; then
    exec ./build/release/app/gateway-doctor "$demo"
fi
./build/release/app/gateway-doctor analyze "$demo" "$@"
