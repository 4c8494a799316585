#!/bin/bash
# php-fatal-traces (cause 2, page-crash, among PHP fatal errors): the pool has no PHP error_log,
# so PHP's errors travel as FastCGI stderr and nginx writes them as multi-line records
#   [error] ... FastCGI sent in stderr: "PHP message: PHP Fatal error:  Uncaught TypeError: ...
#   Stack trace:
#   #0 ...
# (catch_workers_output = yes copies them into the FPM log as "child N said into stderr" lines).
# Three fatal pages (500) run before any other request, so error.log starts with such records;
# more of them come every few seconds, around a real page-crash (www.example.com's broken Views
# page: 4 SIGSEGVs). Config: combined+times, nginx "error", FPM notice, America/Sao_Paulo.
. "$(dirname "$0")/../lib/lab.sh"
lab_scenario_begin php-fatal-traces "${1:-.}"
LAB_TZ=America/Sao_Paulo
CFG_ACCESS_FORMAT=timed CFG_ERROR_LEVEL=error CFG_FPM_LOG_LEVEL=notice
CFG_PHP_ERROR_LOG= CFG_POOL_EXTRA="catch_workers_output = yes"
lab_up
lab_capture_maps
CRASH_URL=/admin/structure/views/view/frontpage/edit
fatal=("team.example.com /node/12/print" "shop.example.org /wishlist/7" "www.example.com /node/666"
       "shop.example.org /wishlist/31" "team.example.com /node/48/print")

for i in 0 1 2; do
    "$LAB_REQ" "$(lab_visitor_ip)" "${fatal[i]%% *}" GET "${fatal[i]#* }" visitor 10
done
head -n 2 "$R/var/log/nginx/error.log" | tr '\n' ' ' |
    grep -q 'FastCGI sent in stderr: "PHP message: PHP Fatal error:  Uncaught .* Stack trace: ' ||
    lab_die "error.log does not start with a multi-line PHP fatal error record"

lab_traffic_start 34 4
(for i in $(seq 0 10); do
    f=${fatal[i % ${#fatal[@]}]}
    "$LAB_REQ" "$(lab_visitor_ip)" "${f%% *}" GET "${f#* }" visitor 10
    sleep 3
done) &
fatal_pid=$!
lab_track "$fatal_pid" fatal-pages
sleep 8
t0=$(lab_now)
for ip in 127.0.0.5 127.0.0.6 127.0.0.5 127.0.0.6; do
    "$LAB_REQ" "$ip" www.example.com GET "$CRASH_URL" admin 10
    sleep 4
done
t1=$(lab_now)
lab_incident page-crash "$t0" "$t1" www.example.com "$CRASH_URL" php-fpm8.2
lab_traffic_wait
wait "$fatal_pid"

LAB_SYSLOG_MODULE=php-fpm8.2 LAB_SYSLOG_STYLE=stack
lab_note "no PHP error_log in the pool: PHP's warnings and fatal errors (uncaught TypeError/Error with stack traces, HTTP 500) reach nginx as FastCGI stderr; nginx writes each as one record over several lines, and error.log starts with three of them; they are not part of the incident"
lab_note "catch_workers_output = yes: the same PHP messages are in the FPM log as 'child N said into stderr' lines, one per line of the trace"
lab_note "the page crash is a real stack overflow (SIGSEGV) in the FPM child on each of the 4 visits"
lab_scenario_end
