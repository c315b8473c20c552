#!/usr/bin/env bash
# Checks that the one-folder app of packaging/build.sh runs on its own: --version, a new demo project
# rendered with Kokoro and with espeak, an MP3 export and a screenshot of the window. ffmpeg and every
# other program of the system are kept off PATH, so only what the folder carries is used.
#   bash packaging/smoke_frozen.sh [DIST]     # DIST: the built folder (default dist/troupe)
# SMOKE_OUT=DIR keeps the project, MP3 and screenshot in DIR (default: a temporary folder, removed).
# Exits non-zero at the first check that fails, naming it.
set -euo pipefail
cd "$(dirname "$0")/.."

dist=${1:-dist/troupe}
app="$(cd "$dist" 2>/dev/null && pwd)/troupe" || { echo "FAIL: no folder $dist; run packaging/build.sh" >&2; exit 1; }
[ -x "$app" ] || { echo "FAIL: $app is not a program; run packaging/build.sh" >&2; exit 1; }
version=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)

if [ -n "${SMOKE_OUT:-}" ]; then
  out=$SMOKE_OUT; mkdir -p "$out"; rm -f "$out"/x.* "$out"/s.png
else
  out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
fi
empty_bin="$out/bin"; mkdir -p "$empty_bin"   # PATH without ffmpeg, espeak-ng or any other program
home="$out/home"; mkdir -p "$home"            # no settings, voices or recent projects of the user
run() {
  env -i PATH="$empty_bin" HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
    XDG_CACHE_HOME="$home/.cache" LANG=C.UTF-8 TMPDIR="${TMPDIR:-/tmp}" QT_QPA_PLATFORM=offscreen "$app" "$@"
}
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { printf '%-34s' "$1"; }
ok() { echo "ok${1:+ ($1)}"; }

step "troupe --version"
said=$(run --version 2>&1) || fail "--version exited non-zero: $said"
[[ "$said" == *"$version"* ]] || fail "--version says '$said', not $version"
ok "$said"

step "troupe new --demo"
said=$(run new "$out/x.troupe" --demo 2>&1) || fail "new --demo: $said"
[ -s "$out/x.troupe" ] || fail "new --demo wrote no project"
ok

for engine in kokoro espeak; do
  step "troupe render --engine $engine"
  start=$(date +%s)
  said=$(run render "$out/x.troupe" --engine "$engine" 2>&1) || fail "render --engine $engine: $said"
  ! grep -q "Traceback" <<<"$said" || fail "render --engine $engine printed a traceback: $said"
  info=$(run info "$out/x.troupe" --engine "$engine" 2>&1) || fail "info after render: $info"
  states=$(grep -E "^ +$engine: " <<<"$info") || fail "info names no $engine state: $info"
  ! grep -v -E "$engine: [1-9][0-9]* rendered, 0 stale, 0 failed$" <<<"$states" >/dev/null \
    || fail "lines left unrendered by $engine: $states"
  ok "$(( $(date +%s) - start )) s"
done

step "troupe export -o x.mp3"
said=$(run export "$out/x.troupe" -o "$out/x.mp3" --engine kokoro 2>&1) || fail "export: $said"
[ -s "$out/x.mp3" ] || fail "export wrote no MP3: $said"
head=$(head -c 3 "$out/x.mp3" | od -An -tx1 | tr -d ' \n')
[[ "$head" == 494433* || "$head" == fff* ]] || fail "x.mp3 does not start like an MP3 (bytes $head)"
size=$(wc -c <"$out/x.mp3")
[ "$size" -gt 20000 ] || fail "x.mp3 is only $size bytes"
[ -s "$out/x.srt" ] || fail "export wrote no subtitles beside the MP3"
ok "$(( size / 1024 )) KiB"

step "troupe --screenshot s.png"
said=$(run --screenshot "$out/s.png" "$out/x.troupe" 2>&1) || fail "--screenshot: $said"
[ -s "$out/s.png" ] || fail "--screenshot wrote no picture: $said"
sig=$(head -c 8 "$out/s.png" | od -An -tx1 | tr -d ' \n')
[ "$sig" = 89504e470d0a1a0a ] || fail "s.png is not a PNG"
width=$(( 16#$(od -An -tx1 -j16 -N4 "$out/s.png" | tr -d ' \n') ))
height=$(( 16#$(od -An -tx1 -j20 -N4 "$out/s.png" | tr -d ' \n') ))
[ "$width" -ge 640 ] && [ "$height" -ge 400 ] || fail "s.png is ${width}x${height}, smaller than a window"
[ "$(wc -c <"$out/s.png")" -gt 30000 ] || fail "s.png is nearly empty (a blank window?)"
ok "${width}x${height}"

echo "The one-folder app in $dist passed every check."
