#!/usr/bin/env bash
# Builds the engine library of this checkout in the shared cargo target directory ($CARGO_TARGET_DIR)
# and copies it to $1 (this checkout's own directory, which Maven packages).
# A cdylib's file name carries no hash, so checkouts sharing the directory overwrite each other's
# library while each keeps its own "fresh" fingerprint: when another checkout wrote the library
# last, touch this crate's root so cargo rebuilds it (the dependencies stay built). A lock held from
# the build to the copy keeps another checkout's build from replacing the library in between.
set -euo pipefail
output="${1:?usage: cargo-build.sh OUTPUT_DIRECTORY LIBRARY_FILE}"
library="${2:?usage: cargo-build.sh OUTPUT_DIRECTORY LIBRARY_FILE}"
cd "$(dirname "${BASH_SOURCE[0]}")"
checkout="$(pwd -P)"
release="${CARGO_TARGET_DIR:?CARGO_TARGET_DIR must be set}/release"
mkdir -p "$release" "$output"
exec 9>"$release/libcodeanatomy_engine.lock"
flock 9
owner="$release/libcodeanatomy_engine.owner"
if [[ -f "$owner" && "$(cat "$owner")" != "$checkout" ]]; then
  touch src/main/rust/lib.rs
fi
"${CARGO:-cargo}" build --release --locked -p codeanatomy_engine
printf '%s' "$checkout" > "$owner"
cp "$release/$library" "$output/$library"
