#!/usr/bin/env bash
# Installs the Debian packages Gateway Doctor needs to build and test, only those missing, with
# --no-install-recommends: what is listed here is everything (proved on a fresh minbase tree by scripts/ci-fresh.sh).
# Debian 12 (Qt 6.4) or newer; on Debian 13 and later also KF6 SyntaxHighlighting. Needs root or sudo for apt-get.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config
    # Qt6Charts' CMake package needs Qt6OpenGL's, which is only a Recommends of qt6-base-dev
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev
    zlib1g-dev libarchive-dev libisal-dev
    # real tools the tests drive: archives, compressors, PDF text
    tar gzip bzip2 xz-utils zstd zip unzip poppler-utils
    # the fonts the PDF report embeds
    fonts-dejavu-core
)
# Debian 12 has no KF6; from Debian 13 on, the log viewer highlights through KSyntaxHighlighting.
version_id=$( (. /etc/os-release 2>/dev/null && echo "${VERSION_ID:-}") || true)
if [ -n "$version_id" ] && [ "${version_id%%.*}" -ge 13 ] 2>/dev/null; then
    packages+=(libkf6syntaxhighlighting-dev)
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
echo "Installing: ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "install-deps: these packages are missing and installing them needs root (sudo is not installed):" >&2
        echo "  apt-get install --no-install-recommends ${missing[*]}" >&2
        exit 1
    fi
    sudo_cmd=(sudo)
fi
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
