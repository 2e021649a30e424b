#include "graphql/error.h"

#include <string>

#include "graphql/value.h"

namespace kubos::graphql {

void appendErrorJson(std::string& out, const GraphQLError& e) {
  out.append("{\"message\":");
  appendJsonString(out, e.message);
  if (!e.locations.empty()) {
    out.append(",\"locations\":[");
    bool first = true;
    for (const SourceLocation& l : e.locations) {
      if (!first) out.push_back(',');
      first = false;
      out.append("{\"line\":");
      out.append(std::to_string(l.line));
      out.append(",\"column\":");
      out.append(std::to_string(l.column));
      out.push_back('}');
    }
    out.push_back(']');
  }
  if (e.hasPath) {
    out.append(",\"path\":[");
    bool first = true;
    for (const PathSegment& seg : e.path) {
      if (!first) out.push_back(',');
      first = false;
      if (const auto* key = std::get_if<std::string>(&seg)) {
        appendJsonString(out, *key);
      } else {
        out.append(std::to_string(std::get<std::int64_t>(seg)));
      }
    }
    out.push_back(']');
  }
  out.push_back('}');
}

}  // namespace kubos::graphql
