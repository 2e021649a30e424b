#include "lexer.h"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace kubos::graphql::detail {

namespace {

constexpr bool isDigit(int c) { return c >= '0' && c <= '9'; }
constexpr bool isLetter(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isNameStart(int c) { return isLetter(c) || c == '_'; }
// NameContinue as a table: the name loop is the lexer's hottest.
struct NameTable {
  bool t[256] = {};
  constexpr NameTable() {
    for (int c = 0; c < 256; ++c) t[c] = isLetter(c) || isDigit(c) || c == '_';
  }
};
constexpr NameTable kNameContinue;
bool isSurrogate(std::int64_t cp) { return cp >= 0xD800 && cp <= 0xDFFF; }
bool isScalar(std::int64_t cp) { return (cp >= 0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0x10FFFF); }
bool isLeadingSurrogate(std::int64_t cp) { return cp >= 0xD800 && cp <= 0xDBFF; }
bool isTrailingSurrogate(std::int64_t cp) { return cp >= 0xDC00 && cp <= 0xDFFF; }

// One source character as graphql-js would see it after a lenient UTF-8
// decode: a byte that starts no valid sequence is U+FFFD (1 byte). A
// surrogate encoded in 3 bytes (WTF-8, what a JSON "\ud800" escape can turn
// into) is kept as that surrogate, and a high+low pair of them combines, as a
// JavaScript string would, into one supplementary character.
struct Decoded {
  std::uint32_t cp;
  std::uint32_t len;    // bytes
  std::uint32_t units;  // UTF-16 code units
  bool rewrite;         // the bytes are not the UTF-8 of cp (invalid or WTF-8)
};

Decoded decodeAt(std::string_view s, std::uint32_t pos) {
  const auto n = s.size();
  auto byte = [&](std::size_t i) -> unsigned { return i < n ? static_cast<unsigned char>(s[i]) : 0u; };
  auto cont = [&](std::size_t i) { return (byte(i) & 0xC0u) == 0x80u; };
  const unsigned b0 = byte(pos);
  if (b0 < 0x80) return {b0, 1, 1, false};
  if (b0 >= 0xC2 && b0 <= 0xDF && cont(pos + 1)) {
    return {((b0 & 0x1Fu) << 6) | (byte(pos + 1) & 0x3Fu), 2, 1, false};
  }
  if (b0 >= 0xE0 && b0 <= 0xEF && cont(pos + 1) && cont(pos + 2)) {
    const unsigned b1 = byte(pos + 1);
    if (!(b0 == 0xE0 && b1 < 0xA0)) {  // not overlong
      const std::uint32_t cp = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (byte(pos + 2) & 0x3Fu);
      if (!isSurrogate(cp)) return {cp, 3, 1, false};
      if (isLeadingSurrogate(cp)) {
        const Decoded next = decodeAt(s, pos + 3);
        if (next.len == 3 && isTrailingSurrogate(next.cp)) {
          return {0x10000 + ((cp - 0xD800) << 10) + (next.cp - 0xDC00), 6, 2, true};
        }
      }
      return {cp, 3, 1, true};
    }
  }
  if (b0 >= 0xF0 && b0 <= 0xF4 && cont(pos + 1) && cont(pos + 2) && cont(pos + 3)) {
    const unsigned b1 = byte(pos + 1);
    if (!(b0 == 0xF0 && b1 < 0x90) && !(b0 == 0xF4 && b1 >= 0x90)) {
      const std::uint32_t cp = ((b0 & 0x07u) << 18) | ((b1 & 0x3Fu) << 12) |
                               ((byte(pos + 2) & 0x3Fu) << 6) | (byte(pos + 3) & 0x3Fu);
      return {cp, 4, 2, false};
    }
  }
  return {0xFFFD, 1, 1, true};
}

int hexValue(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

void appendUtf8(std::string& out, std::uint32_t cp) {
  if (isSurrogate(cp) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string_view tokenKindText(TokenKind k) {
  switch (k) {
    case TokenKind::SOF: return "<SOF>";
    case TokenKind::EndOfFile: return "<EOF>";
    case TokenKind::Bang: return "!";
    case TokenKind::Dollar: return "$";
    case TokenKind::Amp: return "&";
    case TokenKind::ParenL: return "(";
    case TokenKind::ParenR: return ")";
    case TokenKind::Spread: return "...";
    case TokenKind::Colon: return ":";
    case TokenKind::Equals: return "=";
    case TokenKind::At: return "@";
    case TokenKind::BracketL: return "[";
    case TokenKind::BracketR: return "]";
    case TokenKind::BraceL: return "{";
    case TokenKind::Pipe: return "|";
    case TokenKind::BraceR: return "}";
    case TokenKind::Name: return "Name";
    case TokenKind::Int: return "Int";
    case TokenKind::Float: return "Float";
    case TokenKind::String: return "String";
    case TokenKind::BlockString: return "BlockString";
  }
  return "?";
}

bool isPunctuator(TokenKind k) { return k >= TokenKind::Bang && k <= TokenKind::BraceR; }

LineColumn locateOffset(std::string_view body, std::uint32_t offset) {
  const std::uint32_t end = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(body.size()));
  std::uint32_t line = 1;
  std::uint32_t lineStart = 0;
  for (std::uint32_t i = 0; i < end; ++i) {
    if (body[i] == '\n') {
      ++line;
      lineStart = i + 1;
    } else if (body[i] == '\r') {
      // "\r\n" is one terminator; it counts only if it starts before offset.
      if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
      ++line;
      lineStart = i + 1;
    }
  }
  std::uint32_t units = 0;
  for (std::uint32_t i = lineStart; i < end;) {
    const Decoded d = decodeAt(body, i);
    units += d.units;
    i += d.len;
  }
  // Past the end of the body (a limit error), columns continue one per byte.
  return {line, units + (offset - end) + 1};
}

void Lexer::newLine(std::uint32_t lineStart) {
  ++line_;
  lineStart_ = lineStart;
  lineAscii_ = true;
  colPos_ = lineStart;
  colUnits_ = 0;
}

std::uint32_t Lexer::countColumn(std::uint32_t pos) {
  if (colPos_ < lineStart_ || colPos_ > pos) {
    colPos_ = lineStart_;
    colUnits_ = 0;
  }
  while (colPos_ < pos) {
    const Decoded d = decodeAt(body_, colPos_);
    colUnits_ += d.units;
    colPos_ += d.len;
  }
  return colUnits_ + 1;
}

void Lexer::makeToken(Token& out, TokenKind kind, std::uint32_t start, std::uint32_t end) {
  out.kind = kind;
  out.start = start;
  out.end = end;
  out.line = line_;
  out.column = columnOf(start);
  out.value = {};
}

void Lexer::fail(std::uint32_t pos, std::string message) const { throw SyntaxError{pos, std::move(message)}; }

std::string Lexer::printCodePointAt(std::uint32_t pos) const {
  if (pos >= body_.size()) return "<EOF>";
  const Decoded d = decodeAt(body_, pos);
  if (d.cp >= 0x20 && d.cp <= 0x7E) {
    if (d.cp == '"') return "'\"'";
    return std::string{'"', static_cast<char>(d.cp), '"'};
  }
  char hex[16];
  std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(d.cp));
  return hex;
}

// The text of `units` UTF-16 code units from pos (graphql-js's body.slice),
// clipped at the end; a character only half inside is left out.
std::string Lexer::sliceUnits(std::uint32_t pos, std::uint32_t units) const {
  std::string out;
  while (units > 0 && pos < body_.size()) {
    const Decoded d = decodeAt(body_, pos);
    if (d.units > units) break;
    if (d.rewrite) {
      appendUtf8(out, d.cp);
    } else {
      out.append(body_.substr(pos, d.len));
    }
    units -= d.units;
    pos += d.len;
  }
  return out;
}

void Lexer::next(std::uint32_t from, Token& out, std::string& buf) {
  const auto n = static_cast<std::uint32_t>(body_.size());
  std::uint32_t pos = from;
  while (pos < n) {
    const auto c = static_cast<unsigned char>(body_[pos]);
    switch (c) {
      case '\t':
      case ' ':
      case ',':
        ++pos;
        continue;
      case '\n':
        ++pos;
        newLine(pos);
        continue;
      case '\r':
        pos += (pos + 1 < n && body_[pos + 1] == '\n') ? 2 : 1;
        newLine(pos);
        continue;
      case 0xEF:  // U+FEFF, the BOM, is ignored anywhere
        if (pos + 2 < n && static_cast<unsigned char>(body_[pos + 1]) == 0xBB &&
            static_cast<unsigned char>(body_[pos + 2]) == 0xBF) {
          pos += 3;
          lineAscii_ = false;
          continue;
        }
        break;
      case '#':
        pos = skipComment(pos);
        continue;
      case '!': return makeToken(out, TokenKind::Bang, pos, pos + 1);
      case '$': return makeToken(out, TokenKind::Dollar, pos, pos + 1);
      case '&': return makeToken(out, TokenKind::Amp, pos, pos + 1);
      case '(': return makeToken(out, TokenKind::ParenL, pos, pos + 1);
      case ')': return makeToken(out, TokenKind::ParenR, pos, pos + 1);
      case '.':
        if (pos + 2 < n && body_[pos + 1] == '.' && body_[pos + 2] == '.') {
          return makeToken(out, TokenKind::Spread, pos, pos + 3);
        }
        break;
      case ':': return makeToken(out, TokenKind::Colon, pos, pos + 1);
      case '=': return makeToken(out, TokenKind::Equals, pos, pos + 1);
      case '@': return makeToken(out, TokenKind::At, pos, pos + 1);
      case '[': return makeToken(out, TokenKind::BracketL, pos, pos + 1);
      case ']': return makeToken(out, TokenKind::BracketR, pos, pos + 1);
      case '{': return makeToken(out, TokenKind::BraceL, pos, pos + 1);
      case '|': return makeToken(out, TokenKind::Pipe, pos, pos + 1);
      case '}': return makeToken(out, TokenKind::BraceR, pos, pos + 1);
      case '"':
        if (pos + 2 < n && body_[pos + 1] == '"' && body_[pos + 2] == '"') {
          return readBlockString(pos, out, buf);
        }
        return readString(pos, out, buf);
      default:
        break;
    }
    if (isDigit(c) || c == '-') return readNumber(pos, out);
    if (isNameStart(c)) {
      std::uint32_t end = pos + 1;
      while (end < n && kNameContinue.t[static_cast<unsigned char>(body_[end])]) ++end;
      makeToken(out, TokenKind::Name, pos, end);
      out.value = body_.substr(pos, end - pos);
      return;
    }
    if (c == '\'') {
      fail(pos, "Unexpected single quote character ('), did you mean to use a double quote (\")?");
    }
    const Decoded d = decodeAt(body_, pos);
    fail(pos, (isSurrogate(d.cp) ? "Invalid character: " : "Unexpected character: ") + printCodePointAt(pos) +
                  ".");
  }
  makeToken(out, TokenKind::EndOfFile, n, n);
}

std::uint32_t Lexer::skipComment(std::uint32_t pos) {
  const auto n = static_cast<std::uint32_t>(body_.size());
  ++pos;
  while (pos < n) {
    const auto c = static_cast<unsigned char>(body_[pos]);
    if (c == '\n' || c == '\r') break;
    if (c < 0x80) {
      ++pos;
      continue;
    }
    lineAscii_ = false;
    const Decoded d = decodeAt(body_, pos);
    if (isSurrogate(d.cp)) break;  // a lone surrogate ends the comment (and is then an error)
    pos += d.len;
  }
  return pos;
}

std::uint32_t Lexer::readDigits(std::uint32_t pos) {
  const auto n = static_cast<std::uint32_t>(body_.size());
  if (pos >= n || !isDigit(static_cast<unsigned char>(body_[pos]))) {
    fail(pos, "Invalid number, expected digit but got: " + printCodePointAt(pos) + ".");
  }
  ++pos;
  while (pos < n && isDigit(static_cast<unsigned char>(body_[pos]))) ++pos;
  return pos;
}

void Lexer::readNumber(std::uint32_t start, Token& out) {
  auto at = [&](std::uint32_t i) -> int {
    return i < body_.size() ? static_cast<unsigned char>(body_[i]) : -1;
  };
  std::uint32_t pos = start;
  int c = at(pos);
  bool isFloat = false;
  if (c == '-') c = at(++pos);
  if (c == '0') {
    c = at(++pos);
    if (isDigit(c)) fail(pos, "Invalid number, unexpected digit after 0: " + printCodePointAt(pos) + ".");
  } else {
    pos = readDigits(pos);
    c = at(pos);
  }
  if (c == '.') {
    isFloat = true;
    pos = readDigits(pos + 1);
    c = at(pos);
  }
  if (c == 'e' || c == 'E') {
    isFloat = true;
    c = at(++pos);
    if (c == '+' || c == '-') ++pos;
    pos = readDigits(pos);
    c = at(pos);
  }
  if (c == '.' || isNameStart(c)) {
    fail(pos, "Invalid number, expected digit but got: " + printCodePointAt(pos) + ".");
  }
  makeToken(out, isFloat ? TokenKind::Float : TokenKind::Int, start, pos);
  out.value = body_.substr(start, pos - start);
}

// Decodes the escape sequence at pos (a backslash) into buf; returns the
// position after it.
std::uint32_t Lexer::appendEscape(std::uint32_t pos, std::string& buf) {
  auto at = [&](std::uint32_t i) -> int {
    return i < body_.size() ? static_cast<unsigned char>(body_[i]) : -1;
  };
  if (at(pos + 1) == 'u') {
    if (at(pos + 2) == '{') {
      // \u{...}: at most 12 characters in all, as graphql-js.
      std::int32_t point = 0;
      std::uint32_t size = 3;
      while (size < 12) {
        const int c = at(pos + size++);
        if (c == '}') {
          if (size < 5 || !isScalar(point)) break;
          appendUtf8(buf, static_cast<std::uint32_t>(point));
          return pos + size;
        }
        // JavaScript's 32-bit `(point << 4) | digit`: overflow or a non-hex
        // character (-1) makes it negative.
        point = static_cast<std::int32_t>(static_cast<std::uint32_t>(point) << 4) | hexValue(c);
        if (point < 0) break;
      }
      fail(pos, "Invalid Unicode escape sequence: \"" + sliceUnits(pos, size) + "\".");
    }
    auto hex4 = [&](std::uint32_t i) {
      return (hexValue(at(i)) << 12) | (hexValue(at(i + 1)) << 8) | (hexValue(at(i + 2)) << 4) |
             hexValue(at(i + 3));
    };
    const int code = hex4(pos + 2);
    if (isScalar(code)) {
      appendUtf8(buf, static_cast<std::uint32_t>(code));
      return pos + 6;
    }
    // A JSON-style surrogate pair is allowed when both halves are present.
    if (isLeadingSurrogate(code) && at(pos + 6) == '\\' && at(pos + 7) == 'u') {
      const int trailing = hex4(pos + 8);
      if (isTrailingSurrogate(trailing)) {
        appendUtf8(buf, 0x10000u + ((static_cast<std::uint32_t>(code) - 0xD800u) << 10) +
                            (static_cast<std::uint32_t>(trailing) - 0xDC00u));
        return pos + 12;
      }
    }
    fail(pos, "Invalid Unicode escape sequence: \"" + sliceUnits(pos, 6) + "\".");
  }
  char ch = 0;
  switch (at(pos + 1)) {
    case '"': ch = '"'; break;
    case '\\': ch = '\\'; break;
    case '/': ch = '/'; break;
    case 'b': ch = '\b'; break;
    case 'f': ch = '\f'; break;
    case 'n': ch = '\n'; break;
    case 'r': ch = '\r'; break;
    case 't': ch = '\t'; break;
    default:
      fail(pos, "Invalid character escape sequence: \"" + sliceUnits(pos, 2) + "\".");
  }
  buf.push_back(ch);
  return pos + 2;
}

void Lexer::readString(std::uint32_t start, Token& out, std::string& buf) {
  const auto n = static_cast<std::uint32_t>(body_.size());
  std::uint32_t pos = start + 1;
  std::uint32_t chunk = pos;
  bool decoding = false;  // false while the value is a plain slice of the source
  auto beginDecoding = [&] {
    if (!decoding) {
      buf.clear();
      decoding = true;
    }
    buf.append(body_.substr(chunk, pos - chunk));
  };
  while (pos < n) {
    const auto c = static_cast<unsigned char>(body_[pos]);
    if (c == '"') {
      makeToken(out, TokenKind::String, start, pos + 1);
      if (decoding) {
        buf.append(body_.substr(chunk, pos - chunk));
        out.value = buf;
      } else {
        out.value = body_.substr(start + 1, pos - start - 1);
      }
      return;
    }
    if (c == '\\') {
      beginDecoding();
      pos = appendEscape(pos, buf);
      chunk = pos;
      continue;
    }
    if (c == '\n' || c == '\r') break;
    if (c < 0x80) {
      ++pos;
      continue;
    }
    lineAscii_ = false;
    const Decoded d = decodeAt(body_, pos);
    if (isSurrogate(d.cp)) {
      fail(pos, "Invalid character within String: " + printCodePointAt(pos) + ".");
    }
    if (d.rewrite) {
      beginDecoding();
      appendUtf8(buf, d.cp);
      pos += d.len;
      chunk = pos;
      continue;
    }
    pos += d.len;
  }
  fail(pos, "Unterminated string.");
}

void Lexer::readBlockString(std::uint32_t start, Token& out, std::string& buf) {
  const auto n = static_cast<std::uint32_t>(body_.size());
  makeToken(out, TokenKind::BlockString, start, start);
  std::size_t lineCount = 1;
  auto currentLine = [&]() -> std::string& {
    if (blockLines_.size() < lineCount) blockLines_.emplace_back();
    return blockLines_[lineCount - 1];
  };
  currentLine().clear();
  std::uint32_t pos = start + 3;
  std::uint32_t chunk = pos;
  std::uint32_t lastLineStart = lineStart_;
  bool lastLineAscii = true;
  while (pos < n) {
    const auto c = static_cast<unsigned char>(body_[pos]);
    if (c == '"' && pos + 2 < n && body_[pos + 1] == '"' && body_[pos + 2] == '"') {
      currentLine().append(body_.substr(chunk, pos - chunk));
      // graphql-js's dedentBlockStringLines: drop the common indentation of
      // all lines but the first, then leading and trailing blank lines.
      std::size_t commonIndent = std::numeric_limits<std::size_t>::max();
      std::size_t first = lineCount;
      std::size_t last = 0;
      for (std::size_t i = 0; i < lineCount; ++i) {
        const std::string& l = blockLines_[i];
        std::size_t indent = 0;
        while (indent < l.size() && (l[indent] == ' ' || l[indent] == '\t')) ++indent;
        if (indent == l.size()) continue;
        if (first == lineCount) first = i;
        last = i;
        if (i != 0 && indent < commonIndent) commonIndent = indent;
      }
      buf.clear();
      for (std::size_t i = first; i < lineCount && i <= last; ++i) {
        if (i != first) buf.push_back('\n');
        const std::string& l = blockLines_[i];
        if (i == 0) {
          buf.append(l);
        } else if (commonIndent < l.size()) {
          buf.append(l, commonIndent);
        }
      }
      out.end = pos + 3;
      out.value = buf;
      line_ += static_cast<std::uint32_t>(lineCount - 1);
      if (lineCount > 1) {
        lineStart_ = lastLineStart;
        lineAscii_ = lastLineAscii;
        colPos_ = lineStart_;
        colUnits_ = 0;
      } else {
        lineAscii_ = lineAscii_ && lastLineAscii;
      }
      return;
    }
    if (c == '\\' && pos + 3 < n && body_[pos + 1] == '"' && body_[pos + 2] == '"' && body_[pos + 3] == '"') {
      currentLine().append(body_.substr(chunk, pos - chunk));
      chunk = pos + 1;  // drop only the backslash
      pos += 4;
      continue;
    }
    if (c == '\n' || c == '\r') {
      currentLine().append(body_.substr(chunk, pos - chunk));
      pos += (c == '\r' && pos + 1 < n && body_[pos + 1] == '\n') ? 2 : 1;
      ++lineCount;
      currentLine().clear();
      chunk = pos;
      lastLineStart = pos;
      lastLineAscii = true;
      continue;
    }
    if (c < 0x80) {
      ++pos;
      continue;
    }
    lastLineAscii = false;
    const Decoded d = decodeAt(body_, pos);
    if (isSurrogate(d.cp)) {
      fail(pos, "Invalid character within String: " + printCodePointAt(pos) + ".");
    }
    if (d.rewrite) {
      currentLine().append(body_.substr(chunk, pos - chunk));
      appendUtf8(currentLine(), d.cp);
      pos += d.len;
      chunk = pos;
      continue;
    }
    pos += d.len;
  }
  fail(pos, "Unterminated string.");
}

}  // namespace kubos::graphql::detail
