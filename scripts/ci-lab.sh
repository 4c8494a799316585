#!/usr/bin/env bash
# CI leg for the live lab: regenerates every scenario with real nginx + PHP-FPM (needs root on
# Debian 12), then checks the fresh bundles: their logs show what their labels claim, and the
# analysis names each labelled cause. Builds what it needs (the debug preset's tst_lab_bundles).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset debug >/dev/null
cmake --build --preset debug --target tst_lab_bundles
out=$(mktemp -d /tmp/gateway-doctor-ci-lab.XXXXXX)
trap 'rm -rf "$out"' EXIT
tests/lab/run-lab.sh --out "$out"
GD_LAB_DIR="$out" QT_QPA_PLATFORM=offscreen build/debug/tests/analysis/tst_lab_bundles
