#!/usr/bin/env bash
# Builds the one-folder Linux app into dist/mjdesk and smoke-runs it offscreen:
# it must start, run one demo generation to stored images and exit 0.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
"$PY" -m pip install -q "pyinstaller>=6"
"$PY" -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/mjdesk.spec
test -f dist/mjdesk/_internal/mjdesk/resources/mjdesk.svg || { echo "resources missing"; exit 1; }
QT_QPA_PLATFORM=offscreen HOME="$(mktemp -d)" timeout 180 dist/mjdesk/mjdesk --demo --smoke-test
echo "packaging: dist/mjdesk built and smoke-tested"
