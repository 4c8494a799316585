#!/bin/bash
# two-incidents: one bundle, two causes. First a page crash (shop.example.org's broken Views admin
# page, 3 genuine SIGSEGV crashes), then an overload burst (150 requests, 30 at a time, 1 s pages,
# pm.max_children = 2). Config: BOA main access format and FPM warning, but the nginx error log at
# "error" (a host that changed BOA's crit), so the upstream error lines are there. Europe/Amsterdam.
. "$(dirname "$0")/../lib/lab.sh"
lab_scenario_begin two-incidents "${1:-.}"
LAB_TZ=Europe/Amsterdam
CFG_ACCESS_FORMAT=main CFG_ERROR_LEVEL=error CFG_FPM_LOG_LEVEL=warning
CFG_MAX_CHILDREN=2 CFG_LISTEN_BACKLOG=32 CFG_READ_TIMEOUT=4s CFG_TERMINATE_TIMEOUT=6s
lab_up
lab_capture_maps
CRASH_URL=/admin/structure/views/view/frontpage/edit

lab_traffic 6 4

lab_traffic_start 12 4
t0=$(lab_now)
for ip in 127.0.0.6 127.0.0.6 127.0.0.5; do
    "$LAB_REQ" "$ip" shop.example.org GET "$CRASH_URL" admin 10
    sleep 4
done
t1=$(lab_now)
lab_traffic_wait
lab_incident page-crash "$t0" "$t1" shop.example.org "$CRASH_URL" php-fpm8.2

lab_traffic 6 4

burst=$LAB/burst.txt
for _ in $(seq 1 150); do lab_pick_request; done >"$burst"
t0=$(lab_now)
lab_site_state page_delay_ms=1000
lab_burst "$burst" 30 8
lab_site_state page_delay_ms=0
t1=$(lab_now)
lab_incident overload "$t0" "$t1" @observed @observed

lab_traffic 6 4
LAB_SYSLOG_MODULE=php-fpm8.2 LAB_SYSLOG_STYLE=stack
lab_note "nginx error_log level is error here (BOA uses crit): the upstream error lines of both incidents are kept"
lab_scenario_end
