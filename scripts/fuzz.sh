#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang, ASan and UBSan in build/fuzz and runs each in turn.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default: 60 s, every target; see docs/fuzzing.md)
# Environment: GD_FUZZ_RUNS=N runs N inputs per target instead of a time, with GD_FUZZ_SEED (default 1) and a
# work corpus made fresh from the seeds: the same inputs on every machine, as CI needs.
# A crash, timeout or out-of-memory input is copied to tests/data/regress/<target>-<sha1>, where the
# regression test (tests/regress/) replays it, and the script exits 1 at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

seconds=60
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then
    seconds=$1
    shift
fi
build=$root/build/fuzz

die() {
    echo "fuzz.sh: $*" >&2
    exit 2
}

command -v clang++ >/dev/null || die "clang++ not found: install clang (Debian: apt-get install clang)"
command -v ninja >/dev/null || die "ninja not found: install ninja-build"
# Fail early and clearly when this clang has no libFuzzer runtime (it is a separate package on some systems).
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf '#include <cstddef>\n#include <cstdint>\nextern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }\n' \
    >"$probe/probe.cpp"
if ! clang++ -fsanitize=fuzzer,address,undefined "$probe/probe.cpp" -o "$probe/probe" 2>"$probe/err"; then
    cat "$probe/err" >&2
    die "$(clang++ --version | head -1) cannot link -fsanitize=fuzzer,address,undefined: install libFuzzer (Debian: libclang-rt-dev, or libclang-common-XX-dev for clang XX)"
fi

mkdir -p "$build"
launcher=()
if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DGD_BUILD_FUZZERS=ON -DGD_BUILD_UI=OFF -DGD_BUILD_TESTS=OFF -DGD_BUILD_BENCHMARKS=OFF "${launcher[@]}" \
    >"$build/configure.log" 2>&1 || {
    cat "$build/configure.log" >&2
    die "configuring $build failed"
}

if [[ $# -gt 0 ]]; then
    targets=("$@")
else
    IFS=";" read -r -a targets <"$build/fuzz/targets.txt" || true # the list has no trailing newline
fi
for target in "${targets[@]}"; do
    grep -qw -- "$target" <(tr ';' '\n' <"$build/fuzz/targets.txt") ||
        die "no fuzz target '$target' (known: $(tr ';' ' ' <"$build/fuzz/targets.txt"))"
done
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" --target "${targets[@]/#/fuzz_}"

# One dictionary per format family; targets that read any kind get all of them.
dict_of() {
    case $1 in
    nginx_access | nginx_error | json_access | log_format) echo nginx ;;
    php_fpm | php_fpm_slow | php_error) echo php ;;
    syslog | supervisord | boa_monitor) echo system ;;
    archive) echo archive ;;
    session) echo session ;;
    *) echo all ;;
    esac
}
mkdir -p "$build/dict"
cat "$root"/fuzz/dict/*.dict >"$build/dict/all.dict"

failed=0
summary=()
for target in "${targets[@]}"; do
    binary=$build/fuzz/fuzz_$target
    max_len=$(GD_FUZZ_PRINT_MAX_LEN=1 "$binary")
    family=$(dict_of "$target")
    dict=$root/fuzz/dict/$family.dict
    [[ $family == all ]] && dict=$build/dict/all.dict
    # Work on a copy so that what the fuzzer finds does not bloat the committed seeds.
    work=$build/corpus-work/$target
    artifacts=$build/artifacts/$target
    log=$build/logs/$target.log
    [[ -n ${GD_FUZZ_RUNS:-} ]] && rm -rf "$work"
    mkdir -p "$work" "$artifacts" "$(dirname "$log")"
    [[ -d $root/fuzz/corpus/$target ]] && cp -n "$root/fuzz/corpus/$target"/* "$work"/ 2>/dev/null || true
    budget=(-max_total_time="$seconds")
    if [[ -n ${GD_FUZZ_RUNS:-} ]]; then
        budget=(-runs="$GD_FUZZ_RUNS" -seed="${GD_FUZZ_SEED:-1}")
        echo "== $target: $GD_FUZZ_RUNS runs (seed ${GD_FUZZ_SEED:-1}), max_len $max_len, dict $(basename "$dict")" >&2
    else
        echo "== $target: ${seconds}s, max_len $max_len, dict $(basename "$dict")" >&2
    fi
    status=0
    "$binary" "$work" -dict="$dict" "${budget[@]}" -rss_limit_mb=2048 -max_len="$max_len" \
        -timeout=10 -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?

    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1 || true)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    crashes=0
    while read -r artifact; do
        [[ -f $artifact ]] || continue
        sha=$(sha1sum "$artifact" | cut -d' ' -f1)
        mkdir -p "$root/tests/data/regress"
        cp "$artifact" "$root/tests/data/regress/$target-$sha"
        echo "   $(basename "$artifact") -> tests/data/regress/$target-$sha" >&2
        crashes=$((crashes + 1))
    done < <(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log")
    if [[ $status -ne 0 || $crashes -gt 0 ]]; then
        failed=1
        grep -E '^(==[0-9]+==ERROR|SUMMARY|gdfuzz:|.*runtime error:)' "$log" | head -5 >&2 || true
        echo "   exit status $status; full output: $log" >&2
    fi
    summary+=("$(printf '%-14s %12s %9s %7s %7s %8s' "$target" "${runs:--}" "${speed:--}" "${cov:--}" "${ft:--}" "$crashes")")
done

printf '\n%-14s %12s %9s %7s %7s %8s\n' target runs exec/s cov ft crashes
printf '%s\n' "${summary[@]}"
exit $failed
