// Validation of executable documents against a schema: every rule of
// graphql-js 16's `specifiedRules`, with graphql-js's messages.
#pragma once

#include <vector>

#include "graphql/ast.h"
#include "graphql/error.h"
#include "graphql/schema.h"

namespace kubos::graphql {

// Runs all specified rules in graphql-js's order. Stops after maxErrors and
// appends graphql-js's "Too many validation errors, error limit reached.
// Validation aborted." error, as graphql-js does.
[[nodiscard]] std::vector<GraphQLError> validate(const Schema& schema, const ast::Document& document,
                                   std::size_t maxErrors = 100);

}  // namespace kubos::graphql
