#!/bin/sh
# Gateway Doctor log collection: packs the logs and the few settings that explain an nginx 502/504 in front
# of PHP-FPM (plain Debian/Ubuntu or BOA/Aegir) into one tar.gz for support. docs/collecting-logs.md says
# what is read and why. Files are copied by explicit name patterns only; passwords, keys and site settings
# are never opened. Nothing on the server changes except the archive written at the end.
# Strictly POSIX sh: it must run under dash and busybox ash on whatever the client has.

VERSION=0.1.0
PROG=gateway-doctor-collect.sh

# Predictable tool output (ls dates, awk byte counts); the archive and staging copies stay private.
LC_ALL=C
export LC_ALL
umask 077

usage() {
    cat <<EOF
Usage: $PROG [OPTION]...
Collects the nginx, PHP-FPM and system logs and the server settings Gateway Doctor needs to explain
nginx 502/504 errors into one .tar.gz to send to support. Passwords, keys and site settings are never
read, and nothing on the server is changed except writing the archive.

Options:
  --days N        logs modified within the last N days, rotated copies included (default 7)
  --max-size MB   at most MB megabytes of logs, newest files first (default 200)
  --output FILE   the archive to write
                  (default ./gateway-doctor-logs-HOST-UTCTIME.tar.gz)
  --root DIR      read the server's files under DIR instead of / (for tests)
  --help          show this help and exit
  --version       show the version and exit

Run it as root to collect every log; as another user it collects what that user may read
and lists the rest as unreadable in MANIFEST.txt inside the archive.
EOF
}

die_usage() {
    printf '%s: %s\n' "$PROG" "$1" >&2
    usage >&2
    exit 64
}

die() {
    printf '%s: %s\n' "$PROG" "$1" >&2
    exit "${2:-1}"
}

# A whole number without sign, at most 8 digits (no overflow, and no octal surprise from leading zeros).
as_count() {
    case $1 in '' | *[!0-9]*) return 1 ;; esac
    _n=$1
    while :; do
        case $_n in 0?*) _n=${_n#0} ;; *) break ;; esac
    done
    [ ${#_n} -le 8 ] || return 1
    printf '%s' "$_n"
}

days=7
max_mb=200
output=
root_arg=/
while [ $# -gt 0 ]; do
    case $1 in
        --help | -h) usage; exit 0 ;;
        --version) printf '%s %s\n' "$PROG" "$VERSION"; exit 0 ;;
        --days=* | --max-size=* | --output=* | --root=*) opt=${1%%=*}; val=${1#*=}; shift ;;
        --days | --max-size | --output | --root)
            [ $# -ge 2 ] || die_usage "option $1 needs a value"
            opt=$1; val=$2; shift 2 ;;
        *) die_usage "unknown option: $1" ;;
    esac
    case $opt in
        --days)
            days=$(as_count "$val") || days=0
            [ "$days" -ge 1 ] || die_usage "bad value for --days: '$val' (a whole number of days, 1 or more)" ;;
        --max-size)
            max_mb=$(as_count "$val") || max_mb=0
            [ "$max_mb" -ge 1 ] ||
                die_usage "bad value for --max-size: '$val' (a whole number of megabytes, 1 or more)" ;;
        --output)
            [ -n "$val" ] || die_usage "bad value for --output: an empty file name"
            output=$val ;;
        --root)
            [ -d "$val" ] || die_usage "bad value for --root: '$val' is not a folder"
            root_arg=$val ;;
    esac
done

# R prefixes every path read; paths shown and stored are the server's own (/var/log/...).
R=$(cd "$root_arg" && pwd -P) || die_usage "bad value for --root: '$root_arg' cannot be entered"
[ "$R" = / ] && R=
max_bytes=$((max_mb * 1048576))

host=$(uname -n 2>/dev/null)
[ -n "$host" ] || host=unknown
host_safe=$(printf '%s' "$host" | tr -c 'A-Za-z0-9._-' '_')
stamp=$(date -u '+%Y%m%dT%H%M%SZ')
[ -n "$output" ] || output=./gateway-doctor-logs-$host_safe-$stamp.tar.gz
case $output in /*) ;; *) output=$(pwd)/$output ;; esac
out_dir=$(dirname "$output")
if [ ! -d "$out_dir" ] || [ ! -w "$out_dir" ]; then
    die "cannot write the archive into $out_dir (no such folder, or not writable)" 73
fi
[ -e "$output" ] && die "$output already exists; not overwritten (choose another name with --output)" 73

# The archive's one top folder, named like the archive, so unpacking it never spills files around.
top=$(basename "$output")
top=${top%.tar.gz}
top=${top%.tgz}
top=$(printf '%s' "$top" | tr -c 'A-Za-z0-9._-' '_')
[ -n "$top" ] || top=gateway-doctor-logs

stage=
output_state=none
# shellcheck disable=SC2317 # run by the traps
cleanup() {
    if [ -n "$stage" ]; then rm -rf "$stage"; fi
    # A cut-short run leaves no half archive behind.
    if [ "$output_state" = started ]; then rm -f "$output"; fi
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

stage=$(mktemp -d "${TMPDIR:-/tmp}/gateway-doctor-collect.XXXXXX" 2>/dev/null) || {
    stage=${TMPDIR:-/tmp}/gateway-doctor-collect.$$
    mkdir "$stage" 2>/dev/null || { stage=; die "cannot create a staging folder in ${TMPDIR:-/tmp}" 73; }
}
dest=$stage/$top
mkdir "$dest" || die "cannot write into the staging folder $stage" 73
candidates=$stage/candidates   # logs within --days, collected after sorting newest first
collected=$stage/collected     # path TAB bytes TAB mtime [TAB note]
generated=$stage/generated
skipped=$stage/skipped         # path TAB reason
missing=$stage/missing         # what TAB where
notes=$stage/notes
: >"$candidates"; : >"$collected"; : >"$generated"; : >"$skipped"; : >"$missing"; : >"$notes"

TAB=$(printf '\t')
say() { printf '%s\n' "$*"; }
# listed PATH FILE: PATH is the first column of a line of FILE.
listed() { cut -f1 "$2" | grep -Fqx -e "$1"; }
skip() { printf '%s\t%s\n' "$1" "$2" >>"$skipped"; }
note() { printf '%s\n' "$*" >>"$notes"; }
note_missing() { printf '%s\t%s\n' "$1" "$2" >>"$missing"; }

# The secrets rule, checked on every path even though the patterns below never name such files.
refused=0
is_secret() {
    case $1 in
        */private/* | */private | *settings.php | *.key | *.pem | *.crt | *.p12 | *.pfx | *.jks | *.my.cnf | \
            *htpasswd* | */.env | *.env | */.env.* | *drushrc.php | *alias* | /etc/ssl/* | /root/* | /root | \
            /etc/shadow* | /etc/gshadow* | */id_rsa* | */id_dsa* | */id_ecdsa* | */id_ed25519* | */.ssh/*)
            return 0 ;;
    esac
    return 1
}

# Prints the first symbolic link on a path below the root (the file itself or a folder on its way) and
# succeeds when there is one: links are never followed, so a link cannot lead the patterns to other files.
link_on_path() (
    IFS=/
    set -f
    p=
    for c in ${1#/}; do
        p=$p/$c
        if [ -L "$R$p" ]; then
            printf '%s' "$p"
            exit 0
        fi
    done
    exit 1
)

# link_skip PATH LINK: lists PATH as skipped because of LINK.
link_skip() {
    if [ "$1" = "$2" ]; then
        skip "$1" "symbolic link, not followed"
    else
        skip "$1" "behind the symbolic link $2, not followed"
    fi
}

# Size in bytes from ls -ln: works on files this user cannot read.
size_of() {
    _l=$(ls -ln -- "$1" 2>/dev/null) || return 1
    set -f
    # shellcheck disable=SC2086 # splitting the ls line into its fields is the point
    set -- $_l
    set +f
    printf '%s' "$5"
}

# Times in the manifest and system.txt are written as YYYY-MM-DD HH:MM:SS ZONE: the shapes of log lines
# (ISO 8601 with T, the output of plain `date`) would make the analysis take these files for logs.
mtime_of() {
    date -u -r "$1" '+%Y-%m-%d %H:%M:%S UTC' 2>/dev/null && return 0
    _l=$(ls -ld -- "$1" 2>/dev/null) || { printf 'unknown'; return 0; }
    set -f
    # shellcheck disable=SC2086
    set -- $_l
    set +f
    printf '%s %s %s (local)' "$6" "$7" "$8"
}

modified_within_days() {
    [ -n "$(find "$1" -prune -mtime "-$days" -print 2>/dev/null)" ]
}

# Takes one server path as a log if it passes every rule; the size bound is applied later, newest first.
add_log() {
    _p=$1
    _r=$R$_p
    listed "$_p" "$candidates" && return 0
    if is_secret "$_p"; then refused=$((refused + 1)); return 0; fi
    case $_p in *'
'*) return 0 ;; esac
    if _via=$(link_on_path "$_p"); then link_skip "$_p" "$_via"; return 0; fi
    [ -f "$_r" ] || return 0
    if ! modified_within_days "$_r"; then
        skip "$_p" "older than $days days (modified $(mtime_of "$_r"))"
        return 0
    fi
    printf '%s\n' "$_p" >>"$candidates"
}

# log_group LABEL DIR PATTERN...: every regular file in DIR matching a pattern is a candidate log.
log_group() {
    _label=$1
    _dir=$2
    shift 2
    if [ ! -d "$R$_dir" ]; then
        note_missing "$_label" "$_dir/ (no such folder)"
        return 0
    fi
    if _via=$(link_on_path "$_dir"); then
        link_skip "$_dir/" "$_via"
        return 0
    fi
    if [ ! -r "$R$_dir" ] || [ ! -x "$R$_dir" ]; then
        skip "$_dir/" "folder unreadable (permission denied)"
        return 0
    fi
    _found=0
    for _pat in "$@"; do
        for _f in "$R$_dir"/$_pat; do
            [ -f "$_f" ] || [ -L "$_f" ] || continue
            _found=1
            add_log "${_f#"$R"}"
        done
    done
    [ "$_found" = 1 ] || note_missing "$_label" "$_dir/ ($*)"
}

# Configuration copies drop lines that may carry a secret (pool env[] values, passwords, tokens, API keys);
# the socket and timeout lines the analysis needs have none of those words.
redact() {
    awk '{
        l = tolower($0)
        if (l !~ /server_tokens/ &&
            (l ~ /passw|passphrase|secret|token|api_?key|licen[cs]e|credential|auth=|_pass[ \t]*[=:]|_pw[ \t]*[=:]/ ||
             l ~ /^[ \t]*env\[/ || l ~ /fastcgi_param[ \t]+[a-z_]*pass/)) {
            print "# [gateway-doctor-collect: line removed, it may hold a secret]"
        } else {
            print
        }
    }' "$1"
}

copy_into_stage() {
    _to=$dest$1
    mkdir -p "$(dirname "$_to")" || return 1
    cp -- "$2" "$_to" || { rm -f "$_to"; return 1; }
    touch -r "$2" "$_to" 2>/dev/null
    return 0
}

# add_conf PATH [NOTE]: copies one configuration file (never more than 1 MiB: the analysis reads no more).
conf_count=0
add_conf() {
    _p=$1
    _r=$R$_p
    listed "$_p" "$collected" && return 0
    if is_secret "$_p"; then refused=$((refused + 1)); return 0; fi
    if _via=$(link_on_path "$_p"); then link_skip "$_p" "$_via"; return 0; fi
    [ -f "$_r" ] || return 0
    if [ ! -r "$_r" ]; then skip "$_p" "unreadable (permission denied)"; return 0; fi
    _size=$(size_of "$_r")
    if [ "${_size:-0}" -gt 1048576 ]; then skip "$_p" "configuration file larger than 1 MiB"; return 0; fi
    _to=$dest$_p
    mkdir -p "$(dirname "$_to")" || { skip "$_p" "copy failed"; return 0; }
    if ! redact "$_r" >"$_to" 2>/dev/null; then
        rm -f "$_to"
        skip "$_p" "unreadable (copy failed)"
        return 0
    fi
    touch -r "$_r" "$_to" 2>/dev/null
    _removed=$(grep -c '^# \[gateway-doctor-collect: line removed' "$_to")
    _note=${2:-}
    if [ "$_removed" -gt 0 ]; then
        _note="${_note:+$_note; }$_removed line(s) removed: may hold a secret"
    fi
    printf '%s\t%s\t%s%s\n' "$_p" "$(size_of "$_to")" "$(mtime_of "$_r")" "${_note:+$TAB$_note}" >>"$collected"
    conf_count=$((conf_count + 1))
}

# conf_group LABEL PATTERN...: absolute server path patterns; says when none matched.
conf_group() {
    _label=$1
    shift
    _found=0
    for _pat in "$@"; do
        for _f in "$R"$_pat; do
            [ -f "$_f" ] || [ -L "$_f" ] || continue
            _found=1
            add_conf "${_f#"$R"}"
        done
    done
    [ "$_found" = 1 ] || note_missing "$_label" "$*"
}

# The target of a symbolic link as ls shows it (readlink is not POSIX).
link_target() {
    _l=$(ls -ld -- "$1" 2>/dev/null) || return 1
    printf '%s' "${_l#* -> }"
}

# Debian enables sites by linking sites-enabled/NAME to sites-available/NAME: that one link is followed,
# to the sites-available file of that name; any other link is skipped.
nginx_sites() {
    [ -d "$R/etc/nginx/sites-enabled" ] || return 0
    for _site in "$R"/etc/nginx/sites-enabled/*; do
        [ -f "$_site" ] || [ -L "$_site" ] || continue
        _sp=${_site#"$R"}
        if [ ! -L "$_site" ]; then
            add_conf "$_sp"
            continue
        fi
        _t=$(link_target "$_site")
        _name=${_t##*/}
        _avail=/etc/nginx/sites-available/$_name
        case $_name in
            '' | . | ..) ;;
            *)
                if [ "$_t" = "../sites-available/$_name" ] || [ "$_t" = "$_avail" ]; then
                    if [ -f "$R$_avail" ] && ! link_on_path "$_avail" >/dev/null; then
                        add_conf "$_avail" "enabled as $_sp"
                        continue
                    fi
                fi ;;
        esac
        skip "$_sp" "symbolic link to $_t, not followed"
    done
}

# BOA's site and platform INI files (disable_admin_dos_protection and friends) live in each platform's
# sites/ tree; the search is bounded in depth and skips code, files and private folders.
find_boa_ini() {
    _errors=$stage/find-errors
    : >"$_errors"
    for _base in "$R"/data/disk/* "$R"/var/aegir; do
        [ -d "$_base" ] || continue
        if _via=$(link_on_path "${_base#"$R"}"); then
            link_skip "${_base#"$R"}/" "$_via"
            continue
        fi
        find "$_base" \
            \( -type d \( -name files -o -name private -o -name .git -o -name node_modules -o -name vendor \
            -o -name core -o -name includes -o -name misc -o -name themes -o -name profiles -o -name libraries \
            -o -name backups -o -name log -o -name logs -o -name tmp -o -name .tmp -o -name cache \
            -o -name .drush -o -name .ssh -o -name config -o -name clients \) -prune \) \
            -o \( -type d -path '*/modules/*' -prune \) \
            -o \( -path "$_base/*/*/*/*/*/*/*/*/*/*/*" -prune \) \
            -o \( -type f \( -name boa_site_control.ini -o -name boa_platform_control.ini \) -print \) \
            2>>"$_errors"
    done | while IFS= read -r _f; do
        printf '%s\n' "${_f#"$R"}"
    done >"$stage/ini-list"
    while IFS= read -r _p; do
        add_conf "$_p"
    done <"$stage/ini-list"
    _n=$(grep -c . "$_errors")
    [ "$_n" -gt 0 ] && note "BOA INI search: $_n folder(s) could not be searched (permission denied)"
    return 0
}

category_of() {
    case $1 in
        /var/log/nginx/*) printf nginx ;;
        /var/log/php* | /var/backups/php-logs/*) printf fpm ;;
        /var/log/syslog* | /var/log/kern.log* | /var/log/messages* | /var/log/daemon.log* | /var/log/iptables.log*)
            printf system ;;
        *) printf other ;;
    esac
}

say "Gateway Doctor log collection $VERSION: last $days days, at most $max_mb MB of logs"

say "Looking for logs..."
log_group "nginx logs" /var/log/nginx '*' '*/*'
log_group "PHP-FPM log (Debian, Ubuntu)" /var/log 'php*-fpm.log' 'php*-fpm.log.*'
log_group "PHP-FPM and PHP logs (BOA)" /var/log/php '*'
log_group "PHP-FPM logs (Red Hat style)" /var/log/php-fpm '*'
log_group "PHP logs moved aside by BOA's forced PHP-FPM restarts" /var/backups/php-logs '*/*'
log_group "syslog" /var/log 'syslog' 'syslog.*' 'kern.log' 'kern.log.*' 'messages' 'messages.*' \
    'daemon.log' 'daemon.log.*'
log_group "kernel lines on BOA (iptables.log)" /var/log 'iptables.log' 'iptables.log.*'
log_group "BOA monitor logs" /var/xdrago/log '*.log' 'daily/*.log'
log_group "BOA monitor logs" /var/xdrago/monitor/log '*.log'
log_group "BOA monitor logs" /var/log/boa '*.log'
log_group "supervisord log" /var/log/supervisor 'supervisord.log' 'supervisord.log.*'

# Newest first, so the size bound drops the oldest rotations.
total=0
log_count=0
found_nginx=0
found_fpm=0
found_system=0
if [ -s "$candidates" ]; then
    set --
    while IFS= read -r _p; do
        set -- "$@" "$R$_p"
    done <"$candidates"
    ls -td -- "$@" >"$stage/sorted"
    set --
    say "Copying logs..."
    while IFS= read -r _r; do
        _p=${_r#"$R"}
        if [ ! -r "$_r" ]; then
            skip "$_p" "unreadable (permission denied)"
            continue
        fi
        _size=$(size_of "$_r") || { skip "$_p" "vanished while collecting"; continue; }
        if [ $((total + _size)) -gt "$max_bytes" ]; then
            skip "$_p" "size bound: $_size bytes would exceed --max-size $max_mb MB ($total bytes collected)"
            continue
        fi
        if ! copy_into_stage "$_p" "$_r"; then
            skip "$_p" "unreadable (copy failed)"
            continue
        fi
        _got=$(size_of "$dest$_p")
        total=$((total + ${_got:-0}))
        log_count=$((log_count + 1))
        printf '%s\t%s\t%s\n' "$_p" "${_got:-0}" "$(mtime_of "$_r")" >>"$collected"
        case $(category_of "$_p") in
            nginx) found_nginx=1 ;;
            fpm) found_fpm=1 ;;
            system) found_system=1 ;;
        esac
    done <"$stage/sorted"
fi

say "Copying settings..."
conf_group "PHP-FPM configuration (Debian, Ubuntu)" '/etc/php/*/fpm/php-fpm.conf' '/etc/php/*/fpm/pool.d/*.conf' \
    '/etc/php/*/fpm/php.ini'
conf_group "PHP-FPM configuration (BOA)" '/opt/php*/etc/*.conf' '/opt/php*/etc/pool.d/*.conf' '/opt/php*/etc/php*.ini'
conf_group "PHP-FPM configuration (Red Hat style)" '/etc/php-fpm.conf' '/etc/php-fpm.d/*.conf'
conf_group "nginx configuration" '/etc/nginx/nginx.conf' '/etc/nginx/conf.d/*.conf'
nginx_sites
conf_group "nginx configuration (BOA)" '/var/aegir/config/server_*/nginx.conf' '/var/aegir/config/includes/nginx*.conf' \
    '/data/disk/*/config/server_*/nginx.conf' '/data/disk/*/config/includes/nginx*.conf'
[ -d "$R/var/aegir" ] || [ -d "$R/data/disk" ] && find_boa_ini
conf_group "server time zone" /etc/timezone

found_nginx_conf=0
found_fpm_conf=0
grep -Eq '^(/etc/nginx/|/var/aegir/config/|/data/disk/[^/]*/config/)' "$collected" && found_nginx_conf=1
grep -Eq '^(/etc/php/|/opt/php|/etc/php-fpm)' "$collected" && found_fpm_conf=1

localtime_target="not found"
if [ -L "$R/etc/localtime" ]; then
    localtime_target="-> $(link_target "$R/etc/localtime")"
elif [ -f "$R/etc/localtime" ]; then
    localtime_target="a file, not a link"
fi

local_time=$(date '+%Y-%m-%d %H:%M:%S %Z')
offset=$(date '+%z' 2>/dev/null)
case $offset in [+-][0-9][0-9][0-9][0-9]) local_time="$local_time (UTC$offset)" ;; esac
utc_time=$(date -u '+%Y-%m-%d %H:%M:%S UTC')

# system.txt: the clock and the machine, so support can date what the logs say.
say "Writing system facts..."
{
    printf 'Gateway Doctor log collection: system facts\n'
    printf 'collector:       %s %s\n' "$PROG" "$VERSION"
    [ -n "$R" ] && printf 'root:            %s (files read below this folder)\n' "$R"
    printf 'local time:      %s\n' "$local_time"
    printf 'UTC time:        %s\n' "$utc_time"
    # uname -v is left out: its build date reads like a log line to the analysis.
    printf 'kernel:          %s\n' "$(uname -s -r -m 2>/dev/null)"
    printf 'host name:       %s\n' "$( (hostname) 2>/dev/null || uname -n)"
    printf 'uptime:          %s\n' "$(uptime 2>/dev/null)"
    if [ -f "$R/etc/timezone" ] && [ -r "$R/etc/timezone" ]; then
        printf '/etc/timezone:   %s\n' "$(head -n 1 "$R/etc/timezone")"
    else
        printf '/etc/timezone:   not found\n'
    fi
    printf '/etc/localtime:  %s\n' "$localtime_target"
} >"$dest/system.txt"
printf 'system.txt\t%s\tdate, uname, uptime, time zone\n' "$(size_of "$dest/system.txt")" >>"$generated"

# journald holds what the files may lack (units' start/stop, and on servers without rsyslog the kernel's
# segfault and OOM lines). Only on the real root: a test root has no journal of its own.
journal_limit=10485760
journal_part() {
    _name=$1
    _what=$2
    shift 2
    _left=$((max_bytes - total))
    [ "$_left" -lt "$journal_limit" ] && _bound=$_left || _bound=$journal_limit
    if [ "$_bound" -lt 4096 ]; then
        skip "journal/$_name" "size bound: --max-size $max_mb MB reached"
        return 0
    fi
    mkdir -p "$dest/journal"
    _out=$dest/journal/$_name
    "$@" 2>"$stage/journal-errors" | tail -c "$_bound" >"$_out"
    _size=$(size_of "$_out")
    if [ "${_size:-0}" -ge "$_bound" ]; then
        # Cut to its newest part: the first line is a partial one.
        sed 1d "$_out" >"$_out.tmp" && mv "$_out.tmp" "$_out"
        _what="$_what; cut to the newest $((_bound / 1048576)) MB"
    fi
    if ! grep -qv '^-- ' "$_out"; then
        rm -f "$_out"
        rmdir "$dest/journal" 2>/dev/null
        note "journal/$_name: no entries ($_what)"
    else
        _size=$(size_of "$_out")
        total=$((total + _size))
        printf 'journal/%s\t%s\t%s\n' "$_name" "$_size" "$_what" >>"$generated"
    fi
    if [ -s "$stage/journal-errors" ]; then
        note "journal/$_name: journalctl said: $(head -n 1 "$stage/journal-errors")"
    fi
    return 0
}

# shellcheck disable=SC2317 # run by journal_part
kernel_lines() {
    journalctl --no-pager -o short-iso --since "$days days ago" _TRANSPORT=kernel |
        grep -E 'segfault|traps:|general protection|invalid opcode|oom-kill|oom_reaper|Out of memory|Killed process'
}

if [ -z "$R" ] && command -v journalctl >/dev/null 2>&1; then
    say "Reading the journal..."
    journal_part units.log "journalctl -u 'php*-fpm*' -u nginx --since '$days days ago' -o short-iso" \
        journalctl --no-pager -o short-iso --since "$days days ago" -u 'php*-fpm*' -u nginx
    if [ "$found_system" = 0 ]; then
        journal_part kernel.log "kernel segfault, trap and OOM lines (no syslog file on this server)" kernel_lines
        [ -f "$dest/journal/kernel.log" ] && found_system=1
    fi
elif [ -z "$R" ]; then
    note "journalctl not found: no journal collected"
fi

# MANIFEST.txt: what is in the archive and what was left out, and why.
{
    printf 'Gateway Doctor log collection manifest\n'
    printf 'collector:      %s %s\n' "$PROG" "$VERSION"
    printf 'parameters:     --days %s --max-size %s --root %s\n' "$days" "$max_mb" "${R:-/}"
    printf 'archive:        %s\n' "$(basename "$output")"
    printf 'collected UTC:  %s\n' "$utc_time"
    printf 'collected at:   %s\n' "$local_time"
    printf 'host:           %s\n' "$host"
    printf 'user:           %s (uid %s)\n' "$(id -un 2>/dev/null)" "$(id -u 2>/dev/null)"
    printf 'log bytes:      %s of %s allowed\n' "$total" "$max_bytes"
    printf 'Files are stored under their server paths. Columns are separated by tabs.\n'
    printf '\n== collected (path, bytes, modified UTC, note)\n'
    cat "$collected"
    printf '\n== written by the collector (path, bytes, what)\n'
    cat "$generated"
    printf '\n== skipped (path, reason)\n'
    cat "$skipped"
    printf '\n== not found (what, where)\n'
    cat "$missing"
    printf '\n== notes\n'
    cat "$notes"
    [ "$refused" -gt 0 ] && printf 'secrets rule: %s path(s) refused without being read\n' "$refused"
    printf 'Never read: settings.php, local.settings.php, drushrc.php and aliases, .my.cnf, .env, htpasswd files,\n'
    printf 'keys and certificates (*.key, *.pem, *.crt, *.p12), anything under private/, /etc/ssl, /root, /etc/shadow.\n'
} >"$dest/MANIFEST.txt"

say "Packing..."
output_state=started
if ! tar -czf "$output" -C "$stage" "$top"; then
    die "writing $output failed (disk full?)" 74
fi
output_state=written

archive_bytes=$(size_of "$output")
archive_mb=$(awk -v n="${archive_bytes:-0}" 'BEGIN { printf "%.1f", n / 1048576 }')
skipped_count=$(grep -c . "$skipped")
lacking=
[ "$found_nginx" = 1 ] || lacking="$lacking, nginx logs"
[ "$found_fpm" = 1 ] || lacking="$lacking, PHP-FPM logs"
[ "$found_system" = 1 ] || lacking="$lacking, system logs (syslog, kernel lines)"
[ "$found_nginx_conf" = 1 ] || lacking="$lacking, nginx configuration"
[ "$found_fpm_conf" = 1 ] || lacking="$lacking, PHP-FPM configuration"

say ""
say "Done: $output"
say "  $archive_mb MB ($archive_bytes bytes): $log_count log file(s), $conf_count setting file(s)."
[ -n "$lacking" ] && say "  Not found on this server: ${lacking#, }."
[ "$skipped_count" -gt 0 ] && say "  $skipped_count file(s) left out (too old, too large or unreadable): listed in MANIFEST.txt."
say "  It holds logs and server settings only: no passwords, keys, certificates or site settings."
say "Please send this file to support."
exit 0
