#!/usr/bin/env bash
# Creates delta/interop/.venv with deltalake and pyarrow from PyPI (once), then runs interop.py in it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -x "$here/.venv/bin/python" ]; then
  python3 -m venv "$here/.venv"
  "$here/.venv/bin/pip" install --quiet deltalake pyarrow
fi
exec "$here/.venv/bin/python" "$here/interop.py" "$@"
