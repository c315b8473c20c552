#!/usr/bin/env bash
# Installs what Troupe needs on a Debian/Ubuntu machine: system libraries (ffmpeg, PortAudio,
# PulseAudio client, a CJK font, Xvfb for headless windows; xdotool with --test) and a Python venv at .venv
# with Troupe and the speaker encoder's weights (the "speaker" extra, without the torch it would pull in).
#   bash packaging/setup.sh          # the studio
#   bash packaging/setup.sh --test   # the studio and the test tools
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
[ "${1:-}" = "--test" ] && extras="[test]"

APT_PKGS=(ffmpeg libportaudio2 libpulse0 fonts-wqy-microhei xvfb xauth libxcb-icccm4 libxcb-keysyms1
          libxcb-cursor0 libxkbcommon-x11-0 libegl1 libgl1)
[ -n "$extras" ] && APT_PKGS+=(xdotool)  # the tests that drive the real window (tests/realwindow.py)
if command -v dpkg >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${APT_PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if ((${#missing[@]})); then
    sudo=""
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq
    $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "Not a Debian-like system: install ffmpeg, PortAudio and a CJK font yourself." >&2
fi

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q -e ".${extras}" 2>&1 | grep -v "is ignored" || true
# Telling voices apart (studio/library/embedding.py) reads only pretrained.pt inside the resemblyzer wheel
# (17 MB) and runs it in numpy: --no-deps keeps its torch, librosa and webrtcvad out of the venv.
.venv/bin/python -m pip install -q --no-deps "resemblyzer==0.1.4" 2>&1 | grep -v "is ignored" || true
.venv/bin/python -c "from studio.library.embedding import weights_path; assert weights_path()" 2>/dev/null || \
  echo "The speaker encoder's weights did not install: casting and troupe check cannot tell voices apart." >&2
.venv/bin/python -c "import studio, PySide6, onnxruntime, soundfile" || {
  echo "The Python install did not complete; see the messages above." >&2; exit 1; }
echo "Troupe is installed in .venv (run .venv/bin/troupe --help)."
