# shellcheck shell=bash
# Container-style logging: nginx and PHP-FPM write their logs to stdout/stderr, the lab reads the
# streams through FIFOs and stamps each line on arrival (lib/stamp.php), as a container runtime
# does; lib/container.php turns the stamped streams into docker compose and json-file logs.
# A captured server must not be restarted: its readers end when it closes the streams.

# lab_capture SERVICE nginx|fpm: that server's stdout/stderr become SERVICE's captured streams.
lab_capture() {
    local service=$1 program=$2 stream fifo var
    mkdir -p "$LAB/capture"
    for stream in stdout stderr; do
        fifo=$LAB/capture/$service.$stream.fifo
        mkfifo "$fifo"
        php "$LAB_HOME/lib/stamp.php" "$LAB_TIME_OFFSET" <"$fifo" >"$LAB/capture/$service.$stream.tsv" &
        lab_track $! "stamp-$service-$stream"
        var=LAB_${program^^}_${stream^^}
        printf -v "$var" '%s' "$fifo"
    done
    LAB_CAPTURED="${LAB_CAPTURED:-} $service"
}

# Bundle hook: docker-compose.log and one json-file log per container, from what was captured so far.
lab_container_logs() {
    php "$LAB_HOME/lib/container.php" "$LAB/capture" "$1" "$R" $LAB_CAPTURED || lab_die "container.php failed"
}
