#!/bin/bash
# timeout (cause 3): the shop's checkout asks a remote carrier API (a slow stand-in on 127.0.0.1,
# php -S) with cURL; the API stops answering in time. Two variants (argument 502|504):
#   502: FPM request_terminate_timeout 4s < nginx fastcgi_read_timeout 6s -> FPM kills the child
#   504: nginx fastcgi_read_timeout 3s < FPM request_terminate_timeout 6s -> nginx gives up first
# request_slowlog_timeout 2s writes slowlog stacks (curl_exec). One client gives up (499).
# Config: combined+times, nginx "error", FPM notice, Europe/Berlin.
. "$(dirname "$0")/../lib/lab.sh"
variant=${2:-502}
lab_scenario_begin "timeout-$variant" "${1:-.}"
LAB_TZ=Europe/Berlin
CFG_ACCESS_FORMAT=timed CFG_ERROR_LEVEL=error CFG_FPM_LOG_LEVEL=notice CFG_SLOWLOG_TIMEOUT=2s
if [ "$variant" = 502 ]; then CFG_TERMINATE_TIMEOUT=4s CFG_READ_TIMEOUT=6s
else CFG_TERMINATE_TIMEOUT=6s CFG_READ_TIMEOUT=3s; fi
lab_start_remote
lab_up
lab_site_state remote_port="$LAB_REMOTE_PORT" remote_delay=0.05
URL=/cart/checkout/shipping

lab_traffic 6 4
"$LAB_REQ" 127.0.0.77 shop.example.org GET "$URL" visitor 10
lab_traffic 3 4

lab_checkout_timeout "$URL"

lab_traffic 6 4
lab_note "remote API stand-in: php -S on 127.0.0.1 answering after 20 s during the incident (0.05 s otherwise); request_terminate_timeout=$CFG_TERMINATE_TIMEOUT fastcgi_read_timeout=$CFG_READ_TIMEOUT request_slowlog_timeout=$CFG_SLOWLOG_TIMEOUT"
lab_note "client 127.0.0.84 gave up after 2 s (curl --max-time 2): a 499 in the access log"
lab_scenario_end
