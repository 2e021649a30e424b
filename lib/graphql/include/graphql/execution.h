// Execution of a validated document (GraphQL spec section 6, graphql-js's
// execute()): operation selection, variable coercion, field collection,
// argument coercion, resolvers, result coercion, null propagation, errors
// with path. Queries run fields in order; mutations run top-level fields
// serially (everything is synchronous here, so both are serial).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graphql/ast.h"
#include "graphql/error.h"
#include "graphql/schema.h"
#include "graphql/value.h"

namespace kubos::graphql {

struct ExecutionResult {
  // `data` is absent when the request failed before execution (no operation,
  // bad variables); present (maybe null) once execution started.
  std::optional<Value> data;
  std::vector<GraphQLError> errors;
};

// Field collection results kept across executions of one document against
// one schema (thread-safe). Selections whose @skip/@include read a variable
// are collected per execution; everything else is collected once.
class ExecutionPlanCache;
// A new, empty cache; give it to every execute() of the same (schema, document).
[[nodiscard]] std::shared_ptr<ExecutionPlanCache> makeExecutionPlanCache();

struct ExecuteArgs {
  const Value* rootValue = nullptr;      // null: an empty object
  const Value* variableValues = nullptr; // raw (JSON) variables object, or null
  std::optional<std::string> operationName;
  // Optional: reuse field collection across executions. Must only ever be
  // used with the same schema and document (it keys on their addresses).
  ExecutionPlanCache* planCache = nullptr;
};

// Picks the operation (graphql-js getOperationAST semantics). Null when it
// cannot; then *error says why ("Must provide operation name if query
// contains multiple operations." / "Unknown operation named \"X\"." /
// "Must provide an operation.").
[[nodiscard]] const ast::OperationDefinition* selectOperation(const ast::Document& document,
                                                const std::optional<std::string>& operationName,
                                                std::string* error = nullptr);

[[nodiscard]] ExecutionResult execute(const Schema& schema, const ast::Document& document, const ExecuteArgs& args);

// Input coercion shared with validation and introspection:
// graphql-js coerceInputValue (from JSON variables) — throws nothing; on error
// fills `errors` with graphql-js's messages (e.g. 'Variable "$x" got invalid
// value "a"; Int cannot represent non-integer value: "a"').
[[nodiscard]] std::optional<Value> coerceVariableValues(const Schema& schema, const ast::OperationDefinition& op,
                                          const Value& inputs, std::vector<GraphQLError>& errors);
// graphql-js valueFromAST: literal -> internal value for `type`; nullopt if invalid.
[[nodiscard]] std::optional<Value> valueFromAST(const Schema& schema, const ast::ValueNode* node, const Type& type,
                                  const Value* variables);
// graphql-js valueFromASTUntyped.
Value valueFromASTUntyped(const ast::ValueNode& node, const Value* variables);

}  // namespace kubos::graphql
