#!/bin/bash
# fpm-only (cause 1, segfault-restart): the segfault-restart run (random pages crash their FPM
# child with a real SIGSEGV until "failed processes threshold ... initiating reload"), but the
# bundle holds ONLY the PHP-FPM master log, as when a user sends just that file: no nginx logs
# (so no 502 line), no syslog, no configs, no etc/timezone. FPM log_level notice (the reload
# shows), server time zone UTC.
. "$(dirname "$0")/../lib/lab.sh"
lab_scenario_begin fpm-only "${1:-.}"
LAB_TZ=UTC
CFG_ACCESS_FORMAT=main CFG_ERROR_LEVEL=error CFG_FPM_LOG_LEVEL=notice
lab_up

lab_traffic 6 4
lab_segfault_restart "$R/var/log/php/php82-fpm-error.log"
lab_traffic 6 4

LAB_BUNDLE_SYSLOG=0 LAB_BUNDLE_KEEP=var/log/php/php82-fpm-error.log
export LAB_LABEL_ZONE_UNKNOWN=1 LAB_LABEL_NO_FAILURE_LINES=1
lab_note "the bundle holds only var/log/php/php82-fpm-error.log: no nginx access or error log, so there is no 502 line in it (client_view counts what the lab's clients saw); no etc/timezone either (the server ran in UTC)"
lab_note "crashes are real SIGSEGV deaths of FPM children on random pages (the site code raises SIGSEGV in itself with probability 0.3 while the incident lasts)"
lab_scenario_end
