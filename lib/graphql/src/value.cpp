// kubos::graphql::Value and its JSON reading/writing.
//
// Reading uses nlohmann::json's iterative SAX parser (strict JSON, UTF-8
// validated), so hostile nesting costs a heap-allocated stack, never the
// call stack. Writing follows JavaScript's
// JSON.stringify, because graphql-js (our reference) is what clients compare
// against: same number spellings, same escapes.
#include "graphql/value.h"

#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

namespace kubos::graphql {

// ---- Value -----------------------------------------------------------------

const Value* Value::find(std::string_view key) const {
  if (!isObject()) return nullptr;
  for (const auto& [k, v] : asObject())
    if (k == key) return &v;
  return nullptr;
}

Value* Value::find(std::string_view key) {
  return const_cast<Value*>(static_cast<const Value*>(this)->find(key));
}

Value& Value::add(std::string key, Value v) {
  if (!isObject()) v_ = ValueObject{};
  auto& o = asObject();
  o.emplace_back(std::move(key), std::move(v));
  return o.back().second;
}

Value& Value::set(std::string_view key, Value v) {
  if (Value* existing = find(key)) {
    *existing = std::move(v);
    return *existing;
  }
  return add(std::string(key), std::move(v));
}

Value& Value::push(Value v) {
  if (!isList()) v_ = ValueList{};
  auto& l = asList();
  l.push_back(std::move(v));
  return l.back();
}

ValueObject& Value::makeObject(std::size_t reserve) {
  auto& o = v_.emplace<ValueObject>();
  o.reserve(reserve);
  return o;
}

ValueList& Value::makeList(std::size_t reserve) {
  auto& l = v_.emplace<ValueList>();
  l.reserve(reserve);
  return l;
}

bool Value::operator==(const Value& o) const {
  // Int 1 and Float 1.0 are the same JSON number.
  if (isNumber() && o.isNumber()) {
    if (isInt() && o.isInt()) return asInt() == o.asInt();
    return asNumber() == o.asNumber();
  }
  return v_ == o.v_;
}

// ---- JSON reading -------------------------------------------------------------

namespace {

// Builds a Value from nlohmann's SAX events with an explicit stack of open
// containers. nlohmann's SAX parser is itself iterative, so together nothing
// recurses on input nesting; the depth bound stops hostile inputs early.
class ValueBuilder : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit ValueBuilder(std::size_t maxDepth) : maxDepth_(maxDepth) {}

  bool null() override { return put(Value()); }
  bool boolean(bool b) override { return put(Value(b)); }
  bool number_integer(number_integer_t i) override { return put(Value(static_cast<long long>(i))); }
  bool number_unsigned(number_unsigned_t u) override {
    if (u > static_cast<std::uint64_t>(INT64_MAX)) return put(Value(static_cast<double>(u)));
    return put(Value(static_cast<long long>(u)));
  }
  bool number_float(number_float_t d, const string_t&) override { return put(Value(d)); }
  bool string(string_t& s) override { return put(Value(std::move(s))); }
  bool binary(binary_t&) override { return false; }  // not produced by JSON text
  bool start_object(std::size_t) override { return open(Value::object()); }
  bool key(string_t& k) override {
    pendingKey_ = std::move(k);
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(Value::list()); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    errorOffset_ = position;
    errorMessage_ = ex.what();
    return false;
  }

  bool depthExceeded() const { return depthExceeded_; }
  std::size_t errorOffset() const { return errorOffset_; }
  const std::string& errorMessage() const { return errorMessage_; }
  Value take() { return std::move(result_); }

 private:
  struct Frame {
    Value container;
    std::string key;  // the key this container will be stored under in its parent
  };

  bool put(Value v) {
    if (stack_.empty()) {
      result_ = std::move(v);
      return true;
    }
    Value& top = stack_.back().container;
    if (top.isObject()) {
      top.set(pendingKey_, std::move(v));  // duplicate keys: the last wins, as in JSON.parse
    } else {
      top.asList().push_back(std::move(v));
    }
    return true;
  }

  bool open(Value container) {
    if (stack_.size() >= maxDepth_) {
      depthExceeded_ = true;
      return false;
    }
    stack_.push_back(Frame{std::move(container), std::move(pendingKey_)});
    pendingKey_.clear();
    return true;
  }

  bool close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    pendingKey_ = std::move(f.key);
    return put(std::move(f.container));
  }

  std::size_t maxDepth_;
  bool depthExceeded_ = false;
  std::size_t errorOffset_ = 0;
  std::string errorMessage_;
  std::vector<Frame> stack_;
  std::string pendingKey_;
  Value result_;
};

// nlohmann's messages start "[json.exception.parse_error.101] parse error at
// line 1, column 8: syntax error while parsing ..."; keep the part after the
// position, which is what a person can act on.
std::string shortParseMessage(const std::string& what) {
  std::size_t colon = what.find(": ");
  std::string msg = colon == std::string::npos ? what : what.substr(colon + 2);
  if (!msg.empty() && msg.back() == '.') msg.pop_back();
  return msg;
}

}  // namespace

std::optional<Value> parseJson(std::string_view text, JsonParseError* error, std::size_t maxDepth) {
  ValueBuilder builder(maxDepth);
  bool ok = false;
  try {
    // strict: trailing garbage is an error; comments not allowed.
    ok = nlohmann::json::sax_parse(text.begin(), text.end(), &builder, nlohmann::json::input_format_t::json, true);
  } catch (const std::exception& e) {
    // sax_parse reports errors through parse_error(); this is a safety net.
    builder.parse_error(0, "", nlohmann::detail::other_error::create(501, e.what(), nullptr));
  }
  if (ok) return builder.take();
  if (error) {
    if (builder.depthExceeded()) {
      error->offset = 0;
      error->message = "JSON nested deeper than " + std::to_string(maxDepth) + " levels";
    } else {
      // nlohmann counts the characters read, the offending one included.
      error->offset = builder.errorOffset() > 0 ? builder.errorOffset() - 1 : 0;
      error->message = shortParseMessage(builder.errorMessage()) + " (at offset " + std::to_string(error->offset) + ")";
    }
  }
  return std::nullopt;
}

// ---- JSON writing ---------------------------------------------------------------

namespace {

// JavaScript's Number.prototype.toString for finite doubles (ECMA-262
// Number::toString), built from the shortest round-trip digits.
void appendJsNumber(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";  // JSON.stringify(NaN) === "null"
    return;
  }
  if (d == 0) {
    out += '0';  // also for -0
    return;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
  bool negative = false;
  if (sci.front() == '-') {
    negative = true;
    sci.remove_prefix(1);
  }
  std::size_t ePos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, ePos))
    if (c != '.') digits += c;
  int exponent = 0;
  std::from_chars(sci.data() + ePos + 1 + (sci[ePos + 1] == '+' ? 1 : 0), sci.data() + sci.size(), exponent);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();

  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;  // value = 0.digits * 10^n
  if (negative) out += '-';
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(digits, 0, static_cast<std::size_t>(n));
    out += '.';
    out.append(digits, static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out.append(digits, 1);
    }
    out += 'e';
    out += (n - 1 >= 0) ? '+' : '-';
    out += std::to_string(std::abs(n - 1));
  }
}

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not valid.
std::size_t utf8SequenceLength(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t j) { return static_cast<unsigned char>(s[j]); };
  unsigned char c = b(i);
  std::size_t len;
  std::uint32_t cp;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (std::size_t j = 1; j < len; ++j) {
    if ((b(i + j) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + j) & 0x3F);
  }
  // Reject overlong forms, surrogates and values past U+10FFFF.
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return 0;
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0;
  return len;
}

// The 3-byte generalized UTF-8 form of a surrogate code point (ED A0..BF 80..BF).
bool isSurrogateForm(std::string_view s, std::size_t i) {
  return i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xED &&
         (static_cast<unsigned char>(s[i + 1]) & 0xE0) == 0xA0 && (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80;
}

}  // namespace

void appendJsonString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  // Bytes that need no escaping are copied in runs, not one at a time: this
  // is the hot loop of every response.
  static constexpr auto kPlain = [] {
    std::array<bool, 256> t{};
    for (int c = 0x20; c < 0x80; ++c) t[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
    return t;
  }();
  std::size_t run = 0;
  std::size_t i = 0;
  auto flush = [&] { out.append(s.data() + run, i - run); };
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (kPlain[c]) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      std::size_t len = utf8SequenceLength(s, i);
      if (len != 0) {
        i += len;
        continue;
      }
      flush();
      if (isSurrogateForm(s, i)) {
        // A lone surrogate (read by parseJsonLikeJavaScript): escaped, as
        // JSON.stringify writes it.
        const unsigned cp = 0xD000u | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                            (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xF];
        run = i += 3;
        continue;
      }
      out += "\\ufffd";  // invalid UTF-8 byte: keep the output valid JSON
      run = ++i;
      continue;
    }
    flush();
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
    run = ++i;
  }
  flush();
  out += '"';
}

void appendJson(std::string& out, const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Null:
    case Value::Kind::Handle:
      out += "null";
      break;
    case Value::Kind::Bool:
      out += v.asBool() ? "true" : "false";
      break;
    case Value::Kind::Int: {
      char buf[24];
      auto r = std::to_chars(buf, buf + sizeof buf, v.asInt());
      out.append(buf, r.ptr);
      break;
    }
    case Value::Kind::Float:
      appendJsNumber(out, v.asFloat());
      break;
    case Value::Kind::String:
      appendJsonString(out, v.asString());
      break;
    case Value::Kind::List: {
      out += '[';
      bool first = true;
      for (const auto& item : v.asList()) {
        if (!first) out += ',';
        first = false;
        appendJson(out, item);
      }
      out += ']';
      break;
    }
    case Value::Kind::Object: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : v.asObject()) {
        if (!first) out += ',';
        first = false;
        appendJsonString(out, key);
        out += ':';
        appendJson(out, item);
      }
      out += '}';
      break;
    }
  }
}

std::string toJson(const Value& v) {
  std::string out;
  appendJson(out, v);
  return out;
}

}  // namespace kubos::graphql
