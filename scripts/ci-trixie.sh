#!/usr/bin/env bash
# Debian 13 (trixie) CI leg: builds and tests Gateway Doctor with trixie's Qt 6.8, GCC 14 and KF6
# SyntaxHighlighting inside a minbase chroot, so the KSyntaxHighlighting path is proven on a Debian 12 host.
#
# Needs root (debootstrap, mount, chroot). The tree is kept between runs in $GD_TRIXIE_ROOT
# (default /var/cache/gateway-doctor/trixie) and reused once its completion marker is there.
# Environment:
#   GD_TRIXIE_ROOT     where the trixie tree lives
#   GD_DEBIAN_MIRROR   Debian mirror for debootstrap (default: the one this host's apt uses for Debian main)
#   GD_TRIXIE_JOBS     parallel build/test jobs (default: nproc)
#   GD_TRIXIE_CLEAN=1  throw away the build directory inside the tree first
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
root=${GD_TRIXIE_ROOT:-/var/cache/gateway-doctor/trixie}
root=${root%/}
jobs=${GD_TRIXIE_JOBS:-$(nproc 2>/dev/null || echo 2)}
marker="$root/.gateway-doctor-bootstrap-complete"
src_in_chroot=/build/gateway-doctor/src
build_in_chroot=/build/gateway-doctor/build
incoming_in_chroot=/build/gateway-doctor/incoming

started=$(date +%s)
tree_tag=ci-trixie
# shellcheck source=lib/debian-tree.sh
source "$repo/scripts/lib/debian-tree.sh"
log() { tree_log "$@"; }
die() { tree_die "$@"; }

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, mount, chroot)"
case "$root" in
    "" | / | /usr | /var | /etc | /home | /root | /tmp) die "refusing GD_TRIXIE_ROOT=$root" ;;
esac

tree_need_debootstrap

mkdir -p "$(dirname "$root")"
# One run at a time per tree: two runs would fight over apt, the mounts and the build directory.
exec 9>"$root.lock"
flock -w 1800 9 || die "another run holds $root.lock"

cleanup() {
    local status=$?
    tree_unmount_all
    if [ -n "$(tree_mounts_below "$root")" ]; then
        log "still mounted below $root:" && tree_mounts_below "$root" >&2
        [ "$status" -ne 0 ] || status=1
    fi
    log "finished in $(($(date +%s) - started)) s with status $status"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ ! -f "$marker" ]; then
    # An unfinished tree: start over, but never delete through a live mount.
    [ -z "$(tree_mounts_below "$root")" ] || die "something is still mounted below $root; unmount it first"
    if [ -e "$root" ]; then
        log "removing the incomplete tree $root"
        rm -rf --one-file-system "$root"
    fi
    tree_bootstrap trixie "$root" "$root.debootstrap.log"
    date -u +%FT%TZ >"$marker"
fi

tree_mount "$root"
in_chroot() { tree_run "$root" "$@"; }

# rsync copies the sources in (below); scripts/install-deps.sh then installs what the build and tests need, the
# same script a user runs on Debian 13 (it adds KF6 SyntaxHighlighting there).
if ! in_chroot dpkg-query -W -f='${Status}' rsync 2>/dev/null | grep -q "install ok installed"; then
    in_chroot env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    in_chroot env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rsync >/dev/null
fi

# The sources: every tracked file plus new, not ignored ones, as they are in the work tree (so it works on a
# clean clone and on a work tree with uncommitted changes alike). They land in a staging folder, and rsync
# then rewrites only files whose content changed, stamping them with the current time: a kept build
# directory rebuilds exactly what changed (copied source mtimes could be older than objects built from
# an earlier copy, which ninja would wrongly take as up to date).
log "copying the sources into $src_in_chroot"
rm -rf --one-file-system "$root$incoming_in_chroot"
mkdir -p "$root$incoming_in_chroot" "$root$src_in_chroot"
tree_copy_sources "$repo" "$root" "$incoming_in_chroot"
in_chroot rsync -rlpc --delete "$incoming_in_chroot/" "$src_in_chroot/"
rm -rf --one-file-system "$root$incoming_in_chroot"
in_chroot bash -c "cd $src_in_chroot && scripts/install-deps.sh" >"$root.apt.log" 2>&1 ||
    { tail -n 30 "$root.apt.log" >&2; die "scripts/install-deps.sh failed (log: $root.apt.log)"; }
in_chroot apt-get clean
if [ "${GD_TRIXIE_CLEAN:-0}" = 1 ]; then
    rm -rf --one-file-system "$root$build_in_chroot"
fi

# The debug preset's settings, with the build directory outside the copied sources.
log "configure, build (-j$jobs) and test inside trixie"
in_chroot cmake -S "$src_in_chroot" -B "$build_in_chroot" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DGD_WERROR=ON \
    >"$root$build_in_chroot.configure.log" 2>&1 ||
    { cat "$root$build_in_chroot.configure.log" >&2; die "configure failed"; }

qt_version=$(sed -n 's/^set(PACKAGE_VERSION "\(.*\)")/\1/p' \
    "$root"/usr/lib/*/cmake/Qt6Core/Qt6CoreConfigVersionImpl.cmake 2>/dev/null | head -n 1)
kf6_version=$(sed -n 's/^set(PACKAGE_VERSION "\(.*\)")/\1/p' \
    "$root"/usr/lib/*/cmake/KF6SyntaxHighlighting/KF6SyntaxHighlightingConfigVersion.cmake 2>/dev/null |
    head -n 1)
gcc_version=$(in_chroot gcc -dumpfullversion 2>/dev/null || echo "?")
summary() {
    echo "ci-trixie summary: Debian $(cat "$root/etc/debian_version"), Qt ${qt_version:-?}, GCC $gcc_version," \
        "KF6SyntaxHighlighting $kf6_state, $1 after $(($(date +%s) - started)) s"
}
# Proof the KF6 path is compiled, not merely installed: the define reaches the UI library's compile lines.
# Checked before the long build, since proving that path is this leg's point.
if grep -q -- '-DGD_HAVE_KSYNTAXHIGHLIGHTING' "$root$build_in_chroot/compile_commands.json"; then
    kf6_state="${kf6_version:-?} found and compiled in"
else
    kf6_state="NOT found"
    summary "configure rejected"
    die "KF6SyntaxHighlighting was not found (see $root$build_in_chroot.configure.log)"
fi

if ! in_chroot cmake --build "$build_in_chroot" -j "$jobs"; then
    summary "build FAILED"
    die "build failed"
fi
if ! in_chroot env QT_QPA_PLATFORM=offscreen ctest --test-dir "$build_in_chroot" -j "$jobs" --output-on-failure; then
    summary "tests FAILED"
    die "tests failed"
fi
summary "all tests passed"
