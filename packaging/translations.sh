#!/usr/bin/env bash
# Updates the Chinese translation source from the window's strings, then compiles it.
#   bash packaging/translations.sh          # new strings appear unfinished in the .ts: translate them
#                                           # (e.g. in .venv/bin/pyside6-linguist), then run this again
set -euo pipefail
cd "$(dirname "$0")/../resources/translations"
../../.venv/bin/pyside6-lupdate ../../studio/ui/*.py ../../studio/app.py -ts troupe_zh_CN.ts -no-obsolete
../../.venv/bin/pyside6-lrelease troupe_zh_CN.ts -qm troupe_zh_CN.qm
grep -c 'type="unfinished"' troupe_zh_CN.ts | sed 's/$/ strings still to translate/' || true
