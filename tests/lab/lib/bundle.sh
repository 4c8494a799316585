# shellcheck shell=bash
# Scenario bookkeeping (incidents, notes) and packing of the log bundle + label.

# lab_scenario_begin NAME OUT_DIR
lab_scenario_begin() {
    LAB_SCENARIO=$1
    LAB_OUT=${2:-.}
    mkdir -p "$LAB_OUT"
    LAB_OUT=$(cd "$LAB_OUT" && pwd)
    lab_init "$LAB_SCENARIO"
    : >"$LAB/incidents.tsv"
    : >"$LAB/notes.txt"
    : >"$LAB/client.log"
    LAB_SYSLOG_MODULE=none
    LAB_SYSLOG_STYLE=stack
    LAB_BUNDLE_SYSLOG=1  # 0: no var/log/syslog (no kernel lines either)
    LAB_BUNDLE_HOOK=     # function called with the staging dir once the log files are in it
    LAB_BUNDLE_KEEP=     # if set: the only paths (files or folders, relative) the bundle keeps
    LAB_BUNDLE_ZONE=1    # 0: no etc/timezone or etc/localtime
    LAB_SCENARIO_T0=$(date +%s)
}

# Record that the servers are up and the scenario's period starts (server clock).
lab_period_begin() { LAB_T_BEGIN=${LAB_T_BEGIN:-$(lab_now)}; }

# lab_incident CAUSE START END HOSTS URLS [SEGFAULT_MODULE]
lab_incident() {
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "${6:--}" >>"$LAB/incidents.tsv"
}
lab_note() { printf '%s\n' "$*" >>"$LAB/notes.txt"; }

# Save the FPM master's memory map (children share it) for the kernel segfault lines.
lab_capture_maps() { cp "/proc/$LAB_FPM_PID/maps" "$LAB/fpm.maps"; }

# logrotate-style rotation while nginx runs: shift .N, gzip from .2 on, reopen (USR1).
lab_rotate_nginx_logs() {
    local f n
    for f in access.log error.log; do
        f=$R/var/log/nginx/$f
        for n in 3 2; do
            [ -f "$f.$((n - 1))" ] || continue
            if [ $((n - 1)) -eq 1 ]; then mv "$f.1" "$f.$n" && gzip -9 "$f.$n"
            else mv "$f.$((n - 1)).gz" "$f.$n.gz"; fi
        done
        [ -f "$f" ] && mv "$f" "$f.1"
    done
    [ -n "${LAB_NGINX_PID:-}" ] && kill -0 "$LAB_NGINX_PID" 2>/dev/null && kill -USR1 "$LAB_NGINX_PID"
    sleep 0.3
}

# Copy a config into the bundle with the lab root prefix and lab-only lines removed.
lab_stage_config() {
    local src=$1 dst=$2
    mkdir -p "$(dirname "$dst")"
    grep -v -e 'FAKETIME' -e 'LD_PRELOAD' -e '^chroot' -e '^chdir' -e 'children see the lab root' \
        -e '^env\[TZ\]' "$src" | sed "s|$R||g" >"$dst"
}

lab_scenario_end() {
    local end stage tarball label f n
    end=$(lab_now)
    stage=$LAB/bundle
    mkdir -p "$stage/var/log/nginx" "$stage/var/log/php" "$stage/etc/php/8.2/fpm/pool.d" "$stage/etc/nginx"

    # Logs: the lab root prefix is stripped from paths so they read like the server's.
    for f in "$R"/var/log/nginx/* "$R"/var/log/php/*; do
        [ -f "$f" ] || continue
        n=${f#"$R"/}
        case "$f" in
            *.gz) zcat "$f" | sed "s|$R||g" | gzip -9 >"$stage/$n" ;;
            *) sed "s|$R||g" "$f" >"$stage/$n" ;;
        esac
    done
    [ -f "$stage/var/log/nginx/error.log" ] || : >"$stage/var/log/nginx/error.log"
    [ -n "$LAB_BUNDLE_HOOK" ] && "$LAB_BUNDLE_HOOK" "$stage"
    # Servers stop only after the copy, so their shutdown messages are not in the bundle.
    lab_down

    # syslog (plus kernel segfault lines for the real crashed pids, if the scenario crashed children)
    local maps=$LAB/fpm.maps added
    [ -f "$maps" ] || cp /dev/null "$maps"
    if [ "$LAB_BUNDLE_SYSLOG" = 1 ]; then
        added=$(php "$LAB_HOME/lib/syslog.php" --fpm-log="$stage/var/log/php/php82-fpm-error.log" \
            --maps="$maps" --tz="$LAB_TZ" --from="${LAB_T_BEGIN%.*}" --to="${end%.*}" \
            --periods="${LAB_PERIODS:-}" --out="$stage/var/log/syslog" --module="$LAB_SYSLOG_MODULE" --style="$LAB_SYSLOG_STYLE" \
            --host="$LAB_HOSTNAME") || lab_die "syslog.php failed"
        if [ "$added" -gt 0 ]; then
            lab_note "kernel segfault lines in var/log/syslog were added by the lab ($added crashes): the sandbox has no kernel log; pid and time come from the FPM log's 'exited on signal 11' lines, the module mapping from the FPM master's /proc/PID/maps, ip/sp/fault address and Code bytes are synthetic"
        fi
    fi
    lab_note "lab root prefix stripped from paths in logs and configs (sockets really were under a temp dir; PHP-FPM ran chrooted so script paths are genuine)"
    [ "$LAB_TIME_OFFSET" != 0 ] && lab_note "nginx and php-fpm ran under libfaketime (LD_PRELOAD, FAKETIME offset ${LAB_TIME_OFFSET}s at the end of the run, FAKETIME_DONT_FAKE_MONOTONIC=1); all log times and the label use that server clock"

    # Server configuration and time zone
    lab_stage_config "$R/etc/nginx/nginx.conf" "$stage/etc/nginx/nginx.conf"
    lab_stage_config "$R/etc/nginx/drupal.conf" "$stage/etc/nginx/drupal.conf"
    lab_stage_config "$R/etc/php/8.2/fpm/php-fpm.conf" "$stage/etc/php/8.2/fpm/php-fpm.conf"
    lab_stage_config "$R/etc/php/8.2/fpm/pool.d/$LAB_POOL.conf" "$stage/etc/php/8.2/fpm/pool.d/$LAB_POOL.conf"
    if [ "$LAB_BUNDLE_ZONE" = 1 ]; then
        echo "$LAB_TZ" >"$stage/etc/timezone"
        cp "/usr/share/zoneinfo/$LAB_TZ" "$stage/etc/localtime"
    fi
    lab_bundle_prune "$stage"

    # Files carry the server's clock at the end of the period, like a bundle made right after.
    find "$stage" -type f -exec touch -d "@${end%.*}" {} +

    tarball=$LAB_OUT/$LAB_SCENARIO.tar.gz
    label=$LAB_OUT/$LAB_SCENARIO.label.json
    local top=()
    mapfile -t top < <(ls -A "$stage")
    tar -C "$stage" --owner=root --group=root -czf "$tarball" "${top[@]}"
    php "$LAB_HOME/lib/label.php" "$LAB_SCENARIO" "$LAB_TZ" "$LAB/incidents.tsv" "$LAB/notes.txt" \
        "$LAB/client.log" "$label" || lab_die "label.php failed"
    lab_bundle_summary "$tarball"
    lab_log "$LAB_SCENARIO done in $(($(date +%s) - LAB_SCENARIO_T0)) s"
}

# With LAB_BUNDLE_KEEP set, remove every file of the staging dir that is not listed there.
lab_bundle_prune() {
    local stage=$1 f rel k keep
    [ -n "$LAB_BUNDLE_KEEP" ] || return 0
    while IFS= read -r -d '' f; do
        rel=${f#"$stage"/}
        keep=0
        for k in $LAB_BUNDLE_KEEP; do
            case "$rel" in "$k" | "$k"/*) keep=1 ;; esac
        done
        [ "$keep" = 1 ] || rm -f "$f"
    done < <(find "$stage" -type f -print0)
    find "$stage" -mindepth 1 -type d -empty -delete
}

# One line: path, size, line count of every log member (everything but etc/).
lab_bundle_summary() {
    local tarball=$1 m counts=""
    while read -r m; do
        case "$m" in etc/*) continue ;; esac
        case "$m" in
            *.gz) n=$(tar -xzOf "$tarball" "$m" | zcat | wc -l) ;;
            *) n=$(tar -xzOf "$tarball" "$m" | wc -l) ;;
        esac
        m=${m#var/log/}
        counts+=" ${m#var/lib/docker/containers/}=$n"
    done < <(tar -tzf "$tarball" | grep -v '/$' | sort)
    printf '%s %s bytes:%s\n' "$tarball" "$(stat -c %s "$tarball")" "$counts"
}
