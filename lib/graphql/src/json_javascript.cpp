// parseJsonLikeJavaScript: JSON read as JavaScript's JSON.parse reads it.
//
// Strict JSON (parseJson, nlohmann) refuses two inputs JSON.parse accepts:
// numbers past the double range (JSON.parse gives Infinity) and lone
// surrogate escapes (a JavaScript string is UTF-16 and may hold one). A tool
// that must answer what graphql-js answers for the same file needs both, so
// this small reader accepts exactly JSON's grammar plus those two values.
// It is iterative (an explicit stack of open containers), like parseJson.
#include <cerrno>
#include <cstdlib>
#include <string>
#include <vector>

#include "graphql/value.h"

namespace kubos::graphql {

namespace {

// Code point cp as (generalized) UTF-8; surrogates become 3 bytes, ED A0..BF xx.
void appendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Reader {
 public:
  Reader(std::string_view text, std::size_t maxDepth) : s_(text), maxDepth_(maxDepth) {}

  std::optional<Value> run(JsonParseError* error) {
    std::optional<Value> v = document();
    if (!v && error) {
      error->offset = errorAt_;
      error->message = errorMessage_ + " (at offset " + std::to_string(errorAt_) + ")";
    }
    return v;
  }

 private:
  struct Frame {
    Value container;
    std::string key;  // the key this container will be stored under in its parent
  };

  bool fail(std::string message) {
    if (errorMessage_.empty()) {
      errorMessage_ = std::move(message);
      errorAt_ = i_;
    }
    return false;
  }

  void skipSpace() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }

  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return fail("invalid literal");
    i_ += word.size();
    return true;
  }

  bool hex4(std::uint32_t& out) {
    if (i_ + 4 > s_.size()) return fail("incomplete \\u escape");
    out = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s_[i_++];
      out <<= 4;
      if (c >= '0' && c <= '9') out |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') out |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') out |= static_cast<std::uint32_t>(c - 'A' + 10);
      else return fail("invalid \\u escape");
    }
    return true;
  }

  // s_[i_] is the opening quote.
  bool string(std::string& out) {
    ++i_;
    for (;;) {
      std::size_t run = i_;
      while (i_ < s_.size() && s_[i_] != '"' && s_[i_] != '\\' && static_cast<unsigned char>(s_[i_]) >= 0x20) ++i_;
      out.append(s_.data() + run, i_ - run);
      if (i_ >= s_.size()) return fail("unterminated string");
      char c = s_[i_];
      if (c == '"') {
        ++i_;
        return validUtf8(out) || fail("invalid UTF-8 in string");
      }
      if (c != '\\') return fail("control character in string (escape it)");
      if (++i_ >= s_.size()) return fail("unterminated string");
      char e = s_[i_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::uint32_t cp;
          if (!hex4(cp)) return false;
          // A high surrogate escape followed by a low one is one code point;
          // alone, either is kept as JSON.parse keeps it.
          if (cp >= 0xD800 && cp <= 0xDBFF && s_.substr(i_, 2) == "\\u") {
            std::size_t save = i_;
            i_ += 2;
            std::uint32_t low;
            if (!hex4(low)) return false;
            if (low >= 0xDC00 && low <= 0xDFFF) cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            else i_ = save;
          }
          appendUtf8(out, cp);
          break;
        }
        default:
          --i_;
          return fail("invalid escape");
      }
    }
  }

  // Raw bytes must be UTF-8 (escapes were decoded above, surrogates included,
  // so only the raw runs need the check; rechecking the whole string is simpler
  // and accepts the generalized form of the surrogates we wrote).
  static bool validUtf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
      auto c = static_cast<unsigned char>(s[i]);
      std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
      if (len == 0 || i + len > s.size()) return false;
      std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
      for (std::size_t j = 1; j < len; ++j) {
        auto b = static_cast<unsigned char>(s[i + j]);
        if ((b & 0xC0) != 0x80) return false;
        cp = (cp << 6) | (b & 0x3Fu);
      }
      if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF) return false;
      i += len;
    }
    return true;
  }

  bool number(Value& out) {
    std::size_t start = i_;
    auto digits = [&] {
      std::size_t from = i_;
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
      return i_ > from;
    };
    if (s_[i_] == '-') ++i_;
    if (i_ < s_.size() && s_[i_] == '0') {
      ++i_;
    } else if (!digits()) {
      return fail("invalid number");
    }
    bool integral = true;
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      integral = false;
      if (!digits()) return fail("invalid number: digits expected after '.'");
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      integral = false;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (!digits()) return fail("invalid number: digits expected in the exponent");
    }
    std::string token(s_.substr(start, i_ - start));
    if (integral) {
      errno = 0;
      long long v = std::strtoll(token.c_str(), nullptr, 10);
      if (errno == 0) {
        out = Value(v);
        return true;
      }
    }
    // strtod rounds as JSON.parse does: past the range is +-HUGE_VAL
    // (Infinity), below it a denormal or zero.
    out = Value(std::strtod(token.c_str(), nullptr));
    return true;
  }

  // One scalar value, or the opening of a container (pushed on the stack).
  bool value(Value& out, bool& opened) {
    skipSpace();
    opened = false;
    if (i_ >= s_.size()) return fail("unexpected end of input, a value expected");
    char c = s_[i_];
    switch (c) {
      case '{':
      case '[':
        if (stack_.size() >= maxDepth_) return fail("JSON nested deeper than " + std::to_string(maxDepth_) + " levels");
        ++i_;
        stack_.push_back(Frame{c == '{' ? Value::object() : Value::list(), std::move(pendingKey_)});
        pendingKey_.clear();
        opened = true;
        return true;
      case '"': {
        std::string str;
        if (!string(str)) return false;
        out = Value(std::move(str));
        return true;
      }
      case 't': out = Value(true); return literal("true");
      case 'f': out = Value(false); return literal("false");
      case 'n': out = Value(); return literal("null");
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number(out);
        return fail("unexpected character, a value expected");
    }
  }

  // Stores a finished value in the innermost open container (or as the result).
  void put(Value v) {
    if (stack_.empty()) {
      result_ = std::move(v);
      done_ = true;
      return;
    }
    Value& top = stack_.back().container;
    if (top.isObject()) top.set(pendingKey_, std::move(v));  // duplicate keys: the last wins, as in JSON.parse
    else top.asList().push_back(std::move(v));
  }

  // After '{' or ',' in an object: a key and its colon.
  bool key() {
    skipSpace();
    if (i_ >= s_.size() || s_[i_] != '"') return fail("a string key expected");
    pendingKey_.clear();
    if (!string(pendingKey_)) return false;
    skipSpace();
    if (i_ >= s_.size() || s_[i_] != ':') return fail("':' expected after an object key");
    ++i_;
    return true;
  }

  std::optional<Value> document() {
    // Each turn reads one value; after a value, closes what it completes.
    bool expectValue = true;
    for (;;) {
      if (expectValue) {
        Value v;
        bool opened;
        if (!value(v, opened)) return std::nullopt;
        if (opened) {
          skipSpace();
          const bool isObject = stack_.back().container.isObject();
          if (i_ < s_.size() && s_[i_] == (isObject ? '}' : ']')) {
            ++i_;
            close();
            expectValue = false;
          } else if (isObject && !key()) {
            return std::nullopt;
          }
          if (!expectValue && done_) break;
          continue;
        }
        put(std::move(v));
        if (done_) break;
        expectValue = false;
      }
      // After a value inside a container: ',' or the closing bracket.
      skipSpace();
      if (i_ >= s_.size()) return fail("unexpected end of input"), std::nullopt;
      const bool isObject = stack_.back().container.isObject();
      char c = s_[i_++];
      if (c == ',') {
        if (isObject && !key()) return std::nullopt;
        expectValue = true;
      } else if (c == (isObject ? '}' : ']')) {
        close();
        if (done_) break;
      } else {
        --i_;
        return fail(isObject ? "',' or '}' expected" : "',' or ']' expected"), std::nullopt;
      }
    }
    skipSpace();
    if (i_ != s_.size()) return fail("unexpected text after the JSON value"), std::nullopt;
    return std::move(result_);
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    pendingKey_ = std::move(f.key);
    put(std::move(f.container));
  }

  std::string_view s_;
  std::size_t maxDepth_;
  std::size_t i_ = 0;
  std::vector<Frame> stack_;
  std::string pendingKey_;
  Value result_;
  bool done_ = false;
  std::string errorMessage_;
  std::size_t errorAt_ = 0;
};

}  // namespace

std::optional<Value> parseJsonLikeJavaScript(std::string_view text, JsonParseError* error, std::size_t maxDepth) {
  return Reader(text, maxDepth).run(error);
}

}  // namespace kubos::graphql
