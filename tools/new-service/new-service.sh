#!/usr/bin/env bash
# Scaffolds a new hardware service from the sim-eps-service template.
#
#   tools/new-service/new-service.sh NAME [--port PORT] [--force]
#
# NAME is the binary and config section, e.g. "clyde-eps-service" (lower case,
# digits and dashes, ending in "-service"). Creates services/NAME/ with the
# template's schema, model, resolvers, main.cpp, tests and README renamed,
# and prints the config.toml section to add. The new service builds and its
# tests pass at once (it still speaks the sim-eps protocol); then replace the
# model's protocol with the device's, as services/NAME/README.md walks through.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TEMPLATE="$ROOT/services/sim-eps-service"

usage() { echo "usage: $0 NAME [--port PORT] [--force]" >&2; exit 2; }
[ $# -ge 1 ] || usage
NAME=$1; shift
PORT=""
FORCE=no
while [ $# -gt 0 ]; do
  case "$1" in
    --port) [ $# -ge 2 ] || usage; PORT=$2; shift 2 ;;
    --force) FORCE=yes; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "new-service: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
if ! [[ "$NAME" =~ ^[a-z][a-z0-9]*(-[a-z0-9]+)*-service$ ]]; then
  echo "new-service: NAME must be lower case words joined by '-', ending in '-service' (got '$NAME')" >&2
  exit 2
fi
if [ "$NAME" = sim-eps-service ]; then
  echo "new-service: sim-eps-service is the template itself" >&2
  exit 2
fi
if [ -n "$PORT" ] && ! [[ "$PORT" =~ ^[0-9]+$ && "$PORT" -ge 1 && "$PORT" -le 65535 ]]; then
  echo "new-service: --port must be 1..65535 (got '$PORT')" >&2
  exit 2
fi
DEST="$ROOT/services/$NAME"
if [ -e "$DEST" ] && [ "$FORCE" != yes ]; then
  echo "new-service: $DEST already exists (use --force to overwrite)" >&2
  exit 1
fi

# Free hardware-service port: 8100 and up, not used by any config we ship.
if [ -z "$PORT" ]; then
  PORT=8150
  while grep -rqs "port = $PORT\$" "$ROOT/etc" "$ROOT"/services/*/README.md; do PORT=$((PORT + 10)); done
fi

BASE=${NAME%-service}                 # clyde-eps
IDENT=$(echo "$BASE" | tr '-' '_')    # clyde_eps
MACRO=$(echo "$IDENT" | tr 'a-z' 'A-Z')  # CLYDE_EPS

rm -rf "$DEST"
mkdir -p "$DEST/tests"
for f in CMakeLists.txt schema.graphql schema_sdl.cpp.in model.h model.cpp resolvers.h resolvers.cpp main.cpp README.md \
         tests/model_test.cpp tests/resolvers_test.cpp tests/mock_device.h; do
  sed -e "s/sim-eps-service/$NAME/g" \
      -e "s/simeps_service/${IDENT}_service/g" \
      -e "s/SIMEPS_SERVICE/${MACRO}_SERVICE/g" \
      -e "s/EPS-M\([0-9]\)/${MACRO}-M\1/g; s/EPS-S\([0-9]\)/${MACRO}-S\1/g; s/EPS_M\([0-9]\)/${MACRO}_M\1/g; s/EPS_S\([0-9]\)/${MACRO}_S\1/g" \
      "$TEMPLATE/$f" > "$DEST/$f"
done
# The new service's README starts with a note of where it came from.
{
  echo "# $NAME"
  echo
  echo "Scaffolded by tools/new-service from services/sim-eps-service. It still speaks"
  echo "the sim-eps protocol: follow \"Writing your own hardware service\" below to make"
  echo "it talk to your device, then rewrite this README's requirement table."
  echo
  sed '1d' "$DEST/README.md"
} > "$DEST/README.md.new" && mv "$DEST/README.md.new" "$DEST/README.md"

echo "new-service: created services/$NAME (build: cmake --build build --target $NAME)"
echo "Add to config.toml (and etc/config.toml.example):"
echo
echo "[$NAME]"
echo "bus = \"/dev/ttyS1\""
echo
echo "[$NAME.addr]"
echo "ip = \"127.0.0.1\""
echo "port = $PORT"
