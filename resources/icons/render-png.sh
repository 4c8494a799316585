#!/usr/bin/env bash
# Regenerates the committed hicolor PNGs from the SVG sources (needs rsvg-convert, Debian: librsvg2-bin).
# 16 px comes from a variant drawn on a 16 px grid; every other size from the scalable icon.
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 32 48 64 128 256; do
    source_svg=gateway-doctor.svg
    [ "$size" -eq 16 ] && source_svg=src/gateway-doctor-16.svg
    mkdir -p "hicolor/${size}x${size}/apps"
    rsvg-convert --width "$size" --height "$size" "$source_svg" -o "hicolor/${size}x${size}/apps/gateway-doctor.png"
done
