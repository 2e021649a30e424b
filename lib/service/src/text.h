// Small ASCII helpers shared by the kit's parsers (HTTP headers, media types,
// query strings, hex commands). ASCII only on purpose: HTTP names and hex
// digits are ASCII, and std::tolower would follow the C locale.
#pragma once

#include <string>
#include <string_view>

namespace kubos::service::detail {

inline char asciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string asciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = asciiLower(c);
  return out;
}

// 0..15 for a hex digit (either case), -1 for anything else.
inline int hexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace kubos::service::detail
