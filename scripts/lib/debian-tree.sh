# Shared by the CI legs that work in Debian trees made with debootstrap (ci-fresh.sh, ci-trixie.sh).
# Source it, then call the functions; it keeps the list of mounts it made and unmounts them in tree_cleanup.
#   tree_log / tree_die MESSAGE          messages prefixed with $tree_tag
#   tree_need_debootstrap                installs debootstrap on the host when missing
#   tree_debian_mirror                   the mirror this host's apt uses for Debian main (or $GD_DEBIAN_MIRROR)
#   tree_bootstrap SUITE ROOT LOG        debootstrap --variant=minbase SUITE into ROOT
#   tree_mount ROOT                      /proc, /sys, /dev, /dev/pts and resolv.conf for a chroot into ROOT
#   tree_unmount_all                     undoes every tree_mount (also run by tree_cleanup)
#   tree_run ROOT COMMAND...             runs COMMAND inside ROOT with a clean environment, as root
#   tree_copy_sources REPO ROOT DIR      copies the tracked and new, not ignored files of REPO into ROOT/DIR

tree_tag=${tree_tag:-tree}
tree_mounts=()

tree_log() { echo "$tree_tag: $*" >&2; }
tree_die() {
    tree_log "ERROR: $*"
    exit 1
}

tree_need_debootstrap() {
    command -v debootstrap >/dev/null 2>&1 && return 0
    tree_log "installing debootstrap on the host"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null 2>&1 ||
        { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null; }
}

# The mirror this host's apt already uses for Debian main, so no host name is baked in here.
tree_debian_mirror() {
    if [ -n "${GD_DEBIAN_MIRROR:-}" ]; then
        echo "$GD_DEBIAN_MIRROR"
        return
    fi
    # shellcheck disable=SC2016 # apt's own $(FIELD) placeholders
    apt-get indextargets --format '$(ORIGIN)|$(LABEL)|$(CODENAME)|$(COMPONENT)|$(REPO_URI)' 2>/dev/null |
        awk -F'|' '$1 == "Debian" && $2 == "Debian" && $3 !~ /-/ && $4 == "main" { print $5; exit }'
}

tree_bootstrap() { # SUITE ROOT LOG
    local suite=$1 root=$2 log=$3 mirror
    mirror=$(tree_debian_mirror)
    [ -n "$mirror" ] || tree_die "no Debian mirror found in apt's sources; set GD_DEBIAN_MIRROR"
    tree_log "debootstrap --variant=minbase $suite $root (mirror from apt's sources)"
    debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$log" 2>&1 ||
        { tail -n 30 "$log" >&2; tree_die "debootstrap failed (log: $log)"; }
}

# Lists whatever is mounted at or below ROOT, deepest first.
tree_mounts_below() {
    awk -v r="$1" '{ gsub(/\\040/, " ", $5); if ($5 == r || index($5, r "/") == 1) print $5 }' \
        /proc/self/mountinfo | sort -r
}

tree_mount() { # ROOT
    local root=$1 spec target
    for spec in "/proc -t proc proc" "/sys --bind /sys" "/dev --bind /dev" "/dev/pts --bind /dev/pts"; do
        set -- $spec
        target="$root$1"
        shift
        mountpoint -q "$target" && continue
        mkdir -p "$target"
        mount "$@" "$target"
        tree_mounts+=("$target")
    done
    cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
}

tree_unmount_all() {
    local i
    for ((i = ${#tree_mounts[@]} - 1; i >= 0; i--)); do
        umount "${tree_mounts[i]}" 2>/dev/null || umount -l "${tree_mounts[i]}" ||
            tree_log "could not unmount ${tree_mounts[i]}"
    done
    tree_mounts=()
}

tree_run() { # ROOT COMMAND...
    local root=$1
    shift
    chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        TERM=dumb "$@"
}

# Every tracked file plus new, not ignored ones, as they are in the work tree: works on a clean clone and on a work
# tree with uncommitted changes alike. Executable bits are kept (the scripts are run as they are).
tree_copy_sources() { # REPO ROOT DIR
    local repo=$1 target="$2$3"
    mkdir -p "$target"
    if git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        (cd "$repo" && git ls-files -z --cached --others --exclude-standard |
            tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null) | tar -xpf - -C "$target"
    else
        tar -C "$repo" --exclude=./build --exclude=./.git -cf - . | tar -xpf - -C "$target"
    fi
}
