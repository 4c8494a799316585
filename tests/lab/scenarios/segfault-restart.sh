#!/bin/bash
# segfault-restart (cause 1, emergency restart): a faulty cache extension makes random requests
# crash their PHP-FPM child with a real SIGSEGV (raised by the child itself). After 5 crashes
# within a minute the master logs "failed processes threshold (5 in 60 sec) is reached,
# initiating reload" and reloads. The crashes stop after the reload.
# Config: BOA (main, crit, FPM warning), server time zone UTC.
. "$(dirname "$0")/../lib/lab.sh"
lab_scenario_begin segfault-restart "${1:-.}"
LAB_TZ=UTC
CFG_ACCESS_FORMAT=main CFG_ERROR_LEVEL=crit CFG_FPM_LOG_LEVEL=warning
lab_up
lab_capture_maps

lab_traffic 10 4
lab_segfault_restart "$R/var/log/php/php82-fpm-error.log" opcache.so

lab_traffic 8 4
LAB_SYSLOG_MODULE=opcache.so LAB_SYSLOG_STYLE=null
lab_note "crashes are real SIGSEGV deaths of FPM children on random pages (the site code raises SIGSEGV in itself with probability 0.3 while the incident lasts); attributing them to opcache.so in the kernel lines is the lab's choice"
lab_scenario_end
