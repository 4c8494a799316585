#!/bin/sh
# tst_collect_script: runs resources/collect/gateway-doctor-collect.sh on fake server trees (a BOA server, a
# plain Debian/Ubuntu server, a server with almost nothing) and checks the archive it writes with real tar:
# what is in it, what is left out and why, that no secret gets in, the size and days bounds, that the tree
# is left unchanged, usage errors, unreadable files, an interrupted run, and (when built) that
# gateway-doctor reads the archive.
# usage: tst_collect_script.sh COLLECTOR [GATEWAY_DOCTOR_BINARY]
#   GD_TEST_SHELL        shell that runs the collector (default sh; CTest passes dash when installed)
#   GD_PROJECT_VERSION   the project version the collector's --version must print
# Single quotes hold awk programs and PHP text on purpose; functions run through check and traps.
# shellcheck disable=SC2016,SC2317,SC2012
set -u
umask 022

collector_src=${1:?usage: tst_collect_script.sh COLLECTOR [GATEWAY_DOCTOR_BINARY]}
cli=${2:-}
run_shell=${GD_TEST_SHELL:-sh}

passed=0
failed=0
ok() {
    passed=$((passed + 1))
    printf 'ok    %s\n' "$*"
}
fail() {
    failed=$((failed + 1))
    printf 'FAIL  %s\n' "$*"
}
info() { printf 'note  %s\n' "$*"; }
# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() {
    _d=$1
    shift
    if "$@" >/dev/null 2>&1; then ok "$_d"; else fail "$_d"; fi
}
# check_not DESCRIPTION COMMAND...: passes when the command fails.
check_not() {
    _d=$1
    shift
    if "$@" >/dev/null 2>&1; then fail "$_d"; else ok "$_d"; fi
}
# show FILE: prints a file indented, to explain a failure.
show() { sed 's/^/      /' "$1"; }

work=$(mktemp -d)
# Readable by the unprivileged user of the non-root run.
chmod 755 "$work"
cleanup() {
    chmod -R u+rwX "$work" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A copy every user can read (the checkout may sit under a private home folder).
collector=$work/gateway-doctor-collect.sh
cp "$collector_src" "$collector"
chmod 755 "$collector"

# put PATH LINE...: writes the lines to a file, making its folders.
put() {
    _f=$1
    shift
    mkdir -p "$(dirname "$_f")"
    printf '%s\n' "$@" >"$_f"
}
# put_gz PATH LINE...: the same, gzip-compressed (a rotated log).
put_gz() {
    _f=$1
    shift
    mkdir -p "$(dirname "$_f")"
    printf '%s\n' "$@" | gzip -c >"$_f"
}
age() { touch -d "$2 days ago" "$1"; }

# run NAME ARGS...: runs the collector; stdout, stderr and status in $work/NAME.{out,err,rc}.
run() {
    _name=$1
    shift
    "$run_shell" "$collector" "$@" >"$work/$_name.out" 2>"$work/$_name.err"
    echo $? >"$work/$_name.rc"
}
status_of() { cat "$work/$1.rc"; }

# unpack ARCHIVE DIR: extracts with real tar; the archive's single top folder becomes DIR/top.
unpack() {
    rm -rf "$2"
    mkdir -p "$2"
    tar -xzf "$1" -C "$2" && tar -tzf "$1" >"$2.list"
}
# The collected-files section of a manifest: path TAB bytes TAB mtime [TAB note].
collected_rows() { awk '/^== collected/ { on = 1; next } /^$/ { on = 0 } on' "$1"; }
skipped_rows() { awk '/^== skipped/ { on = 1; next } /^$/ { on = 0 } on' "$1"; }
# has_row FILE PATH: PATH is the first column of a row.
has_row() { cut -f1 "$1" | grep -Fqx -e "$2"; }
# skipped_for FILE PATH REASON: PATH is listed as skipped with a reason containing REASON.
skipped_for() { awk -F '\t' -v p="$2" -v r="$3" '$1 == p && index($2, r) { found = 1 } END { exit !found }' "$1"; }

# snapshot ROOT FILE: names, types, modes, sizes and checksums of everything under ROOT.
snapshot() {
    (
        cd "$1" || exit 1
        find . -print | sort | while IFS= read -r _p; do
            if [ -L "$_p" ]; then
                printf '%s link %s\n' "$_p" "$(ls -ld "$_p" | sed 's/.* -> //')"
            elif [ -f "$_p" ] && [ -r "$_p" ]; then
                printf '%s %s %s\n' "$_p" "$(ls -lnd "$_p" | awk '{ print $1, $5 }')" "$(cksum <"$_p")"
            else
                printf '%s %s\n' "$_p" "$(ls -lnd "$_p" | awk '{ print $1 }')"
            fi
        done
    ) >"$2"
    touch "$2.stamp"
}
# unchanged ROOT SNAPSHOT: the same snapshot, and nothing modified since it was taken.
unchanged() {
    snapshot "$1" "$2.after" && cmp -s "$2" "$2.after" && [ -z "$(find "$1" -newer "$2.stamp" -print)" ]
}

# The secrets planted in every tree: each file holds a marker that must never reach an archive.
plant_secrets() {
    _root=$1
    put "$_root/etc/ssl/private/server.key" "GD-SECRET-ssl-private-key"
    put "$_root/etc/ssl/certs/server.crt" "GD-SECRET-certificate"
    put "$_root/etc/nginx/server.key" "GD-SECRET-nginx-key"
    put "$_root/etc/nginx/conf.d/wildcard.key" "GD-SECRET-nginx-conf-d-key"
    put "$_root/etc/nginx/conf.d/example.pem" "GD-SECRET-pem"
    put "$_root/etc/nginx/.htpasswd" "admin:GD-SECRET-htpasswd"
    put "$_root/etc/shadow" "root:GD-SECRET-shadow:19000:0:99999:7:::"
    put "$_root/root/.my.cnf" "[client]" "password=GD-SECRET-root-my-cnf"
    # A log file name that is a link to a key: links are never followed.
    mkdir -p "$_root/var/log/nginx"
    ln -s /etc/ssl/private/server.key "$_root/var/log/nginx/evil.log"
}

# ---------------------------------------------------------------------------------------------------------
# (a) A BOA server.
boa=$work/boa
plant_secrets "$boa"
put "$boa/etc/timezone" "Europe/Amsterdam"
mkdir -p "$boa/usr/share/zoneinfo/Europe"
ln -s /usr/share/zoneinfo/Europe/Amsterdam "$boa/etc/localtime"

access_line='"203.0.113.7" o1.srv.example.net [24/Nov/2026:11:06:00 +0100] "POST /hosting/c/server_master HTTP/1.1" 504 160 2011 325 "https://o1.srv.example.net/hosting/c/server_master" "Mozilla/5.0" 180.001 "-"'
access_line2='"198.51.100.4" www.example.com [24/Nov/2026:10:51:33 +0100] "GET /node/1 HTTP/2.0" 502 150 512 325 "-" "Mozilla/5.0" 0.002 "-"'
put "$boa/var/log/nginx/access.log" "$access_line" "$access_line2"
put "$boa/var/log/nginx/access.log.1" "$access_line2"
put_gz "$boa/var/log/nginx/access.log.2.gz" "$access_line2"
put_gz "$boa/var/log/nginx/access.log.3.gz" "$access_line2"
age "$boa/var/log/nginx/access.log.1" 1
age "$boa/var/log/nginx/access.log.2.gz" 2
age "$boa/var/log/nginx/access.log.3.gz" 10
crit_line='2026/11/24 10:51:33 [crit] 4022#4022: *8812410 connect() to unix:/var/run/o1.83.fpm.socket failed (2: No such file or directory) while connecting to upstream, client: 2001:db8:4::17, server: o1.srv.example.net, request: "GET /hosting/c/server_master HTTP/2.0", upstream: "fastcgi://unix:/var/run/o1.83.fpm.socket:", host: "o1.srv.example.net"'
put "$boa/var/log/nginx/error.log" "$crit_line"
put "$boa/var/log/nginx/error.log.1" "$crit_line"
age "$boa/var/log/nginx/error.log.1" 9
put "$boa/var/log/nginx/261124-1051-error.log" "$crit_line"
# A large access log two days old: collected by default, over the bound of the --max-size 1 run.
awk -v l="$access_line2" 'BEGIN { for (i = 0; i < 12000; i++) print l }' >"$boa/var/log/nginx/big.access.log"
age "$boa/var/log/nginx/big.access.log" 2

put "$boa/var/log/php/php83-fpm-error.log" \
    '[24-Nov-2026 10:51:32] WARNING: [pool o1.83] child 23456 exited on signal 11 (SIGSEGV - core dumped) after 12.5 seconds from start' \
    '[24-Nov-2026 10:51:40] WARNING: [pool o1.83] server reached max_children setting (20), consider raising it'
put "$boa/var/log/php/fpm-o1.83-slow.log" '' \
    '[24-Nov-2026 11:00:55]  [pool o1.83] pid 24001' \
    'script_filename = /data/disk/o1/distro/002/drupal-7.103/index.php' \
    '[0x00007f3b6c01e4a0] curl_exec() /data/disk/o1/distro/002/drupal-7.103/sites/all/modules/x/x.module:88' \
    '[0x00007f3b6c01e2f0] x_fetch() /data/disk/o1/distro/002/drupal-7.103/includes/module.inc:926'
put "$boa/var/log/php/error_log_83" \
    '[24-Nov-2026 09:51:32 UTC] PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted in /data/disk/o1/x.php on line 12'
# Unreadable for anyone but root.
put "$boa/var/log/php/fpm-o2.83-slow.log" '' '[24-Nov-2026 11:00:55]  [pool o2.83] pid 24002'
chmod 000 "$boa/var/log/php/fpm-o2.83-slow.log"
put "$boa/var/backups/php-logs/261124-105201/php83-fpm-error.log" \
    '[24-Nov-2026 10:51:59] WARNING: [pool o1.83] child 23470 exited on signal 11 (SIGSEGV) after 1.2 seconds from start'
put "$boa/var/log/iptables.log" \
    'Nov 24 10:51:32 srv1 kernel: [12345.678901] php-fpm8.3[23456]: segfault at 0 ip 00007f3c2a1b2c3d sp 00007ffd1e2f3a40 error 4 in opcache.so[7f3c2a100000+c8000]'
put "$boa/var/log/syslog" 'Nov 24 10:50:01 srv1 CRON[1234]: (root) CMD (bash /var/xdrago/minute.sh >/dev/null 2>&1)'
put "$boa/var/xdrago/log/php.incident.log" 'Tue Nov 24 10:51:32 CET 2026 FPM Sockets conflict detected, service will be restarted'
put "$boa/var/xdrago/log/segfault_alert.log" '### PHP: CRASH at 10:51:32 [2] discovered on 261124-105201 for example.com'
put "$boa/var/xdrago/log/daily/daily-261124-031500.log" 'update is required and can not be disabled in example.com'
put "$boa/var/xdrago/log/old.incident.log" 'Tue Oct 20 10:51:32 CEST 2026 NGX high load incident Nginx service restarted'
age "$boa/var/xdrago/log/old.incident.log" 40

put "$boa/opt/php83/etc/php83-fpm.conf" '[global]' 'log_level = warning' 'emergency_restart_threshold = 5' \
    'emergency_restart_interval = 1m'
put "$boa/opt/php83/etc/pool.d/o1.83.conf" '[o1.83]' 'listen = /run/o1.83.fpm.socket' 'pm = ondemand' \
    'pm.max_children = 20' 'request_terminate_timeout = 180s' 'request_slowlog_timeout = 60s' \
    'env[DB_PASSWORD] = GD-SECRET-pool-env' 'php_admin_value[newrelic.license] = GD-SECRET-license'
put "$boa/opt/php83/etc/php83.ini" '[PHP]' 'max_execution_time = 180' 'mysqli.default_pw = GD-SECRET-default-pw'
put "$boa/etc/nginx/nginx.conf" 'user www-data;' 'error_log /var/log/nginx/error.log crit;' \
    'http {' '  server_tokens off;' '  include /etc/nginx/conf.d/*.conf;' '}'
put "$boa/etc/nginx/conf.d/aegir.conf" 'include /var/aegir/config/server_master/nginx.conf;'
put "$boa/var/aegir/config/server_master/nginx.conf" \
    "log_format main '\"\$proxy_add_x_forwarded_for\" \$host [\$time_local] \"\$request\" \$status \$body_bytes_sent \$request_length \$bytes_sent \"\$http_referer\" \"\$http_user_agent\" \$request_time \"\$gzip_ratio\"';" \
    'fastcgi_read_timeout 180s;' 'fastcgi_param DB_PASS GD-SECRET-fastcgi-param;'
put "$boa/var/aegir/config/includes/nginx_vhost_common.conf" \
    'location ~ \.php$ {' '  fastcgi_pass unix:/var/run/o1.83.fpm.socket;' '}'
put "$boa/var/aegir/config/server_master/nginx/vhost.d/o1.srv.example.net" 'server { listen 80; }'
put "$boa/var/aegir/.drush/hostmaster.alias.drushrc.php" '<?php $aliases["hm"] = "GD-SECRET-master-alias";'

platform=$boa/data/disk/o1/static/platforms/drupal-10/web
put "$platform/sites/all/modules/boa_platform_control.ini" '[settings]' 'disable_admin_dos_protection = FALSE'
put "$platform/sites/example.com/modules/boa_site_control.ini" '[settings]' 'disable_admin_dos_protection = TRUE'
put "$platform/sites/example.com/settings.php" '<?php $databases["default"]["default"]["password"] = "GD-SECRET-settings";'
put "$platform/sites/example.com/local.settings.php" '<?php $conf["x"] = "GD-SECRET-local-settings";'
# Files with the INI names where they must not be taken from: private and files folders.
put "$platform/sites/example.com/private/boa_site_control.ini" 'GD-SECRET-private-ini'
put "$platform/sites/example.com/files/boa_site_control.ini" 'GD-SECRET-files-ini'
put "$boa/data/disk/o1/.my.cnf" '[client]' 'password=GD-SECRET-octopus-my-cnf'
put "$boa/data/disk/o1/.drush/o1.alias.drushrc.php" '<?php $aliases["o1"] = "GD-SECRET-alias";'
put "$boa/data/disk/o1/static/platforms/drupal-10/.env" 'DB_PASSWORD=GD-SECRET-dotenv'
# A folder link out of the allowed places: the INI search must not follow it.
ln -s /etc/ssl/private "$boa/data/disk/o1/static/linked"
put "$boa/etc/ssl/private/sites/x/modules/boa_site_control.ini" 'GD-SECRET-linked-ini'

snapshot "$boa" "$work/boa.snapshot"
boa_out=$work/out
mkdir -p "$boa_out"
# The collector runs from an empty folder, so a stray file it left would show.
mkdir -p "$work/cwd"

echo "== (a) BOA server, defaults"
(cd "$work/cwd" && run boa --root "$boa" --output "$boa_out/boa.tar.gz")
check "exits 0" test "$(status_of boa)" -eq 0
check "prints no error" test ! -s "$work/boa.err"
check "writes the archive" test -s "$boa_out/boa.tar.gz"
check "says where the archive is" grep -q "Done: $boa_out/boa.tar.gz" "$work/boa.out"
check "says it holds no passwords or keys" grep -q "no passwords, keys" "$work/boa.out"
check "asks to send it to support" grep -q "send this file to support" "$work/boa.out"
check "the archive is private to the user" test -z "$(find "$boa_out/boa.tar.gz" -perm -004 -print)"
check "writes nothing into the current folder" test -z "$(ls -A "$work/cwd")"
x=$work/x-boa
if unpack "$boa_out/boa.tar.gz" "$x"; then ok "real tar extracts the archive"; else fail "real tar extracts the archive"; fi
check "one top folder named like the archive" test "$(ls -A "$x")" = boa
t=$x/boa
manifest=$t/MANIFEST.txt
collected_rows "$manifest" >"$work/boa.collected"
skipped_rows "$manifest" >"$work/boa.skipped"
for f in MANIFEST.txt system.txt \
    var/log/nginx/access.log var/log/nginx/access.log.1 var/log/nginx/access.log.2.gz \
    var/log/nginx/error.log var/log/nginx/261124-1051-error.log var/log/nginx/big.access.log \
    var/log/php/php83-fpm-error.log var/log/php/fpm-o1.83-slow.log var/log/php/error_log_83 \
    var/backups/php-logs/261124-105201/php83-fpm-error.log var/log/iptables.log var/log/syslog \
    var/xdrago/log/php.incident.log var/xdrago/log/segfault_alert.log var/xdrago/log/daily/daily-261124-031500.log \
    opt/php83/etc/php83-fpm.conf opt/php83/etc/pool.d/o1.83.conf opt/php83/etc/php83.ini \
    etc/nginx/nginx.conf etc/nginx/conf.d/aegir.conf var/aegir/config/server_master/nginx.conf \
    var/aegir/config/includes/nginx_vhost_common.conf etc/timezone \
    data/disk/o1/static/platforms/drupal-10/web/sites/all/modules/boa_platform_control.ini \
    data/disk/o1/static/platforms/drupal-10/web/sites/example.com/modules/boa_site_control.ini; do
    check "collects /$f" test -f "$t/$f"
done
check "copies logs byte for byte" cmp -s "$boa/var/log/nginx/access.log.2.gz" "$t/var/log/nginx/access.log.2.gz"
check "keeps the modification time" test -z "$(find "$t/var/log/nginx/access.log.2.gz" -mtime -1 -print)"
for f in var/log/nginx/access.log.3.gz var/log/nginx/error.log.1 var/xdrago/log/old.incident.log; do
    check "leaves out /$f (older than 7 days)" test ! -e "$t/$f"
    check "lists /$f as skipped: older than 7 days" skipped_for "$work/boa.skipped" "/$f" "older than 7 days"
done
check "leaves out BOA vhost files (the analysis reads .conf files)" \
    test ! -e "$t/var/aegir/config/server_master/nginx/vhost.d"
check "does not follow a log link to a key" test ! -e "$t/var/log/nginx/evil.log"
check "lists the log link as skipped" skipped_for "$work/boa.skipped" /var/log/nginx/evil.log "symbolic link"

echo "-- secrets"
check_not "no secret file name in the tar listing (settings.php .my.cnf .key .pem .crt private drushrc htpasswd .env shadow)" \
    grep -Eq 'settings\.php|\.my\.cnf|\.key$|\.pem$|\.crt$|private|drushrc|htpasswd|\.env$|shadow' "$x.list"
check_not "no secret file name in the extracted tree" \
    test -n "$(find "$x" \( -name '*settings.php' -o -name '.my.cnf' -o -name '*.key' -o -name '*.pem' \
        -o -name '*.crt' -o -path '*private*' -o -name '*drushrc*' -o -name '*htpasswd*' -o -name '.env' \
        -o -name 'shadow' \) -print)"
if grep -r 'GD-SECRET' "$x" >"$work/boa.leaks"; then
    fail "no secret content in the archive"
    show "$work/boa.leaks"
else
    ok "no secret content in the archive (every planted marker absent)"
fi
check "the pool's socket and limits stay in its copy" \
    grep -q 'request_terminate_timeout = 180s' "$t/opt/php83/etc/pool.d/o1.83.conf"
check "the socket line stays in the nginx include" grep -q 'fastcgi_pass unix:/var/run/o1.83.fpm.socket' \
    "$t/var/aegir/config/includes/nginx_vhost_common.conf"
check "server_tokens stays in nginx.conf" grep -q 'server_tokens off' "$t/etc/nginx/nginx.conf"
check "the manifest notes the removed lines" \
    awk -F '\t' '$1 == "/opt/php83/etc/pool.d/o1.83.conf" && $4 ~ /2 line\(s\) removed/ { f = 1 } END { exit !f }' \
    "$work/boa.collected"

echo "-- manifest"
check "names the collector version" grep -q "^collector: *gateway-doctor-collect.sh" "$manifest"
check "names the parameters" grep -q "^parameters: *--days 7 --max-size 200 --root $boa" "$manifest"
check "has the collection time in UTC" grep -Eq '^collected UTC: *[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} UTC' "$manifest"
check "has the local collection time with its zone" \
    grep -Eq '^collected at: *[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} [A-Za-z+-]' "$manifest"
check "names the host" grep -q "^host: *$(uname -n)" "$manifest"
missing_rows=0
(cd "$t" && find . -type f ! -name MANIFEST.txt ! -name system.txt ! -path './journal/*' | sed 's|^\.||') >"$work/boa.files"
while IFS= read -r f; do
    if ! has_row "$work/boa.collected" "$f"; then
        missing_rows=$((missing_rows + 1))
        printf '      not in the manifest: %s\n' "$f"
    fi
done <"$work/boa.files"
check "lists every collected file ($(wc -l <"$work/boa.files" | tr -d ' ') files)" test "$missing_rows" -eq 0
check "lists no file that is not in the archive" \
    test "$(wc -l <"$work/boa.collected")" -eq "$(wc -l <"$work/boa.files")"
check "gives each file its bytes and modification time" \
    awk -F '\t' 'NF < 3 || $2 !~ /^[0-9]+$/ || $3 !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] / { bad = 1 } END { exit bad }' \
    "$work/boa.collected"
listed_bytes=$(awk -F '\t' '$1 == "/var/log/nginx/access.log" { print $2 }' "$work/boa.collected")
check "the bytes match the archive" test "$listed_bytes" = "$(wc -c <"$t/var/log/nginx/access.log" | tr -d ' ')"
if [ "$(id -u)" -eq 0 ]; then
    info "running as root: chmod 000 does not stop root, so the 000 file is read (the non-root run below checks it)"
    check "as root, the chmod 000 file is collected and listed" has_row "$work/boa.collected" /var/log/php/fpm-o2.83-slow.log
else
    check "an unreadable file does not stop the run: listed as unreadable" \
        skipped_for "$work/boa.skipped" /var/log/php/fpm-o2.83-slow.log "unreadable"
fi
check "system.txt has the clock, the kernel, the uptime and the zone" \
    grep -q '^UTC time: .*UTC' "$t/system.txt"
check "system.txt has the /etc/localtime link target" \
    grep -q '^/etc/localtime: *-> /usr/share/zoneinfo/Europe/Amsterdam' "$t/system.txt"
check "system.txt has /etc/timezone" grep -q '^/etc/timezone: *Europe/Amsterdam' "$t/system.txt"
check "no journal for a test root" test ! -e "$t/journal"

echo "== (a2) BOA server, --days 30 --max-size 1"
(cd "$work/cwd" && run boa-small --days=30 --max-size 1 --root "$boa" --output "$boa_out/boa-small.tar.gz")
check "exits 0" test "$(status_of boa-small)" -eq 0
x2=$work/x-boa-small
unpack "$boa_out/boa-small.tar.gz" "$x2"
t2=$x2/boa-small
collected_rows "$t2/MANIFEST.txt" >"$work/small.collected"
skipped_rows "$t2/MANIFEST.txt" >"$work/small.skipped"
log_bytes=$(awk -F '\t' '$1 ~ /^\/var\// { n += $2 } END { print n + 0 }' "$work/small.collected")
tree_bytes=$(find "$t2/var" -type f -exec cat {} + | wc -c | tr -d ' ')
check "collected log bytes ($log_bytes by the manifest) stay within 1 MB" test "$log_bytes" -le 1048576
check "log bytes in the archive ($tree_bytes) stay within 1 MB" test "$tree_bytes" -le 1048576
check "the large log is left out" test ! -e "$t2/var/log/nginx/big.access.log"
check "the large log is listed as skipped for the size bound" \
    skipped_for "$work/small.skipped" /var/log/nginx/big.access.log "size bound"
check "newer small logs still fit" test -f "$t2/var/log/nginx/access.log"
check "a rotation 10 days old is collected with --days 30" test -f "$t2/var/log/nginx/access.log.3.gz"
check "a monitor log 40 days old is not" skipped_for "$work/small.skipped" /var/xdrago/log/old.incident.log "older than 30 days"
check "configuration is collected whatever the size bound" test -f "$t2/opt/php83/etc/pool.d/o1.83.conf"

echo "== (a3) BOA server, as a user that is not root"
if [ "$(id -u)" -ne 0 ]; then
    info "not root: run (a) already was one (the unreadable file was checked there)"
elif command -v setpriv >/dev/null 2>&1; then
    mkdir -p "$work/out-user" "$work/tmp-user"
    chmod 777 "$work/out-user" "$work/tmp-user"
    (cd "$work/out-user" && TMPDIR=$work/tmp-user setpriv --reuid=65534 --regid=65534 --clear-groups -- \
        "$run_shell" "$collector" --root "$boa" --output "$work/out-user/user.tar.gz" \
        >"$work/user.out" 2>"$work/user.err"
    echo $? >"$work/user.rc")
    check "exits 0 despite an unreadable file" test "$(status_of user)" -eq 0
    x3=$work/x-user
    if unpack "$work/out-user/user.tar.gz" "$x3"; then ok "writes an archive"; else fail "writes an archive"; fi
    skipped_rows "$x3/user/MANIFEST.txt" >"$work/user.skipped"
    check "lists the chmod 000 file as unreadable" \
        skipped_for "$work/user.skipped" /var/log/php/fpm-o2.83-slow.log "unreadable"
    check "still collects the readable logs" test -f "$x3/user/var/log/nginx/access.log"
    check "leaves no staging folder" test -z "$(ls -A "$work/tmp-user")"
else
    info "root without setpriv: the non-root run is not possible here"
fi

check "the BOA tree is unchanged after every run (checksums, modes, mtimes)" unchanged "$boa" "$work/boa.snapshot"

# ---------------------------------------------------------------------------------------------------------
# (b) A plain Debian/Ubuntu server with nginx and PHP-FPM, no BOA.
deb=$work/debian
plant_secrets "$deb"
ln -s /usr/share/zoneinfo/America/New_York "$deb/etc/localtime"
put "$deb/etc/php/8.2/fpm/php-fpm.conf" '[global]' 'error_log = /var/log/php8.2-fpm.log' 'include=/etc/php/8.2/fpm/pool.d/*.conf'
put "$deb/etc/php/8.2/fpm/pool.d/www.conf" '[www]' 'listen = /run/php/php8.2-fpm.sock' 'pm = dynamic' \
    'pm.max_children = 5' ';request_terminate_timeout = 0'
put "$deb/etc/php/8.2/fpm/php.ini" '[PHP]' 'max_execution_time = 30'
put "$deb/etc/php/8.2/fpm/conf.d/99-secret.ini" 'GD-SECRET-conf-d'
put "$deb/var/log/php8.2-fpm.log" '[24-Nov-2026 10:51:32] NOTICE: fpm is running, pid 811' \
    '[24-Nov-2026 10:51:32] NOTICE: ready to handle connections'
put "$deb/var/log/php8.2-fpm.log.1" '[23-Nov-2026 06:25:01] NOTICE: error log file re-opened'
age "$deb/var/log/php8.2-fpm.log.1" 1
put "$deb/var/log/nginx/access.log" \
    '203.0.113.9 - - [24/Nov/2026:10:51:32 -0500] "GET / HTTP/1.1" 502 150 "-" "curl/8.0"' \
    '203.0.113.9 - - [24/Nov/2026:10:51:40 -0500] "GET / HTTP/1.1" 200 5120 "-" "curl/8.0"'
put "$deb/var/log/nginx/error.log" \
    '2026/11/24 10:51:32 [error] 811#811: *1 recv() failed (104: Connection reset by peer) while reading response header from upstream, client: 203.0.113.9, server: example.com, request: "GET / HTTP/1.1", upstream: "fastcgi://unix:/run/php/php8.2-fpm.sock:", host: "example.com"'
put "$deb/var/log/syslog" \
    'Nov 24 10:51:32 web1 kernel: [1234.567890] php-fpm8.2[23456]: segfault at 0 ip 00007f3c2a1b2c3d sp 00007ffd1e2f3a40 error 4 in redis.so[7f3c2a100000+c8000]'
put "$deb/etc/nginx/nginx.conf" 'user www-data;' 'http { include /etc/nginx/sites-enabled/*; }'
put "$deb/etc/nginx/sites-available/default" 'server {' '  listen 80 default_server;' \
    '  location ~ \.php$ { fastcgi_pass unix:/run/php/php8.2-fpm.sock; fastcgi_read_timeout 60s; }' '}'
put "$deb/etc/nginx/sites-available/unused" 'server { listen 8080; }'
mkdir -p "$deb/etc/nginx/sites-enabled"
ln -s /etc/nginx/sites-available/default "$deb/etc/nginx/sites-enabled/default"
put "$deb/srv/elsewhere.conf" 'GD-SECRET-link-target'
ln -s /srv/elsewhere.conf "$deb/etc/nginx/sites-enabled/elsewhere"
# A log folder that is a link (relative, so it stays inside the fake root): not followed.
put "$deb/srv/linked-php-logs/php83-fpm-error.log" '[24-Nov-2026 10:51:32] WARNING: GD-SECRET-linked-folder'
ln -s ../../srv/linked-php-logs "$deb/var/log/php"
put "$deb/var/www/html/sites/default/settings.php" '<?php $databases = "GD-SECRET-debian-settings";'
put "$deb/var/www/html/.env" 'APP_KEY=GD-SECRET-debian-env'
snapshot "$deb" "$work/deb.snapshot"

echo "== (b) plain Debian/Ubuntu server without BOA"
(cd "$work/cwd" && run deb --root "$deb" --output "$boa_out/debian.tgz")
check "exits 0" test "$(status_of deb)" -eq 0
check "prints no error" test ! -s "$work/deb.err"
xd=$work/x-deb
if unpack "$boa_out/debian.tgz" "$xd"; then ok "real tar extracts the archive"; else fail "real tar extracts the archive"; fi
td=$xd/debian
collected_rows "$td/MANIFEST.txt" >"$work/deb.collected"
skipped_rows "$td/MANIFEST.txt" >"$work/deb.skipped"
for f in etc/php/8.2/fpm/php-fpm.conf etc/php/8.2/fpm/pool.d/www.conf etc/php/8.2/fpm/php.ini \
    var/log/php8.2-fpm.log var/log/php8.2-fpm.log.1 var/log/nginx/access.log var/log/nginx/error.log \
    var/log/syslog etc/nginx/nginx.conf etc/nginx/sites-available/default; do
    check "collects /$f" test -f "$td/$f"
done
check "follows sites-enabled/default to the sites-available file it names" \
    awk -F '\t' '$1 == "/etc/nginx/sites-available/default" && $4 ~ /enabled as \/etc\/nginx\/sites-enabled\/default/ { f = 1 } END { exit !f }' \
    "$work/deb.collected"
check "leaves out a site that is not enabled" test ! -e "$td/etc/nginx/sites-available/unused"
check "does not follow a sites-enabled link elsewhere" test ! -e "$td/srv"
check "lists that link as skipped" skipped_for "$work/deb.skipped" /etc/nginx/sites-enabled/elsewhere "not followed"
check "does not follow a linked log folder" test ! -e "$td/var/log/php" -a ! -e "$td/srv"
check "lists the linked log folder as skipped" skipped_for "$work/deb.skipped" /var/log/php/ "symbolic link /var/log/php"
check "leaves out PHP's conf.d" test ! -e "$td/etc/php/8.2/fpm/conf.d"
check "no BOA folders" test ! -e "$td/var/xdrago" -a ! -e "$td/opt" -a ! -e "$td/data"
check "the manifest lists the BOA places as not found" grep -q '^BOA monitor logs	/var/xdrago/log/ (no such folder)' \
    "$td/MANIFEST.txt"
check "system.txt says /etc/timezone is missing" grep -q '^/etc/timezone: *not found' "$td/system.txt"
check "system.txt has the /etc/localtime link target" \
    grep -q '^/etc/localtime: *-> /usr/share/zoneinfo/America/New_York' "$td/system.txt"
check_not "the summary finds nothing missing" grep -q 'Not found on this server' "$work/deb.out"
check_not "no secret file name in the tar listing" \
    grep -Eq 'settings\.php|\.my\.cnf|\.key$|\.pem$|\.crt$|private|htpasswd|\.env$|shadow' "$xd.list"
if grep -r 'GD-SECRET' "$xd" >"$work/deb.leaks"; then
    fail "no secret content in the archive"
    show "$work/deb.leaks"
else
    ok "no secret content in the archive"
fi
check "the Debian tree is unchanged" unchanged "$deb" "$work/deb.snapshot"

# ---------------------------------------------------------------------------------------------------------
# (c) A server with neither nginx nor PHP-FPM: collects what exists and says what was not found.
bare=$work/bare
put "$bare/var/log/syslog" 'Nov 24 10:50:01 host1 CRON[1234]: (root) CMD (true)'
echo "== (c) server without nginx and PHP-FPM"
(cd "$work/cwd" && run bare --root "$bare" --output "$boa_out/bare.tar.gz")
check "exits 0" test "$(status_of bare)" -eq 0
xb=$work/x-bare
unpack "$boa_out/bare.tar.gz" "$xb"
check "collects the syslog" test -f "$xb/bare/var/log/syslog"
check "says nginx and PHP-FPM logs and settings were not found" \
    grep -q 'Not found on this server: nginx logs, PHP-FPM logs, nginx configuration, PHP-FPM configuration' "$work/bare.out"
check "the manifest lists the nginx logs as not found" grep -q '^nginx logs	/var/log/nginx/ (no such folder)' \
    "$xb/bare/MANIFEST.txt"

# ---------------------------------------------------------------------------------------------------------
echo "== usage"
(cd "$work/cwd" && run help --help)
check "--help exits 0 with the usage" test "$(status_of help)" -eq 0
check "--help prints the usage" grep -q '^Usage: gateway-doctor-collect.sh' "$work/help.out"
(cd "$work/cwd" && run version --version)
check "--version exits 0" test "$(status_of version)" -eq 0
if [ -n "${GD_PROJECT_VERSION:-}" ]; then
    check "--version prints the project version ($GD_PROJECT_VERSION)" \
        grep -qx "gateway-doctor-collect.sh $GD_PROJECT_VERSION" "$work/version.out"
fi
n=0
for bad in "--bogus" "--days abc" "--days 0" "--days" "--max-size -5" "--max-size 1.5" "--root $work/nonexistent" \
    "--output=" "extra-argument"; do
    n=$((n + 1))
    # shellcheck disable=SC2086 # each case is a list of words
    (cd "$work/cwd" && run "bad$n" $bad)
    what=${bad%% *}
    what=${what%%=*}
    check "'$bad' exits 64" test "$(status_of "bad$n")" -eq 64
    check "'$bad' names $what on stderr" grep -qF -e "$what" "$work/bad$n.err"
    check "'$bad' prints the usage on stderr" grep -q '^Usage:' "$work/bad$n.err"
done
check "usage errors write no archive" test -z "$(ls -A "$work/cwd")"
printf 'keep me\n' >"$work/existing.tar.gz"
(cd "$work/cwd" && run exists --root "$bare" --output "$work/existing.tar.gz")
check "an existing output file is not overwritten (exit 73)" test "$(status_of exists)" -eq 73
check "the existing file is untouched" grep -qx 'keep me' "$work/existing.tar.gz"

# ---------------------------------------------------------------------------------------------------------
echo "== interrupted run"
# A tar that leaves half an archive and hangs; the run is then stopped with SIGTERM.
mkdir -p "$work/fakebin" "$work/tmp-int"
cat >"$work/fakebin/tar" <<'EOF'
#!/bin/sh
printf 'partial' >"$2"
echo $$ >"$GD_FAKE_TAR_PID"
exec sleep 60
EOF
chmod 755 "$work/fakebin/tar"
GD_FAKE_TAR_PID=$work/fake-tar.pid TMPDIR=$work/tmp-int PATH=$work/fakebin:$PATH \
    "$run_shell" "$collector" --root "$bare" --output "$work/interrupted.tar.gz" >"$work/int.out" 2>&1 &
collector_pid=$!
waited=0
while [ ! -s "$work/fake-tar.pid" ] && [ "$waited" -lt 30 ]; do
    sleep 1
    waited=$((waited + 1))
done
if [ -s "$work/fake-tar.pid" ]; then
    kill -TERM "$collector_pid"
    kill -TERM "$(cat "$work/fake-tar.pid")"
    wait "$collector_pid"
    int_status=$?
    check "a stopped run exits non-zero ($int_status)" test "$int_status" -ne 0
    check "a stopped run removes its half archive" test ! -e "$work/interrupted.tar.gz"
    check "a stopped run removes its staging folder" test -z "$(ls -A "$work/tmp-int")"
else
    kill "$collector_pid" 2>/dev/null
    fail "the run reached tar within 30 s"
fi

# ---------------------------------------------------------------------------------------------------------
echo "== the script itself"
if command -v dash >/dev/null 2>&1; then
    check "dash -n accepts it" dash -n "$collector_src"
else
    info "dash not installed: syntax check skipped"
fi
if command -v shellcheck >/dev/null 2>&1; then
    if shellcheck -s sh "$collector_src" >"$work/shellcheck.out" 2>&1; then
        ok "shellcheck -s sh is clean"
    else
        fail "shellcheck -s sh is clean"
        show "$work/shellcheck.out"
    fi
else
    info "shellcheck not installed: lint skipped"
fi
check "it is executable in the source tree" test -x "$collector_src"
if command -v busybox >/dev/null 2>&1; then
    (cd "$work/cwd" && busybox sh "$collector" --root "$deb" --output "$boa_out/busybox.tar.gz" \
        >"$work/busybox.out" 2>&1)
    check "busybox sh runs it" test -s "$boa_out/busybox.tar.gz"
    xbb=$work/x-busybox
    unpack "$boa_out/busybox.tar.gz" "$xbb"
    collected_rows "$xbb/busybox/MANIFEST.txt" >"$work/bb.collected"
    check "busybox sh collects the same files" cmp -s "$work/deb.collected" "$work/bb.collected"
else
    info "busybox not installed: busybox sh run skipped"
fi

# ---------------------------------------------------------------------------------------------------------
echo "== gateway-doctor reads the archives"
# kinds ARCHIVE: "kind TAB path" per log gateway-doctor inspect found (keys are sorted: kind before path).
kinds() {
    "$cli" inspect --json - "$1" 2>/dev/null | awk '
        /^ *\{/ { kind = "" }
        /"kind": / { kind = $0; sub(/.*"kind": "/, "", kind); sub(/".*/, "", kind) }
        /"path": / && kind != "" { p = $0; sub(/.*"path": "/, "", p); sub(/",?$/, "", p); print kind "\t" p; kind = "" }'
}
if [ -n "$cli" ] && [ -x "$cli" ]; then
    kinds "$boa_out/boa.tar.gz" >"$work/boa.kinds"
    "$cli" inspect --json - "$boa_out/boa.tar.gz" >"$work/boa.json" 2>/dev/null
    for pair in "nginx-access var/log/nginx/access.log" "nginx-access var/log/nginx/access.log.2.gz" \
        "nginx-error var/log/nginx/error.log" "php-fpm var/log/php/php83-fpm-error.log" \
        "php-fpm-slow var/log/php/fpm-o1.83-slow.log" "syslog var/log/iptables.log" \
        "boa-monitor var/xdrago/log/php.incident.log"; do
        kind=${pair%% *}
        path=${pair#* }
        check "inspect reads /$path as $kind" \
            awk -F '\t' -v k="$kind" -v p="/boa/$path" '$1 == k && substr($2, length($2) - length(p) + 1) == p { f = 1 } END { exit !f }' \
            "$work/boa.kinds"
    done
    check_not "inspect does not take MANIFEST.txt or system.txt for a log" grep -Eq 'MANIFEST\.txt|system\.txt' "$work/boa.kinds"
    check "inspect keeps the pool configuration" grep -q '"[^"]*/opt/php83/etc/pool.d/o1.83.conf"' "$work/boa.json"
    check "inspect keeps the site INI file" grep -q '"[^"]*/sites/example.com/modules/boa_site_control.ini"' "$work/boa.json"
    check "inspect keeps /etc/timezone" grep -q '"[^"]*/boa/etc/timezone"' "$work/boa.json"
    kinds "$boa_out/debian.tgz" >"$work/deb.kinds"
    for pair in "nginx-access var/log/nginx/access.log" "nginx-error var/log/nginx/error.log" \
        "php-fpm var/log/php8.2-fpm.log" "syslog var/log/syslog"; do
        kind=${pair%% *}
        path=${pair#* }
        check "inspect reads the Debian /$path as $kind" \
            awk -F '\t' -v k="$kind" -v p="/debian/$path" '$1 == k && substr($2, length($2) - length(p) + 1) == p { f = 1 } END { exit !f }' \
            "$work/deb.kinds"
    done
else
    info "gateway-doctor binary not given or not built: inspect check skipped"
fi

echo
echo "tst_collect_script: $passed passed, $failed failed"
if [ "$failed" -gt 0 ]; then
    for f in boa deb bare; do
        [ -f "$work/$f.err" ] && [ -s "$work/$f.err" ] && { echo "stderr of run $f:"; show "$work/$f.err"; }
    done
    exit 1
fi
exit 0
