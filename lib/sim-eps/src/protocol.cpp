#include "sim-eps/protocol.h"

#include <algorithm>

namespace kubos::sim_eps {

std::string_view nakReasonText(std::uint8_t reason) {
  switch (static_cast<NakReason>(reason)) {
    case NakReason::BadChecksum: return "bad checksum";
    case NakReason::UnknownCommand: return "unknown command";
    case NakReason::BadArgument: return "bad argument";
  }
  return "unknown reason";
}

std::uint8_t powerStateByte(PowerState s) {
  switch (s) {
    case PowerState::Off: return 0;
    case PowerState::On: return 1;
    case PowerState::Reset: return 2;
  }
  return 0;
}

std::optional<PowerState> powerStateFromByte(std::uint8_t b) {
  switch (b) {
    case 0: return PowerState::Off;
    case 1: return PowerState::On;
    case 2: return PowerState::Reset;
    default: return std::nullopt;
  }
}

std::uint16_t crc16(std::span<const std::uint8_t> data, std::uint16_t crc) {
  for (std::uint8_t byte : data) {
    crc = static_cast<std::uint16_t>(crc ^ (byte << 8));
    for (int i = 0; i < 8; ++i) {
      crc = (crc & 0x8000) ? static_cast<std::uint16_t>((crc << 1) ^ 0x1021) : static_cast<std::uint16_t>(crc << 1);
    }
  }
  return crc;
}

Bytes encodeFrame(std::uint8_t id, std::span<const std::uint8_t> payload) {
  const std::size_t n = std::min(payload.size(), kMaxPayload);
  Bytes out;
  out.reserve(kHeaderSize + n + kTrailerSize);
  out.push_back(kSync1);
  out.push_back(kSync2);
  out.push_back(id);
  out.push_back(static_cast<std::uint8_t>(n));
  out.insert(out.end(), payload.begin(), payload.begin() + static_cast<std::ptrdiff_t>(n));
  // The CRC covers id, length and payload (not the sync pattern).
  std::uint16_t crc = crc16(std::span(out).subspan(2));
  out.push_back(static_cast<std::uint8_t>(crc >> 8));
  out.push_back(static_cast<std::uint8_t>(crc & 0xFF));
  return out;
}

std::optional<FrameDecoder::Event> FrameDecoder::push(std::uint8_t b) {
  switch (state_) {
    case State::Sync1:
      if (b == kSync1) state_ = State::Sync2;
      else ++skipped_;
      return std::nullopt;
    case State::Sync2:
      if (b == kSync2) {
        state_ = State::Id;
      } else {
        ++skipped_;
        // EB EB 90: the second EB may start the real frame.
        state_ = b == kSync1 ? State::Sync2 : State::Sync1;
      }
      return std::nullopt;
    case State::Id:
      cur_ = Frame{b, {}};
      crc_ = crc16(std::span(&b, 1));
      state_ = State::Len;
      return std::nullopt;
    case State::Len:
      want_ = b;
      crc_ = crc16(std::span(&b, 1), crc_);
      cur_.payload.reserve(want_);
      state_ = want_ ? State::Payload : State::Crc1;
      return std::nullopt;
    case State::Payload:
      cur_.payload.push_back(b);
      crc_ = crc16(std::span(&b, 1), crc_);
      if (cur_.payload.size() == want_) state_ = State::Crc1;
      return std::nullopt;
    case State::Crc1:
      want_ = static_cast<std::size_t>(b) << 8;  // reuse: high CRC byte
      state_ = State::Crc2;
      return std::nullopt;
    case State::Crc2: {
      state_ = State::Sync1;
      const auto received = static_cast<std::uint16_t>(want_ | b);
      Event ev{received == crc_ ? Event::Kind::Frame : Event::Kind::BadChecksum, std::move(cur_)};
      cur_ = {};
      return ev;
    }
  }
  return std::nullopt;
}

namespace {
void put16(Bytes& o, std::uint16_t v) {
  o.push_back(static_cast<std::uint8_t>(v >> 8));
  o.push_back(static_cast<std::uint8_t>(v & 0xFF));
}
std::uint16_t get16(std::span<const std::uint8_t> p, std::size_t at) {
  return static_cast<std::uint16_t>((p[at] << 8) | p[at + 1]);
}
}  // namespace

Bytes encodeTelemetry(const Telemetry& t) {
  Bytes o;
  o.reserve(kTelemetrySize);
  put16(o, t.batteryMillivolts);
  put16(o, static_cast<std::uint16_t>(t.batteryMilliamps));
  put16(o, static_cast<std::uint16_t>(t.centiCelsius));
  put16(o, static_cast<std::uint16_t>(t.uptimeSeconds >> 16));
  put16(o, static_cast<std::uint16_t>(t.uptimeSeconds & 0xFFFF));
  o.push_back(powerStateByte(t.state));
  put16(o, t.resetCount);
  o.push_back(t.batteryPercent);
  return o;
}

std::optional<Telemetry> decodeTelemetry(std::span<const std::uint8_t> p) {
  if (p.size() != kTelemetrySize) return std::nullopt;
  auto state = powerStateFromByte(p[10]);
  if (!state) return std::nullopt;
  Telemetry t;
  t.batteryMillivolts = get16(p, 0);
  t.batteryMilliamps = static_cast<std::int16_t>(get16(p, 2));
  t.centiCelsius = static_cast<std::int16_t>(get16(p, 4));
  t.uptimeSeconds = (static_cast<std::uint32_t>(get16(p, 6)) << 16) | get16(p, 8);
  t.state = *state;
  t.resetCount = get16(p, 11);
  t.batteryPercent = p[13];
  return t;
}

}  // namespace kubos::sim_eps
