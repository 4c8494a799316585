#!/usr/bin/env bash
# Installs the Debian packages Gateway Doctor needs to build and test, only those missing.
# Debian 12 (Qt 6.4) or newer; needs root (or sudo) for apt-get.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-charts-dev libgl-dev
    zlib1g-dev libarchive-dev libisal-dev
    # real tools the tests drive: archives, compressors, PDF text
    tar gzip bzip2 xz-utils zstd zip unzip poppler-utils
)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
echo "Installing: ${missing[*]}" >&2
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
