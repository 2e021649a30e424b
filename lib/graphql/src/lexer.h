// GraphQL lexer (internal). Mirrors graphql-js 16's lexer.js: the same token
// kinds, the same number/string/block-string rules and the same error texts.
//
// The source is UTF-8 bytes, while graphql-js sees UTF-16 code units: columns
// are therefore counted in UTF-16 units (a character above U+FFFF counts 2),
// so that every line/column matches what graphql-js reports. Byte offsets
// (Token::start/end) stay byte offsets.
//
// No heap allocation per token: names and numbers are views into the source;
// a string with escapes is decoded into a caller-supplied, reused buffer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kubos::graphql::detail {

enum class TokenKind : std::uint8_t {
  SOF,
  EndOfFile,
  Bang,
  Dollar,
  Amp,
  ParenL,
  ParenR,
  Spread,
  Colon,
  Equals,
  At,
  BracketL,
  BracketR,
  BraceL,
  Pipe,
  BraceR,
  Name,
  Int,
  Float,
  String,
  BlockString,
};

// graphql-js's TokenKind string: "<EOF>", "!", "Name", "BlockString", ...
std::string_view tokenKindText(TokenKind k);
bool isPunctuator(TokenKind k);

struct Token {
  TokenKind kind = TokenKind::SOF;
  std::uint32_t start = 0;   // byte offset
  std::uint32_t end = 0;     // byte offset one past the token
  std::uint32_t line = 0;    // 1-based (0 for SOF, as graphql-js)
  std::uint32_t column = 0;  // 1-based, in UTF-16 code units
  // Name/Int/Float: the source text. String/BlockString: the decoded value
  // (a view into the source when nothing needed decoding, else into the
  // buffer passed to Lexer::next). Empty for punctuators.
  std::string_view value;
};

// A syntax error at a byte offset; the message lacks the "Syntax Error: " prefix.
struct SyntaxError {
  std::uint32_t position;
  std::string message;
};

// 1-based line and UTF-16 column of a byte offset, as graphql-js's getLocation.
struct LineColumn {
  std::uint32_t line;
  std::uint32_t column;
};
LineColumn locateOffset(std::string_view body, std::uint32_t offset);

class Lexer {
 public:
  explicit Lexer(std::string_view body) : body_(body) {}

  // Lexes the next significant token after byte offset `from` (skipping
  // whitespace, commas, BOMs and comments). Throws SyntaxError.
  // A decoded string value is written into `buf` (and `out.value` views it).
  void next(std::uint32_t from, Token& out, std::string& buf);

  std::string_view body() const { return body_; }

 private:
  std::uint32_t columnOf(std::uint32_t pos) {
    return lineAscii_ ? pos - lineStart_ + 1 : countColumn(pos);
  }
  std::uint32_t countColumn(std::uint32_t pos);
  void makeToken(Token& out, TokenKind kind, std::uint32_t start, std::uint32_t end);
  void readNumber(std::uint32_t start, Token& out);
  void readString(std::uint32_t start, Token& out, std::string& buf);
  void readBlockString(std::uint32_t start, Token& out, std::string& buf);
  std::uint32_t readDigits(std::uint32_t pos);
  std::uint32_t skipComment(std::uint32_t pos);
  std::uint32_t appendEscape(std::uint32_t pos, std::string& buf);
  void newLine(std::uint32_t lineStart);
  [[noreturn]] void fail(std::uint32_t pos, std::string message) const;
  std::string printCodePointAt(std::uint32_t pos) const;
  std::string sliceUnits(std::uint32_t pos, std::uint32_t units) const;

  std::string_view body_;
  std::uint32_t line_ = 1;
  std::uint32_t lineStart_ = 0;
  // Columns: a line with only ASCII so far needs no counting. Otherwise the
  // UTF-16 units between lineStart_ and colPos_ are cached in colUnits_.
  bool lineAscii_ = true;
  std::uint32_t colPos_ = 0;
  std::uint32_t colUnits_ = 0;
  // Block-string line spans, reused between block strings.
  std::vector<std::string> blockLines_;
};

// Appends the UTF-8 encoding of a code point (surrogates and out-of-range
// values become U+FFFD).
void appendUtf8(std::string& out, std::uint32_t cp);

}  // namespace kubos::graphql::detail
