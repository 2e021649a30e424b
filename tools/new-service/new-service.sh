#!/usr/bin/env bash
# Scaffolds a new hardware service from the sim-eps-service template.
#
#   tools/new-service/new-service.sh NAME [--port PORT] [--force]
#   tools/new-service/new-service.sh --help
#
# NAME is the binary and config section, e.g. "clyde-eps-service" (lower case,
# digits and dashes, ending in "-service"). Creates services/NAME/ with all of
# the template renamed (schema, model, resolvers, main.cpp, README and its
# requirement IDs, tests/unit and tests/integration), and prints the config.toml
# section to add. The new service builds and its unit and integration tests pass
# at once (it still speaks the sim-eps protocol); then replace the model's
# protocol with the device's, as services/NAME/README.md walks through.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TEMPLATE="$ROOT/services/sim-eps-service"

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }
bad_usage() { echo "new-service: $1 (run with --help for usage)" >&2; exit 2; }

# Options may come before or after NAME; --help anywhere wins.
NAME=""
PORT=""
FORCE=no
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --port) [ $# -ge 2 ] || bad_usage "--port needs a value"; PORT=$2; shift 2 ;;
    --port=*) PORT=${1#--port=}; shift ;;
    --force) FORCE=yes; shift ;;
    -*) bad_usage "unknown option '$1'" ;;
    *) [ -z "$NAME" ] || bad_usage "one NAME only (got '$NAME' and '$1')"; NAME=$1; shift ;;
  esac
done
[ -n "$NAME" ] || bad_usage "NAME is missing"
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

BASE=${NAME%-service}                          # clyde-eps
IDENT=$(echo "$BASE" | tr '-' '_')             # clyde_eps
MACRO=$(echo "$IDENT" | tr 'a-z' 'A-Z')        # CLYDE_EPS
PREFIX=$(echo "$MACRO" | tr '_' '-')           # CLYDE-EPS: requirement IDs CLYDE-EPS-1 ...
CAMEL=$(echo "$BASE" | sed -E 's/(^|-)([a-z])/\U\2/g')  # ClydeEps: class and test suite names

rm -rf "$DEST"
# Every file of the template, tests included (tests/unit, tests/integration),
# with every name changed: binary, namespace, macros, classes, test suites,
# requirement IDs and test names, and the --help description.
(cd "$TEMPLATE" && find . -type f ! -name '*.pyc' ! -path '*/__pycache__/*' | sort) | while read -r f; do
  mkdir -p "$DEST/$(dirname "$f")"
  sed -e "s/sim-eps-service/$NAME/g" \
      -e "s/sim_eps_service/${IDENT}_service/g" \
      -e "s/SIMEPS_SERVICE/${MACRO}_SERVICE/g" \
      -e "s/Reference hardware service for the simulated EPS (sim-eps)/$NAME: a KubOS hardware service/g" \
      -e "s/\bEps\(Model\|Schema\|Telemetry\)\b/${CAMEL}\1/g" \
      -e "s/\bEPS-\([0-9]\)/${PREFIX}-\1/g" \
      -e "s/\bEPS_\([0-9]\)/${MACRO}_\1/g; s/test_EPS_\([0-9]\)/test_${MACRO}_\1/g" \
      "$TEMPLATE/$f" > "$DEST/$f"
  if [ -x "$TEMPLATE/$f" ]; then chmod +x "$DEST/$f"; fi
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
