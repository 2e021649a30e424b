#!/usr/bin/env bash
# Stripped sizes of the armhf binaries (make test-arm prints them; README.md,
# "On-board build"): each built executable in BIN is stripped with
# arm-linux-gnueabihf-strip into a temporary directory, the build is untouched.
# Usage: scripts/armhf-sizes.sh build/armhf/bin
set -euo pipefail
bin=${1:?usage: $0 BIN_DIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "| binary (armhf) | stripped bytes | KiB | unstripped KiB |"
echo "| --- | ---: | ---: | ---: |"
for f in "$bin"/*; do
  name=$(basename "$f")
  case "$name" in *-unit-tests|*-schema-tests) continue ;; esac
  [ -f "$f" ] && [ -x "$f" ] || continue
  arm-linux-gnueabihf-strip -o "$tmp/$name" "$f"
  s=$(stat -c %s "$tmp/$name")
  u=$(stat -c %s "$f")
  echo "| $name | $s | $(( (s + 512) / 1024 )) | $(( (u + 512) / 1024 )) |"
done
