// Lexer and parser: GraphQL source text -> ast::Document.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "graphql/ast.h"
#include "graphql/error.h"

namespace kubos::graphql {

struct ParseLimits {
  std::size_t maxSourceBytes = 1 << 20;  // longer documents are refused before lexing
  std::uint32_t maxTokens = 100'000;     // graphql-js's maxTokens option
  std::uint32_t maxDepth = 128;          // nesting of selection sets, lists, objects, list types
                                         // (at most 1000 whatever is asked: stack safety)
};

struct ParseResult {
  std::unique_ptr<ast::Document> document;  // null on error
  std::optional<GraphQLError> error;        // "Syntax Error: ..." with location
};

// Parses an executable document or SDL (any mix of definitions, as graphql-js's
// parse() does). Errors are worded as graphql-js words them, e.g.
//   Syntax Error: Expected Name, found "}".
// A limit exceeded gives e.g.
//   Syntax Error: Document contains more than 100000 tokens. Parsing aborted.
[[nodiscard]] ParseResult parse(std::string source, const ParseLimits& limits = {});

// Parses a single value literal (graphql-js's parseValue; variables allowed,
// or refused with constOnly as parseConstValue) into Document::value.
[[nodiscard]] ParseResult parseValueDocument(std::string source, const ParseLimits& limits = {},
                               bool constOnly = false);
// Parses a single type reference (graphql-js's parseType) into Document::type.
[[nodiscard]] ParseResult parseTypeDocument(std::string source, const ParseLimits& limits = {});

// Prints a value literal as GraphQL (graphql-js's print() for ValueNodes),
// e.g. {a: [1, 2], b: "x"} — used for introspection's defaultValue.
std::string printValueNode(const ast::ValueNode& v);
// Prints a type reference, e.g. [String!]!
std::string printTypeNode(const ast::TypeNode& t);

// graphql-js's printBlockString / string escaping helpers live in the printer.
std::string printString(std::string_view s);  // "..." with JSON-style escapes
std::string printBlockString(std::string_view value);  // """...""" as graphql-js prints it

}  // namespace kubos::graphql
