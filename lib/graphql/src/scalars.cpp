// The built-in scalars (Int, Float, String, Boolean, ID) with graphql-js's
// coercion rules and messages, the defaults of custom scalars, and inspect().
#include <cmath>
#include <cstdlib>
#include <limits>

#include "graphql/execution.h"
#include "graphql/parser.h"
#include "inspect.h"
#include "schema_impl.h"

namespace kubos::graphql {

// ---- inspect ---------------------------------------------------------------

namespace {

constexpr std::size_t kMaxArrayLength = 10;
constexpr std::size_t kMaxRecursiveDepth = 2;

// `depth` is graphql-js's seenValues.length: the containers already entered.
void formatValue(std::string& out, const Value& v, std::size_t depth) {
  switch (v.kind()) {
    case Value::Kind::Null: out += "null"; return;
    case Value::Kind::Bool: out += v.asBool() ? "true" : "false"; return;
    case Value::Kind::Int:
    case Value::Kind::Float: out += jsNumberToString(v); return;
    case Value::Kind::String: appendJsonString(out, v.asString()); return;
    case Value::Kind::Handle: out += "{}"; return;  // an opaque host object
    case Value::Kind::List: {
      const auto& list = v.asList();
      if (list.empty()) {
        out += "[]";
        return;
      }
      if (depth + 1 > kMaxRecursiveDepth) {
        out += "[Array]";
        return;
      }
      const std::size_t len = std::min(kMaxArrayLength, list.size());
      out += '[';
      for (std::size_t i = 0; i < len; ++i) {
        if (i) out += ", ";
        formatValue(out, list[i], depth + 1);
      }
      const std::size_t remaining = list.size() - len;
      if (remaining == 1) {
        out += ", ... 1 more item";
      } else if (remaining > 1) {
        out += ", ... " + std::to_string(remaining) + " more items";
      }
      out += ']';
      return;
    }
    case Value::Kind::Object: {
      const auto& obj = v.asObject();
      if (obj.empty()) {
        out += "{}";
        return;
      }
      if (depth + 1 > kMaxRecursiveDepth) {
        out += "[Object]";
        return;
      }
      out += "{ ";
      bool first = true;
      for (const auto& [key, member] : obj) {
        if (!first) out += ", ";
        first = false;
        out += key;
        out += ": ";
        formatValue(out, member, depth + 1);
      }
      out += " }";
      return;
    }
  }
}

// JavaScript's StrWhiteSpaceChar (WhiteSpace and LineTerminator), which
// Number() strips: ASCII TAB..CR and space, plus U+00A0, U+1680, U+2000-200A,
// U+2028, U+2029, U+202F, U+205F, U+3000 and U+FEFF.
bool isJsWhitespace(std::uint32_t cp) {
  if (cp == ' ' || (cp >= 0x09 && cp <= 0x0d)) return true;
  switch (cp) {
    case 0x00A0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

// The code point of the UTF-8 sequence of `len` bytes at s[i] (already
// known to be well formed only as far as the lead byte goes: callers compare
// the result against whitespace, so a malformed tail just fails to match).
std::uint32_t decodeAt(std::string_view s, std::size_t i, std::size_t len) {
  auto b = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[i + k])); };
  if (len == 1) return b(0);
  if (len == 2) return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
  return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
}

// Every JavaScript white-space character is 1, 2 or 3 bytes in UTF-8.
void trimJsWhitespace(std::string_view& s) {
  for (bool trimmed = true; trimmed && !s.empty();) {
    trimmed = false;
    auto lead = static_cast<unsigned char>(s.front());
    std::size_t len = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 0;
    if (len != 0 && len <= s.size() && isJsWhitespace(decodeAt(s, 0, len))) {
      s.remove_prefix(len);
      trimmed = true;
    }
  }
  for (bool trimmed = true; trimmed && !s.empty();) {
    trimmed = false;
    for (std::size_t len = 1; len <= 3 && len <= s.size(); ++len) {
      std::size_t at = s.size() - len;
      auto lead = static_cast<unsigned char>(s[at]);
      std::size_t want = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 0;
      if (want == len && isJsWhitespace(decodeAt(s, at, len))) {
        s.remove_suffix(len);
        trimmed = true;
        break;
      }
    }
  }
}

}  // namespace

std::string inspect(const Value& v) {
  std::string out;
  formatValue(out, v, 0);
  return out;
}

std::string jsNumberToString(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  return toJson(Value(d));  // JSON.stringify prints finite numbers as String() does
}

std::string jsNumberToString(const Value& number) {
  if (number.isInt()) return std::to_string(number.asInt());
  return jsNumberToString(number.asFloat());
}

std::optional<double> jsStringToNumber(std::string_view s) {
  trimJsWhitespace(s);
  if (s.empty()) return 0.0;
  // 0x / 0o / 0b integers (no sign allowed, as in JavaScript).
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X' || s[1] == 'o' || s[1] == 'O' ||
                                      s[1] == 'b' || s[1] == 'B')) {
    const int base = (s[1] == 'x' || s[1] == 'X') ? 16 : (s[1] == 'o' || s[1] == 'O') ? 8 : 2;
    double result = 0;
    for (char c : s.substr(2)) {
      int digit;
      if (c >= '0' && c <= '9') digit = c - '0';
      else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
      else return std::nullopt;
      if (digit >= base) return std::nullopt;
      result = result * base + digit;
    }
    return result;
  }
  std::string_view body = s;
  bool negative = false;
  if (body.front() == '+' || body.front() == '-') {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  if (body == "Infinity") return negative ? -std::numeric_limits<double>::infinity()
                                          : std::numeric_limits<double>::infinity();
  // StrDecimalLiteral: digits [. digits] [e [+-] digits], at least one digit
  // before the exponent. Checked here because strtod also takes hex and "inf".
  std::size_t i = 0, intDigits = 0, fracDigits = 0;
  while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++intDigits;
  if (i < body.size() && body[i] == '.') {
    ++i;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++fracDigits;
  }
  if (intDigits + fracDigits == 0) return std::nullopt;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    ++i;
    if (i < body.size() && (body[i] == '+' || body[i] == '-')) ++i;
    std::size_t expDigits = 0;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++expDigits;
    if (expDigits == 0) return std::nullopt;
  }
  if (i != body.size()) return std::nullopt;
  const std::string text(s);
  return std::strtod(text.c_str(), nullptr);
}

// ---- Built-in scalars --------------------------------------------------------

namespace {

constexpr double kMaxInt = 2147483647.0;
constexpr double kMinInt = -2147483648.0;

[[noreturn]] void fail(const std::string& message) { throw FieldError(message); }

bool isIntegral(double d) { return std::isfinite(d) && std::trunc(d) == d; }

// graphql-js serialize() first turns booleans and numeric strings into numbers
// for Int and Float; nullopt when the value is not numeric at all.
std::optional<double> numericForSerialize(const Value& v) {
  if (v.isBool()) return v.asBool() ? 1.0 : 0.0;
  if (v.isNumber()) return v.asNumber();
  if (v.isString() && !v.asString().empty()) return jsStringToNumber(v.asString());
  return std::nullopt;
}

Value serializeInt(const Value& v) {
  if (v.isInt()) {
    const auto i = v.asInt();
    if (i > 2147483647 || i < -2147483648LL)
      fail("Int cannot represent non 32-bit signed integer value: " + inspect(v));
    return v;
  }
  auto num = numericForSerialize(v);
  if (!num || !isIntegral(*num)) fail("Int cannot represent non-integer value: " + inspect(v));
  if (*num > kMaxInt || *num < kMinInt)
    fail("Int cannot represent non 32-bit signed integer value: " + inspect(v));
  return Value(static_cast<std::int64_t>(*num));
}

Value parseValueInt(const Value& v) {
  if (!v.isNumber() || !isIntegral(v.asNumber()))
    fail("Int cannot represent non-integer value: " + inspect(v));
  if (v.asNumber() > kMaxInt || v.asNumber() < kMinInt)
    fail("Int cannot represent non 32-bit signed integer value: " + jsNumberToString(v));
  return Value(static_cast<std::int64_t>(v.asNumber()));
}

Value parseLiteralInt(const ast::ValueNode& node, const Value*) {
  if (node.kind != ast::Kind::IntValue)
    fail("Int cannot represent non-integer value: " + printValueNode(node));
  const std::string text(node.as<ast::IntValue>().value);
  const double num = std::strtod(text.c_str(), nullptr);  // parseInt of a valid IntValue
  if (num > kMaxInt || num < kMinInt)
    fail("Int cannot represent non 32-bit signed integer value: " + text);
  return Value(static_cast<std::int64_t>(num));
}

Value serializeFloat(const Value& v) {
  if (v.isNumber()) {
    if (!std::isfinite(v.asNumber())) fail("Float cannot represent non numeric value: " + inspect(v));
    return v;
  }
  auto num = numericForSerialize(v);
  if (!num || !std::isfinite(*num)) fail("Float cannot represent non numeric value: " + inspect(v));
  return Value(*num);
}

Value parseValueFloat(const Value& v) {
  if (!v.isNumber() || !std::isfinite(v.asNumber()))
    fail("Float cannot represent non numeric value: " + inspect(v));
  return v;
}

Value parseLiteralFloat(const ast::ValueNode& node, const Value*) {
  std::string text;
  if (node.kind == ast::Kind::FloatValue) text = node.as<ast::FloatValue>().value;
  else if (node.kind == ast::Kind::IntValue) text = node.as<ast::IntValue>().value;
  else fail("Float cannot represent non numeric value: " + printValueNode(node));
  return Value(std::strtod(text.c_str(), nullptr));
}

Value serializeString(const Value& v) {
  if (v.isString()) return v;
  if (v.isBool()) return Value(v.asBool() ? "true" : "false");
  if (v.isNumber() && std::isfinite(v.asNumber())) return Value(jsNumberToString(v));
  fail("String cannot represent value: " + inspect(v));
}

Value parseValueString(const Value& v) {
  if (!v.isString()) fail("String cannot represent a non string value: " + inspect(v));
  return v;
}

Value parseLiteralString(const ast::ValueNode& node, const Value*) {
  if (node.kind != ast::Kind::StringValue)
    fail("String cannot represent a non string value: " + printValueNode(node));
  return Value(node.as<ast::StringValue>().value);
}

Value serializeBoolean(const Value& v) {
  if (v.isBool()) return v;
  if (v.isNumber() && std::isfinite(v.asNumber())) return Value(v.asNumber() != 0);
  fail("Boolean cannot represent a non boolean value: " + inspect(v));
}

Value parseValueBoolean(const Value& v) {
  if (!v.isBool()) fail("Boolean cannot represent a non boolean value: " + inspect(v));
  return v;
}

Value parseLiteralBoolean(const ast::ValueNode& node, const Value*) {
  if (node.kind != ast::Kind::BooleanValue)
    fail("Boolean cannot represent a non boolean value: " + printValueNode(node));
  return Value(node.as<ast::BooleanValue>().value);
}

Value serializeID(const Value& v) {
  if (v.isString()) return v;
  if (v.isNumber() && isIntegral(v.asNumber())) return Value(jsNumberToString(v));
  fail("ID cannot represent value: " + inspect(v));
}

Value parseValueID(const Value& v) {
  if (v.isString()) return v;
  if (v.isNumber() && isIntegral(v.asNumber())) return Value(jsNumberToString(v));
  fail("ID cannot represent value: " + inspect(v));
}

Value parseLiteralID(const ast::ValueNode& node, const Value*) {
  if (node.kind == ast::Kind::StringValue) return Value(node.as<ast::StringValue>().value);
  if (node.kind == ast::Kind::IntValue) return Value(std::string(node.as<ast::IntValue>().value));
  fail("ID cannot represent a non-string and non-integer value: " + printValueNode(node));
}

}  // namespace

namespace detail {

std::unique_ptr<ScalarType> makeBuiltinScalar(std::string_view name) {
  auto t = std::make_unique<ScalarType>();
  t->name = std::string(name);
  if (name == "Int") {
    t->description =
        "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent "
        "values between -(2^31) and 2^31 - 1.";
    t->serialize = serializeInt;
    t->parseValue = parseValueInt;
    t->parseLiteral = parseLiteralInt;
  } else if (name == "Float") {
    t->description =
        "The `Float` scalar type represents signed double-precision fractional values as specified by "
        "[IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).";
    t->serialize = serializeFloat;
    t->parseValue = parseValueFloat;
    t->parseLiteral = parseLiteralFloat;
  } else if (name == "String") {
    t->description =
        "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The "
        "String type is most often used by GraphQL to represent free-form human-readable text.";
    t->serialize = serializeString;
    t->parseValue = parseValueString;
    t->parseLiteral = parseLiteralString;
  } else if (name == "Boolean") {
    t->description = "The `Boolean` scalar type represents `true` or `false`.";
    t->serialize = serializeBoolean;
    t->parseValue = parseValueBoolean;
    t->parseLiteral = parseLiteralBoolean;
  } else if (name == "ID") {
    t->description =
        "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key "
        "for a cache. The ID type appears in a JSON response as a String; however, it is not intended to "
        "be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such "
        "as `4`) input value will be accepted as an ID.";
    t->serialize = serializeID;
    t->parseValue = parseValueID;
    t->parseLiteral = parseLiteralID;
  } else {
    return nullptr;
  }
  return t;
}

bool isSpecifiedScalarName(std::string_view name) {
  return name == "String" || name == "Int" || name == "Float" || name == "Boolean" || name == "ID";
}

void setCustomScalarDefaults(ScalarType& t) {
  t.serialize = [](const Value& v) { return v; };
  t.parseValue = [](const Value& v) { return v; };
  t.parseLiteral = [](const ast::ValueNode& node, const Value* variables) {
    return valueFromASTUntyped(node, variables);
  };
}

}  // namespace detail
}  // namespace kubos::graphql
