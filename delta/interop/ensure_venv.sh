#!/usr/bin/env bash
# Creates delta/interop/.venv with the pinned deltalake and pyarrow from PyPI (again whenever
# requirements.txt changes or an earlier install did not finish), then runs interop.py in it with
# the given arguments (none: only make the venv).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
stamp="$here/.venv/installed-requirements.txt"
if ! cmp -s "$here/requirements.txt" "$stamp"; then
  rm -rf "$here/.venv"
  python3 -m venv "$here/.venv"
  "$here/.venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$stamp"
fi
if [[ $# -gt 0 ]]; then
  exec "$here/.venv/bin/python" "$here/interop.py" "$@"
fi
