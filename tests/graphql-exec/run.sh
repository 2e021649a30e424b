#!/usr/bin/env bash
# graphql-exec against graphql-js's answer (expected.json, from oracle.js),
# plus its exit statuses (docs/services.md, "graphql-exec"). Usage: run.sh BINARY
set -u
bin="$1"
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {  # name expected-status actual-status
  if [ "$2" != "$3" ]; then echo "FAIL $1: exit status $3, expected $2"; fail=1; else echo "ok   $1"; fi
}

# Response identical to graphql-js's, exit 0 even though it holds errors.
"$bin" --schema "$here/schema.graphql" --query "$here/query.graphql" --variables "$here/variables.json" \
  --root "$here/root.json" --operation Telemetry >"$tmp/out" 2>"$tmp/err"
check "GQL_12 response with errors" 0 $?
if ! diff <(cat "$here/expected.json") "$tmp/out" >/dev/null; then
  echo "FAIL response differs from graphql-js:"; diff "$here/expected.json" "$tmp/out"; fail=1
else
  echo "ok   response equals graphql-js's"
fi

# Without --root, top-level fields read an empty object.
"$bin" --schema "$here/schema.graphql" --query "$here/query.graphql" --operation Other >"$tmp/out" 2>&1
check "GQL_12 no root" 0 $?
grep -qx '{"errors":\[{"message":"Cannot return null for non-nullable field Query.ping.","locations":\[{"line":16,"column":15}\],"path":\["ping"\]}\],"data":null}' "$tmp/out" \
  || { echo "FAIL no root output: $(cat "$tmp/out")"; fail=1; }

# Several operations and no --operation: a response with graphql-js's message.
"$bin" --schema "$here/schema.graphql" --query "$here/query.graphql" >"$tmp/out" 2>&1
check "GQL_12 operation required" 0 $?
grep -q 'Must provide operation name if query contains multiple operations.' "$tmp/out" \
  || { echo "FAIL operation required output: $(cat "$tmp/out")"; fail=1; }

# Usage errors: exit 2 with one line on stderr.
"$bin" --schema "$here/schema.graphql" >"$tmp/out" 2>"$tmp/err"
check "GQL_12 missing --query" 2 $?
[ "$(wc -l <"$tmp/err")" = 1 ] || { echo "FAIL usage error is not one line"; fail=1; }
"$bin" --bogus >"$tmp/out" 2>"$tmp/err"
check "GQL_12 unknown flag" 2 $?
"$bin" --help >"$tmp/out" 2>&1
check "GQL_12 --help" 0 $?

# Unreadable files and bad input files: exit 1 with a message naming the file.
"$bin" --schema "$tmp/nope.graphql" --query "$here/query.graphql" >"$tmp/out" 2>"$tmp/err"
check "GQL_12 missing schema file" 1 $?
grep -q 'nope.graphql' "$tmp/err" || { echo "FAIL message does not name the file"; fail=1; }
echo 'type Query { a: Nope }' >"$tmp/bad.graphql"
"$bin" --schema "$tmp/bad.graphql" --query "$here/query.graphql" >"$tmp/out" 2>"$tmp/err"
check "GQL_12 invalid SDL" 1 $?
grep -q 'Nope' "$tmp/err" || { echo "FAIL SDL error not reported: $(cat "$tmp/err")"; fail=1; }
echo '{"units":' >"$tmp/bad.json"
"$bin" --schema "$here/schema.graphql" --query "$here/query.graphql" --variables "$tmp/bad.json" >"$tmp/out" 2>"$tmp/err"
check "GQL_12 invalid variables JSON" 1 $?
[ -s "$tmp/out" ] && { echo "FAIL printed a response for unreadable input"; fail=1; }

exit $fail
