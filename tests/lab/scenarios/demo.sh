#!/bin/bash
# demo: one BOA-like server's day (Europe/Amsterdam) with four different incidents, for
# resources/demo/demo-bundle.tar.gz. The same configuration runs in short phases; libfaketime
# puts each phase at its time of day and nginx/php-fpm are restarted between phases (invisible
# at BOA's log levels). nginx logs are rotated like logrotate between phases.
#   2026-11-23 05:50  normal traffic                      -> access.log.2.gz
#   2026-11-24 00:01  FPM reload with requests in flight  -> access.log.1   (backend-restart)
#   2026-11-24 10:14  broken Views admin page (SIGSEGV)   -> access.log     (page-crash)
#   2026-11-24 14:32  Update Manager, slow updates server -> access.log     (update-manager)
#   2026-11-24 19:47  burst of visitors, 3 workers        -> access.log     (overload)
. "$(dirname "$0")/../lib/lab.sh"
lab_scenario_begin demo-bundle "${1:-.}"
LAB_TZ=Europe/Amsterdam
CFG_ACCESS_FORMAT=main CFG_ERROR_LEVEL=crit CFG_FPM_LOG_LEVEL=warning
CFG_MAX_CHILDREN=3 CFG_LISTEN_BACKLOG=32 CFG_READ_TIMEOUT=8s CFG_TERMINATE_TIMEOUT=10s CFG_SLOWLOG_TIMEOUT=3s
lab_start_remote

phase() {
    lab_set_clock "$1" 0
    lab_up
    lab_site_state remote_port="$LAB_REMOTE_PORT" remote_delay=0.05
}

# -- the day before, early morning: quiet traffic
phase "2026-11-23 05:50:00"
lab_traffic 8 3
lab_down
lab_rotate_nginx_logs

# -- 00:01 reload (BOA <= 2015 graceful.sh) with long batch requests in flight
phase "2026-11-24 00:00:42"
reload_at=$(TZ=$LAB_TZ date -d "2026-11-24 00:01:00" +%s)
lab_traffic_start 30 3
lab_sleep_until "$reload_at" -1.5
inflight=()
"$LAB_REQ" 127.0.0.5 www.example.com GET "/batch?id=511&op=do" admin 25 & inflight+=($!)
"$LAB_REQ" 127.0.0.5 o1.srv.example.net GET "/batch?id=7731&op=do" admin 25 & inflight+=($!)
lab_sleep_until "$reload_at"
t0=$(lab_now)
lab_reload_fpm
wait "${inflight[@]}"
t1=$(lab_now)
lab_incident backend-restart "$t0" "$t1" @observed @observed
lab_traffic_wait
lab_down
lab_rotate_nginx_logs

# -- 10:14 an admin opens the broken Views page three times
phase "2026-11-24 10:14:00"
lab_capture_maps
lab_traffic 6 4
lab_traffic_start 14 4
t0=$(lab_now)
for ip in 127.0.0.6 127.0.0.6 127.0.0.5; do
    "$LAB_REQ" "$ip" www.example.com GET /admin/structure/views/view/frontpage/edit admin 10
    sleep 4
done
t1=$(lab_now)
lab_traffic_wait
lab_incident page-crash "$t0" "$t1" www.example.com /admin/structure/views/view/frontpage/edit php-fpm8.2
lab_traffic 4 4
lab_down

# -- 14:32 Update Manager on the Open Atrium site, updates server hangs
phase "2026-11-24 14:32:00"
lab_traffic 5 4
lab_traffic_start 20 4
t0=$(lab_now)
lab_site_state remote_delay=20
"$LAB_REQ" 127.0.0.5 team.example.com GET /admin/reports/updates admin 15
sleep 1
"$LAB_REQ" 127.0.0.5 team.example.com GET /admin/reports/updates/check admin 15
sleep 2.5
t1=$(lab_now)
lab_site_state remote_delay=0.05
lab_traffic_wait
lab_incident update-manager "$t0" "$t1" team.example.com /admin/reports/updates,/admin/reports/updates/check
lab_traffic 3 4
lab_down

# -- 19:47 evening burst: 150 requests, 30 at a time, 1 s pages, 3 workers
phase "2026-11-24 19:47:00"
lab_traffic 5 4
for _ in $(seq 1 150); do lab_pick_request; done >"$LAB/burst.txt"
t0=$(lab_now)
lab_site_state page_delay_ms=1000
lab_burst "$LAB/burst.txt" 30 12
lab_site_state page_delay_ms=0
t1=$(lab_now)
lab_incident overload "$t0" "$t1" @observed @observed
lab_traffic 5 4

LAB_SYSLOG_MODULE=php-fpm8.2 LAB_SYSLOG_STYLE=stack
lab_note "one server's day made of five short phases (about 30 s each) placed at their times of day with libfaketime; nginx and php-fpm were restarted between phases, which leaves no line at BOA log levels; there is no traffic between phases"
lab_note "nginx logs rotated between phases (access.log.2.gz = 23 Nov 05:50, access.log.1 = the midnight phase, access.log = 24 Nov daytime)"
lab_note "limits: fastcgi_read_timeout 8s, request_terminate_timeout 10s, request_slowlog_timeout 3s, pm.max_children 3, listen.backlog 32 (BOA uses 180s/180s/60s and 8+ children)"
lab_scenario_end
