#include "safe-toml/safe_toml.h"

#include <cstdint>
#include <cstdio>
#include <optional>
#include <vector>

namespace kubos::safe_toml {

SyntaxError::SyntaxError(std::string description, std::size_t line, std::size_t column)
    : std::runtime_error("line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + description),
      description_(std::move(description)),
      line_(line),
      column_(column) {}

namespace {

// One UTF-8 sequence at the start of `s`: its code point and length, or
// nothing if it is not well formed (overlong, surrogate, past U+10FFFF, cut).
struct CodePoint {
  char32_t value;
  std::size_t length;
};

std::optional<CodePoint> decodeUtf8(std::string_view s) {
  const auto b0 = static_cast<unsigned char>(s[0]);
  std::size_t length = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2, cp = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3, cp = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return std::nullopt;
  }
  if (s.size() < length) return std::nullopt;
  for (std::size_t i = 1; i < length; ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if ((b & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  return CodePoint{cp, length};
}

// The rewrite of one text, with where each output byte came from, so that
// toml++'s error positions can be told in the caller's terms.
class Rewriter {
 public:
  explicit Rewriter(std::string_view in) : in_(in) {
    out_.reserve(in.size() + in.size() / 8);
    inColumnOf_.reserve(out_.capacity());
    lineStarts_.push_back(0);
  }

  std::string run() {
    enum class State { Normal, Basic, MultiBasic, Literal, MultiLiteral, Comment } state = State::Normal;
    if (in_.substr(0, 3) == "\xEF\xBB\xBF") skip(3);  // a UTF-8 byte order mark means nothing here
    while (pos_ < in_.size()) {
      const char c = in_[pos_];
      const bool nonAscii = static_cast<unsigned char>(c) >= 0x80;
      switch (state) {
        case State::Normal:
          if (c == '#') {
            state = State::Comment, copy();
          } else if (c == '"') {
            if (quoteRun('"') >= 3) {
              state = State::MultiBasic, copy(), copy(), copy();
            } else {
              state = State::Basic, copy();
            }
          } else if (c == '\'') {
            if (quoteRun('\'') >= 3) {
              state = State::MultiLiteral, replace(3, "\"\"\"");
            } else {
              state = State::Literal, replace(1, "\"");
            }
          } else if (nonAscii) {
            decodeOrFail();
            fail("non-ASCII character outside a string or comment (TOML allows them only there)");
          } else {
            trackBrackets(c);
            copy();
          }
          break;
        case State::Basic:
        case State::MultiBasic:
          if (c == '\\') {
            copy();
            if (pos_ < in_.size()) {
              if (static_cast<unsigned char>(in_[pos_]) >= 0x80) fail("invalid escape sequence (a backslash before a non-ASCII character)");
              copy();
            }
          } else if (state == State::Basic && (c == '"' || c == '\n')) {
            state = State::Normal, copy();
          } else if (state == State::MultiBasic && c == '"' && quoteRun('"') >= 3) {
            for (std::size_t n = std::min<std::size_t>(quoteRun('"'), 5); n > 0; --n) copy();
            state = State::Normal;
          } else {
            copyOrEscape(nonAscii);
          }
          break;
        case State::Literal:
        case State::MultiLiteral:
          if (state == State::Literal && c == '\'') {
            state = State::Normal, replace(1, "\"");
          } else if (state == State::Literal && c == '\n') {
            state = State::Normal, copy();  // unterminated: toml++ says so
          } else if (state == State::MultiLiteral && c == '\'' && quoteRun('\'') >= 3) {
            // Up to two quotes next to the closing ''' belong to the string.
            for (std::size_t n = std::min<std::size_t>(quoteRun('\''), 5) - 3; n > 0; --n) copy();
            replace(3, "\"\"\"");
            state = State::Normal;
          } else if (c == '\\') {
            replace(1, "\\\\");
          } else if (c == '"') {
            replace(1, "\\\"");
          } else {
            copyOrEscape(nonAscii);
          }
          break;
        case State::Comment:
          if (c == '\n') state = State::Normal;
          if (nonAscii) {
            const CodePoint cp = decodeOrFail();
            replace(cp.length, "?");
          } else {
            copy();
          }
          break;
      }
      if (state != State::Comment && c != ' ' && c != '\t' && c != '\r' && c != '\n') lineHasContent_ = true;
    }
    return std::move(out_);
  }

  // The caller's (line, column) for toml++'s 1-based (line, column) in the rewrite.
  std::pair<std::size_t, std::size_t> inputPosition(std::size_t line, std::size_t column) const {
    if (line == 0 || line > lineStarts_.size()) return {line, column};
    const std::size_t start = lineStarts_[line - 1];
    const std::size_t end = line < lineStarts_.size() ? lineStarts_[line] : inColumnOf_.size();
    if (column == 0) return {line, column};
    const std::size_t at = start + column - 1;
    if (at < end) return {line, inColumnOf_[at]};
    // Past the line's end (toml++ points there at end of input): same distance.
    if (end == start) return {line, column};
    return {line, inColumnOf_[end - 1] + (at - end + 1)};
  }

 private:
  std::size_t quoteRun(char q) const {
    std::size_t n = 0;
    while (pos_ + n < in_.size() && in_[pos_ + n] == q) ++n;
    return n;
  }

  [[noreturn]] void fail(const std::string& what) const { throw SyntaxError(what, line_, column_); }

  // A table header is a '[' first on its line outside any array or inline
  // table. toml++ 3.3 asserts (and under clang assumes: undefined behaviour)
  // that a key follows its '[' or '[[' and blanks, so anything else is
  // refused here, before toml++ sees it.
  void trackBrackets(char c) {
    if (c == '[' && depth_ == 0 && !lineHasContent_ && !inHeader_) {
      std::size_t i = pos_ + 1;
      const bool arrayOfTables = i < in_.size() && in_[i] == '[';
      if (arrayOfTables) ++i;
      while (i < in_.size() && (in_[i] == ' ' || in_[i] == '\t')) ++i;
      if (i < in_.size()) {
        const char k = in_[i];
        // '[' after "[ " is toml++'s own "must be contiguous" error; after "[[" it is no key.
        const bool keyStart = (k >= 'A' && k <= 'Z') || (k >= 'a' && k <= 'z') || (k >= '0' && k <= '9') ||
                              k == '_' || k == '-' || k == '"' || k == '\'' || k == ']' ||
                              (k == '[' && !arrayOfTables);
        if (!keyStart) fail("table header: expected a key name after '['");
      }
      inHeader_ = true;
    } else if (inHeader_) {
      // its own brackets do not nest values
    } else if (c == '[' || c == '{') {
      ++depth_;
    } else if ((c == ']' || c == '}') && depth_ > 0) {
      --depth_;
    }
  }

  CodePoint decodeOrFail() const {
    auto cp = decodeUtf8(in_.substr(pos_));
    if (!cp) fail("invalid UTF-8");
    return *cp;
  }

  // Appends `text` for the next `inBytes` input bytes (on one line).
  void replace(std::size_t inBytes, std::string_view text) {
    for (char o : text) {
      out_.push_back(o);
      inColumnOf_.push_back(column_);
    }
    skip(inBytes);
  }
  void copy() { replace(1, in_.substr(pos_, 1)); }

  // Inside a string: ASCII as is, anything else as its escape.
  void copyOrEscape(bool nonAscii) { nonAscii ? escape() : copy(); }

  void escape() {
    const CodePoint cp = decodeOrFail();
    char buf[16];
    if (cp.value <= 0xFFFF)
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(cp.value));
    else
      std::snprintf(buf, sizeof buf, "\\U%08X", static_cast<unsigned>(cp.value));
    replace(cp.length, buf);
  }

  // Moves past `n` input bytes, counting lines and (code point) columns.
  void skip(std::size_t n) {
    for (; n > 0 && pos_ < in_.size(); --n, ++pos_) {
      const auto b = static_cast<unsigned char>(in_[pos_]);
      if (b == '\n') {
        ++line_, column_ = 1;
        lineHasContent_ = false;
        inHeader_ = false;
        lineStarts_.push_back(out_.size());
      } else if ((b & 0xC0) != 0x80) {
        ++column_;
      }
    }
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t column_ = 1;
  std::size_t depth_ = 0;         // arrays and inline tables open (outside strings)
  bool lineHasContent_ = false;   // something but blanks before pos_ on this line
  bool inHeader_ = false;         // within a [table] header's line
  std::string out_;
  std::vector<std::size_t> inColumnOf_;  // per output byte: its input column
  std::vector<std::size_t> lineStarts_;  // per output line: offset of its first byte
};

}  // namespace

std::string asciiOnly(std::string_view text) { return Rewriter(text).run(); }

toml::table parse(std::string_view text) {
  Rewriter rewriter(text);
  const std::string ascii = rewriter.run();
  try {
    return toml::parse(ascii);
  } catch (const toml::parse_error& e) {
    auto [line, column] = rewriter.inputPosition(e.source().begin.line, e.source().begin.column);
    throw SyntaxError(std::string(e.description()), line, column);
  }
}

}  // namespace kubos::safe_toml
