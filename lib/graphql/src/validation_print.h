// Internal: graphql-js's printForError(valueNode), which error messages use
// to show a literal (ValuesOfCorrectType, the built-in scalars' parseLiteral,
// getArgumentValues). It differs from printValueNode in one way: block
// strings print as block strings (printBlockString), as graphql-js's print()
// does, where printValueNode prints them as ordinary strings (what
// introspection's defaultValue needs).
#pragma once

#include <string>
#include <string_view>

#include "graphql/ast.h"

namespace gql::detail {

std::string printForError(const ast::ValueNode& value);

// graphql-js printBlockString: """...""" with graphql-js's line rules.
std::string printBlockString(std::string_view value);

}  // namespace gql::detail
