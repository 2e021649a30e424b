#include "service/hex.h"

#include "text.h"

namespace kubos::service {
namespace {

using detail::hexDigitValue;

std::string printable(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7f) return std::string("'") + c + "'";
  static const char* digits = "0123456789abcdef";
  return std::string("byte 0x") + digits[u >> 4] + digits[u & 15];
}

}  // namespace

std::optional<Bytes> decodeHex(std::string_view text, std::string* error) {
  // Report the first bad character before the length: it is the more useful hint.
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (hexDigitValue(text[i]) < 0) {
      if (error) *error = "invalid hex digit " + printable(text[i]) + " at position " + std::to_string(i);
      return std::nullopt;
    }
  }
  if (text.size() % 2 != 0) {
    if (error) *error = "odd number of hex digits (" + std::to_string(text.size()) + ")";
    return std::nullopt;
  }
  Bytes out;
  out.reserve(text.size() / 2);
  for (std::size_t i = 0; i < text.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(hexDigitValue(text[i]) << 4 | hexDigitValue(text[i + 1])));
  return out;
}

std::string encodeHex(const std::uint8_t* data, std::size_t size) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 15];
  }
  return out;
}

std::string encodeHex(const Bytes& bytes) { return encodeHex(bytes.data(), bytes.size()); }

Bytes bytesOf(std::string_view text) { return Bytes(text.begin(), text.end()); }

bool isValidUtf8(const Bytes& b) {
  std::size_t i = 0;
  const std::size_t n = b.size();
  while (i < n) {
    const std::uint8_t c = b[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((b[i + k] & 0xC0) != 0x80) return false;
      cp = cp << 6 | (b[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

}  // namespace kubos::service
