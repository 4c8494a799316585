#!/usr/bin/env bash
# Import benchmark of Gateway Doctor against plain Unix tools and lnav, on a generated BOA bundle.
#
#   tests/bench/run-bench.sh [SIZE_MB]          (default 1000 = 1 GB of decompressed logs)
#
# Environment:
#   GD_BENCH_DIR       where the bundle lives; reused when it already holds one of SIZE_MB (kept afterwards).
#                      Default: a temporary folder, removed at the end.
#   GD_BENCH_BUILD     Release build folder (default: build/bench); configured and built when needed.
#   GD_BENCH_JOBS      build parallelism (default 1)
#   GD_BENCH_THREADS   importer threads (default 0 = one per core)
#   GD_BENCH_PHASES    1 (default) also prints the one-thread phase breakdown; 0 skips it
#   GD_BENCH_COMBINED  1 (default) also generates a combined-format copy of the access logs for lnav
#
# Every tool reads the same files from a warm page cache; lnav gets a fresh HOME and TMPDIR per run, so
# it never reuses an index or an unpacked archive from an earlier run.
set -euo pipefail

SIZE_MB=${1:-1000}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${GD_BENCH_BUILD:-$ROOT/build/bench}
JOBS=${GD_BENCH_JOBS:-1}
THREADS=${GD_BENCH_THREADS:-0}

say() { printf '== %s\n' "$*" >&2; }

# --- build -------------------------------------------------------------------------------------------
if [[ ! -f $BUILD/build.ninja ]]; then
    say "configuring $BUILD (Release)"
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGD_BUILD_UI=OFF -DGD_BUILD_TESTS=ON \
        -DGD_BUILD_BENCHMARKS=ON >/dev/null
fi
say "building gen_bench_bundle and bench_import"
cmake --build "$BUILD" -j"$JOBS" --target gen_bench_bundle bench_import >/dev/null
GEN=$BUILD/tests/bench/gen_bench_bundle
BENCH=$BUILD/tests/bench/bench_import

# --- tools -------------------------------------------------------------------------------------------
install_package() {
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        say "installing $1"
        DEBIAN_FRONTEND=noninteractive apt-get install -y "$1" >/dev/null 2>&1 || true
    fi
}
[[ -x /usr/bin/time ]] || install_package time
command -v lnav >/dev/null || install_package lnav
[[ -x /usr/bin/time ]] || { echo "run-bench: /usr/bin/time (GNU time) is required" >&2; exit 1; }

# --- bundle ------------------------------------------------------------------------------------------
WORK=$(mktemp -d)
if [[ -n ${GD_BENCH_DIR:-} ]]; then
    DIR=$GD_BENCH_DIR
    mkdir -p "$DIR"
else
    DIR=$WORK/data
fi
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT

if [[ -f $DIR/manifest.txt && -f $DIR/bundle.tar.gz ]] && grep -qx "size_mb $SIZE_MB" "$DIR/manifest.txt"; then
    say "reusing the bundle in $DIR"
else
    say "generating a $SIZE_MB MB bundle in $DIR"
    "$GEN" "$DIR" "$SIZE_MB" >&2
fi
if [[ ${GD_BENCH_COMBINED:-1} == 1 ]] && command -v lnav >/dev/null; then
    if [[ -f $DIR/combined/manifest.txt ]] && grep -qx "size_mb $SIZE_MB" "$DIR/combined/manifest.txt"; then
        say "reusing the combined-format copy"
    else
        say "generating the same requests in the combined format (for lnav)"
        "$GEN" "$DIR/combined" "$SIZE_MB" --access-format combined --no-tar >&2
    fi
fi
BUNDLE=$DIR/bundle
TARBALL=$DIR/bundle.tar.gz
EXPECTED_502=$(grep -o 'status 502: [0-9]*' "$DIR/manifest.txt" | grep -o '[0-9]*$')

mapfile -t ALL_FILES < <(find "$BUNDLE" -type f | sort)
mapfile -t PLAIN_FILES < <(find "$BUNDLE" -type f ! -name '*.gz' | sort)
mapfile -t ACCESS_FILES < <(find "$BUNDLE/var/log/nginx" -name 'access.log*' | sort)
bytes_of() { stat -c %s "$@" | awk '{s += $1} END {print s + 0}'; }
PLAIN_BYTES=$(bytes_of "${PLAIN_FILES[@]}")
TAR_STREAM_BYTES=$(gzip -dc "$TARBALL" | wc -c)
TEXT_BYTES=$(gzip -dcf "${ALL_FILES[@]}" | wc -c)
cat "${ALL_FILES[@]}" "$TARBALL" >/dev/null # warm the page cache for everybody

# --- measuring ---------------------------------------------------------------------------------------
ROWS=()
ROW_FORMAT='%-38s | %-23s | %7s | %6s | %9s | %6s | %7s | %s'
row() { ROWS+=("$(printf "$ROW_FORMAT" "$@")"); }
mb_per_s() { awk -v b="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", b / 1e6 / s; else print "-" }'; }

# Runs "$@" under GNU time; sets T_WALL (s), T_RSS (MB) and leaves stdout in $WORK/out.
timed() {
    /usr/bin/time -v -o "$WORK/time" "$@" >"$WORK/out" 2>"$WORK/err" || true
    T_WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0; for (i = 1; i <= n; ++i) s = s * 60 + p[i]; printf "%.2f", s }' "$WORK/time")
    T_RSS=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/time")
}

bench_gd() {
    local label=$1 input=$2 threads=$3 tool="gateway-doctor import"
    [[ $threads == 0 ]] || tool="gateway-doctor import, $threads thread(s)"
    say "$tool: $label"
    /usr/bin/time -f '%U %S' -o "$WORK/cpu" "$BENCH" --threads "$threads" "$input" >"$WORK/gd.txt"
    cp "$WORK/gd.txt" "$WORK/gd-$label-$threads.txt"
    val() { awk -v k="$1" '$1 == k { print $2; exit }' "$WORK/gd.txt"; }
    # CPU time is the figure that survives a busy machine; wall time is what the user waits.
    local cpu
    cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$WORK/cpu")
    row "$tool" "$label" "$(val wall_s)" "$(val mb_per_s)" "$(val events_per_s)" "$(val peak_rss_mb)" \
        "$(val bytes_per_event)" "$(val events) events, $(val skipped_lines) skipped lines, CPU ${cpu} s"
}

bench_lnav() {
    local label=$1
    shift
    say "lnav: $label"
    rm -rf "$WORK/lnav-home" "$WORK/lnav-tmp" # lnav keeps its caches under HOME/XDG dirs and TMPDIR
    mkdir -p "$WORK/lnav-home" "$WORK/lnav-tmp"
    timed env HOME="$WORK/lnav-home" XDG_CONFIG_HOME="$WORK/lnav-home/.config" TMPDIR="$WORK/lnav-tmp" \
        lnav -n -c ';SELECT count(*) FROM access_log WHERE sc_status = 502' "$@"
    local count
    count=$(awk 'NR == 2 { print $1 }' "$WORK/out")
    row "lnav (502 count query)" "$label" "$T_WALL" "$(mb_per_s "$LNAV_BYTES" "$T_WALL")" "-" "$T_RSS" "-" \
        "502s: ${count:-?} (generated: $EXPECTED_502)"
}

bench_gd "bundle.tar.gz" "$TARBALL" "$THREADS"
bench_gd "folder" "$BUNDLE" "$THREADS"
[[ $THREADS == 1 ]] || bench_gd "folder" "$BUNDLE" 1

say "gzip -dc"
timed gzip -dc "$TARBALL"
row "gzip -dc bundle.tar.gz >/dev/null" "bundle.tar.gz" "$T_WALL" "$(mb_per_s "$TAR_STREAM_BYTES" "$T_WALL")" "-" \
    "$T_RSS" "-" "$((TAR_STREAM_BYTES / 1000000)) MB tar stream"

say "wc -l"
timed wc -l "${PLAIN_FILES[@]}"
row "wc -l (plain files only)" "folder" "$T_WALL" "$(mb_per_s "$PLAIN_BYTES" "$T_WALL")" "-" "$T_RSS" "-" \
    "$(awk 'END { print $1 }' "$WORK/out") lines in $((PLAIN_BYTES / 1000000)) MB"
timed sh -c 'gzip -dcf "$@" | wc -l' sh "${ALL_FILES[@]}"
row "gzip -dcf all | wc -l" "folder" "$T_WALL" "$(mb_per_s "$TEXT_BYTES" "$T_WALL")" "-" "$T_RSS" "-" \
    "$(cat "$WORK/out") lines in $((TEXT_BYTES / 1000000)) MB"

if command -v lnav >/dev/null; then
    LNAV_BYTES=$TEXT_BYTES
    bench_lnav "bundle.tar.gz" "$TARBALL"
    bench_lnav "folder" "${ALL_FILES[@]}"
    if [[ -d $DIR/combined/bundle ]]; then
        mapfile -t COMBINED_FILES < <(find "$DIR/combined/bundle" -type f | sort)
        LNAV_BYTES=$(gzip -dcf "${COMBINED_FILES[@]}" | wc -c)
        bench_lnav "folder, combined format" "${COMBINED_FILES[@]}"
    fi
else
    row "lnav" "-" "-" "-" "-" "-" "-" "not installed"
fi

# --- report ------------------------------------------------------------------------------------------
echo
echo "Import benchmark: $SIZE_MB MB bundle ($((TEXT_BYTES / 1000000)) MB of text, tar.gz $(($(stat -c %s "$TARBALL") / 1000000)) MB)," \
    "$(nproc) cores, importer threads $THREADS (0 = one per core), warm page cache"
printf "$ROW_FORMAT\n" "tool" "input" "wall s" "MB/s" "events/s" "RSS MB" "B/event" "result"
printf -- '-%.0s' {1..140}
echo
printf '%s\n' "${ROWS[@]}"
echo
echo "MB/s = decompressed text per second (gzip -dc: tar stream; wc -l: the plain files it read)."
echo "B/event = timeline index (columns + string pools) per event."
echo
echo "gateway-doctor on the folder:"
sed -n '/^pool_/p;/^column_/p;/^server_zone/p;/^$/,$p' "$WORK/gd-folder-$THREADS.txt"

if [[ ${GD_BENCH_PHASES:-1} == 1 ]]; then
    "$BENCH" --phases "$BUNDLE"
fi
