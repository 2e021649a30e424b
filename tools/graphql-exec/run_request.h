// One graphql-exec request, shared by graphql-exec (one request from files)
// and graphql-exec-batch (many requests on stdin, for the random tester).
#pragma once

#include <optional>
#include <string>

namespace kubos::graphql_exec {

struct RequestFiles {
  std::string schemaName;  // used in messages about the schema ("file:line:column: ...")
  std::string sdl;
  std::string query;
  std::optional<std::string> variablesJson;  // JSON text, read as JSON.parse reads it
  std::string variablesName;
  std::optional<std::string> rootJson;
  std::string rootName;
  std::string operationName;
};

struct Outcome {
  int status = 0;        // graphql-exec's exit status: 0 with a response, 1 when refused
  std::string response;  // the response JSON (status 0)
  std::string error;     // what graphql-exec prints on stderr (status 1), one line per problem
};

[[nodiscard]] Outcome runRequest(RequestFiles files);

}  // namespace kubos::graphql_exec
