#!/bin/bash
# container-output (cause 1, segfault-restart): nginx and PHP-FPM log as in containers, to their
# stdout/stderr (nginx access_log /dev/stdout, error_log /dev/stderr notice; FPM error_log =
# /proc/self/fd/2, daemonize = no, catch_workers_output = yes, no PHP error_log). The lab captures
# the streams with the arrival time of each line and writes them as container tools keep them:
# docker-compose.log ("web-1  | ", "php-1  | ", in time order) and Docker json-file logs
# var/lib/docker/containers/ID/ID-json.log, one per container. No other logs, no syslog.
# Incident: random pages crash their FPM child (SIGSEGV) until the emergency restart. UTC.
. "$(dirname "$0")/../lib/lab.sh"
lab_scenario_begin container-output "${1:-.}"
LAB_TZ=UTC
CFG_ACCESS_FORMAT=timed CFG_ACCESS_LOG=/dev/stdout
CFG_ERROR_LOG=/dev/stderr CFG_ERROR_LEVEL=notice CFG_MAIN_ERROR_LEVEL=notice
CFG_FPM_ERROR_LOG=/proc/self/fd/2 CFG_FPM_LOG_LEVEL=notice CFG_SLOWLOG_TIMEOUT=0
CFG_PHP_ERROR_LOG= CFG_POOL_EXTRA=$'catch_workers_output = yes\ndecorate_workers_output = no'
lab_capture web nginx
lab_capture php fpm
lab_up

lab_traffic 8 4
lab_segfault_restart "$LAB/capture/php.stderr.tsv"
lab_traffic 6 4

LAB_BUNDLE_SYSLOG=0 LAB_BUNDLE_HOOK=lab_container_logs LAB_BUNDLE_KEEP="docker-compose.log var/lib/docker etc"
lab_note "docker-compose.log and the json-file logs were written by the lab from the servers' captured stdout/stderr (read through FIFOs): the json-file 'time' is when the lab read the line (wall clock, ns), as dockerd stamps a line when it reads it; compose lines are in that time order; the json-file logs hold the same lines as docker-compose.log"
lab_note "service web = nginx (stdout: access log, combined + times; stderr: error log at notice), service php = PHP-FPM (stderr: master log at notice and, undecorated, the workers' output); no syslog and no kernel lines in this bundle"
lab_note "crashes are real SIGSEGV deaths of FPM children on random pages (the site code raises SIGSEGV in itself with probability 0.3 while the incident lasts)"
lab_scenario_end
