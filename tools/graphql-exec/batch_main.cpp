// graphql-exec-batch: graphql-exec for many requests in one process, for the
// random differential tester (tests/graphql-random), where a process per case
// would cost more than the case itself.
//
// Reads one JSON object per line on stdin:
//   {"schema": SDL, "query": DOC, "variables": JSON-text|null, "root": JSON-text|null, "operation": NAME|null}
// and answers each with one line on stdout, flushed:
//   "0 " + the response graphql-exec would print, or
//   "1 " + a JSON string holding what graphql-exec would print on stderr (schema refused, bad JSON),
//   "2 " + a JSON string saying why the line itself is not a request.
// variables and root stay JSON text so that they are read exactly as
// graphql-exec reads its files.
#include <iostream>
#include <string>

#include "graphql/value.h"
#include "run_request.h"

namespace {

namespace gql = kubos::graphql;

std::string quoted(std::string_view s) {
  std::string out;
  gql::appendJsonString(out, s);
  return out;
}

// Reads an optional string member; false when it is there but not a string or null.
bool optionalString(const gql::Value& line, const char* key, std::optional<std::string>& out) {
  const gql::Value* v = line.find(key);
  if (!v || v->isNull()) return true;
  if (!v->isString()) return false;
  out = v->asString();
  return true;
}

std::string answer(const std::string& text) {
  gql::JsonParseError jerr;
  auto line = gql::parseJson(text, &jerr);
  if (!line || !line->isObject()) return "2 " + quoted("request line is not a JSON object: " + jerr.message);
  kubos::graphql_exec::RequestFiles files;
  files.schemaName = "schema";
  files.variablesName = "variables";
  files.rootName = "root";
  std::optional<std::string> sdl, query, operation;
  if (!optionalString(*line, "schema", sdl) || !optionalString(*line, "query", query) || !sdl || !query ||
      !optionalString(*line, "variables", files.variablesJson) || !optionalString(*line, "root", files.rootJson) ||
      !optionalString(*line, "operation", operation))
    return "2 " + quoted("request line needs string members schema and query, and string or null variables, root, operation");
  files.sdl = std::move(*sdl);
  files.query = std::move(*query);
  if (operation) files.operationName = std::move(*operation);
  kubos::graphql_exec::Outcome outcome = kubos::graphql_exec::runRequest(std::move(files));
  if (outcome.status != 0) return std::to_string(outcome.status) + " " + quoted(outcome.error);
  return "0 " + outcome.response;
}

}  // namespace

int main() {
  std::ios::sync_with_stdio(false);
  std::string text;
  while (std::getline(std::cin, text)) {
    if (text.empty()) continue;
    std::cout << answer(text) << '\n' << std::flush;
  }
  return 0;
}
