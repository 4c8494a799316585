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

packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-charts-dev libgl-dev libkf6syntaxhighlighting-dev
    zlib1g-dev libarchive-dev
    # real tools the tests drive: archives, compressors, PDF text
    tar gzip bzip2 xz-utils zstd zip unzip poppler-utils
    # for copying the sources in
    rsync
)

started=$(date +%s)
log() { echo "ci-trixie: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, mount, chroot)"
case "$root" in
    "" | / | /usr | /var | /etc | /home | /root | /tmp) die "refusing GD_TRIXIE_ROOT=$root" ;;
esac

# The mirror this host's apt already uses for Debian main, so no host name is baked in here.
debian_mirror() {
    if [ -n "${GD_DEBIAN_MIRROR:-}" ]; then
        echo "$GD_DEBIAN_MIRROR"
        return
    fi
    # shellcheck disable=SC2016 # apt's own $(FIELD) placeholders
    apt-get indextargets --format '$(ORIGIN)|$(LABEL)|$(CODENAME)|$(COMPONENT)|$(REPO_URI)' 2>/dev/null |
        awk -F'|' '$1 == "Debian" && $2 == "Debian" && $3 !~ /-/ && $4 == "main" { print $5; exit }'
}

if ! command -v debootstrap >/dev/null 2>&1; then
    log "installing debootstrap on the host"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null 2>&1 ||
        { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
          DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null; }
fi

mkdir -p "$(dirname "$root")"
# One run at a time per tree: two runs would fight over apt, the mounts and the build directory.
exec 9>"$root.lock"
flock -w 1800 9 || die "another run holds $root.lock"

# Lists whatever is mounted at or below the tree, deepest first.
mounts_below() {
    awk -v r="$root" '{ gsub(/\\040/, " ", $5); if ($5 == r || index($5, r "/") == 1) print $5 }' \
        /proc/self/mountinfo | sort -r
}

mounted=()
cleanup() {
    local status=$? i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" || log "could not unmount ${mounted[i]}"
    done
    mounted=()
    if [ -n "$(mounts_below)" ]; then
        log "still mounted below $root:" && mounts_below >&2
        [ "$status" -ne 0 ] || status=1
    fi
    log "finished in $(($(date +%s) - started)) s with status $status"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mount_into() { # mount_into TARGET-INSIDE-ROOT MOUNT-ARGS...
    local target="$root$1"
    shift
    mountpoint -q "$target" && return 0
    mkdir -p "$target"
    mount "$@" "$target"
    mounted+=("$target")
}

if [ ! -f "$marker" ]; then
    # An unfinished tree: start over, but never delete through a live mount.
    [ -z "$(mounts_below)" ] || die "something is still mounted below $root; unmount it first"
    if [ -e "$root" ]; then
        log "removing the incomplete tree $root"
        rm -rf --one-file-system "$root"
    fi
    mirror=$(debian_mirror)
    [ -n "$mirror" ] || die "no Debian mirror found in apt's sources; set GD_DEBIAN_MIRROR"
    log "debootstrap --variant=minbase trixie $root (mirror from apt's sources)"
    debootstrap --variant=minbase trixie "$root" "$mirror" >"$root.debootstrap.log" 2>&1 ||
        { tail -n 30 "$root.debootstrap.log" >&2; die "debootstrap failed (log: $root.debootstrap.log)"; }
    date -u +%FT%TZ >"$marker"
fi

mount_into /proc -t proc proc
mount_into /sys --bind /sys
mount_into /dev --bind /dev
mount_into /dev/pts --bind /dev/pts
cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

in_chroot() { chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }

missing=()
for package in "${packages[@]}"; do
    # shellcheck disable=SC2016 # dpkg's own ${Field} placeholder
    in_chroot dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
        missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    log "installing in the tree: ${missing[*]}"
    in_chroot env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    in_chroot env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        >"$root.apt.log" 2>&1 || { tail -n 30 "$root.apt.log" >&2; die "apt-get install failed (log: $root.apt.log)"; }
    in_chroot apt-get clean
fi

# The sources: every tracked file plus new, not ignored ones, as they are in the work tree (so it works on a
# clean clone and on a work tree with uncommitted changes alike). They land in a staging folder, and rsync
# then rewrites only files whose content changed, stamping them with the current time: a kept build
# directory rebuilds exactly what changed (copied source mtimes could be older than objects built from
# an earlier copy, which ninja would wrongly take as up to date).
log "copying the sources into $src_in_chroot"
rm -rf --one-file-system "$root$incoming_in_chroot"
mkdir -p "$root$incoming_in_chroot" "$root$src_in_chroot"
if git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$repo" && git ls-files -z --cached --others --exclude-standard |
        tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$root$incoming_in_chroot"
else
    tar -C "$repo" --exclude=./build --exclude=./.git -cf - . | tar -xf - -C "$root$incoming_in_chroot"
fi
in_chroot rsync -rlpc --delete "$incoming_in_chroot/" "$src_in_chroot/"
rm -rf --one-file-system "$root$incoming_in_chroot"
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
