// graphql-js's print() for value literals and type references, and its
// printString. Used for introspection's defaultValue and error messages.
#include <algorithm>
#include <cstdio>
#include <vector>

#include "graphql/parser.h"

namespace kubos::graphql {

namespace {

void appendEscapedUnit(std::string& out, unsigned code) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "\\u%04X", code);
  out.append(hex);
}

void appendValue(std::string& out, const ast::ValueNode& v);

void appendType(std::string& out, const ast::TypeNode& t) {
  switch (t.kind) {
    case ast::Kind::NamedType:
      out.append(t.as<ast::NamedType>().name.value);
      break;
    case ast::Kind::ListType:
      out.push_back('[');
      appendType(out, *t.as<ast::ListType>().type);
      out.push_back(']');
      break;
    case ast::Kind::NonNullType:
      appendType(out, *t.as<ast::NonNullType>().type);
      out.push_back('!');
      break;
    default:
      break;
  }
}

void appendValue(std::string& out, const ast::ValueNode& v) {
  using ast::Kind;
  switch (v.kind) {
    case Kind::Variable:
      out.push_back('$');
      out.append(v.as<ast::Variable>().name.value);
      break;
    case Kind::IntValue:
      out.append(v.as<ast::IntValue>().value);
      break;
    case Kind::FloatValue:
      out.append(v.as<ast::FloatValue>().value);
      break;
    case Kind::StringValue: {
      // As graphql-js print(): a block string literal prints back as a block
      // string (error messages quote it so). Values built by astFromValue
      // (introspection's defaultValue) are never blocks.
      const auto& str = v.as<ast::StringValue>();
      out.append(str.block ? printBlockString(str.value) : printString(str.value));
      break;
    }
    case Kind::BooleanValue:
      out.append(v.as<ast::BooleanValue>().value ? "true" : "false");
      break;
    case Kind::NullValue:
      out.append("null");
      break;
    case Kind::EnumValue:
      out.append(v.as<ast::EnumValue>().value);
      break;
    case Kind::ListValue: {
      out.push_back('[');
      bool first = true;
      for (const auto& item : v.as<ast::ListValue>().values) {
        if (!first) out.append(", ");
        first = false;
        appendValue(out, *item);
      }
      out.push_back(']');
      break;
    }
    case Kind::ObjectValue: {
      out.push_back('{');
      bool first = true;
      for (const auto& field : v.as<ast::ObjectValue>().fields) {
        if (!first) out.append(", ");
        first = false;
        out.append(field->name.value);
        out.append(": ");
        appendValue(out, *field->value);
      }
      out.push_back('}');
      break;
    }
    default:
      break;
  }
}

}  // namespace

std::string printValueNode(const ast::ValueNode& v) {
  std::string out;
  appendValue(out, v);
  return out;
}

std::string printTypeNode(const ast::TypeNode& t) {
  std::string out;
  appendType(out, t);
  return out;
}

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

// graphql-js escapes U+0000..U+001F, '"', '\\' and U+007F..U+009F.
std::string printString(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out.append("\\\""); continue;
      case '\\': out.append("\\\\"); continue;
      case '\b': out.append("\\b"); continue;
      case '\t': out.append("\\t"); continue;
      case '\n': out.append("\\n"); continue;
      case '\f': out.append("\\f"); continue;
      case '\r': out.append("\\r"); continue;
      default: break;
    }
    if (c < 0x20 || c == 0x7F) {
      appendEscapedUnit(out, c);
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      // U+0080..U+009F, encoded C2 80..C2 9F.
      appendEscapedUnit(out, static_cast<unsigned char>(s[i + 1]));
      ++i;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back('"');
  return out;
}

}  // namespace kubos::graphql
