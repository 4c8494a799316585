#!/bin/bash
# backend-restart (cause 1): a PHP-FPM reload (SIGUSR2, as BOA's old graceful.sh did at night) just
# after midnight server time while long requests are in flight. The reload waits
# process_control_timeout (5 s), then kills the busy children: isolated 502s; new requests wait.
# nginx and php-fpm run under libfaketime from 2026-11-23 23:59:40 (America/New_York) so the logs
# cross midnight. Config: combined+times, nginx "error", FPM log_level notice (reload visible).
. "$(dirname "$0")/../lib/lab.sh"
lab_scenario_begin backend-restart "${1:-.}"
LAB_TZ=America/New_York
CFG_ACCESS_FORMAT=timed CFG_ERROR_LEVEL=error CFG_FPM_LOG_LEVEL=notice
CFG_READ_TIMEOUT=20s CFG_TERMINATE_TIMEOUT=30s CFG_SLOWLOG_TIMEOUT=10s
lab_set_clock "2026-11-23 23:59:40" 0
lab_up

reload_at=$(TZ=$LAB_TZ date -d "2026-11-24 00:00:01" +%s)
lab_traffic_start 40 4
lab_sleep_until $((reload_at - 3))
# long batch steps (12 s) started just before the reload
inflight=()
"$LAB_REQ" 127.0.0.5 www.example.com GET "/batch?id=311&op=do" admin 25 & inflight+=($!)
"$LAB_REQ" 127.0.0.6 shop.example.org GET "/batch?id=87&op=do" admin 25 & inflight+=($!)
"$LAB_REQ" 127.0.0.5 o1.srv.example.net GET "/batch?id=4512&op=do" admin 25 & inflight+=($!)
lab_sleep_until "$reload_at"
t0=$(lab_now)
lab_reload_fpm
wait "${inflight[@]}"
t1=$(lab_now)
lab_incident backend-restart "$t0" "$t1" @observed @observed
lab_traffic_wait
lab_note "reload (SIGUSR2) of the php-fpm master at 00:00:01 server time with three 12 s batch requests in flight; they are killed after process_control_timeout = 5s"
lab_scenario_end
