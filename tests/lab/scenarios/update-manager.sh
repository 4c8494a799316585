#!/bin/bash
# update-manager (cause 5): on an Open Atrium platform (/data/disk/o1/distro/003/openatrium-2.x,
# host team.example.com) the Update Manager fetches release data from "updates.drupal.org"
# (a slow stand-in on 127.0.0.1) with drupal_http_request(). The admin pages and cron hang:
# slowlog stacks with _update_process_fetch_task() / update.fetch.inc, nginx 504 at 4 s,
# FPM "execution timed out" at 6 s. Config: BOA (main, crit, FPM warning), Europe/Amsterdam.
. "$(dirname "$0")/../lib/lab.sh"
lab_scenario_begin update-manager "${1:-.}"
LAB_TZ=Europe/Amsterdam
CFG_ACCESS_FORMAT=main CFG_ERROR_LEVEL=crit CFG_FPM_LOG_LEVEL=warning
CFG_READ_TIMEOUT=4s CFG_TERMINATE_TIMEOUT=6s CFG_SLOWLOG_TIMEOUT=2s
lab_start_remote
lab_up
lab_site_state remote_port="$LAB_REMOTE_PORT" remote_delay=0.05

lab_traffic 8 4

lab_traffic_start 20 4
t0=$(lab_now)
lab_site_state remote_delay=20
"$LAB_REQ" 127.0.0.5 team.example.com GET /admin/reports/updates admin 12
sleep 2
"$LAB_REQ" 127.0.0.5 team.example.com GET /admin/reports/updates/check admin 12
sleep 1
"$LAB_REQ" 127.0.0.1 team.example.com GET "/cron.php?cron_key=Hq3kL0x9" visitor 12
sleep 3
t1=$(lab_now)
lab_site_state remote_delay=0.05
lab_traffic_wait
lab_incident update-manager "$t0" "$t1" team.example.com "/admin/reports/updates,/admin/reports/updates/check,/cron.php?cron_key=Hq3kL0x9"

lab_traffic 6 4
lab_note "updates.drupal.org stand-in: php -S on 127.0.0.1 answering after 20 s during the incident; fastcgi_read_timeout=4s, request_terminate_timeout=6s, request_slowlog_timeout=2s"
lab_scenario_end
