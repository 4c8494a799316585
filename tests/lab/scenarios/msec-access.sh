#!/bin/bash
# msec-access (cause 3, timeout): the timeout-504 incident of json-access, on a server in
# Asia/Kolkata (UTC+05:30) whose JSON access log is dated by $msec alone (UTC) and whose bundle has no
# etc/timezone or etc/localtime. The nginx error log and the PHP-FPM log write local time without a
# zone: only the requests that both nginx logs recorded tell the zone. Config: nginx "error", FPM
# notice, slowlog at 2 s.
. "$(dirname "$0")/../lib/lab.sh"
lab_scenario_begin msec-access "${1:-.}"
LAB_TZ=Asia/Kolkata
CFG_ACCESS_FORMAT=jsonmsec CFG_ERROR_LEVEL=error CFG_FPM_LOG_LEVEL=notice
CFG_READ_TIMEOUT=3s CFG_TERMINATE_TIMEOUT=6s CFG_SLOWLOG_TIMEOUT=2s
lab_checkout_timeout_run

LAB_BUNDLE_ZONE=0
export LAB_LABEL_ZONE_UNKNOWN=1
lab_note "access log in JSON lines dated by \$msec only (log_format jsonmsec in etc/nginx/nginx.conf): UTC with milliseconds; nginx and PHP-FPM ran with TZ=Asia/Kolkata, so the error, FPM and slow logs are in UTC+05:30 local time; the bundle has no etc/timezone or etc/localtime"
lab_scenario_end
