#!/usr/bin/env bash
# Rewrites tests/data/parsers/**/*.ref from the current parsers. Review `git diff` before committing.
set -euo pipefail
build=${1:-build/debug}
cmake --build "$build" --target tst_parsers_golden
GD_UPDATE_GOLDEN=1 "$build/tests/parsers/tst_parsers_golden" >/dev/null
git -C "$(dirname "$0")/.." status --short -- tests/data/parsers
