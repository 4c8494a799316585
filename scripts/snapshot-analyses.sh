#!/usr/bin/env bash
# Writes `analyze --json` of the demo bundle and of every lab bundle into OUT_DIR, one file each, so that two
# builds can be compared with `diff -r` (a refactoring must leave every verdict byte-identical).
#   scripts/snapshot-analyses.sh BINARY OUT_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:?usage: snapshot-analyses.sh BINARY OUT_DIR}
out=${2:?usage: snapshot-analyses.sh BINARY OUT_DIR}
mkdir -p "$out"
bundles=(resources/demo/demo-bundle.tar.gz tests/data/lab/*.tar.gz)
for bundle in "${bundles[@]}"; do
    name=$(basename "$bundle" .tar.gz)
    "$binary" analyze --json - "$bundle" >"$out/$name.analysis.json" 2>"$out/$name.stderr" || true
    "$binary" analyze "$bundle" >"$out/$name.analysis.txt" 2>/dev/null || true
done
echo "snapshot-analyses: ${#bundles[@]} bundles -> $out" >&2
