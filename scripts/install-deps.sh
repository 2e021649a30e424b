#!/usr/bin/env bash
# Installs what the build and tests need, on Debian 12, as root. Idempotent and
# quiet when nothing is missing: called by every `make` target.
#   bash scripts/install-deps.sh [--bench | --arm]
#
# --arm (make test-arm only): also the armhf cross compiler, qemu-user and the
# armhf libraries (multiarch), for the on-board build (README.md, "On-board
# build"). Without it nothing below differs from a plain run.
# --bench adds what only `make bench` needs (bench/run.sh passes it): wrk and
# the HTTP peers' servers (bench/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
ARM=0
[ "${1:-}" = "--arm" ] && ARM=1

# Debian packages: compilers and test tools, then libraries.
APT_PACKAGES=(
  g++ cmake ninja-build make pkg-config clang lld libclang-rt-14-dev
  clang-tidy clang-format   # make lint, make format
  binutils gdb              # make install splits debug info (objcopy); its test asks gdb
  libgtest-dev libgmock-dev libbenchmark-dev
  libboost-dev nlohmann-json3-dev libtomlplusplus-dev libcli11-dev
  libarchive-dev      # app archives (services/app-service)
  zlib1g-dev          # the kit's tests inflate GraphiQL's gzip forms (lib/service)
  busybox python3
  chromium            # headless browser for the GraphiQL page test (tests/service-kit)
  tshark              # Wireshark's CCSDS dissector checks the link's packets (services/local-comms-service)
)
if [ "${1:-}" = --bench ]; then
  APT_PACKAGES+=(wrk nginx-light python3-flask python3-graphql-core)
fi
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js: some images ship a nodejs package that bundles npm (and conflicts
# with Debian's npm package), so look for the commands, not the packages.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# The armhf cross build: compiler, emulator, and each library the build links
# or includes that has an armhf package (the header-only nlohmann-json and
# CLI11 are "Architecture: all", so the host's serve). Multiarch packages must
# be the same version for every architecture, so installing one may upgrade
# its amd64 twin.
ARM_PACKAGES=(
  g++-arm-linux-gnueabihf binutils-arm-linux-gnueabihf qemu-user
  libboost-dev:armhf libarchive-dev:armhf libtomlplusplus-dev:armhf
  libgtest-dev:armhf libgmock-dev:armhf
  libc6:armhf libstdc++6:armhf   # what qemu-arm runs the binaries with
)
arm_update=0
if [ "$ARM" = 1 ]; then
  if ! dpkg --print-foreign-architectures | grep -qx armhf; then
    if [ "$(id -u)" != 0 ]; then
      echo "install-deps: the armhf architecture is not enabled (dpkg --add-architecture armhf) and not root" >&2
      exit 1
    fi
    echo "install-deps: enabling the armhf architecture (dpkg --add-architecture armhf)"
    dpkg --add-architecture armhf
    arm_update=1
  fi
  for p in "${ARM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ] || [ "$arm_update" = 1 ]; then
  echo "install-deps: installing ${missing[*]}"
  if [ "$(id -u)" != 0 ]; then
    echo "install-deps: missing packages (${missing[*]}) and not root; install them or run as root" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages (graphql-js oracle, graphql-http audit, GraphiQL assets): only
# when package.json changed since the last install.
JS=third_party/js
stamp="$JS/node_modules/.install-stamp"
if [ ! -f "$stamp" ] || [ "$JS/package.json" -nt "$stamp" ] || \
   { [ -f "$JS/package-lock.json" ] && [ "$JS/package-lock.json" -nt "$stamp" ]; }; then
  echo "install-deps: npm install in $JS"
  (cd "$JS" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
  touch "$stamp"
fi
