#include "run_request.h"

#include <memory>
#include <utility>
#include <vector>

#include "graphql/engine.h"
#include "graphql/schema.h"
#include "graphql/value.h"

namespace kubos::graphql_exec {

namespace gql = kubos::graphql;

namespace {

constexpr const char* kProg = "graphql-exec";

// graphql-exec reads JSON as JSON.parse does (1e400 is Infinity, lone
// surrogate escapes are kept), so that it answers what graphql-js answers.
std::optional<gql::Value> readJson(const std::string& text, const std::string& name, std::string& error) {
  gql::JsonParseError jerr;
  auto value = gql::parseJsonLikeJavaScript(text, &jerr);
  if (!value) error += std::string(kProg) + ": " + name + " is not valid JSON: " + jerr.message + "\n";
  return value;
}

}  // namespace

Outcome runRequest(RequestFiles files) {
  Outcome outcome;
  std::optional<gql::Value> variables;
  if (files.variablesJson && !(variables = readJson(*files.variablesJson, files.variablesName, outcome.error))) {
    outcome.status = 1;
    return outcome;
  }
  std::optional<gql::Value> root;
  if (files.rootJson && !(root = readJson(*files.rootJson, files.rootName, outcome.error))) {
    outcome.status = 1;
    return outcome;
  }

  std::vector<gql::GraphQLError> errors;
  std::shared_ptr<gql::Schema> schema = gql::Schema::fromSDL(std::move(files.sdl), &errors);
  if (!schema) {
    for (const auto& e : errors) {
      outcome.error += std::string(kProg) + ": " + files.schemaName;
      if (!e.locations.empty())
        outcome.error += ":" + std::to_string(e.locations[0].line) + ":" + std::to_string(e.locations[0].column);
      outcome.error += ": " + e.message + "\n";
    }
    if (errors.empty()) outcome.error += std::string(kProg) + ": " + files.schemaName + ": invalid schema\n";
    outcome.status = 1;
    return outcome;
  }

  // Build the request a client would send, so that bad variables are
  // answered exactly as a service answers them.
  gql::Value request = gql::Value::object();
  request.add("query", gql::Value(std::move(files.query)));
  if (variables) request.add("variables", std::move(*variables));
  if (!files.operationName.empty()) request.add("operationName", gql::Value(files.operationName));

  gql::Engine engine(schema);
  std::string error;
  if (auto req = gql::requestFromValue(request, &error)) {
    outcome.response = gql::resultToJson(engine.execute(*req, root ? &*root : nullptr));
  } else {
    gql::ExecutionResult r;
    r.errors.emplace_back(error);
    outcome.response = gql::resultToJson(r);
  }
  return outcome;
}

}  // namespace kubos::graphql_exec
