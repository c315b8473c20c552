#!/usr/bin/env bash
# Renders resources/icons/troupe.svg into the PNG sizes the desktop uses (troupe-256.png, -128, -48).
# Needs rsvg-convert (Debian: apt install librsvg2-bin); run it after changing the SVG.
set -euo pipefail
cd "$(dirname "$0")/../resources/icons"
command -v rsvg-convert >/dev/null 2>&1 || { echo "Install rsvg-convert (librsvg2-bin) first." >&2; exit 1; }
for n in 256 128 48; do
  rsvg-convert -w "$n" -h "$n" troupe.svg -o "troupe-$n.png"
done
echo "Rendered troupe-256.png, troupe-128.png and troupe-48.png."
