# shellcheck shell=bash
# Common helpers for the Gateway Doctor live lab: paths, logging, clock, process bookkeeping.
# Sourced by every scenario script. Nothing here starts a server by itself.

LAB_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LAB_PACKAGES=(nginx-light php8.2-fpm php8.2-curl curl faketime zip)
LAB_FAKETIME_LIB=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
LAB_HOSTNAME=${LAB_HOSTNAME:-srv1}

# Seconds added to the real clock for the servers (libfaketime). 0 = real time.
LAB_TIME_OFFSET=0
# Server time zone (TZ of nginx and php-fpm), written to etc/timezone in the bundle.
LAB_TZ=${LAB_TZ:-UTC}

lab_log() { printf '[lab %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
lab_die() { lab_log "ERROR: $*"; exit 1; }

lab_require_root() {
    [ "$(id -u)" -eq 0 ] || lab_die "run as root (nginx and php-fpm switch to www-data)"
}

# Install the packages only when something is missing; apt-get update only then.
lab_ensure_packages() {
    local missing=() p
    for p in "${LAB_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    lab_log "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || lab_die "apt-get update failed"
    apt-get install -y -qq "${missing[@]}" >/dev/null || lab_die "apt-get install failed"
}

# ---- clock -----------------------------------------------------------------
# Server-side ("faked") epoch, with fraction.
lab_now() {
    local real
    real=$(date +%s.%N)
    awk -v r="$real" -v o="$LAB_TIME_OFFSET" 'BEGIN { printf "%.3f\n", r + o }'
}
lab_now_int() { local t; t=$(lab_now); echo "${t%.*}"; }
# ISO 8601 UTC for an epoch; rounding mode floor (default) or ceil.
lab_iso_utc() {
    local e=$1 mode=${2:-floor} s
    s=${e%.*}
    if [ "$mode" = ceil ] && [ "$e" != "$s" ] && [ "${e#*.}" != "000" ]; then s=$((s + 1)); fi
    date -u -d "@$s" +%Y-%m-%dT%H:%M:%SZ
}
# Choose LAB_TIME_OFFSET so that the servers' clock reads LOCAL_TIME (in LAB_TZ)
# DELAY seconds from now. Must be called before the servers start.
lab_set_clock() {
    local local_time=$1 delay=${2:-0} target
    target=$(TZ=$LAB_TZ date -d "$local_time" +%s) || lab_die "bad time: $local_time"
    LAB_TIME_OFFSET=$((target - $(date +%s) - delay))
}
# Sleep (real time) until the server clock reaches EPOCH (+ DELTA seconds, may be negative).
lab_sleep_until() {
    local target=$1 delta=${2:-0} now
    now=$(lab_now)
    awk -v t="$target" -v dl="$delta" -v n="$now" 'BEGIN { d = t + dl - n; if (d > 0) printf "%.3f\n", d; else print 0 }' |
        { read -r d; sleep "$d"; }
}

# ---- processes --------------------------------------------------------------
# Every pid we start is written to $LAB/pids; lab_cleanup stops them (and their
# direct children, e.g. curl processes of a traffic loop) by pid.
lab_track() { echo "$1 $2" >>"$LAB/pids"; }

lab_kill_pid() {
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || return 0
    pkill -TERM -P "$pid" 2>/dev/null
    kill -TERM "$pid" 2>/dev/null
    for i in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    pkill -KILL -P "$pid" 2>/dev/null
    kill -KILL "$pid" 2>/dev/null
    return 0
}

lab_cleanup() {
    [ -n "${LAB:-}" ] && [ -f "$LAB/pids" ] || return 0
    local pid name
    # newest first
    tac "$LAB/pids" | while read -r pid name; do lab_kill_pid "$pid"; done
    : >"$LAB/pids"
    if [ -z "${LAB_KEEP:-}" ] && [ -n "${LAB_OWN_TMP:-}" ]; then rm -rf "$LAB"; fi
}

# Create the private lab root: $LAB (work dir) and $R (the fake server root).
lab_init() {
    local name=$1
    lab_require_root
    lab_ensure_packages
    LAB=$(mktemp -d "/tmp/gwlab-${name}.XXXXXX")
    LAB_OWN_TMP=1
    chmod 755 "$LAB"
    R=$LAB/root
    mkdir -p "$R"/{etc/nginx,etc/php/8.2/fpm/pool.d,run,tmp,var/log/nginx,var/log/php,var/lib/nginx}
    chmod 1777 "$R/tmp"
    chown www-data:www-data "$R/var/log/php" "$R/var/lib/nginx"
    : >"$LAB/pids"
    trap lab_cleanup EXIT
    trap 'exit 130' INT TERM
    export LAB R
    lab_log "$name: lab dir $LAB"
}

# Environment for the servers: only what they need, plus TZ and libfaketime.
lab_server_env() {
    local e=(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin TZ="$LAB_TZ" LANG=C)
    if [ "$LAB_TIME_OFFSET" != 0 ]; then
        e+=(LD_PRELOAD="$LAB_FAKETIME_LIB" FAKETIME="$(printf '%+d' "$LAB_TIME_OFFSET")"
            FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_DONT_RESET=1)
    fi
    printf '%s\0' "${e[@]}"
}
