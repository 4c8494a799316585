#!/bin/bash
# Gateway Doctor live lab: runs scenarios against a private nginx + PHP-FPM and writes one log
# bundle (.tar.gz) plus <name>.label.json per run.
# usage: tests/lab/run-lab.sh [--out DIR] [SCENARIO...]
# Scenarios: backend-down backend-restart segfault-restart page-crash timeout overload
#            update-manager negative-control two-incidents json-access php-fatal-traces
#            container-output fpm-only msec-access demo   (default: all of them)
# "timeout" makes two bundles (timeout-502, timeout-504). Needs root (Debian 12).
set -u
here=$(cd "$(dirname "$0")" && pwd)
all=(backend-down backend-restart segfault-restart page-crash timeout overload update-manager negative-control two-incidents
     json-access php-fatal-traces container-output fpm-only msec-access demo)
out=""
scenarios=()
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out=$2; shift 2 ;;
        --out=*) out=${1#--out=}; shift ;;
        -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
        *) scenarios+=("$1"); shift ;;
    esac
done
[ ${#scenarios[@]} -eq 0 ] && scenarios=("${all[@]}")
[ -n "$out" ] || out=$(mktemp -d /tmp/gateway-doctor-lab.XXXXXX)
mkdir -p "$out"

start=$(date +%s)
failed=()
summary=()
for s in "${scenarios[@]}"; do
    case "$s" in
        timeout) runs=("timeout.sh 502" "timeout.sh 504") ;;
        *) [ -f "$here/scenarios/$s.sh" ] || { echo "unknown scenario: $s" >&2; exit 2; }
           runs=("$s.sh") ;;
    esac
    for r in "${runs[@]}"; do
        set -- $r
        script=$1; shift
        if line=$(bash "$here/scenarios/$script" "$out" "$@"); then
            summary+=("$line")
        else
            failed+=("$script $*")
        fi
    done
done

echo "== Gateway Doctor lab: $(( $(date +%s) - start )) s, bundles in $out"
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    echo "FAILED: ${failed[*]}" >&2
    exit 1
fi
