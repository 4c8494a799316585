#!/bin/bash
# overload (cause 4): pm = ondemand with pm.max_children = 2 and listen.backlog = 32, then a burst
# of 200 requests on random URLs from many client addresses, 40 at a time, while every page takes
# about 1 s (database slow under load). FPM logs "server reached max_children setting (2)";
# nginx answers 502 (backlog full: connect() EAGAIN) and 504 (queued past fastcgi_read_timeout 4s).
# Config: BOA (main, crit, FPM warning), Europe/Amsterdam.
. "$(dirname "$0")/../lib/lab.sh"
lab_scenario_begin overload "${1:-.}"
LAB_TZ=Europe/Amsterdam
CFG_ACCESS_FORMAT=main CFG_ERROR_LEVEL=crit CFG_FPM_LOG_LEVEL=warning
CFG_MAX_CHILDREN=2 CFG_LISTEN_BACKLOG=32 CFG_READ_TIMEOUT=4s CFG_TERMINATE_TIMEOUT=6s
lab_up

lab_traffic 8 4

burst=$LAB/burst.txt
for _ in $(seq 1 200); do lab_pick_request; done >"$burst"
t0=$(lab_now)
lab_site_state page_delay_ms=1000
lab_burst "$burst" 40 8
lab_site_state page_delay_ms=0
t1=$(lab_now)
lab_incident overload "$t0" "$t1" @observed @observed

lab_traffic 8 4
lab_note "burst: 200 requests from the everyday mix (random hosts and URLs, statics included), 40 in parallel; page_delay_ms=1000 during the burst; pm.max_children=2, listen.backlog=32 (BOA: 8+ children, backlog capped at 512)"
lab_scenario_end
