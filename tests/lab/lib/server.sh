# shellcheck shell=bash
# Private nginx + PHP-FPM (+ a slow "remote API" stand-in) inside the lab root $R.
# Settings (set by the scenario before lab_write_configs):
CFG_ACCESS_FORMAT=${CFG_ACCESS_FORMAT:-main}      # main (BOA) | timed (combined + times)
CFG_ERROR_LEVEL=${CFG_ERROR_LEVEL:-crit}          # crit (BOA) | error
CFG_FPM_LOG_LEVEL=${CFG_FPM_LOG_LEVEL:-warning}   # warning (BOA) | notice
CFG_READ_TIMEOUT=${CFG_READ_TIMEOUT:-6s}          # nginx fastcgi_read_timeout
CFG_TERMINATE_TIMEOUT=${CFG_TERMINATE_TIMEOUT:-4s} # FPM request_terminate_timeout
CFG_SLOWLOG_TIMEOUT=${CFG_SLOWLOG_TIMEOUT:-2s}
CFG_MAX_CHILDREN=${CFG_MAX_CHILDREN:-8}
CFG_LISTEN_BACKLOG=${CFG_LISTEN_BACKLOG:-511}
# Where the logs go (container-style runs point them at /dev/stdout, /dev/stderr, /proc/self/fd/2).
CFG_ACCESS_LOG=${CFG_ACCESS_LOG:-@R@/var/log/nginx/access.log}
CFG_ERROR_LOG=${CFG_ERROR_LOG:-@R@/var/log/nginx/error.log}
CFG_MAIN_ERROR_LEVEL=${CFG_MAIN_ERROR_LEVEL:-error}   # nginx error_log level outside http{} (startup)
CFG_FPM_ERROR_LOG=${CFG_FPM_ERROR_LOG:-@R@/var/log/php/php82-fpm-error.log}
CFG_PHP_ERROR_LOG=${CFG_PHP_ERROR_LOG-/var/log/php/error_log_82}  # empty: PHP errors go to FastCGI stderr
CFG_POOL_EXTRA=${CFG_POOL_EXTRA:-}                  # more pool lines (e.g. catch_workers_output)

LAB_POOL=o1.82
LAB_FPM_BIN=/usr/sbin/php-fpm8.2
LAB_NGINX_BIN=/usr/sbin/nginx

lab_free_port() {
    local p
    for _ in $(seq 1 50); do
        p=$((20000 + RANDOM % 20000))
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
    done
    lab_die "no free port"
}

# Render TEMPLATE to OUT, replacing @KEY@ with the value of the named variables.
lab_render() {
    local tpl=$1 out=$2 text
    text=$(<"$tpl")
    text=${text//@ACCESS_LOG@/$CFG_ACCESS_LOG}
    text=${text//@ERROR_LOG@/$CFG_ERROR_LOG}
    text=${text//@MAIN_ERROR_LEVEL@/$CFG_MAIN_ERROR_LEVEL}
    text=${text//@FPM_ERROR_LOG@/$CFG_FPM_ERROR_LOG}
    text=${text//@PHP_ERROR_LOG_LINE@/$(lab_php_error_log_line)}
    text=${text//$'@POOL_EXTRA@\n'/${CFG_POOL_EXTRA:+$CFG_POOL_EXTRA$'\n'}}
    text=${text//@R@/$R}
    text=${text//@PORT@/$LAB_PORT}
    text=${text//@ACCESS_FORMAT@/$CFG_ACCESS_FORMAT}
    text=${text//@ERROR_LEVEL@/$CFG_ERROR_LEVEL}
    text=${text//@READ_TIMEOUT@/$CFG_READ_TIMEOUT}
    text=${text//@FPM_LOG_LEVEL@/$CFG_FPM_LOG_LEVEL}
    text=${text//@TERMINATE_TIMEOUT@/$CFG_TERMINATE_TIMEOUT}
    text=${text//@SLOWLOG_TIMEOUT@/$CFG_SLOWLOG_TIMEOUT}
    text=${text//@MAX_CHILDREN@/$CFG_MAX_CHILDREN}
    text=${text//@LISTEN_BACKLOG@/$CFG_LISTEN_BACKLOG}
    text=${text//@ENV_LINES@/$(lab_env_lines nginx)}
    text=${text//@POOL_ENV_LINES@/$(lab_env_lines pool)}
    printf '%s\n' "$text" >"$out"
}

# Without error_log, PHP-FPM sends PHP's errors to nginx as FastCGI stderr ("PHP message: ...").
lab_php_error_log_line() {
    if [ -n "$CFG_PHP_ERROR_LOG" ]; then
        printf 'php_admin_value[error_log] = %s' "$CFG_PHP_ERROR_LOG"
    else
        printf '; no error_log: PHP errors go to FastCGI stderr (the nginx error log)'
    fi
}

# libfaketime must survive nginx's and php-fpm's environment clean-up.
lab_env_lines() {
    [ "$LAB_TIME_OFFSET" = 0 ] && return 0
    if [ "$1" = nginx ]; then
        printf 'env LD_PRELOAD;\nenv FAKETIME;\nenv FAKETIME_DONT_FAKE_MONOTONIC;\nenv FAKETIME_DONT_RESET;\n'
    else
        printf 'env[FAKETIME] = $FAKETIME\nenv[FAKETIME_DONT_FAKE_MONOTONIC] = 1\nenv[TZ] = $TZ\n'
    fi
}

lab_write_configs() {
    LAB_PORT=${LAB_PORT:-$(lab_free_port)}
    local t=$LAB_HOME/templates
    lab_render "$t/nginx.conf.in" "$R/etc/nginx/nginx.conf"
    lab_render "$t/drupal.conf.in" "$R/etc/nginx/drupal.conf"
    lab_render "$t/fastcgi_params.in" "$R/etc/nginx/fastcgi_params"
    lab_render "$t/mime.types.in" "$R/etc/nginx/mime.types"
    lab_render "$t/php-fpm.conf.in" "$R/etc/php/8.2/fpm/php-fpm.conf"
    lab_render "$t/pool.conf.in" "$R/etc/php/8.2/fpm/pool.d/$LAB_POOL.conf"
    export LAB_PORT
}

# Site code: one Drupal-7-like code base copied to each platform path.
lab_install_sites() {
    local p
    for p in data/disk/o1/distro/002/drupal-7.103 data/disk/o1/distro/003/openatrium-2.x data/disk/o1/aegir/distro/001; do
        mkdir -p "$R/$p"
        cp -a "$LAB_HOME/site/." "$R/$p/"
    done
    mkdir -p "$R/data/disk/o1/static/control" "$R/usr/share/zoneinfo"
    # PHP in the chroot needs the zone file for date.timezone = UTC
    cp /usr/share/zoneinfo/UTC "$R/usr/share/zoneinfo/UTC"
    lab_site_state page_delay_ms=0 crash_rate=0 remote_port="${LAB_REMOTE_PORT:-0}"
    chmod -R a+rX "$R/data"
}

# Shared site state read by the PHP code (e.g. DB slowness, crash rate).
lab_site_state() {
    local f=$R/data/disk/o1/static/control/lab-state.ini kv
    : >"$f.new"
    for kv in "$@"; do echo "$kv" >>"$f.new"; done
    if [ -f "$f" ]; then
        grep -v -F -f <(printf '%s\n' "${@%%=*}" | sed 's/$/=/') "$f" >>"$f.new" || true
    fi
    chmod 644 "$f.new"
    mv -f "$f.new" "$f"
}

lab_start_fpm() {
    local envv
    mapfile -d '' envv < <(lab_server_env)
    "${envv[@]}" "$LAB_FPM_BIN" -y "$R/etc/php/8.2/fpm/php-fpm.conf" -F \
        >>"${LAB_FPM_STDOUT:-$LAB/fpm.stdout}" 2>>"${LAB_FPM_STDERR:-$LAB/fpm.stdout}" &
    LAB_FPM_PID=$!
    lab_track "$LAB_FPM_PID" php-fpm
    for _ in $(seq 1 50); do
        [ -S "$R/run/$LAB_POOL.fpm.socket" ] && return 0
        kill -0 "$LAB_FPM_PID" 2>/dev/null || break
        sleep 0.1
    done
    cat "$LAB/fpm.stdout" >&2
    lab_die "php-fpm did not start"
}

# Graceful stop (SIGQUIT: finish requests, unlink the socket), bounded wait.
lab_stop_fpm() {
    local sig=${1:-QUIT}
    kill -"$sig" "$LAB_FPM_PID" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$LAB_FPM_PID" 2>/dev/null || break; sleep 0.1; done
    lab_kill_pid "$LAB_FPM_PID"
    wait "$LAB_FPM_PID" 2>/dev/null
}

lab_reload_fpm() { kill -USR2 "$LAB_FPM_PID"; }

lab_fpm_children() { pgrep -P "$LAB_FPM_PID" 2>/dev/null; }

lab_start_nginx() {
    local envv
    mapfile -d '' envv < <(lab_server_env)
    "${envv[@]}" "$LAB_NGINX_BIN" -c "$R/etc/nginx/nginx.conf" -p "$R/" -e "${CFG_ERROR_LOG//@R@/$R}" \
        -g 'daemon off;' >>"${LAB_NGINX_STDOUT:-$LAB/nginx.stdout}" 2>>"${LAB_NGINX_STDERR:-$LAB/nginx.stdout}" &
    LAB_NGINX_PID=$!
    lab_track "$LAB_NGINX_PID" nginx
    for _ in $(seq 1 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$LAB_PORT") 2>/dev/null && return 0
        kill -0 "$LAB_NGINX_PID" 2>/dev/null || break
        sleep 0.1
    done
    cat "$LAB/nginx.stdout" >&2
    lab_die "nginx did not start"
}

lab_stop_nginx() {
    kill -QUIT "$LAB_NGINX_PID" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$LAB_NGINX_PID" 2>/dev/null || break; sleep 0.1; done
    lab_kill_pid "$LAB_NGINX_PID"
    wait "$LAB_NGINX_PID" 2>/dev/null
}

# Slow stand-in for a remote HTTP API (and updates.drupal.org): php -S with a router.
lab_start_remote() {
    LAB_REMOTE_PORT=$(lab_free_port)
    PHP_CLI_SERVER_WORKERS=4 php -S "127.0.0.1:$LAB_REMOTE_PORT" "$LAB_HOME/site-remote/router.php" \
        >>"$LAB/remote.log" 2>&1 &
    LAB_REMOTE_PID=$!
    lab_track "$LAB_REMOTE_PID" remote
    for _ in $(seq 1 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$LAB_REMOTE_PORT") 2>/dev/null && break
        sleep 0.1
    done
    export LAB_REMOTE_PORT
}

# Everything a scenario needs, in order.
lab_up() {
    export LAB_TIME_OFFSET
    lab_write_configs
    lab_install_sites
    lab_start_fpm
    lab_start_nginx
    lab_log "nginx :$LAB_PORT (pid $LAB_NGINX_PID), php-fpm pid $LAB_FPM_PID, TZ=$LAB_TZ, offset ${LAB_TIME_OFFSET}s"
    lab_period_begin
    LAB_UP_SINCE=$(lab_now_int)
}

# Stop nginx and php-fpm; remember the period they ran (server clock) for the syslog.
lab_down() {
    [ -n "${LAB_NGINX_PID:-}" ] && lab_stop_nginx
    [ -n "${LAB_FPM_PID:-}" ] && lab_stop_fpm
    [ -n "${LAB_UP_SINCE:-}" ] && LAB_PERIODS="${LAB_PERIODS:-}${LAB_UP_SINCE}-$(lab_now_int),"
    LAB_NGINX_PID= LAB_FPM_PID= LAB_UP_SINCE=
    return 0
}
