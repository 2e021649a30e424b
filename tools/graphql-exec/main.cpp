// graphql-exec: runs one GraphQL request against an SDL schema, where every
// field reads the same-named property of its parent (the JSON root value for
// top-level fields), and prints the response JSON a service would send
// (lib/service/README.md, "GraphQL over HTTP").
//
// Exit status: 0 whenever a response was printed (even one holding errors),
// 2 for a usage error, 1 when a file cannot be read or the schema is invalid.
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#include "graphql/engine.h"
#include "graphql/schema.h"
#include "graphql/value.h"

namespace {

constexpr const char* kProg = "graphql-exec";

std::optional<std::string> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << kProg << ": cannot read " << path << ": " << std::strerror(errno) << "\n";
    return std::nullopt;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    std::cerr << kProg << ": cannot read " << path << "\n";
    return std::nullopt;
  }
  return ss.str();
}

std::optional<kubos::graphql::Value> readJsonFile(const std::string& path) {
  auto text = readFile(path);
  if (!text) return std::nullopt;
  kubos::graphql::JsonParseError error;
  auto value = kubos::graphql::parseJson(*text, &error);
  if (!value) std::cerr << kProg << ": " << path << " is not valid JSON: " << error.message << "\n";
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Runs one GraphQL request against an SDL schema with default resolvers over a JSON root value,\n"
               "and prints the response JSON a service would send.",
               kProg};
  std::string schemaPath, queryPath, variablesPath, rootPath, operationName;
  app.add_option("--schema", schemaPath, "SDL file of the schema")->required();
  app.add_option("--query", queryPath, "GraphQL document to run")->required();
  app.add_option("--variables", variablesPath, "JSON object of variable values");
  app.add_option("--root", rootPath, "JSON root value (top-level fields read its properties)");
  app.add_option("--operation", operationName, "name of the operation to run");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help
    std::cerr << kProg << ": " << e.what() << " (run with --help for usage)\n";
    return 2;
  }

  auto sdl = readFile(schemaPath);
  if (!sdl) return 1;
  auto query = readFile(queryPath);
  if (!query) return 1;
  std::optional<kubos::graphql::Value> variables;
  if (!variablesPath.empty() && !(variables = readJsonFile(variablesPath))) return 1;
  std::optional<kubos::graphql::Value> root;
  if (!rootPath.empty() && !(root = readJsonFile(rootPath))) return 1;

  std::vector<kubos::graphql::GraphQLError> errors;
  std::shared_ptr<kubos::graphql::Schema> schema = kubos::graphql::Schema::fromSDL(std::move(*sdl), &errors);
  if (!schema) {
    for (const auto& e : errors) {
      std::cerr << kProg << ": " << schemaPath;
      if (!e.locations.empty()) std::cerr << ":" << e.locations[0].line << ":" << e.locations[0].column;
      std::cerr << ": " << e.message << "\n";
    }
    if (errors.empty()) std::cerr << kProg << ": " << schemaPath << ": invalid schema\n";
    return 1;
  }

  // Build the request a client would send, so that bad variables are
  // answered exactly as a service answers them.
  kubos::graphql::Value request = kubos::graphql::Value::object();
  request.add("query", kubos::graphql::Value(std::move(*query)));
  if (variables) request.add("variables", std::move(*variables));
  if (!operationName.empty()) request.add("operationName", kubos::graphql::Value(operationName));

  kubos::graphql::Engine engine(schema);
  std::string out;
  std::string error;
  if (auto req = kubos::graphql::requestFromValue(request, &error)) {
    out = kubos::graphql::resultToJson(engine.execute(*req, root ? &*root : nullptr));
  } else {
    kubos::graphql::ExecutionResult r;
    r.errors.emplace_back(error);
    out = kubos::graphql::resultToJson(r);
  }
  std::cout << out << "\n";
  return std::cout.good() ? 0 : 1;
}
