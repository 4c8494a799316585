#!/usr/bin/env bash
# Builds the release Debian package (cpack -G DEB) and checks it the way a user would meet it: package metadata and
# contents, the desktop file and AppStream metainfo as installed, and the installed binary on the demo bundle.
# Unpacks into a temporary root (dpkg-deb -x), so nothing is installed on this machine.
#   GD_PACKAGE_BUILD_DIR  build directory (default build/package)
#   GD_JOBS               parallel compile jobs (default: one per core)
set -euo pipefail
cd "$(dirname "$0")/.."
source_dir=$PWD
build_dir=${GD_PACKAGE_BUILD_DIR:-$source_dir/build/package}
jobs=${GD_JOBS:-$(nproc)}
app_id=io.github.gatewaydoctor.GatewayDoctor

# Build dependencies, then the packaging tools: dpkg-shlibdeps (dpkg-dev), file (CPack runs it on the binary),
# desktop-file-validate, appstreamcli.
scripts/install-deps.sh
tools=(dpkg-dev file desktop-file-utils appstream)
missing=()
for package in "${tools[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}" >&2
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
fi

passed=0
failed=0
pass() {
    passed=$((passed + 1))
    echo "ok    $*"
}
fail() {
    failed=$((failed + 1))
    echo "FAIL  $*"
}
# check DESCRIPTION COMMAND...: runs the command, shows its output only when it fails.
check() {
    local description=$1 output
    shift
    if output=$("$@" 2>&1); then
        pass "$description"
    else
        fail "$description"
        printf '%s\n' "$output" | sed 's/^/      /'
    fi
}

echo "== build (release) and package"
cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGD_WERROR=ON \
    -DGD_BUILD_UI=ON -DGD_BUILD_TESTS=OFF -DGD_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build_dir" -j "$jobs" --target gateway-doctor
rm -f "$build_dir"/gateway-doctor_*.deb
(cd "$build_dir" && cpack -G DEB)
debs=("$build_dir"/gateway-doctor_*.deb)
if [ ${#debs[@]} -ne 1 ] || [ ! -f "${debs[0]}" ]; then
    echo "FAIL  expected exactly one gateway-doctor_*.deb in $build_dir" >&2
    exit 1
fi
deb=${debs[0]}
version=$(sed -n 's/^project(GatewayDoctor VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)

echo
echo "== dpkg-deb -I $(basename "$deb")"
dpkg-deb -I "$deb"
echo
echo "== dpkg-deb -c $(basename "$deb")"
dpkg-deb -c "$deb"
echo
echo "== checks"
field() { dpkg-deb -f "$deb" "$1"; }
check "Package is gateway-doctor" test "$(field Package)" = gateway-doctor
check "Version is the project version ($version)" test "$(field Version)" = "$version"
check "Section and Maintainer are set" test -n "$(field Section)" -a -n "$(field Maintainer)"
check "Description has a summary and a long text" test "$(field Description | wc -l)" -gt 1
# dpkg-shlibdeps ran: the Qt and libarchive libraries the binary links appear as dependencies.
for library in libqt6core6 libqt6widgets6 libarchive13 libc6; do
    check "Depends names $library" grep -q "$library" <<<"$(field Depends)"
done

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
expected=(
    usr/bin/gateway-doctor
    "usr/share/applications/$app_id.desktop"
    "usr/share/metainfo/$app_id.metainfo.xml"
    "usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    usr/share/doc/gateway-doctor/README.md
    usr/share/gateway-doctor/gateway-doctor-collect.sh
)
for size in 16 32 48 64 128 256; do
    expected+=("usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done
for file in "${expected[@]}"; do
    check "installs /$file" test -s "$root/$file"
done
collect_script=$root/usr/share/gateway-doctor/gateway-doctor-collect.sh
check "the log collection script is executable" test -x "$collect_script"
check "the log collection script prints the project version" \
    grep -qx "gateway-doctor-collect.sh $version" <<<"$(sh "$collect_script" --version 2>&1)"
check "nothing is installed outside /usr" test -z "$(find "$root" -mindepth 1 -maxdepth 1 ! -name usr)"
check "the binary is executable and stripped" \
    bash -c "test -x '$root/usr/bin/gateway-doctor' && ! file '$root/usr/bin/gateway-doctor' | grep -q 'not stripped'"
for size in 16 32 48 64 128 256; do
    check "${size}x${size} icon is a ${size}x${size} PNG" \
        grep -q "PNG image data, $size x $size" <<<"$(file "$root/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")"
done

desktop_file=$root/usr/share/applications/$app_id.desktop
check "desktop-file-validate" desktop-file-validate "$desktop_file"
check "appstreamcli validate --no-net" appstreamcli validate --no-net "$root/usr/share/metainfo/$app_id.metainfo.xml"
check "desktop file Icon= is the installed icon name" grep -qx "Icon=$app_id" "$desktop_file"
check "desktop file Exec= runs the installed binary" grep -qx "Exec=gateway-doctor %F" "$desktop_file"
# Every MIME type claimed must be one the system database knows (we ship no MIME XML of our own).
mime_database=/usr/share/mime/packages/freedesktop.org.xml
for mime_type in $(sed -n 's/^MimeType=//p' "$desktop_file" | tr ';' ' '); do
    if [ -f "$mime_database" ]; then
        check "MIME type $mime_type exists in shared-mime-info" grep -q "type=\"$mime_type\"" "$mime_database"
    fi
done

echo
echo "== installed binary"
binary=$root/usr/bin/gateway-doctor
version_output=$("$binary" --version 2>&1) || true
echo "\$ gateway-doctor --version"
echo "$version_output"
check "--version prints $version" grep -q "$version" <<<"$version_output"
echo "\$ gateway-doctor inspect resources/demo/demo-bundle.tar.gz"
inspect_status=0
"$binary" inspect resources/demo/demo-bundle.tar.gz || inspect_status=$?
check "inspect on the demo bundle exits 0" test "$inspect_status" -eq 0
# The desktop file's Exec line with no file runs the window; offscreen shows it starts and quits cleanly.
gui_status=0
QT_QPA_PLATFORM=offscreen timeout 5 "$binary" >/dev/null 2>&1 || gui_status=$?
check "the window starts (offscreen, stopped after 5 s)" test "$gui_status" -eq 124

echo
echo "check-package: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
