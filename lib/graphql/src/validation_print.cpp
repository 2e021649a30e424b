#include "validation_print.h"

#include <algorithm>
#include <vector>

#include "graphql/parser.h"

namespace gql::detail {

using ast::Kind;

// graphql-js printBlockString (language/blockString.js).
std::string printBlockString(std::string_view value) {
  std::string escaped;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value.compare(i, 3, "\"\"\"") == 0) {
      escaped += "\\\"\"\"";
      i += 2;
    } else {
      escaped += value[i];
    }
  }
  // Split into lines on \r\n, \n or \r.
  std::vector<std::string_view> lines;
  std::string_view rest = escaped;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '\n' || rest[i] == '\r') {
      lines.push_back(rest.substr(0, i));
      const std::size_t skip = (rest[i] == '\r' && i + 1 < rest.size() && rest[i + 1] == '\n') ? 2 : 1;
      rest.remove_prefix(i + skip);
      i = static_cast<std::size_t>(-1);
    }
  }
  lines.push_back(rest);
  auto isWhiteSpace = [](char c) { return c == ' ' || c == '\t'; };
  const bool isSingleLine = lines.size() == 1;
  const bool forceLeadingNewLine =
      lines.size() > 1 && std::all_of(lines.begin() + 1, lines.end(), [&](std::string_view l) {
        return l.empty() || isWhiteSpace(l[0]);
      });
  auto endsWith = [](std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
  };
  const bool hasTrailingTripleQuotes = endsWith(escaped, "\\\"\"\"");
  const bool hasTrailingQuote = endsWith(value, "\"") && !hasTrailingTripleQuotes;
  const bool forceTrailingNewline = hasTrailingQuote || endsWith(value, "\\");
  std::size_t utf16Length = 0;  // JavaScript's value.length
  for (unsigned char c : value) {
    if ((c & 0xC0) != 0x80) ++utf16Length;
    if (c >= 0xF0) ++utf16Length;  // a surrogate pair
  }
  const bool printAsMultipleLines = !isSingleLine || utf16Length > 70 || forceTrailingNewline ||
                                    forceLeadingNewLine || hasTrailingTripleQuotes;
  const bool skipLeadingNewLine = isSingleLine && !value.empty() && isWhiteSpace(value[0]);
  std::string result = "\"\"\"";
  if ((printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine) result += '\n';
  result += escaped;
  if (printAsMultipleLines || forceTrailingNewline) result += '\n';
  return result + "\"\"\"";
}

namespace {

bool containsBlockString(const ast::ValueNode& v) {
  switch (v.kind) {
    case Kind::StringValue: return v.as<ast::StringValue>().block;
    case Kind::ListValue: {
      const auto& items = v.as<ast::ListValue>().values;
      return std::any_of(items.begin(), items.end(), [](const auto& i) { return i && containsBlockString(*i); });
    }
    case Kind::ObjectValue: {
      const auto& fields = v.as<ast::ObjectValue>().fields;
      return std::any_of(fields.begin(), fields.end(),
                         [](const auto& f) { return f->value && containsBlockString(*f->value); });
    }
    default: return false;
  }
}

}  // namespace

// graphql-js printForError for a value literal: as printValueNode, except
// that block strings print as block strings (printValueNode prints them as
// ordinary strings, as introspection wants).
std::string printForError(const ast::ValueNode& v) {
  if (!containsBlockString(v)) return printValueNode(v);
  switch (v.kind) {
    case Kind::StringValue: return printBlockString(v.as<ast::StringValue>().value);
    case Kind::ListValue: {
      std::string out = "[";
      const auto& items = v.as<ast::ListValue>().values;
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        out += printForError(*items[i]);
      }
      return out + "]";
    }
    case Kind::ObjectValue: {
      std::string out = "{";
      const auto& fields = v.as<ast::ObjectValue>().fields;
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out += ", ";
        out += fields[i]->name.value;
        out += ": ";
        out += printForError(*fields[i]->value);
      }
      return out + "}";
    }
    default: return printValueNode(v);
  }
}

}  // namespace gql::detail
