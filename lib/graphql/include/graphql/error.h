// GraphQLError: what every stage (lexer, parser, validation, execution)
// reports. Serialised as {"message", "locations"?, "path"?} — nothing else,
// because KubOS clients reject unknown keys.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "graphql/ast.h"

namespace kubos::graphql {

struct SourceLocation {
  std::uint32_t line = 0;    // 1-based
  std::uint32_t column = 0;  // 1-based
  bool operator==(const SourceLocation&) const = default;
};

using PathSegment = std::variant<std::string, std::int64_t>;  // field key or list index

struct GraphQLError {
  std::string message;
  std::vector<SourceLocation> locations;
  std::vector<PathSegment> path;
  bool hasPath = false;  // a field error has a path (even an empty one never happens)

  GraphQLError() = default;
  explicit GraphQLError(std::string msg) : message(std::move(msg)) {}
  GraphQLError(std::string msg, std::vector<SourceLocation> locs)
      : message(std::move(msg)), locations(std::move(locs)) {}
  // Location of a node (its first token).
  GraphQLError(std::string msg, const ast::Node& node)
      : message(std::move(msg)), locations{{node.loc.line, node.loc.column}} {}
};

// Appends the JSON of one error: {"message":...,"locations":[...],"path":[...]}
void appendErrorJson(std::string& out, const GraphQLError& e);

// What a resolver throws to report a field error with a message of its own.
// Any other std::exception thrown by a resolver is reported with its what().
class FieldError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace kubos::graphql
