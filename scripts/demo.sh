#!/usr/bin/env bash
# Quick start: install what is missing, build (release) and run the main job on the demo bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
./build/release/app/gateway-doctor inspect resources/demo/demo-bundle.tar.gz "$@"
