#!/bin/bash
# backend-down (cause 0): PHP-FPM is stopped for ~12 s (graceful stop, socket removed) and started
# again. Every host fails meanwhile, including the Aegir control panel o1.srv.example.net.
# Config: BOA (main access format, nginx error log at crit, FPM log_level warning), Europe/Amsterdam.
# The access and error logs are rotated twice before the incident (logrotate style: .1, .2.gz).
. "$(dirname "$0")/../lib/lab.sh"
lab_scenario_begin backend-down "${1:-.}"
LAB_TZ=Europe/Amsterdam
CFG_ACCESS_FORMAT=main CFG_ERROR_LEVEL=crit CFG_FPM_LOG_LEVEL=warning
lab_up

lab_traffic 5 4
lab_rotate_nginx_logs
lab_traffic 5 4
lab_rotate_nginx_logs
lab_traffic 4 4

lab_traffic_start 24 5
sleep 3
t0=$(lab_now)
lab_stop_fpm QUIT
for i in 1 2 3 4; do
    "$LAB_REQ" 127.0.0.5 o1.srv.example.net GET "/hosting/tasks/$((120 + i))/list" admin 5
    "$LAB_REQ" 127.0.0.5 o1.srv.example.net GET /hosting/sites admin 5
    "$LAB_REQ" "$(lab_visitor_ip)" www.example.com GET "/node/$((RANDOM % 50 + 1))" visitor 5
    "$LAB_REQ" "$(lab_visitor_ip)" shop.example.org GET /cart visitor 5
    sleep 2.5
done
lab_start_fpm
"$LAB_REQ" 127.0.0.5 o1.srv.example.net GET /hosting/sites admin 5
t1=$(lab_now)
lab_traffic_wait
lab_incident backend-down "$t0" "$t1" @observed @observed

lab_traffic 6 4
lab_note "php-fpm master stopped with SIGQUIT (graceful: socket unlinked) for about 12 s, then started again; at log_level warning the stop/start leaves no FPM log line"
lab_note "nginx logs and access log rotated twice during the period before the incident (mv + USR1 reopen, older copy gzipped)"
lab_scenario_end
