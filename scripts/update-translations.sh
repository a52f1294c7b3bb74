#!/usr/bin/env bash
# Refreshes the translation catalogue (resources/i18n/mjdesk.ts) from the source with Qt's
# lupdate, and compiles every translated catalogue (mjdesk_<lang>.ts) to the .qm files mjdesk
# loads at start for the system's language. Run from the repository root, in the dev venv.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t sources < <(find mjdesk -name '*.py' | sort)
pyside6-lupdate -no-obsolete "${sources[@]}" -ts resources/i18n/mjdesk.ts
for ts in resources/i18n/mjdesk_*.ts; do
    [ -e "$ts" ] || continue
    pyside6-lupdate -no-obsolete "${sources[@]}" -ts "$ts"
    pyside6-lrelease "$ts" -qm "${ts%.ts}.qm"
done
