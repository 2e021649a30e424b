// Helpers shared by the schema and introspection tests.
#pragma once

#include <string>
#include <vector>

#include "graphql/error.h"

namespace kubos::graphql::test {

// Errors as the JSON array graphql-js's JSON.stringify(errors) gives.
inline std::string errorsJson(const std::vector<GraphQLError>& errors) {
  std::string out = "[";
  for (std::size_t i = 0; i < errors.size(); ++i) {
    if (i) out += ",";
    appendErrorJson(out, errors[i]);
  }
  return out + "]";
}

}  // namespace kubos::graphql::test
