#!/bin/bash
# negative-control: ordinary traffic only. 404s (bot probes, missing images, unknown pages),
# 403s (anonymous /admin), 500s (a PHP fatal error on /node/666, logged in error_log_82 in UTC),
# a POST login redirect (302). No 502 or 504.
# Config: combined+times, nginx "error", FPM notice, Australia/Sydney.
. "$(dirname "$0")/../lib/lab.sh"
lab_scenario_begin negative-control "${1:-.}"
LAB_TZ=Australia/Sydney
CFG_ACCESS_FORMAT=timed CFG_ERROR_LEVEL=error CFG_FPM_LOG_LEVEL=notice
lab_up

lab_traffic_start 24 5
for i in 1 2 3; do
    "$LAB_REQ" "$(lab_visitor_ip)" www.example.com GET /node/666 visitor 10
    "$LAB_REQ" "$(lab_visitor_ip)" www.example.com GET "/this-page-does-not-exist-$i" visitor 10
    "$LAB_REQ" 127.0.0.66 shop.example.org GET /admin/config bot 10
    "$LAB_REQ" "$(lab_visitor_ip)" www.example.com POST /user/login visitor 10
    sleep 6
done
lab_traffic_wait
lab_note "no incident: no 502/504 expected; 500s come from a PHP fatal error (see var/log/php/error_log_82, UTC)"
lab_scenario_end
