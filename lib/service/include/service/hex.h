// Hex and string codecs for commandRaw (docs/hardware-services.md): HEX means the command is
// hexadecimal digits decoded to bytes; STR means its UTF-8 bytes as they are.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kubos::service {

using Bytes = std::vector<std::uint8_t>;

// Decodes "74657374" (upper or lower case, no prefix, no spaces). On bad input
// returns nullopt and a message such as
//   "odd number of hex digits (5)"
//   "invalid hex digit 'g' at position 3" (0-based position in the string)
[[nodiscard]] std::optional<Bytes> decodeHex(std::string_view text, std::string* error);
// Lower-case hex, two digits per byte.
[[nodiscard]] std::string encodeHex(const Bytes& bytes);
[[nodiscard]] std::string encodeHex(const std::uint8_t* data, std::size_t size);

[[nodiscard]] Bytes bytesOf(std::string_view text);
// True when the bytes are well-formed UTF-8 (no overlongs, no surrogates).
[[nodiscard]] bool isValidUtf8(const Bytes& bytes);

}  // namespace kubos::service
