// kubos::graphql::Value — the one dynamic value type of the engine.
//
// It carries variables and root values in, resolver results through, and
// response data out. Objects keep insertion order, because GraphQL responses
// list keys in selection order. Int and Float stay distinct so that a value
// that came in as `1` is printed as `1`, as JavaScript would print it.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace kubos::graphql {

class Value;
using ValueList = std::vector<Value>;
using ValueMember = std::pair<std::string, Value>;
using ValueObject = std::vector<ValueMember>;

// An opaque reference to a C++ object, for resolvers whose parent is not
// plain data (introspection's __Type, a service's model object). Printed as
// null if it ever reaches JSON. `tag` tells the resolver what ptr points to.
struct Handle {
  const void* ptr = nullptr;
  std::uint32_t tag = 0;
  bool operator==(const Handle&) const = default;
};

class Value {
 public:
  enum class Kind : std::uint8_t { Null, Bool, Int, Float, String, List, Object, Handle };

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : v_(b) {}
  Value(int i) : v_(static_cast<std::int64_t>(i)) {}
  Value(unsigned i) : v_(static_cast<std::int64_t>(i)) {}
  Value(long i) : v_(static_cast<std::int64_t>(i)) {}
  Value(long long i) : v_(static_cast<std::int64_t>(i)) {}
  Value(unsigned long i) : v_(static_cast<std::int64_t>(i)) {}
  Value(unsigned long long i) : v_(static_cast<std::int64_t>(i)) {}
  Value(double d) : v_(d) {}
  Value(float d) : v_(static_cast<double>(d)) {}
  Value(std::string s) : v_(std::move(s)) {}
  Value(std::string_view s) : v_(std::string(s)) {}
  Value(const char* s) : v_(std::string(s)) {}
  Value(ValueList l) : v_(std::move(l)) {}
  Value(ValueObject o) : v_(std::move(o)) {}
  Value(Handle h) : v_(h) {}

  static Value list(ValueList l = {}) { return Value(std::move(l)); }
  static Value object(ValueObject o = {}) { return Value(std::move(o)); }

  Kind kind() const { return static_cast<Kind>(v_.index()); }
  bool isNull() const { return kind() == Kind::Null; }
  bool isBool() const { return kind() == Kind::Bool; }
  bool isInt() const { return kind() == Kind::Int; }
  bool isFloat() const { return kind() == Kind::Float; }
  bool isNumber() const { return isInt() || isFloat(); }
  bool isString() const { return kind() == Kind::String; }
  bool isList() const { return kind() == Kind::List; }
  bool isObject() const { return kind() == Kind::Object; }
  bool isHandle() const { return kind() == Kind::Handle; }

  // Accessors: precondition is the matching kind (checked with assert in debug).
  bool asBool() const { return std::get<bool>(v_); }
  std::int64_t asInt() const { return std::get<std::int64_t>(v_); }
  double asFloat() const { return std::get<double>(v_); }
  // Int or Float as double.
  double asNumber() const { return isInt() ? static_cast<double>(asInt()) : asFloat(); }
  const std::string& asString() const { return std::get<std::string>(v_); }
  std::string& asString() { return std::get<std::string>(v_); }
  const ValueList& asList() const { return std::get<ValueList>(v_); }
  ValueList& asList() { return std::get<ValueList>(v_); }
  const ValueObject& asObject() const { return std::get<ValueObject>(v_); }
  ValueObject& asObject() { return std::get<ValueObject>(v_); }
  Handle asHandle() const { return std::get<Handle>(v_); }

  // Object member lookup (linear: objects here are small). nullptr when this
  // is not an object or has no such key.
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  // Appends (does not replace) a member; for building objects in order.
  Value& add(std::string key, Value v);
  // Sets a member, replacing an existing one with the same key.
  Value& set(std::string_view key, Value v);
  // Appends to a list.
  Value& push(Value v);
  // Turns this value into an empty object / list with room for `reserve`
  // entries, in place: cheaper than assigning Value::object() (no temporary).
  ValueObject& makeObject(std::size_t reserve = 0);
  ValueList& makeList(std::size_t reserve = 0);

  bool operator==(const Value& o) const;
  bool operator!=(const Value& o) const { return !(*this == o); }

 private:
  std::variant<std::monostate, bool, std::int64_t, double, std::string, ValueList, ValueObject, Handle> v_;
};

// ---- JSON ---------------------------------------------------------------

struct JsonParseError {
  std::string message;  // e.g. "Unexpected token at offset 12: missing a comma"
  std::size_t offset = 0;
};

// Parses JSON text into a Value. Integers that fit int64 become Int, others
// Float. Nesting deeper than maxDepth is an error, never a stack overflow.
[[nodiscard]] std::optional<Value> parseJson(std::string_view text, JsonParseError* error = nullptr,
                               std::size_t maxDepth = 512);

// Reads JSON as JavaScript's JSON.parse does where strict JSON has no answer:
// numbers past the double range become +-Infinity (Float), and lone surrogate
// escapes ("\ud800") are kept, stored as their 3-byte generalized UTF-8 form
// that appendJsonString writes back as the same escape. For tools that must
// answer what graphql-js answers for the same files (graphql-exec); services
// keep the strict parseJson.
[[nodiscard]] std::optional<Value> parseJsonLikeJavaScript(std::string_view text, JsonParseError* error = nullptr,
                                             std::size_t maxDepth = 512);

// Compact JSON, keys in stored order, numbers as JavaScript's JSON.stringify
// prints them (NaN/Infinity as null), strings escaped as JSON.stringify does.
std::string toJson(const Value& v);
void appendJson(std::string& out, const Value& v);
void appendJsonString(std::string& out, std::string_view s);

}  // namespace kubos::graphql
