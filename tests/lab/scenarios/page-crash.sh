#!/bin/bash
# page-crash (cause 2): one admin URL crashes its PHP-FPM child with a genuine SIGSEGV every time
# (a circular Views display configuration recurses through array_map() until the C stack overflows).
# The rest of the site keeps working. 4 crashes, below the emergency-restart threshold (5 in 1m).
# Config: combined+times access log, nginx error level "error", FPM log_level notice, Europe/Amsterdam.
. "$(dirname "$0")/../lib/lab.sh"
lab_scenario_begin page-crash "${1:-.}"
LAB_TZ=Europe/Amsterdam
CFG_ACCESS_FORMAT=timed CFG_ERROR_LEVEL=error CFG_FPM_LOG_LEVEL=notice
lab_up
lab_capture_maps

CRASH_URL=/admin/structure/views/view/frontpage/edit
lab_traffic 10 4

lab_traffic_start 18 4
t0=$(lab_now)
for ip in 127.0.0.5 127.0.0.5 127.0.0.6 127.0.0.5; do
    "$LAB_REQ" "$ip" www.example.com GET "$CRASH_URL" admin 10
    sleep 4
done
t1=$(lab_now)
lab_traffic_wait
lab_incident page-crash "$t0" "$t1" www.example.com "$CRASH_URL" php-fpm8.2

lab_traffic 8 4
LAB_SYSLOG_MODULE=php-fpm8.2 LAB_SYSLOG_STYLE=stack
lab_note "the crash is a real stack overflow (SIGSEGV) in the FPM child; the same URL crashed on each of the 4 visits, other URLs answered normally"
lab_scenario_end
