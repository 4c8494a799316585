#!/usr/bin/env bash
# Screenshots of the workbench for the README and reviews: the demo bundle opened, incident 2 selected
# and its first evidence line shown in the log viewer, rendered offscreen with the Fusion style in the
# default (light) palette and in a dark one.
#
#   scripts/screenshots.sh [BUNDLE]     (default: resources/demo/demo-bundle.tar.gz)
#
# Writes build/screenshots/workbench-light.png and build/screenshots/workbench-dark.png.
# Environment:
#   GD_SHOTS_BUILD   Release build folder (default: build/release); configured and built when needed.
#   GD_SHOTS_OUT     output folder (default: build/screenshots)
#   GD_SHOTS_JOBS    build parallelism (default 1)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${GD_SHOTS_BUILD:-$ROOT/build/release}
OUT=${GD_SHOTS_OUT:-$ROOT/build/screenshots}
JOBS=${GD_SHOTS_JOBS:-1}
BUNDLE=${1:-$ROOT/resources/demo/demo-bundle.tar.gz}

say() { printf '== %s\n' "$*" >&2; }

if [[ ! -f $BUILD/build.ninja ]]; then
    say "configuring $BUILD (Release)"
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGD_BUILD_UI=ON -DGD_BUILD_TESTS=ON \
        -DGD_BUILD_BENCHMARKS=ON >/dev/null
fi
say "building bench_gui in $BUILD"
cmake --build "$BUILD" -j"$JOBS" --target bench_gui >/dev/null

say "rendering $(basename "$BUNDLE") into $OUT"
QT_QPA_PLATFORM=offscreen "$BUILD/tests/bench/bench_gui" --screenshots "$OUT" "$BUNDLE"
