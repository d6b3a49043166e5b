#!/usr/bin/env bash
# Builds the engine library of this checkout in the shared cargo target directory ($CARGO_TARGET_DIR).
# A cdylib's file name carries no hash, so checkouts sharing the directory overwrite each other's
# library while each keeps its own "fresh" fingerprint; when another checkout wrote the library
# last, touch this crate's root so cargo rebuilds it (the dependencies stay built).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
checkout="$(pwd -P)"
owner="${CARGO_TARGET_DIR:?CARGO_TARGET_DIR must be set}/release/libcodeanatomy_engine.owner"
if [[ -f "$owner" && "$(cat "$owner")" != "$checkout" ]]; then
  touch src/main/rust/lib.rs
fi
"${CARGO:-cargo}" build --release --locked -p codeanatomy_engine
mkdir -p "$(dirname "$owner")"
printf '%s' "$checkout" > "$owner"
