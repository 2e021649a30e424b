// Helpers shared by coercion.cpp and execution.cpp (not a public interface):
// argument coercion and leaf serialisation.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "graphql/ast.h"
#include "graphql/error.h"
#include "graphql/schema.h"
#include "graphql/value.h"

namespace kubos::graphql::detail {

// An error raised while coercing or completing a value, before it gets a path.
// Empty `locations` means "use the field's nodes" (graphql-js locatedError).
struct RaisedError {
  std::string message;
  std::vector<SourceLocation> locations;
};

// graphql-js getArgumentValues for a field or directive. `node` is the field
// or directive node (location for "was not provided"). `variables` is the
// coerced variables object (may be null). Returns false and fills *error on
// failure.
bool getArgumentValues(const std::vector<InputValueDef>& defs, const ast::PtrList<ast::Argument>& argNodes,
                       const ast::Node& node, const Value* variables, Value& out, RaisedError* error);

// Result coercion of a leaf value (graphql-js serialize). Throws FieldError
// (or whatever a custom serializer throws) with graphql-js's message.
Value serializeLeaf(const NamedTypeDef& type, const Value& v);

}  // namespace kubos::graphql::detail
