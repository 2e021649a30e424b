// Requirements SIM-2 to SIM-6 (lib/sim-eps/README.md): the simulated board's behaviour, without a pty.
#include <gtest/gtest.h>

#include "sim-eps/board.h"

using namespace kubos::sim_eps;
using namespace std::chrono_literals;

namespace {
struct Rig {
  Board::Clock::time_point t0 = Board::Clock::now();
  Board board{t0};
  Frame ask(std::uint8_t id, Bytes payload, std::chrono::milliseconds at) {
    FrameDecoder::Event ev{FrameDecoder::Event::Kind::Frame, {id, std::move(payload)}};
    Bytes reply = board.handle(ev, t0 + at);
    FrameDecoder d;
    for (auto b : reply)
      if (auto e = d.push(b)) {
        EXPECT_EQ(e->kind, FrameDecoder::Event::Kind::Frame);
        return e->frame;
      }
    ADD_FAILURE() << "no complete reply frame";
    return {};
  }
  Telemetry tm(std::chrono::milliseconds at) {
    Frame f = ask(kGetTelemetry, {}, at);
    EXPECT_EQ(f.id, kGetTelemetry | kReplyFlag);
    return decodeTelemetry(f.payload).value_or(Telemetry{});
  }
};
std::string text(const Frame& f) { return std::string(f.payload.begin(), f.payload.end()); }
}  // namespace

TEST(Board, SIM_2_PingEchoesPayload) {
  Rig r;
  Frame f = r.ask(kPing, {1, 2, 3}, 0ms);
  EXPECT_EQ(f, (Frame{kPing | kReplyFlag, {1, 2, 3}}));
}

TEST(Board, SIM_3_TelemetryIsPlausibleAndUptimeCounts) {
  Rig r;
  Telemetry t = r.tm(3500ms);
  EXPECT_EQ(t.state, PowerState::On);
  EXPECT_EQ(t.uptimeSeconds, 3u);
  EXPECT_GT(t.batteryMillivolts, 7000);
  EXPECT_LT(t.batteryMillivolts, 8600);
  EXPECT_GT(t.batteryMilliamps, 300);
  EXPECT_GT(t.centiCelsius, 1500);
  EXPECT_LT(t.centiCelsius, 3000);
  EXPECT_EQ(t.resetCount, 0);
}

TEST(Board, SIM_4_SetPowerOffOnAndReset) {
  Rig r;
  EXPECT_EQ(r.ask(kSetPower, {0}, 1000ms), (Frame{kSetPower | kReplyFlag, {0}}));
  Telemetry off = r.tm(1100ms);
  EXPECT_EQ(off.state, PowerState::Off);
  EXPECT_LT(off.batteryMilliamps, 50);
  EXPECT_EQ(r.ask(kSetPower, {1}, 2000ms), (Frame{kSetPower | kReplyFlag, {1}}));
  EXPECT_EQ(r.ask(kSetPower, {2}, 5000ms), (Frame{kSetPower | kReplyFlag, {2}}));
  Telemetry during = r.tm(5100ms);
  EXPECT_EQ(during.state, PowerState::Reset);
  EXPECT_EQ(during.uptimeSeconds, 0u);
  EXPECT_EQ(during.resetCount, 1);
  Telemetry after = r.tm(5000ms + Board::kResetDuration + 1200ms);
  EXPECT_EQ(after.state, PowerState::On);
  EXPECT_EQ(after.uptimeSeconds, 1u);  // counted from the end of the reset
}

TEST(Board, SIM_5_NakForBadChecksumUnknownCommandAndBadArgument) {
  Rig r;
  FrameDecoder::Event bad{FrameDecoder::Event::Kind::BadChecksum, {kSetPower, {1}}};
  Bytes reply = r.board.handle(bad, r.t0);
  EXPECT_EQ(reply, encodeFrame(kNak, Bytes{kSetPower, 0x01}));
  EXPECT_EQ(r.ask(0x42, {}, 0ms), (Frame{kNak, {0x42, 0x02}}));
  EXPECT_EQ(r.ask(kSetPower, {9}, 0ms), (Frame{kNak, {kSetPower, 0x03}}));
  EXPECT_EQ(r.ask(kSetPower, {}, 0ms), (Frame{kNak, {kSetPower, 0x03}}));
  EXPECT_EQ(r.ask(kGetTelemetry, {1}, 0ms), (Frame{kNak, {kGetTelemetry, 0x03}}));
  EXPECT_EQ(r.ask(kRaw, {}, 0ms), (Frame{kNak, {kRaw, 0x03}}));
}

TEST(Board, SIM_6_RawConsoleAndPeek) {
  Rig r;
  EXPECT_EQ(text(r.ask(kRaw, {'v', 'e', 'r', 's', 'i', 'o', 'n', '\r', '\n'}, 0ms)), "SIM-EPS 1.0.0");
  EXPECT_EQ(text(r.ask(kRaw, {'E', 'C', 'H', 'O', ' ', 'h', 'i'}, 0ms)), "hi");
  EXPECT_EQ(text(r.ask(kRaw, {'z', 'a', 'p'}, 0ms)), "ERR unknown command");
  EXPECT_EQ(text(r.ask(kRaw, {'S', 'T', 'A', 'T', 'U', 'S'}, 2000ms)).rfind("state=ON uptime=2 ", 0), 0u);
  Frame peek = r.ask(kRaw, {0x01, 0x00, 0x10, 3}, 0ms);
  EXPECT_EQ(peek, (Frame{kRaw | kReplyFlag, {0x5B, 0x80, 0xA5}}));  // (a*37+11)&0xFF, a=16..18 (checked with python)
  EXPECT_EQ(r.ask(kRaw, {0x01, 0x00}, 0ms), (Frame{kNak, {kRaw, 0x03}}));
}
