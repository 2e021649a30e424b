// KISS framing for serial radios (docs/comms.md, "KISS framing").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "comms/packet.h"

namespace kubos::comms {

inline constexpr std::uint8_t kKissFend = 0xC0;
inline constexpr std::uint8_t kKissFesc = 0xDB;
inline constexpr std::uint8_t kKissTfend = 0xDC;
inline constexpr std::uint8_t kKissTfesc = 0xDD;

// C0 00 <payload, C0 -> DB DC, DB -> DB DD> C0
Bytes kissEncode(ByteView payload);

// DB DC -> C0, DB DD -> DB; nullopt on any other escape (or a trailing DB).
std::optional<Bytes> kissUnescape(ByteView escaped);

struct KissFrame {
  Bytes frame;  // unescaped
  Bytes pre;    // bytes before the frame's C0 00
  Bytes post;   // bytes after its closing C0
};

struct KissError {
  std::string message;  // "KISS frame start not found" / "KISS frame end not found"
};

// The first valid frame in `bytes`. A frame with an invalid escape is
// skipped and the search goes on from its closing C0 (resynchronisation).
std::variant<KissFrame, KissError> kissDecode(ByteView bytes);

// Frames out of a byte stream that arrives in pieces: garbage between frames
// is dropped, a frame split across reads is kept until its end arrives.
class KissStream {
 public:
  explicit KissStream(std::size_t maxFrame = 70000) : maxFrame_(maxFrame) {}
  void push(ByteView bytes);
  // The next whole frame, if any.
  std::optional<Bytes> next();
  std::size_t buffered() const { return buf_.size(); }
  // Bytes discarded so far (garbage, bad escapes, oversized frames).
  std::size_t dropped() const { return dropped_; }

 private:
  std::size_t maxFrame_;
  Bytes buf_;
  std::size_t dropped_ = 0;
};

}  // namespace kubos::comms
