#!/usr/bin/env bash
# Builds the one-folder app from a clean state: dist/troupe/troupe is the program (the folder can be
# moved or copied anywhere as a whole). Needs the venv of packaging/setup.sh; adds PyInstaller to it
# (the `build` extra) when it is missing. Takes a few minutes.
#   bash packaging/build.sh            # build dist/troupe
#   bash packaging/smoke_frozen.sh     # then check that it runs
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/python ] || bash packaging/setup.sh
.venv/bin/python -c "import PyInstaller" 2>/dev/null \
  || .venv/bin/python -m pip install -q -e ".[build]" 2>&1 | grep -v "is ignored" || true
.venv/bin/python -c "import PyInstaller" || { echo "PyInstaller could not be installed; see above." >&2; exit 1; }
if ! command -v objdump >/dev/null 2>&1; then  # PyInstaller reads shared libraries' dependencies with it
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
    $sudo apt-get install -y -qq --no-install-recommends binutils >/dev/null
  else
    echo "PyInstaller needs objdump: install binutils, then build again." >&2; exit 1
  fi
fi

rm -rf build/pyinstaller dist/troupe
start=$(date +%s)
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level "${PYI_LOG_LEVEL:-WARN}" \
  --distpath dist --workpath build/pyinstaller packaging/troupe.spec
took=$(( $(date +%s) - start ))
size=$(du -sh dist/troupe | cut -f1)
echo "Built dist/troupe in ${took} s (${size}); run dist/troupe/troupe, check it with packaging/smoke_frozen.sh."
