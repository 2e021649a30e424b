#include "sim-eps/board.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace kubos::sim_eps {

namespace {
constexpr std::string_view kVersion = "SIM-EPS 1.0.0";
constexpr double kOrbitSeconds = 5400.0;  // ~90 min low Earth orbit: sun/eclipse cycle
}  // namespace

void Board::settle(Clock::time_point now) {
  if (resetUntil_ && now >= *resetUntil_) {
    upSince_ = *resetUntil_;
    resetUntil_.reset();
    state_ = PowerState::On;
  }
}

PowerState Board::state(Clock::time_point now) {
  settle(now);
  return state_;
}

Telemetry Board::telemetry(Clock::time_point now) {
  settle(now);
  const double t = std::chrono::duration<double>(now - boot_).count();
  const double orbit = std::sin(2.0 * std::numbers::pi * t / kOrbitSeconds);
  Telemetry out;
  const double percent = 80.0 + 15.0 * orbit;
  out.batteryPercent = static_cast<std::uint8_t>(std::lround(percent));
  // A 2S Li-ion pack: about 7.4 V empty-ish to 8.1 V nearly full, with ripple.
  out.batteryMillivolts = static_cast<std::uint16_t>(std::lround(6000.0 + percent * 25.0 + 8.0 * std::sin(t * 1.3)));
  double amps = 0.0;
  switch (state_) {
    case PowerState::On: amps = 450.0 + 40.0 * std::sin(t / 7.0); break;
    case PowerState::Off: amps = 12.0; break;  // the controller alone
    case PowerState::Reset: amps = 0.0; break;
  }
  out.batteryMilliamps = static_cast<std::int16_t>(std::lround(amps));
  const double celsius = 21.5 + 3.0 * orbit + (state_ == PowerState::On ? 2.0 : 0.0);
  out.centiCelsius = static_cast<std::int16_t>(std::lround(celsius * 100.0));
  out.uptimeSeconds = resetUntil_ ? 0
                                  : static_cast<std::uint32_t>(
                                        std::chrono::duration_cast<std::chrono::seconds>(now - upSince_).count());
  out.state = state_;
  out.resetCount = resets_;
  return out;
}

Bytes Board::nak(std::uint8_t id, NakReason r) const {
  const std::uint8_t p[2] = {id, static_cast<std::uint8_t>(r)};
  return encodeFrame(kNak, p);
}

Bytes Board::raw(std::span<const std::uint8_t> cmd, Clock::time_point now) {
  const std::uint8_t reply = kRaw | kReplyFlag;
  // Binary PEEK: 01 addr_hi addr_lo count -> `count` bytes of the board's ROM.
  if (cmd[0] == 0x01) {
    if (cmd.size() != 4 || cmd[3] == 0) return nak(kRaw, NakReason::BadArgument);
    const unsigned addr = (static_cast<unsigned>(cmd[1]) << 8) | cmd[2];
    Bytes out;
    for (unsigned i = 0; i < cmd[3]; ++i) out.push_back(static_cast<std::uint8_t>(((addr + i) * 37 + 11) & 0xFF));
    return encodeFrame(reply, out);
  }
  // Text console: one command per frame, trailing CR/LF/spaces ignored.
  std::string line(cmd.begin(), cmd.end());
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
  const auto sp = line.find(' ');
  std::string word = line.substr(0, sp);
  std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::toupper(c); });
  std::string answer;
  if (word == "VERSION") {
    answer = kVersion;
  } else if (word == "ECHO") {
    answer = sp == std::string::npos ? "" : line.substr(sp + 1);
  } else if (word == "STATUS") {
    Telemetry t = telemetry(now);
    char buf[160];
    std::snprintf(buf, sizeof buf, "state=%s uptime=%u vbat=%u ibat=%d temp=%.2f resets=%u charge=%u",
                  std::string(kubos::service::hardware::powerStateName(t.state)).c_str(), t.uptimeSeconds, t.batteryMillivolts,
                  t.batteryMilliamps, t.centiCelsius / 100.0, t.resetCount, t.batteryPercent);
    answer = buf;
  } else {
    answer = "ERR unknown command";
  }
  return encodeFrame(reply, std::span(reinterpret_cast<const std::uint8_t*>(answer.data()), answer.size()));
}

Bytes Board::handle(const FrameDecoder::Event& ev, Clock::time_point now) {
  settle(now);
  const Frame& f = ev.frame;
  if (ev.kind == FrameDecoder::Event::Kind::BadChecksum) return nak(f.id, NakReason::BadChecksum);
  const auto reply = static_cast<std::uint8_t>(f.id | kReplyFlag);
  switch (f.id) {
    case kPing:
      return encodeFrame(reply, f.payload);
    case kGetTelemetry:
      if (!f.payload.empty()) return nak(f.id, NakReason::BadArgument);
      return encodeFrame(reply, encodeTelemetry(telemetry(now)));
    case kSetPower: {
      auto s = f.payload.size() == 1 ? powerStateFromByte(f.payload[0]) : std::nullopt;
      if (!s) return nak(f.id, NakReason::BadArgument);
      if (*s == PowerState::Reset) {
        // The controller power-cycles the outputs and reboots; it keeps
        // answering (state RESET, uptime 0) until the reset is over.
        state_ = PowerState::Reset;
        resetUntil_ = now + kResetDuration;
        ++resets_;
      } else if (!resetUntil_) {
        state_ = *s;
      } else {
        return nak(f.id, NakReason::BadArgument);  // outputs cannot switch mid-reset
      }
      const std::uint8_t p = powerStateByte(state_);
      return encodeFrame(reply, std::span(&p, 1));
    }
    case kRaw:
      if (f.payload.empty()) return nak(f.id, NakReason::BadArgument);
      return raw(f.payload, now);
    default:
      return nak(f.id, NakReason::UnknownCommand);
  }
}

}  // namespace kubos::sim_eps
