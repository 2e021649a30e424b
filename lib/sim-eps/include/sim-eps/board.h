// The simulated EPS board: state and behaviour, no I/O. The simulator
// (tools/sim-eps) feeds it decoded frames from a pseudo-terminal and writes
// back its replies; unit tests put it behind a mock transport, so the model
// is tested against the same board logic without a pty.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "sim-eps/protocol.h"

namespace kubos::sim_eps {

class Board {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::milliseconds kResetDuration{250};

  explicit Board(Clock::time_point boot) : boot_(boot), upSince_(boot) {}

  // Answers one decoded frame (or checksum failure) received at `now`.
  // Every input gets exactly one reply frame, as the protocol promises.
  Bytes handle(const FrameDecoder::Event& ev, Clock::time_point now);

  Telemetry telemetry(Clock::time_point now);
  PowerState state(Clock::time_point now);

 private:
  Bytes nak(std::uint8_t id, NakReason r) const;
  Bytes raw(std::span<const std::uint8_t> cmd, Clock::time_point now);
  void settle(Clock::time_point now);  // finishes a reset whose time is up

  Clock::time_point boot_;     // simulator start: drives the slow telemetry curves
  Clock::time_point upSince_;  // controller boot: start or end of the last reset
  PowerState state_ = PowerState::On;
  std::optional<Clock::time_point> resetUntil_;
  std::uint16_t resets_ = 0;
};

}  // namespace kubos::sim_eps
