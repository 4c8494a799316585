#!/bin/bash
# json-access (cause 3, timeout): the timeout-504 incident (the checkout's remote carrier API
# hangs; nginx fastcgi_read_timeout 3s < FPM request_terminate_timeout 6s) on a server whose
# access log is JSON lines (log_format json escape=json: time_iso8601, remote_addr, host, request,
# status, body_bytes_sent, request_time, upstream_*, http_user_agent). The access evidence is
# JSON only. Config: nginx "error", FPM notice, slowlog at 2 s, America/Chicago.
. "$(dirname "$0")/../lib/lab.sh"
lab_scenario_begin json-access "${1:-.}"
LAB_TZ=America/Chicago
CFG_ACCESS_FORMAT=json CFG_ERROR_LEVEL=error CFG_FPM_LOG_LEVEL=notice
CFG_READ_TIMEOUT=3s CFG_TERMINATE_TIMEOUT=6s CFG_SLOWLOG_TIMEOUT=2s
lab_checkout_timeout_run

lab_note "access log in JSON lines (log_format json escape=json in etc/nginx/nginx.conf); status, body_bytes_sent and request_time are JSON numbers, the upstream fields strings (\"\" for requests nginx answered itself, upstream_status \"-\" for the 499)"
lab_scenario_end
