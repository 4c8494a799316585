#!/usr/bin/env bash
# CI leg "a new user's first minutes": the README's two quick-start commands, run verbatim as root inside a
# Debian 12 tree made fresh for this run (debootstrap --variant=minbase bookworm: nothing installed but apt
# and the essentials), then the Debian package built there, installed with apt into a second fresh tree and
# run there (analyze on the demo bundle, the window on the offscreen platform, the messages for a mistyped
# command and a missing display).
#
# Only the bare debootstrap output is cached between runs (a tar in $GD_FRESH_CACHE); everything after it
# (apt-get update, every package, the build) happens again in every run. Needs root (debootstrap, chroot).
# Environment:
#   GD_FRESH_CACHE    where the bare tree's tar is kept (default /var/cache/gateway-doctor)
#   GD_FRESH_KEEP=1   keep the trees in the work folder for a look afterwards
#   GD_DEBIAN_MIRROR  Debian mirror for debootstrap (default: the one this host's apt uses for Debian main)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
tree_tag=ci-fresh
# shellcheck source=lib/debian-tree.sh
source "$repo/scripts/lib/debian-tree.sh"

cache=${GD_FRESH_CACHE:-/var/cache/gateway-doctor}
bare=$cache/bookworm-minbase.tar
clone_in_tree=/root/gateway-doctor
demo=resources/demo/demo-bundle.tar.gz
started=$(date +%s)

[ "$(id -u)" -eq 0 ] || tree_die "needs root (debootstrap, mount, chroot)"
mkdir -p "$cache"
work=$(mktemp -d /var/tmp/gateway-doctor-fresh.XXXXXX)

cleanup() {
    local status=$?
    tree_unmount_all
    if [ -n "$(tree_mounts_below "$work")" ]; then
        tree_log "still mounted below $work:" && tree_mounts_below "$work" >&2
        [ "$status" -ne 0 ] || status=1
    elif [ "${GD_FRESH_KEEP:-0}" != 1 ]; then
        rm -rf --one-file-system "$work"
    else
        tree_log "trees kept in $work"
    fi
    tree_log "finished in $(($(date +%s) - started)) s with status $status"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The bare tree, made once and kept as a tar; one run at a time writes it.
exec 9>"$bare.lock"
flock -w 1800 9 || tree_die "another run holds $bare.lock"
if [ ! -s "$bare" ]; then
    tree_need_debootstrap
    tree_bootstrap bookworm "$work/bare" "$work/debootstrap.log"
    tar -C "$work/bare" -cf "$bare.partial" . && mv "$bare.partial" "$bare"
    rm -rf --one-file-system "$work/bare"
fi
flock -u 9

# fresh_tree NAME: unpacks the bare tree into $work/NAME and prepares it for chroot (not in a subshell: the
# mounts it makes must be remembered for the cleanup).
fresh_tree() {
    local root="$work/$1"
    mkdir -p "$root"
    tar -C "$root" -xf "$bare"
    tree_mount "$root"
}

# step TITLE COMMAND...: runs a step with its output in a log; prints the time and the log's last lines.
step() {
    local title=$1 log="$work/step-$((++step_number)).log" began status=0
    shift
    began=$(date +%s)
    "$@" >"$log" 2>&1 || status=$?
    if [ "$status" -ne 0 ]; then
        tail -n 60 "$log" | sed 's/^/    | /' >&2
        tree_die "$title FAILED (exit $status) after $(($(date +%s) - began)) s"
    fi
    tree_log "$title: ok in $(($(date +%s) - began)) s"
    tail -n "${tail_lines:-6}" "$log" | sed 's/^/    | /' >&2
}
step_number=0

# The commands of the README's quick start, exactly as written there (comments dropped).
mapfile -t readme_commands < <(awk '/^## Quick start/ { section = 1; next }
    section && /^```/ { if (block) exit; block = 1; next }
    block { sub(/[[:space:]]+#.*$/, ""); if ($0 != "") print }' "$repo/README.md")
[ ${#readme_commands[@]} -eq 2 ] || tree_die "expected two commands in the README's quick start, found ${#readme_commands[@]}"

# 1. The README's commands in a fresh tree, as a new user runs them in a clone.
fresh_tree first
first=$work/first
tree_copy_sources "$repo" "$first" "$clone_in_tree"
tree_log "fresh Debian $(cat "$first/etc/debian_version") tree; $(tree_run "$first" dpkg-query -W | wc -l) packages installed"
for command in "${readme_commands[@]}"; do
    tail_lines=12 step "README: $command" tree_run "$first" bash -c "cd $clone_in_tree && $command"
done

# 2. The Debian package, built and checked in that tree (dpkg-shlibdeps writes its Depends).
tail_lines=3 step "scripts/check-package.sh" tree_run "$first" bash -c "cd $clone_in_tree && scripts/check-package.sh"
debs=("$first$clone_in_tree"/build/package/gateway-doctor_*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || tree_die "expected one gateway-doctor_*.deb"
deb_name=$(basename "${debs[0]}")
expected_analysis="$work/analysis-from-build.txt"
tree_run "$first" bash -c "cd $clone_in_tree && build/release/app/gateway-doctor analyze $demo" >"$expected_analysis"

# 3. A second fresh tree gets only the package and the demo bundle: apt must pull every runtime dependency.
fresh_tree second
second=$work/second
cp "${debs[0]}" "$second/root/"
cp "$repo/$demo" "$second/root/demo-bundle.tar.gz"
step "apt-get install ./$deb_name (fresh tree, --no-install-recommends)" tree_run "$second" bash -c \
    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ./root/$deb_name"
tree_log "the package pulled $(tree_run "$second" dpkg-query -W | wc -l) packages in all"

installed_analysis="$work/analysis-installed.txt"
step "installed: gateway-doctor analyze demo-bundle.tar.gz" \
    tree_run "$second" bash -c "cd /root && gateway-doctor analyze demo-bundle.tar.gz | tee /root/analysis.txt"
sed "s|demo-bundle.tar.gz|$demo|g" "$second/root/analysis.txt" >"$installed_analysis"
cmp -s "$expected_analysis" "$installed_analysis" ||
    { diff "$expected_analysis" "$installed_analysis" | head -n 20 >&2; tree_die "the installed binary's analysis differs"; }
tree_log "installed analysis is identical to the built binary's ($(grep -c '^#' "$installed_analysis") incidents)"

# The client report draws its pages headless: fonts and the offscreen platform must come with the package.
report_check() {
    tree_run "$second" bash -c "cd /root && gateway-doctor report --pdf report.pdf --csv report.csv demo-bundle.tar.gz" ||
        return 1
    tree_run "$second" bash -c "test \"\$(head -c 5 /root/report.pdf)\" = %PDF- && test \$(wc -l </root/report.csv) -ge 2"
}
step "installed: gateway-doctor report --pdf --csv demo-bundle.tar.gz" report_check

# The window: started on the offscreen platform with the demo bundle, it must still be running (no platform
# abort, no missing library) when stopped after 10 s.
window_check() {
    local status=0
    tree_run "$second" bash -c "cd /root && QT_QPA_PLATFORM=offscreen timeout 10 gateway-doctor demo-bundle.tar.gz" \
        >"$work/window.log" 2>&1 || status=$?
    cat "$work/window.log"
    [ "$status" -eq 124 ] || { echo "the window process ended with status $status before 10 s"; return 1; }
    ! grep -Eiq 'could not (load|find|connect)|cannot open shared object|abort' "$work/window.log"
}
step "installed: the window opens offscreen with the demo bundle (still running after 10 s)" window_check

# Without a display and with a mistyped command the user gets a message and an exit status, not a Qt abort.
expect_message() { # STATUS PATTERN COMMAND: the command exits with STATUS and prints PATTERN
    local want=$1 pattern=$2 status=0 output
    output=$(tree_run "$second" bash -c "cd /root && $3" 2>&1) || status=$?
    echo "\$ $3"
    echo "$output"
    [ "$status" -eq "$want" ] || { echo "exit status $status, expected $want"; return 1; }
    grep -q -- "$pattern" <<<"$output"
}
tail_lines=8 step "installed: no display gives a message (exit 69)" \
    expect_message 69 "no display" "gateway-doctor demo-bundle.tar.gz"
tail_lines=8 step "installed: a mistyped command gives a message (exit 64)" \
    expect_message 64 "did you mean 'analyze'" "gateway-doctor analyse demo-bundle.tar.gz"
tail_lines=8 step "installed: 'analyze --help' names gateway-doctor" \
    expect_message 0 "^Usage: gateway-doctor analyze" "gateway-doctor analyze --help"

tree_log "all steps passed"
