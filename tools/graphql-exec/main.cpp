// graphql-exec: runs one GraphQL request against an SDL schema, where every
// field reads the same-named property of its parent (the JSON root value for
// top-level fields), and prints the response JSON a service would send.
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

#include "run_request.h"

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

  kubos::graphql_exec::RequestFiles files;
  files.schemaName = schemaPath;
  files.variablesName = variablesPath;
  files.rootName = rootPath;
  files.operationName = operationName;
  auto sdl = readFile(schemaPath);
  if (!sdl) return 1;
  files.sdl = std::move(*sdl);
  auto query = readFile(queryPath);
  if (!query) return 1;
  files.query = std::move(*query);
  if (!variablesPath.empty() && !(files.variablesJson = readFile(variablesPath))) return 1;
  if (!rootPath.empty() && !(files.rootJson = readFile(rootPath))) return 1;

  kubos::graphql_exec::Outcome outcome = kubos::graphql_exec::runRequest(std::move(files));
  if (outcome.status != 0) {
    std::cerr << outcome.error;
    return outcome.status;
  }
  std::cout << outcome.response << "\n";
  return std::cout.good() ? 0 : 1;
}
