#!/usr/bin/python3
"""The Python peer of make bench's HTTP and footprint rows (bench/README.md):
the KubOS Python service framework's stack, Flask on werkzeug's threaded
server, with graphql-core (KubOS used graphene 2, a layer over graphql-core 2, which is Debian 12's)
serving the hardware base schema + telemetry.graphql with telemetry.json in
memory. Debian's python3-flask and python3-graphql-core, so run it with
/usr/bin/python3:

    /usr/bin/python3 bench/peers/flask_graphql.py PORT

werkzeug speaks HTTP/1.1 here (keep-alive, as the other servers of the
benchmark); KubOS's app.run() left it at HTTP/1.0, a new connection per
request, which would be slower still."""
import json
import logging
import os
import re
import sys

from flask import Flask, jsonify, request
from graphql import build_ast_schema, graphql, parse
from werkzeug.serving import WSGIRequestHandler

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def strip_descriptions(text):
    """The SDL without comments and descriptions: graphql-core 2 (Debian 12's,
    the generation graphene 2 and KubOS used) predates SDL descriptions. They
    do not change what a query answers."""
    text = re.sub(r'(?m)^\s*#.*$', "", text)
    text = re.sub(r'"""[\s\S]*?"""', "", text)
    return re.sub(r'(?m)^\s*"[^"\n]*"\s*$', "", text)


def schema():
    """One document: graphql-core 2 executes no extended schema, so the
    device's `extend type Telemetry` fields are written into the base type,
    and the schema definition is written out, as it requires."""
    base = strip_descriptions(read(os.path.join(REPO, "lib", "service", "schema", "hardware_base.graphql")))
    ext = strip_descriptions(read(os.path.join(HERE, "telemetry.graphql")))
    fields = ext[ext.index("{") + 1:ext.rindex("}")]
    base = re.sub(r"type Telemetry\s*\{", lambda m: m.group(0) + fields, base, count=1)
    return build_ast_schema(parse(base + "\nschema { query: Query mutation: Mutation }\n"))


SCHEMA = schema()
TELEMETRY = json.loads(read(os.path.join(HERE, "telemetry.json")))


class Root:  # graphql-core 2's default resolver reads attributes
    ping = "pong"

    class telemetry:  # noqa: N801 (a field name)
        pass


for _k, _v in TELEMETRY.items():
    setattr(Root.telemetry, _k, _v)
ROOT = Root()

app = Flask(__name__)
app.json.sort_keys = False  # the fields in the order asked, as GraphQL answers


@app.route("/", methods=["POST"])
@app.route("/graphql", methods=["POST"])
def graphql_endpoint():
    body = request.get_json(force=True, silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("query"), str):
        return jsonify({"errors": [{"message": "expected a JSON object with a query string"}]}), 400
    result = graphql(SCHEMA, body["query"], root=ROOT,
                     variables=body.get("variables"), operation_name=body.get("operationName"))
    out = {"data": result.data}
    if result.errors:
        out["errors"] = [{"message": str(e)} for e in result.errors]
    return jsonify(out)


def main():
    if len(sys.argv) != 2 or not sys.argv[1].isdigit():
        sys.exit("usage: flask_graphql.py PORT")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    WSGIRequestHandler.protocol_version = "HTTP/1.1"
    app.run(host="127.0.0.1", port=int(sys.argv[1]), threaded=True)


if __name__ == "__main__":
    main()
