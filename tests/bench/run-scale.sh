#!/usr/bin/env bash
# Scale benchmark: generated bundles of growing size through the command-line `inspect` and `analyze`,
# printing time, events/s and peak memory (whole process, GNU time's maximum RSS) per event, so that the
# growth is visible.
#
#   tests/bench/run-scale.sh [SIZE_MB...]        (default: 1000 5000 10000 = 1, 5 and 10 GB of logs)
#
# Environment:
#   GD_BENCH_DIR     where the bundles live (server-<MB>-<seed>/ each), reused when present (default:
#                    /tmp/gd-scale; 10 GB of logs take ~4 GB there, since rotated copies stay gzipped)
#   GD_BENCH_BUILD   Release build folder (default: build/release); built when needed
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${GD_BENCH_BUILD:-$ROOT/build/release}
DIR=${GD_BENCH_DIR:-/tmp/gd-scale}
SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(1000 5000 10000)

say() { printf '== %s\n' "$*" >&2; }
[[ -x /usr/bin/time ]] || { echo "run-scale: GNU time (/usr/bin/time) is required: apt-get install time" >&2; exit 1; }
if [[ ! -f $BUILD/build.ninja ]]; then
    say "configuring $BUILD (Release)"
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGD_BUILD_BENCHMARKS=ON >/dev/null
fi
say "building gateway-doctor and gen_bench_bundle"
cmake --build "$BUILD" --target gateway-doctor gen_bench_bundle >/dev/null
CLI=$BUILD/app/gateway-doctor
GEN=$BUILD/tests/bench/gen_bench_bundle

# A size up to MAX_SERVER_MB is one server's week (the generator needs ~160 MB of memory for 10 GB); a bigger
# bundle is several servers of at most MAX_SERVER_MB each (different seeds), opened together as a ticket with
# logs from a whole cluster would be: one server per folder.
MAX_SERVER_MB=10000
SEED=20261127
rows=()
for size in "${SIZES[@]}"; do
    servers=$(((size + MAX_SERVER_MB - 1) / MAX_SERVER_MB))
    inputs=()
    for ((k = 0; k < servers; k++)); do
        server_mb=$((size / servers))
        server_dir=$DIR/server-$server_mb-$((SEED + k))
        if [[ -f $server_dir/manifest.txt ]] && grep -qx "size_mb $server_mb" "$server_dir/manifest.txt"; then
            say "reusing the $server_mb MB server bundle in $server_dir"
        else
            say "generating a $server_mb MB server bundle in $server_dir"
            "$GEN" "$server_dir" "$server_mb" --no-tar --seed $((SEED + k)) >&2
        fi
        inputs+=("$server_dir/bundle")
    done
    for command in inspect analyze; do
        json=$(mktemp)
        # %e wall seconds, %M maximum resident set size in KiB
        stats=$(/usr/bin/time -f '%e %M' "$CLI" "$command" --json "$json" "${inputs[@]}" 2>&1 >/dev/null | tail -1)
        if [[ $command == inspect ]]; then
            events=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["totals"]["events"])' "$json")
        fi # analyze reads the same timeline
        rm -f "$json"
        read -r wall rss_kib <<<"$stats"
        rows+=("$(awk -v s="$size" -v n="$servers" -v c="$command" -v e="$events" -v w="$wall" -v r="$rss_kib" 'BEGIN {
            printf "%8s %7s  %-8s %11d %8.1f %11.0f %10.0f %8.1f", s, n, c, e, w, e / w, r / 1024, r * 1024 / e }')")
    done
done
printf '%8s %7s  %-8s %11s %8s %11s %10s %8s\n' size_mb servers command events wall_s events/s peak_mb B/event
printf '%s\n' "${rows[@]}"
