// The sim-eps wire protocol (lib/sim-eps/PROTOCOL.md): framing, CRC, and
// the typed payloads. Shared by the simulator (tools/sim-eps) and by
// sim-eps-service's model; the known-answer tests in lib/sim-eps/tests/unit
// pin the bytes so that a bug here cannot hide by being symmetric.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "service/hardware.h"

namespace kubos::sim_eps {

// The kit's byte string and power-state enum: one of each across the stack.
using kubos::service::Bytes;
using kubos::service::hardware::PowerState;

inline constexpr std::uint8_t kSync1 = 0xEB;
inline constexpr std::uint8_t kSync2 = 0x90;
inline constexpr std::size_t kHeaderSize = 4;   // sync1 sync2 id len
inline constexpr std::size_t kTrailerSize = 2;  // CRC-16, big-endian
inline constexpr std::size_t kMaxPayload = 255;

// Command ids (host -> board) and reply ids (board -> host).
enum Id : std::uint8_t {
  kPing = 0x01,
  kGetTelemetry = 0x02,
  kSetPower = 0x03,
  kRaw = 0x04,
  kReplyFlag = 0x80,  // a reply's id is the command's id | 0x80
  kNak = 0x15,
};

enum class NakReason : std::uint8_t {
  BadChecksum = 0x01,
  UnknownCommand = 0x02,
  BadArgument = 0x03,
};
std::string_view nakReasonText(std::uint8_t reason);

// The power state on the wire: 0 OFF, 1 ON, 2 RESET (SET_POWER and telemetry).
std::uint8_t powerStateByte(PowerState s);
// nullopt for any other byte: an unknown state is an error, never a guess.
std::optional<PowerState> powerStateFromByte(std::uint8_t b);

// CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection,
// no final XOR. check("123456789") == 0x29B1.
std::uint16_t crc16(std::span<const std::uint8_t> data, std::uint16_t crc = 0xFFFF);

struct Frame {
  std::uint8_t id = 0;
  Bytes payload;
  bool operator==(const Frame&) const = default;
};

// Encodes a frame. The payload must be at most kMaxPayload bytes (callers
// check; a longer one is truncated rather than overflowing the length byte).
Bytes encodeFrame(std::uint8_t id, std::span<const std::uint8_t> payload = {});

// Incremental decoder: feed bytes as they arrive, collect events. Garbage
// before a sync pattern is skipped (and counted), so the stream resyncs by
// itself after line noise or a half-sent frame.
class FrameDecoder {
 public:
  struct Event {
    enum class Kind : std::uint8_t { Frame, BadChecksum } kind;
    Frame frame;  // for BadChecksum: the id and payload as received
  };
  // Consumes one byte; returns an event when a frame ends.
  std::optional<Event> push(std::uint8_t b);
  // Drops a partial frame (inter-byte timeout).
  void reset() { state_ = State::Sync1; }
  bool midFrame() const { return state_ != State::Sync1; }
  std::uint64_t skippedBytes() const { return skipped_; }

 private:
  enum class State : std::uint8_t { Sync1, Sync2, Id, Len, Payload, Crc1, Crc2 };
  State state_ = State::Sync1;
  Frame cur_;
  std::size_t want_ = 0;
  std::uint16_t crc_ = 0;
  std::uint64_t skipped_ = 0;
};

// GET_TELEMETRY reply payload (14 bytes, big-endian).
struct Telemetry {
  std::uint16_t batteryMillivolts = 0;
  std::int16_t batteryMilliamps = 0;  // positive: drawn from the battery
  std::int16_t centiCelsius = 0;      // board temperature, 0.01 degC
  std::uint32_t uptimeSeconds = 0;    // since power-on or the last reset
  PowerState state = PowerState::Off;
  std::uint16_t resetCount = 0;
  std::uint8_t batteryPercent = 0;
  bool operator==(const Telemetry&) const = default;
};
inline constexpr std::size_t kTelemetrySize = 14;
Bytes encodeTelemetry(const Telemetry& t);
// nullopt when the size is wrong or the power state byte is unknown.
std::optional<Telemetry> decodeTelemetry(std::span<const std::uint8_t> p);

}  // namespace kubos::sim_eps
