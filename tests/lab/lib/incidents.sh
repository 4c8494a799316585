# shellcheck shell=bash
# Incidents that more than one scenario provokes. Each runs with background traffic, records its
# window with lab_incident and returns when the traffic it started is done.

# Random pages crash their FPM child with a real SIGSEGV (crash_rate 0.3, 200 ms pages) until
# FPM_LOG shows the emergency restart (at most 15 s). lab_segfault_restart FPM_LOG [MODULE]
lab_segfault_restart() {
    local fpm_log=$1 module=${2:--} t0 t1
    lab_traffic_start 16 6
    sleep 1
    t0=$(lab_now)
    lab_site_state crash_rate=0.3 page_delay_ms=200
    for _ in $(seq 1 60); do
        grep -q 'failed processes threshold' "$fpm_log" && break
        sleep 0.25
    done
    lab_site_state crash_rate=0 page_delay_ms=0
    sleep 2
    t1=$(lab_now)
    lab_traffic_wait
    grep -q 'failed processes threshold' "$fpm_log" || lab_log "WARNING: no emergency restart seen"
    lab_incident segfault-restart "$t0" "$t1" @observed @observed "$module"
}

# The shop's checkout waits for the remote carrier API, which now answers after 20 s: three
# visitors 2 s apart, and one who gives up after 2 s (499). Needs lab_start_remote.
# lab_checkout_timeout URL
lab_checkout_timeout() {
    local url=$1 pids=() ip t0 t1
    lab_traffic_start 16 4
    t0=$(lab_now)
    lab_site_state remote_delay=20
    for ip in 127.0.0.81 127.0.0.82 127.0.0.83; do
        "$LAB_REQ" "$ip" shop.example.org GET "$url" visitor 12 &
        pids+=($!)
        sleep 2
    done
    "$LAB_REQ" 127.0.0.84 shop.example.org GET "$url" visitor 2 &
    pids+=($!)
    wait "${pids[@]}"
    sleep 3 # with nginx's limit below FPM's, FPM still terminates the abandoned requests
    t1=$(lab_now)
    lab_site_state remote_delay=0.05
    lab_traffic_wait
    lab_incident timeout "$t0" "$t1" shop.example.org "$url"
}

# The whole checkout-timeout run of the json-access and msec-access scenarios: the remote API stand-in and
# the servers started, background traffic, one visit of the checkout while the API is fast, the timeout
# incident, more traffic. The scenario sets the formats and timeouts before.
lab_checkout_timeout_run() {
    local url=/cart/checkout/shipping
    lab_start_remote
    lab_up
    lab_site_state remote_port="$LAB_REMOTE_PORT" remote_delay=0.05
    lab_traffic 6 4
    "$LAB_REQ" 127.0.0.77 shop.example.org GET "$url" visitor 10
    lab_checkout_timeout "$url"
    lab_traffic 5 4
    lab_note "remote API stand-in: php -S on 127.0.0.1 answering after 20 s during the incident (0.05 s otherwise); request_terminate_timeout=$CFG_TERMINATE_TIMEOUT fastcgi_read_timeout=$CFG_READ_TIMEOUT request_slowlog_timeout=$CFG_SLOWLOG_TIMEOUT; client 127.0.0.84 gave up after 2 s (499)"
}
